/**
 * `Quarterly Review`: one row per key × currency of the latest (full) quarter or the one before;
 * each figure for both quarters, its absolute and relative change, the band change, the
 * cost-to-value ratio of the latest quarter and the remediation reason of every key. Above the
 * table a title block (`review-title.ts`); below it a totals row per currency (sums over the
 * table's rows, figures computed from the sums), the unattributed share of cost per currency and
 * quarter (over Unit Economics) and the cost bridge lines. Between the title block and the table,
 * in view without scrolling at 1366 × 768 beside the task pane, a clustered column chart per
 * currency of cost per inference in both quarters for its costliest keys (the table's first rows:
 * each currency's keys stand in order of latest-quarter cost, the costliest first).
 */
import { cellAddress, fixedColumnAddress } from "../a1";
import { formulaString, safeText } from "../safeText";
import { CHANGE_FORMAT, COUNT_FORMAT, moneyFormat, MULTIPLE_FORMAT, RATIO_FORMAT } from "../formats";
import { bridgeLineCells } from "./bridge";
import { UNATTRIBUTED } from "../../import/keys";
import type { ImportResult } from "../../import/types";
import type { WriteOptions } from "../types";
import { columns, textWidth, type Column, type FormatSpec, type PlacedTable, type RowRefs } from "./columns";
import { countNumbersWhere, periodCond, sumWhere, type Cond } from "./criteria";
import { BAND_CHANGE_WIDTH, BAND_WIDTH, F, moneyOf, unitMoneyOf } from "./figures";
import { cmp, costByPair, pairId, type Triple, type UnitModel } from "./model";
import { chartBoxes, topCount } from "./top";
import { BAND_RULES, FIGURE_STYLE, FLAG_RULES, REMEDIATION_FLAG } from "./names";
import { reviewTitle } from "./review-title";
import { commentary } from "./commentary";
import { unitSum, type UnitData } from "./unit";
import type { BandRule, BlockPlan, Cell, ChartPlan, FormatPlan, PlanNames, SheetPlan } from "./types";

/** A key × currency of the review, or the totals row of a currency. */
export type ReviewRow = Triple & { total?: true };

interface ReviewContext {
  ue: UnitData;
  /** The quarters' labels, as headers and as string expressions in formulas. */
  label: Record<Quarter, string>;
  literal: Record<Quarter, string>;
  /** The placed key table, when placing the totals rows that sum it. */
  keys?: PlacedTable<ReviewKey, ReviewRow, ReviewContext>;
  unitFormat(currency: string): string;
}

/** Remediation reasons besides REMEDIATION_FLAG (a cost-to-value ratio above 1, or cost without value). */
export const REVIEW_REASONS = {
  noInferences: "no inferences in the quarter",
  noValue: "no value data",
} as const;

export const TOTAL_LABEL = "Total";
export const UNATTRIBUTED_SHARE_LABEL = "Unattributed share of cost";
/** The review's rows of the cost bridge: "Cost bridge: Volume", … */
export const BRIDGE_LABEL = "Cost bridge";
export const REVIEW_CHART_TITLE = "Cost per inference by key";
/** Title size in points (the body is 11). */
export const TITLE_FONT_SIZE = 14;
/** Rows of a band of charts (two currencies side by side) between the title block and the table. */
const CHART_ROWS = 16;
/** Points the 14-point title row is taller than a body row (18.75 against 15), so the charts start below it. */
const TITLE_EXTRA_PT = 4;
/** Freeze the rows down to the table header only when they leave room to scroll at 1366 × 768. */
const MAX_FROZEN_ROWS = 12;

type Quarter = "Prev" | "Cur";
type Measure = "cost" | "inferences" | "costPerInference" | "value" | "roi" | "band";
type ReviewKey = "key" | "currency" | `${Measure}${Quarter | "Change" | "Diff"}` | "costToValue" | "remediation" | "commentary";

const MIN_WIDTH = 95;
/** Characters of a typical commentary ("cost per inference fell 12 % on a 40 % volume rise; band Good → Excellent"). */
const COMMENTARY_CHARS = 60;

