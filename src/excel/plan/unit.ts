/**
 * `Unit Economics`: one row per period × key × currency. Cost, inferences and value are sums
 * over the data sheets; the figures are AIECON formulas over the same row.
 */
import { safeText } from "../safeText";
import { COUNT_FORMAT } from "../formats";
import { columns, type KeyOf, type PlacedTable, type RowRefs } from "./columns";
import { countNumbersWhere, countWhere, periodCond, sumWhere, type Cond } from "./criteria";
import { bandColumn, F, figureColumns, moneyOf } from "./figures";
import type { CostData } from "./cost";
import type { VolumeData } from "./volume";
import type { ValueData } from "./value";
import { tripleId, type Triple, type UnitModel } from "./model";
import { tableSheet } from "./sheet";
import type { PlanNames, SheetPlan } from "./types";
import { listColumns, type UnitList } from "./unit-list";

interface UnitSources {
  cost: CostData;
  volume: VolumeData;
  value: ValueData;
  /** The list-price columns' prices (only with UNIT_LISTED). */
  list?: UnitList;
  quarterFor(period: string): string;
  unitFormat(currency: string): string;
}

/**
 * The data-sheet rows of the same period and key as a unit row, and of the same currency when
 * the sheet has a currency column (its range given).
 */
function sameRow(
  data: { range(key: "period" | "key"): string },
  t: Triple,
  at: RowRefs<"period" | "key" | "currency">,
  currencyRange?: string,
): Cond[] {
  const conds: Cond[] = [periodCond(data.range("period"), at.fixed("period")), { range: data.range("key"), cell: at.fixed("key"), text: t.key }];
  if (currencyRange !== undefined) conds.push({ range: currencyRange, cell: at.fixed("currency"), text: t.currency });
  return conds;
}

/** `=IF(no row,"",SUM(...))`: blank where the data sheet has no row for this unit row. */
function sumOrBlank(values: string, conds: Cond[]): string {
  return `=IF(${countWhere(conds)}=0,"",${sumWhere(values, conds)})`;
}

export const UNIT = columns<Triple, UnitSources>()([
  { key: "period", header: "Period", cell: (t) => safeText(t.period) },
  { key: "key", header: "Key", cell: (t) => safeText(t.key) },
  { key: "currency", header: "Currency", cell: (t) => safeText(t.currency) },
  { key: "cost", header: "Cost", cell: (t, at, s) => `=${sumWhere(s.cost.range("cost"), sameRow(s.cost, t, at, s.cost.range("currency")))}`, format: moneyOf, minWidth: 90 },
  { key: "inferences", header: "Inferences", cell: (t, at, s) => sumOrBlank(s.volume.range("inferences"), sameRow(s.volume, t, at)), format: COUNT_FORMAT, minWidth: 90 },
  { key: "value", header: "Value", cell: (t, at, s) => sumOrBlank(s.value.range("value"), sameRow(s.value, t, at, s.value.range("currency"))), format: moneyOf, minWidth: 90 },
  ...figureColumns<Triple, UnitSources>(90),
  {
    key: "margin",
    header: "Margin",
    cell: (_, at) => F.margin(at.cell("value"), at.cell("valuePerInference"), at.cell("costPerInference"), at.cell("inferences")),
    format: moneyOf,
    minWidth: 90,
  },
  bandColumn<Triple, UnitSources>(90),
  { key: "quarter", header: "Quarter", cell: (t, _, s) => safeText(s.quarterFor(t.period)) },
]);

/** Unit Economics with *Priced as*, *Token cost (list)* and *Billed − list* appended (./unit-list.ts). */
export const UNIT_LISTED = columns<Triple, UnitSources>()([...UNIT.columns, ...listColumns<UnitSources>()]);

export type UnitKey = KeyOf<typeof UNIT_LISTED>;

/** The Unit Economics table as the sheets built on it read it. */
export interface UnitData {
  table: PlacedTable<UnitKey, Triple, UnitSources>;
  /** 1-based Excel row of a period × key × currency, if it has one. */
  rowOf(t: Triple): number | undefined;
}

export function planUnitSheet(
  model: UnitModel,
  sources: Omit<UnitSources, "quarterFor" | "unitFormat">,
  names: PlanNames,
): { sheet: SheetPlan; data: UnitData } {
  const table: PlacedTable<UnitKey, Triple, UnitSources> = (sources.list === undefined ? UNIT : UNIT_LISTED).place(names.sheets.unit, model.rows, {
    ...sources,
    quarterFor: model.quarterFor,
    unitFormat: model.unitFormat,
  });
  const excelRow = new Map<string, number>();
  model.rows.forEach((t, i) => excelRow.set(tripleId(t), table.top + 2 + i));
  return { sheet: tableSheet("figures", "unit", names, table), data: { table, rowOf: (t) => excelRow.get(tripleId(t)) } };
}

/**
 * The sum of a Unit Economics column over the rows of a key × currency whose `match` column
 * (period or quarter) equals `label` (a cell or a string expression); `blankWhenNone`: blank
 * ("") where no such row holds a number.
 */
export function unitSum(
  ue: UnitData,
  values: UnitKey,
  t: Triple,
  at: RowRefs<"key" | "currency">,
  match: "period" | "quarter",
  label: string,
  blankWhenNone: boolean,
): string {
  const u = ue.table;
  const conds: Cond[] = [
    { range: u.range("key"), cell: at.fixed("key"), text: t.key },
    { range: u.range("currency"), cell: at.fixed("currency"), text: t.currency },
    periodCond(u.range(match), label),
  ];
  const sum = sumWhere(u.range(values), conds);
  return blankWhenNone ? `=IF(${countNumbersWhere(u.range(values), conds)}=0,"",${sum})` : `=${sum}`;
}