interface MeasureSpec {
  measure: Measure;
  title: string;
  /** The figure of one quarter. */
  cell: (q: Quarter, t: ReviewRow, at: RowRefs<ReviewKey>, c: ReviewContext) => Cell;
  format?: FormatSpec<ReviewRow, ReviewContext>;
  rules?: readonly BandRule[];
  /** The change column's formula (default the relative change) and format. */
  change?: (prev: string, cur: string) => string;
  changeFormat?: string;
  /** A number: an absolute change column (latest minus previous) before the relative one. */
  diff?: boolean;
  /** Least width of the quarter columns and of the change column (default MIN_WIDTH). */
  width?: number;
  changeWidth?: number;
}

/** Latest minus previous; blank when either is blank. */
const difference = (prev: string, cur: string): string => `=IF(AND(ISNUMBER(${prev}),ISNUMBER(${cur})),${cur}-${prev},"")`;

/** A measure's columns: previous quarter, latest quarter, absolute change (numbers), relative change. */
function measureColumns(m: MeasureSpec): Column<ReviewKey, ReviewRow, ReviewContext>[] {
  const quarter = (q: Quarter): Column<ReviewKey, ReviewRow, ReviewContext> => ({
    key: `${m.measure}${q}`,
    header: (c) => `${m.title} ${c.label[q]}`,
    cell: (t, at, c) => m.cell(q, t, at, c),
    format: m.format,
    rules: m.rules,
    minWidth: m.width ?? MIN_WIDTH,
  });
  const change = m.change ?? F.change;
  const diff: Column<ReviewKey, ReviewRow, ReviewContext>[] = m.diff
    ? [
        {
          key: `${m.measure}Diff`,
          header: `${m.title} change`,
          cell: (_, at) => difference(at.cell(`${m.measure}Prev`), at.cell(`${m.measure}Cur`)),
          format: m.format,
          minWidth: MIN_WIDTH,
        },
      ]
    : [];
  return [
    quarter("Prev"),
    quarter("Cur"),
    ...diff,
    {
      key: `${m.measure}Change`,
      header: m.diff ? `${m.title} change %` : `${m.title} change`,
      cell: (_, at) => change(at.cell(`${m.measure}Prev`), at.cell(`${m.measure}Cur`)),
      format: m.changeFormat,
      minWidth: m.changeWidth ?? MIN_WIDTH,
    },
  ];
}

/**
 * A sum over the Unit Economics rows of the quarter; on a totals row, the sum of the key
 * table's column over its rows of the same currency (blank where none holds a number).
 */
const summed =
  (values: "cost" | "inferences" | "value") =>
  (q: Quarter, t: ReviewRow, at: RowRefs<ReviewKey>, c: ReviewContext): string => {
    if (t.total !== true || c.keys === undefined) return unitSum(c.ue, values, t, at, "quarter", c.literal[q], true);
    const column = c.keys.range(`${values}${q}`);
    const conds: Cond[] = [{ range: c.keys.range("currency"), cell: at.fixed("currency"), text: t.currency }];
    return `=IF(${countNumbersWhere(column, conds)}=0,"",${sumWhere(column, conds)})`;
  };

/** A figure from other measures of the same quarter. */
const figure =
  (f: (a: string, b: string) => string, a: Measure, b: Measure) =>
  (q: Quarter, _: ReviewRow, at: RowRefs<ReviewKey>): string =>
    f(at.cell(`${a}${q}`), at.cell(`${b}${q}`));

/**
 * Every reason the latest quarter of a row needs attention, joined by "; ", blank when none
 * (or when it has no positive cost): REMEDIATION_FLAG for a cost-to-value ratio above 1 or
 * cost with a value of 0, then no inferences, then no value data.
 */
function remediation(at: RowRefs<ReviewKey>): string {
  const cost = at.cell("costCur");
  const inf = at.cell("inferencesCur");
  const value = at.cell("valueCur");
  const ctv = at.cell("costToValue");
  const reason = (cond: string, text: string): string => `IF(${cond},${formulaString("; " + text)},"")`;
  const reasons = [
    reason(`IF(ISNUMBER(${ctv}),${ctv}>1,AND(ISNUMBER(${value}),${value}=0))`, REMEDIATION_FLAG),
    reason(`IF(ISNUMBER(${inf}),${inf}=0,TRUE)`, REVIEW_REASONS.noInferences),
    reason(`NOT(ISNUMBER(${value}))`, REVIEW_REASONS.noValue),
  ].join("&");
  return `=IF(ISNUMBER(${cost}),IF(${cost}>0,MID(${reasons},3,255),""),"")`;
}

export const REVIEW = columns<ReviewRow, ReviewContext>()<ReviewKey>([
  { key: "key", header: "Key", cell: (t) => (t.total === true ? TOTAL_LABEL : safeText(t.key)) },
  { key: "currency", header: "Currency", cell: (t) => safeText(t.currency) },
  ...measureColumns({ measure: "cost", title: "Cost", cell: summed("cost"), format: moneyOf, changeFormat: CHANGE_FORMAT, diff: true }),
  ...measureColumns({ measure: "inferences", title: "Inferences", cell: summed("inferences"), format: COUNT_FORMAT, changeFormat: CHANGE_FORMAT, diff: true }),
  ...measureColumns({
    measure: "costPerInference",
    title: "Cost per inference",
    cell: figure(F.costPerInference, "cost", "inferences"),
    format: unitMoneyOf,
    changeFormat: CHANGE_FORMAT,
    diff: true,
  }),
  ...measureColumns({ measure: "value", title: "Value", cell: summed("value"), format: moneyOf, changeFormat: CHANGE_FORMAT, diff: true }),
  ...measureColumns({ measure: "roi", title: "ROI multiple", cell: figure(F.roi, "value", "cost"), format: MULTIPLE_FORMAT, changeFormat: CHANGE_FORMAT, diff: true }),
  ...measureColumns({ measure: "band", title: "Band", cell: (q, _, at) => F.band(at.cell(`roi${q}`)), rules: BAND_RULES, change: F.bandChange, width: BAND_WIDTH, changeWidth: BAND_CHANGE_WIDTH }),
  {
    key: "costToValue",
    header: (c) => `Cost-to-value ratio ${c.label.Cur}`,
    cell: (_, at) => F.costToValue(at.cell("costCur"), at.cell("valueCur")),
    format: RATIO_FORMAT,
    minWidth: MIN_WIDTH,
  },
  {
    key: "remediation",
    header: "Remediation",
    cell: (_, at) => remediation(at),
    rules: FLAG_RULES,
    minWidth: MIN_WIDTH,
  },
  {
    key: "commentary",
    header: "Commentary",
    cell: (_, at) => commentary(at.cell("costPerInferenceChange"), at.cell("inferencesChange"), at.cell("bandChange")),
    minWidth: textWidth(COMMENTARY_CHARS),
  },
]);


const isChange = (k: ReviewKey): boolean => k.endsWith("Change");

/** The number formats of a placed table: figures and absolute changes, then relative changes, then the ratio. */
function reviewFormats(t: PlacedTable<ReviewKey, ReviewRow, ReviewContext>): FormatPlan[] {
  return [...t.formats((k) => !isChange(k) && k !== "costToValue"), ...t.formats(isChange), ...t.formats((k) => k === "costToValue")];
}

/** The unattributed share of cost of each currency and quarter: `(unattributed)` cost over Unit Economics, over the total. */
function shareRows(
  currencies: readonly string[],
  top: number,
  totalsTop: number,
  c: ReviewContext,
): { block: BlockPlan; formats: FormatPlan[] } {
  const u = c.ue.table;
  const col = (k: ReviewKey): number => REVIEW.index(k);
  const cells = currencies.map((cur, i) => {
    const row: Cell[] = new Array<Cell>(REVIEW.width).fill("");
    row[col("key")] = UNATTRIBUTED_SHARE_LABEL;
    row[col("currency")] = safeText(cur);
    const currencyCell = fixedColumnAddress(top + i, col("currency"));
    for (const q of ["Prev", "Cur"] as const) {
      const total = cellAddress(totalsTop + i, col(`cost${q}`));
      const conds: Cond[] = [
        { range: u.range("key"), cell: formulaString(UNATTRIBUTED), text: UNATTRIBUTED },
        { range: u.range("currency"), cell: currencyCell, text: cur },
        periodCond(u.range("quarter"), c.literal[q]),
      ];
      row[col(`cost${q}`)] = `=IF(ISNUMBER(${total}),IF(${total}=0,"",${sumWhere(u.range("cost"), conds)}/${total}),"")`;
    }
    return row;
  });
  const block: BlockPlan = { row: top, col: 0, rowCount: cells.length, colCount: REVIEW.width, mode: "formulas", cells };
  const formats: FormatPlan[] = [{ row: top, col: col("costPrev"), rowCount: cells.length, colCount: 2, format: CHANGE_FORMAT }];
  return { block, formats };
}

/**
 * The cost bridge of each currency under the shares (one blank row between): each line of the
 * Cost Bridge sheet in the cost change column, so the lines read against the total's change.
 */
function bridgeRows(currencies: readonly string[], top: number, bridgeSheet: string): { block: BlockPlan; formats: FormatPlan[] } {
  const col = (k: ReviewKey): number => REVIEW.index(k);
  const cells: Cell[][] = currencies.flatMap((cur, i) =>
    bridgeLineCells(bridgeSheet, i).map((line) => {
      const row: Cell[] = new Array<Cell>(REVIEW.width).fill("");
      row[col("key")] = `${BRIDGE_LABEL}: ${line.label}`;
      row[col("currency")] = safeText(cur);
      row[col("costDiff")] = `=${line.ref}`;
      return row;
    }),
  );
  const block: BlockPlan = { row: top, col: 0, rowCount: cells.length, colCount: REVIEW.width, mode: "formulas", cells };
  const formats: FormatPlan[] = currencies.map((cur, i) => ({ row: top + i * (cells.length / currencies.length), col: col("costDiff"), rowCount: cells.length / currencies.length, colCount: 1, format: moneyFormat(cur) }));
  return { block, formats };
}

/** Most keys whose columns carry value labels (two quarters each): beyond, the labels would overprint. */
const REVIEW_LABELLED_KEYS = 6;

/** Bands of charts between the title block and the table: two currencies side by side in each. */
function chartBands(currencies: number): number {
  return Math.ceil(currencies / 2);
}

/**
 * One clustered column chart per currency: cost per inference in both quarters of its `topKeys`
 * costliest keys (its first rows in the table), two to a band under the title block; a single
 * currency's chart takes the band's width.
 */
function reviewCharts(
  t: PlacedTable<ReviewKey, ReviewRow, ReviewContext>,
  pairs: readonly ReviewRow[],
  currencies: readonly string[],
  top: number,
  topKeys: number,
  label: Record<Quarter, string>,
  formats: Pick<UnitModel, "unitFormat" | "axisFormat">,
): ChartPlan[] {
  return currencies.map((cur, i) => {
    const first = pairs.findIndex((p) => p.currency === cur);
    const count = pairs.filter((p) => p.currency === cur).length;
    const shown = Math.min(count, topKeys);
    const rows = (k: ReviewKey) => ({ ...t.rect(k), row: t.top + 1 + first, rowCount: shown });
    const bandTop = top + Math.floor(i / 2) * (CHART_ROWS + 1);
    const [left, right] = chartBoxes(bandTop, CHART_ROWS, TITLE_EXTRA_PT);
    const box = currencies.length === 1 ? { ...left, width: right.left + right.width - left.left } : i % 2 === 0 ? left : right;
    const name = currencies.length > 1 ? `${REVIEW_CHART_TITLE}, ${cur}` : REVIEW_CHART_TITLE;
    return {
      title: shown < count ? `${name} (the ${shown} costliest of ${count})` : name,
      type: "ColumnClustered",
      series: (["Prev", "Cur"] as const).map((q) => ({ name: label[q], values: rows(`costPerInference${q}`), xValues: rows("key") })),
      from: cellAddress(bandTop, 0),
      to: cellAddress(bandTop + CHART_ROWS - 1, 0),
      box,
      valueAxisTitle: /^[A-Za-z]{3}$/.test(cur) ? `Cost per inference (${cur.toUpperCase()})` : "Cost per inference",
      // The column's own per-inference format (currency, thousands separators) on the axis, and on value labels where they fit.
      valueAxisFormat: formats.axisFormat(cur),
      ...(count <= REVIEW_LABELLED_KEYS ? { dataLabelFormat: formats.unitFormat(cur) } : {}),
    };
  });
}

export function planReviewSheet(model: UnitModel, ue: UnitData, names: PlanNames, result: ImportResult, options: WriteOptions): SheetPlan {
  const Q = model.latestQuarter;
  const Q0 = model.previousQuarter;
  const inReview = (t: Triple): boolean => model.quarterFor(t.period) === Q || model.quarterFor(t.period) === Q0;
  // By currency (each currency's rows together, for its totals and chart), then key.
  // Within a currency the costliest key of the latest quarter first (then of the previous one), so
  // that the chart's keys are the table's first rows (exact sums compared as doubles only to rank).
  const cost = {
    Cur: costByPair(result.groups, (p) => model.quarterFor(p) === Q),
    Prev: costByPair(result.groups, (p) => model.quarterFor(p) === Q0),
  };
  const costOf = (q: Quarter, t: Triple): number => cost[q].get(pairId(t.key, t.currency)) ?? 0;
  const byCurrency = (a: Triple, b: Triple): number =>
    cmp(a.currency, b.currency) || costOf("Cur", b) - costOf("Cur", a) || costOf("Prev", b) - costOf("Prev", a) || cmp(a.key, b.key);
  const pairs: ReviewRow[] = Q === null ? [] : [...model.pairsWhere(inReview)].sort(byCurrency);
  const currencies = [...new Set(pairs.map((p) => p.currency))];
  const label = { Prev: Q0 ?? "previous quarter", Cur: Q ?? "latest quarter" };
  const literal = { Prev: formulaString(label.Prev), Cur: formulaString(label.Cur) };
  const ctx: ReviewContext = { ue, label, literal, unitFormat: model.unitFormat };

  const title = reviewTitle({
    result,
    latest: Q,
    previous: Q0,
    quarterFor: model.quarterFor,
    costBasis: options.costBasis,
    fiscalStartMonth: options.fiscalStartMonth,
    currencies,
  });
  const titleBlock: BlockPlan = {
    row: 0,
    col: 0,
    rowCount: title.lines.length,
    colCount: 1,
    mode: "values",
    cells: title.lines.map((l) => [safeText(l)]),
  };
  // One blank row under the title block, the bands of charts, one blank row, the table.
  const chartsTop = title.lines.length + 1;
  const bands = chartBands(currencies.length);
  const headerRow = chartsTop + bands * (CHART_ROWS + 1);
  const t = REVIEW.place(names.sheets.review, pairs, ctx, headerRow);

  // Totals (one row per currency) and unattributed shares, one blank row under the table.
  const totalsTop = headerRow + 1 + t.n + 1;
  const totalRows: ReviewRow[] = currencies.map((currency) => ({ period: "", key: TOTAL_LABEL, currency, total: true }));
  const blocks: BlockPlan[] = [titleBlock, t.block("formulas")];
  const formats = reviewFormats(t);
  const conditionalFormats = t.conditionalFormats();
  if (totalRows.length > 0) {
    const totals = REVIEW.place(names.sheets.review, totalRows, { ...ctx, keys: t }, totalsTop - 1);
    blocks.push({ ...totals.block("formulas"), row: totalsTop, rowCount: totals.n, cells: totals.body });
    formats.push(...reviewFormats(totals));
    conditionalFormats.push(...totals.conditionalFormats());
    const share = shareRows(currencies, totalsTop + totals.n, totalsTop, ctx);
    blocks.push(share.block);
    formats.push(...share.formats);
    const bridge = bridgeRows(currencies, totalsTop + totals.n + currencies.length + 1, names.sheets.bridge);
    blocks.push(bridge.block);
    formats.push(...bridge.formats);
  }
  return {
    id: "review",
    name: names.sheets.review,
    blocks,
    formats,
    tables: [t.tablePlan("review", names.tables.review, FIGURE_STYLE)],
    charts: reviewCharts(t, pairs, currencies, chartsTop, topCount(options.topKeys), label, model),
    conditionalFormats,
    columnWidths: t.widths(),
    freezeRows: headerRow + 1 <= MAX_FROZEN_ROWS ? headerRow + 1 : 0,
    fonts: [
      { row: 0, col: 0, rowCount: 1, colCount: 1, bold: true, size: TITLE_FONT_SIZE },
      { row: headerRow, col: 0, rowCount: 1, colCount: REVIEW.width, bold: true },
      ...(totalRows.length > 0 ? [{ row: totalsTop, col: 0, rowCount: totalRows.length, colCount: REVIEW.width, bold: true }] : []),
    ],
    print: { orientation: "Landscape", fitWide: 1, titleRows: { first: headerRow, last: headerRow } },
  };
}
