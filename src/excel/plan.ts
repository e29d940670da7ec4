/**
 * The workbook plan: everything the writer will put into the workbook, built
 * purely from an ImportResult (no Office calls). The writer applies it in
 * chunks; tests inspect it directly.
 *
 * Layout (0-based rows/columns inside each sheet; row 0 is the header row):
 *  - `AI Cost Data`   A Period, B Key, C Provider, D Service, E Charge category, F Currency, G Cost, H Source
 *  - `AI Volume Data` A Period, B Key, C Inferences, D Input tokens, E Output tokens, F Source
 *  - `AI Value Data`  A Period, B Key, C Value, D Currency, E Method, F Source
 *  - `Unit Economics` A Period, B Key, C Currency, D Cost, E Inferences, F Value, G Cost per inference,
 *                     H Value per inference, I ROI multiple, J Cost-to-value ratio, K Margin, L Band, M Quarter
 *  - `Comparison`, `Trend`, `Quarterly Review`: formulas over `Unit Economics`.
 *
 * Formulas use bounded, sheet-qualified, absolute A1 ranges (no structured references).
 */
import type { CostRecord, ImportResult, ValueRecord, VolumeRecord } from "../import/types";
import type { WriteOptions } from "./types";
import { cellAddress, columnLetters, quoteSheet, rangeAddress, sheetColumnRange } from "./a1";
import { formulaString, isPlainText, safeText } from "./safeText";
import { chooseQuarters, quarterOf, sortPeriods } from "./periods";
import { grainOfLabel } from "../core/period";
import {
  amountFormat,
  CHANGE_FORMAT,
  COUNT_FORMAT,
  GROWTH_FORMAT,
  moneyFormat,
  MULTIPLE_FORMAT,
  RATIO_FORMAT,
  unitMoneyFormat,
} from "./formats";

export type SheetId = "cost" | "volume" | "value" | "unit" | "comparison" | "trend" | "review";

export const SHEET_IDS: readonly SheetId[] = ["cost", "volume", "value", "unit", "comparison", "trend", "review"];

/** Final sheet names (contract: workbook.md). */
export const SHEET_NAMES: Readonly<Record<SheetId, string>> = {
  cost: "AI Cost Data",
  volume: "AI Volume Data",
  value: "AI Value Data",
  unit: "Unit Economics",
  comparison: "Comparison",
  trend: "Trend",
  review: "Quarterly Review",
};

export type TableId = SheetId | "trendSummary" | "costVolume";

/** Final table names (the first seven are contract). */
export const TABLE_NAMES: Readonly<Record<TableId, string>> = {
  cost: "AiCostData",
  volume: "AiVolumeData",
  value: "AiValueData",
  unit: "UnitEconomics",
  comparison: "ModelComparison",
  trend: "CostPerInferenceTrend",
  review: "QuarterlyReview",
  trendSummary: "CostPerInferenceTrendSummary",
  costVolume: "CostAgainstVolume",
};

export const TABLE_IDS: readonly TableId[] = Object.keys(TABLE_NAMES) as TableId[];

export const CHART_TITLES = {
  costPerInference: "Cost per inference by model",
  roi: "ROI multiple by model",
  trend: "Cost per inference over time",
  scatter: "Cost against volume",
} as const;

export const REMEDIATION_FLAG = "needs a remediation plan";

/** Most keys (key × currency) drawn on the Trend sheet and its charts, the costliest first. */
export const TREND_KEY_LIMIT = 50;

/** A cell: a number, a boolean, or a string (a formula when it starts with `=` in a `formulas` block). */
export type Cell = string | number | boolean;

/** A rectangle on the sheet, 0-based. */
export interface Rect {
  row: number;
  col: number;
  rowCount: number;
  colCount: number;
}

/** Cells written as one rectangle (the writer splits it into row chunks). */
export interface BlockPlan extends Rect {
  /** `values` for constants only; `formulas` when some cells are formulas (constants are kept as constants). */
  mode: "values" | "formulas";
  cells: Cell[][];
}

/**
 * A number format over a rectangle: one format for all of it, or one per row
 * (`perRow[i]` for row `row + i`, every column of the rectangle).
 * Formats are set after the values (text cells stay General: see safeText).
 */
export interface FormatPlan extends Rect {
  format: string | null;
  perRow?: string[];
}

export interface TablePlan extends Rect {
  id: TableId;
  name: string;
  style: string;
}

export type ChartKind = "ColumnClustered" | "BarClustered" | "Line" | "XYScatter";

export interface SeriesPlan {
  name: string;
  values: Rect;
  xValues?: Rect;
}

export interface ChartPlan {
  title: string;
  type: ChartKind;
  series: SeriesPlan[];
  /** Top-left and bottom-right cells (A1) of the chart. */
  from: string;
  to: string;
  valueAxisTitle?: string;
  categoryAxisTitle?: string;
}

export interface BandRule {
  text: string;
  fill: string;
  font: string;
}

export interface ConditionalFormatPlan extends Rect {
  rules: BandRule[];
}

export interface SheetPlan {
  id: SheetId;
  name: string;
  blocks: BlockPlan[];
  formats: FormatPlan[];
  tables: TablePlan[];
  charts: ChartPlan[];
  conditionalFormats: ConditionalFormatPlan[];
  /** Column widths in points, from column A. */
  columnWidths: number[];
  freezeRows: number;
}

export interface WorkbookPlan {
  sheets: SheetPlan[];
  /** The period the Comparison sheet shows (a quarter or a period label), null without data. */
  comparisonPeriod: string | null;
  /** Latest (full) quarter and the one before, for the Quarterly Review. */
  reviewQuarter: string | null;
  previousQuarter: string | null;
  /** Rows of data written over all sheets (header rows excluded). */
  dataRows: number;
}

/** Names used when planning: the final ones, or the writer's staging names. */
export interface PlanNames {
  sheets: Readonly<Record<SheetId, string>>;
  tables: Readonly<Record<TableId, string>>;
}

export const FINAL_NAMES: PlanNames = { sheets: SHEET_NAMES, tables: TABLE_NAMES };

export const BAND_RULES: readonly BandRule[] = [
  { text: "Excellent", fill: "#C6EFCE", font: "#006100" },
  { text: "Good", fill: "#D9F2E6", font: "#0B5D4B" },
  { text: "Marginal", fill: "#FFEB9C", font: "#9C5700" },
  { text: "Unsustainable", fill: "#FFC7CE", font: "#9C0006" },
];

export const FLAG_RULES: readonly BandRule[] = [{ text: "remediation", fill: "#FFC7CE", font: "#9C0006" }];

const DATA_STYLE = "TableStyleMedium2";
const FIGURE_STYLE = "TableStyleMedium9";

// ---------------------------------------------------------------------------

/** Exact decimal string → the double that goes into a cell (the last step). */
export function toCellNumber(exact: string): number {
  const n = Number(exact);
  if (!Number.isFinite(n)) throw new Error(`not a number: '${exact}'`);
  return n;
}

/** One "this column equals that cell" condition; `text` is the cell's text, known when planning. */
export interface Cond {
  range: string;
  cell: string;
  text: string;
}

/** Longest text SUMIFS/COUNTIFS can match: a longer criterion gives a wrong result or #VALUE! in Excel. */
export const CRITERION_MAX_CHARS = 255;

/**
 * True when a text can be a SUMIFS/COUNTIFS criterion as it is: it starts with
 * a letter or `_` (no comparison operator, no number or date that Excel would
 * coerce), holds no wildcard (`*`, `?`, `~`) and is at most 255 characters
 * (UTF-16 code units, the stricter count). Period labels are always usable
 * (distinct labels stay distinct when Excel coerces them to dates).
 * Either path ignores case, as the engine's keys do (`foldKey`).
 */
export function criterionSafe(text: string): boolean {
  return isPlainText(text) && text !== "" && text.length <= CRITERION_MAX_CHARS && !/[*?~]/.test(text);
}

function allSafe(conds: Cond[]): boolean {
  return conds.every((c) => c.text === PERIOD_TEXT || criterionSafe(c.text));
}

/** Marks a condition on a period label (our own label, always a usable criterion). */
const PERIOD_TEXT = "\u0000period";

function ifsArgs(conds: Cond[]): string {
  return conds.map((c) => `${c.range},${c.cell}`).join(",");
}

/** `--(range=cell)` factors for SUMPRODUCT: text equality ignoring case, no criterion syntax, no length limit. */
function eqFactors(conds: Cond[]): string {
  return conds.map((c) => `--(${c.range}=${c.cell})`).join(",");
}

/** Sum of a column where every condition holds (SUMIFS, or SUMPRODUCT when a text would be read as criterion syntax). */
export function sumWhere(values: string, conds: Cond[]): string {
  return allSafe(conds) ? `SUMIFS(${values},${ifsArgs(conds)})` : `SUMPRODUCT(${eqFactors(conds)},${values})`;
}

/** Number of rows where every condition holds. */
export function countWhere(conds: Cond[]): string {
  return allSafe(conds) ? `COUNTIFS(${ifsArgs(conds)})` : `SUMPRODUCT(${eqFactors(conds)})`;
}

/** Number of rows where every condition holds and `values` holds a number (not a blank ""). */
export function countNumbersWhere(values: string, conds: Cond[]): string {
  return allSafe(conds)
    ? `COUNTIFS(${ifsArgs(conds)},${values},">=0")+COUNTIFS(${ifsArgs(conds)},${values},"<0")`
    : `SUMPRODUCT(${eqFactors(conds)},--ISNUMBER(${values}))`;
}

/** A condition on one of our period or quarter labels. */
function periodCond(range: string, cell: string): Cond {
  return { range, cell, text: PERIOD_TEXT };
}

interface Triple {
  period: string;
  key: string;
  currency: string;
}

function tripleId(t: Triple): string {
  return t.period + "\u0000" + t.key + "\u0000" + t.currency;
}

function pairId(key: string, currency: string): string {
  return key + "\u0000" + currency;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function widthFor(header: string, samples: Cell[]): number {
  let chars = header.length;
  for (const s of samples) {
    const len = typeof s === "string" ? (s.startsWith("=") ? 12 : s.length) : typeof s === "number" ? 12 : 5;
    if (len > chars) chars = len;
  }
  return Math.min(60, Math.max(8, chars + 2)) * 6.5;
}

function widths(header: string[], body: Cell[][]): number[] {
  const sample = body.slice(0, 200);
  return header.map((h, c) => widthFor(h, sample.map((r) => r[c])));
}

/** One number format per row for a column whose rows carry different currencies; a single one when all agree. */
function columnFormat(col: number, firstRow: number, rowFormats: string[]): FormatPlan {
  const rowCount = Math.max(1, rowFormats.length);
  const unique = new Set(rowFormats);
  if (unique.size <= 1) {
    const only = rowFormats.length > 0 ? rowFormats[0] : null;
    return { row: firstRow, col, rowCount, colCount: 1, format: only };
  }
  return { row: firstRow, col, rowCount, colCount: 1, format: null, perRow: rowFormats };
}

/** A body of at least one row, so that every table has a data row (Excel adds an empty one otherwise). */
function atLeastOneRow(body: Cell[][], width: number): Cell[][] {
  return body.length > 0 ? body : [new Array<Cell>(width).fill("")];
}

function dataSheet(
  id: SheetId,
  names: PlanNames,
  header: string[],
  body: Cell[][],
  numeric: FormatPlan[],
): SheetPlan {
  const rows = atLeastOneRow(body, header.length);
  const cells = [header, ...rows];
  return {
    id,
    name: names.sheets[id],
    blocks: [{ row: 0, col: 0, rowCount: cells.length, colCount: header.length, mode: "values", cells }],
    formats: numeric,
    tables: [{ id, name: names.tables[id], row: 0, col: 0, rowCount: cells.length, colCount: header.length, style: DATA_STYLE }],
    charts: [],
    conditionalFormats: [],
    columnWidths: widths(header, rows),
    freezeRows: 1,
  };
}

const COST_HEADER = ["Period", "Key", "Provider", "Service", "Charge category", "Currency", "Cost", "Source"];
const VOLUME_HEADER = ["Period", "Key", "Inferences", "Input tokens", "Output tokens", "Source"];
const VALUE_HEADER = ["Period", "Key", "Value", "Currency", "Method", "Source"];
const UNIT_HEADER = [
  "Period",
  "Key",
  "Currency",
  "Cost",
  "Inferences",
  "Value",
  "Cost per inference",
  "Value per inference",
  "ROI multiple",
  "Cost-to-value ratio",
  "Margin",
  "Band",
  "Quarter",
];
const COMPARISON_HEADER = [
  "Key",
  "Currency",
  "Period",
  "Cost",
  "Inferences",
  "Value",
  "Cost per inference",
  "Value per inference",
  "ROI multiple",
  "Cost-to-value ratio",
  "Band",
];

function costRow(r: CostRecord): Cell[] {
  return [
    safeText(r.period),
    safeText(r.key),
    safeText(r.provider),
    safeText(r.service),
    safeText(r.chargeCategory),
    safeText(r.currency),
    toCellNumber(r.cost),
    safeText(r.source),
  ];
}

function volumeRow(r: VolumeRecord): Cell[] {
  return [
    safeText(r.period),
    safeText(r.key),
    r.inferences,
    r.inputTokens ?? "",
    r.outputTokens ?? "",
    safeText(r.source),
  ];
}

function valueRow(r: ValueRecord): Cell[] {
  return [safeText(r.period), safeText(r.key), toCellNumber(r.value), safeText(r.currency), safeText(r.method), safeText(r.source)];
}

/**
 * The figure formulas, shared by Unit Economics, Comparison and the review. A
 * figure is blank ("") where the engine's figure is null: no volume data or
 * zero inferences (per-inference figures), no value data or zero cost (ROI),
 * no value data or zero value (cost-to-value ratio).
 */
export const F = {
  noCount: (inferences: string): string => `${inferences}="",${inferences}=0`,
  costPerInference: (cost: string, inferences: string): string =>
    `=IF(OR(${inferences}="",${inferences}=0,${cost}=""),"",AIECON.COSTPERINFERENCE(${cost},${inferences}))`,
  valuePerInference: (value: string, inferences: string): string =>
    `=IF(OR(${inferences}="",${inferences}=0,${value}=""),"",AIECON.VALUEPERINFERENCE(${value},${inferences}))`,
  roi: (value: string, cost: string): string => `=IF(OR(${value}="",${cost}="",${cost}=0),"",AIECON.ROIMULTIPLE(${value},${cost}))`,
  costToValue: (cost: string, value: string): string =>
    `=IF(OR(${value}="",${value}=0,${cost}=""),"",AIECON.COSTTOVALUERATIO(${cost},${value}))`,
  band: (roi: string): string => `=IF(ISNUMBER(${roi}),AIECON.BENCHMARKBAND(${roi}),"")`,
};

/** Rows of an Excel worksheet. */
export const EXCEL_MAX_ROWS = 1_048_576;

function checkRows(sheet: string, rows: number, what: string): void {
  if (rows + 1 > EXCEL_MAX_ROWS) {
    throw new Error(
      `${sheet} would need ${(rows + 1).toLocaleString("en")} rows for ${rows.toLocaleString("en")} ${what}, ` +
        `but an Excel sheet holds ${EXCEL_MAX_ROWS.toLocaleString("en")}. Import grouped records (not line items) or fewer periods.`,
    );
  }
}

/** Build the whole workbook plan. Pure: the same input gives the same plan. */
export function planWorkbook(result: ImportResult, options: WriteOptions, names: PlanNames = FINAL_NAMES): WorkbookPlan {
  const fsm = options.fiscalStartMonth >= 1 && options.fiscalStartMonth <= 12 ? options.fiscalStartMonth : 1;
  const S = names.sheets;

  checkRows(SHEET_NAMES.cost, result.costRecords.length, "cost records");
  checkRows(SHEET_NAMES.volume, result.volumeRecords.length, "volume records");
  checkRows(SHEET_NAMES.value, result.valueRecords.length, "value records");

  // --- data sheets ---------------------------------------------------------
  const costBody = result.costRecords.map(costRow);
  const nCost = Math.max(1, costBody.length);
  const costSheet = dataSheet("cost", names, COST_HEADER, costBody, [
    columnFormat(6, 1, result.costRecords.map((r) => amountFormat(r.currency))),
  ]);

  const volumeBody = result.volumeRecords.map(volumeRow);
  const nVol = Math.max(1, volumeBody.length);
  const volumeSheet = dataSheet("volume", names, VOLUME_HEADER, volumeBody, [
    { row: 1, col: 2, rowCount: nVol, colCount: 3, format: COUNT_FORMAT },
  ]);

  const valueBody = result.valueRecords.map(valueRow);
  const nVal = Math.max(1, valueBody.length);
  const valueSheet = dataSheet("value", names, VALUE_HEADER, valueBody, [
    columnFormat(2, 1, result.valueRecords.map((r) => amountFormat(r.currency))),
  ]);

  // --- unit economics rows: every period × key × currency ----------------------
  const triples = new Map<string, Triple>();
  const addTriple = (t: Triple): void => {
    const id = tripleId(t);
    if (!triples.has(id)) triples.set(id, { period: t.period, key: t.key, currency: t.currency });
  };
  for (const g of result.groups) addTriple(g);
  for (const r of result.costRecords) addTriple(r);
  for (const r of result.valueRecords) addTriple(r);
  const unitRows = [...triples.values()].sort(
    (a, b) => cmp(a.key, b.key) || cmp(a.currency, b.currency) || cmp(a.period, b.period),
  );
  const periods = sortPeriods(unitRows.map((t) => t.period));
  const allPeriodLabels = periods.every((p) => grainOfLabel(p) !== null);
  const quarterFor = (p: string): string => (allPeriodLabels ? quarterOf(p, fsm) : p);

  const cost = (col: number): string => sheetColumnRange(S.cost, col, 1, nCost);
  const vol = (col: number): string => sheetColumnRange(S.volume, col, 1, nVol);
  const val = (col: number): string => sheetColumnRange(S.value, col, 1, nVal);

  const unitCells: Cell[][] = unitRows.map((t, i) => {
    const R = i + 2; // Excel row
    const costConds: Cond[] = [
      periodCond(cost(0), `$A${R}`),
      { range: cost(1), cell: `$B${R}`, text: t.key },
      { range: cost(5), cell: `$C${R}`, text: t.currency },
    ];
    const volConds: Cond[] = [periodCond(vol(0), `$A${R}`), { range: vol(1), cell: `$B${R}`, text: t.key }];
    const valConds: Cond[] = [
      periodCond(val(0), `$A${R}`),
      { range: val(1), cell: `$B${R}`, text: t.key },
      { range: val(3), cell: `$C${R}`, text: t.currency },
    ];
    return [
      safeText(t.period),
      safeText(t.key),
      safeText(t.currency),
      `=${sumWhere(cost(6), costConds)}`,
      `=IF(${countWhere(volConds)}=0,"",${sumWhere(vol(2), volConds)})`,
      `=IF(${countWhere(valConds)}=0,"",${sumWhere(val(2), valConds)})`,
      F.costPerInference(`D${R}`, `E${R}`),
      F.valuePerInference(`F${R}`, `E${R}`),
      F.roi(`F${R}`, `D${R}`),
      F.costToValue(`D${R}`, `F${R}`),
      `=IF(OR(${F.noCount(`E${R}`)},F${R}=""),"",AIECON.MARGINCONTRIBUTION(H${R},G${R},E${R}))`,
      F.band(`I${R}`),
      safeText(quarterFor(t.period)),
    ];
  });
  checkRows(SHEET_NAMES.unit, unitRows.length, "period × key × currency rows");
  const nUnit = Math.max(1, unitRows.length);
  const unitBody = atLeastOneRow(unitCells, UNIT_HEADER.length);
  const unitCurrencies = unitRows.map((t) => t.currency);
  const unitSheet: SheetPlan = {
    id: "unit",
    name: S.unit,
    blocks: [{ row: 0, col: 0, rowCount: nUnit + 1, colCount: UNIT_HEADER.length, mode: "formulas", cells: [UNIT_HEADER, ...unitBody] }],
    formats: [
      columnFormat(3, 1, unitCurrencies.map(moneyFormat)),
      { row: 1, col: 4, rowCount: nUnit, colCount: 1, format: COUNT_FORMAT },
      columnFormat(5, 1, unitCurrencies.map(moneyFormat)),
      columnFormat(6, 1, unitCurrencies.map(unitMoneyFormat)),
      columnFormat(7, 1, unitCurrencies.map(unitMoneyFormat)),
      { row: 1, col: 8, rowCount: nUnit, colCount: 1, format: MULTIPLE_FORMAT },
      { row: 1, col: 9, rowCount: nUnit, colCount: 1, format: RATIO_FORMAT },
      columnFormat(10, 1, unitCurrencies.map(moneyFormat)),
    ],
    tables: [{ id: "unit", name: names.tables.unit, row: 0, col: 0, rowCount: nUnit + 1, colCount: UNIT_HEADER.length, style: FIGURE_STYLE }],
    charts: [],
    conditionalFormats: [{ row: 1, col: 11, rowCount: nUnit, colCount: 1, rules: [...BAND_RULES] }],
    columnWidths: widths(UNIT_HEADER, unitBody).map((w, c) => (c >= 3 && c <= 11 ? Math.max(w, 90) : w)),
    freezeRows: 1,
  };

  // Unit Economics column ranges for the sheets built on it.
  const ue = (col: number): string => sheetColumnRange(S.unit, col, 1, nUnit);
  /** Excel row (1-based) of each unit row, by triple. */
  const unitRowOf = new Map<string, number>();
  unitRows.forEach((t, i) => unitRowOf.set(tripleId(t), i + 2));
  const ueCell = (col: number, excelRow: number): string => `${quoteSheet(S.unit)}!${columnLetters(col)}${excelRow}`;

  // --- quarters ----------------------------------------------------------------
  const choice = allPeriodLabels ? chooseQuarters(periods, fsm) : { latest: null, previous: null, quarters: [], fullQuarters: [] };
  const comparisonPeriod = options.comparisonPeriod ?? choice.latest ?? (periods.length > 0 ? periods[periods.length - 1] : null);
  const comparisonByQuarter = comparisonPeriod !== null && grainOfLabel(comparisonPeriod) === "quarter";
  const periodMatches = (t: Triple, label: string, byQuarter: boolean): boolean =>
    byQuarter ? quarterFor(t.period) === label : t.period === label;

  /** Distinct key × currency pairs of the unit rows that match a filter, sorted. */
  const pairsWhere = (keep: (t: Triple) => boolean): Triple[] => {
    const seen = new Map<string, Triple>();
    for (const t of unitRows) if (keep(t) && !seen.has(pairId(t.key, t.currency))) seen.set(pairId(t.key, t.currency), t);
    return [...seen.values()];
  };

  /** SUMIFS over a Unit Economics column for a key × currency in a period column match, and its "has data" count. */
  const ueAggregate = (valueCol: number, t: Triple, keyCell: string, curCell: string, matchCol: number, label: string, blankWhenNone: boolean): string => {
    const conds: Cond[] = [
      { range: ue(1), cell: keyCell, text: t.key },
      { range: ue(2), cell: curCell, text: t.currency },
      periodCond(ue(matchCol), label),
    ];
    const sum = sumWhere(ue(valueCol), conds);
    if (!blankWhenNone) return sum;
    return `IF(${countNumbersWhere(ue(valueCol), conds)}=0,"",${sum})`;
  };

  // --- Comparison ----------------------------------------------------------------
  const compPairs =
    comparisonPeriod === null ? [] : pairsWhere((t) => periodMatches(t, comparisonPeriod, comparisonByQuarter));
  const matchCol = comparisonByQuarter ? 12 : 0;
  const compCells: Cell[][] = compPairs.map((t, i) => {
    const R = i + 2;
    const k = `$A${R}`;
    const c = `$B${R}`;
    const label = `$C${R}`;
    return [
      safeText(t.key),
      safeText(t.currency),
      safeText(comparisonPeriod ?? ""),
      `=${ueAggregate(3, t, k, c, matchCol, label, false)}`,
      `=${ueAggregate(4, t, k, c, matchCol, label, true)}`,
      `=${ueAggregate(5, t, k, c, matchCol, label, true)}`,
      F.costPerInference(`D${R}`, `E${R}`),
      F.valuePerInference(`F${R}`, `E${R}`),
      F.roi(`F${R}`, `D${R}`),
      F.costToValue(`D${R}`, `F${R}`),
      F.band(`I${R}`),
    ];
  });
  const nComp = Math.max(1, compPairs.length);
  const compBody = atLeastOneRow(compCells, COMPARISON_HEADER.length);
  const compCurrencies = compPairs.map((t) => t.currency);
  const chartCol = COMPARISON_HEADER.length + 1; // one empty column, then the charts
  const comparisonSheet: SheetPlan = {
    id: "comparison",
    name: S.comparison,
    blocks: [
      { row: 0, col: 0, rowCount: nComp + 1, colCount: COMPARISON_HEADER.length, mode: "formulas", cells: [COMPARISON_HEADER, ...compBody] },
    ],
    formats: [
      columnFormat(3, 1, compCurrencies.map(moneyFormat)),
      { row: 1, col: 4, rowCount: nComp, colCount: 1, format: COUNT_FORMAT },
      columnFormat(5, 1, compCurrencies.map(moneyFormat)),
      columnFormat(6, 1, compCurrencies.map(unitMoneyFormat)),
      columnFormat(7, 1, compCurrencies.map(unitMoneyFormat)),
      { row: 1, col: 8, rowCount: nComp, colCount: 1, format: MULTIPLE_FORMAT },
      { row: 1, col: 9, rowCount: nComp, colCount: 1, format: RATIO_FORMAT },
    ],
    tables: [
      { id: "comparison", name: names.tables.comparison, row: 0, col: 0, rowCount: nComp + 1, colCount: COMPARISON_HEADER.length, style: FIGURE_STYLE },
    ],
    charts: [
      {
        title: CHART_TITLES.costPerInference,
        type: "ColumnClustered",
        series: [{ name: "Cost per inference", values: { row: 1, col: 6, rowCount: nComp, colCount: 1 }, xValues: { row: 1, col: 0, rowCount: nComp, colCount: 1 } }],
        from: cellAddress(0, chartCol),
        to: cellAddress(17, chartCol + 7),
        valueAxisTitle: "Cost per inference",
      },
      {
        title: CHART_TITLES.roi,
        type: "BarClustered",
        series: [{ name: "ROI multiple", values: { row: 1, col: 8, rowCount: nComp, colCount: 1 }, xValues: { row: 1, col: 0, rowCount: nComp, colCount: 1 } }],
        from: cellAddress(19, chartCol),
        to: cellAddress(36, chartCol + 7),
        valueAxisTitle: "ROI multiple",
      },
    ],
    conditionalFormats: [{ row: 1, col: 10, rowCount: nComp, colCount: 1, rules: [...BAND_RULES] }],
    columnWidths: widths(COMPARISON_HEADER, compBody).map((w, c) => (c >= 3 ? Math.max(w, 90) : w)),
    freezeRows: 1,
  };

  // --- Trend ------------------------------------------------------------------------
  const totalCost = new Map<string, number>();
  for (const g of result.groups) {
    const id = pairId(g.key, g.currency);
    totalCost.set(id, (totalCost.get(id) ?? 0) + Math.abs(Number(g.cost)));
  }
  const allPairs = pairsWhere(() => true);
  const trendPairs = [...allPairs]
    .sort((a, b) => (totalCost.get(pairId(b.key, b.currency)) ?? 0) - (totalCost.get(pairId(a.key, a.currency)) ?? 0))
    .slice(0, TREND_KEY_LIMIT)
    .sort((a, b) => cmp(a.key, b.key) || cmp(a.currency, b.currency));
  const multiCurrency = new Set(allPairs.map((t) => t.currency)).size > 1;
  const pairLabel = (t: Triple): string => (multiCurrency ? `${t.key} (${t.currency})` : t.key);
  const trendHeader = ["Period", ...trendPairs.map((t) => safeText(pairLabel(t)))];
  const nPer = Math.max(1, periods.length);
  const trendRows: Cell[][] = periods.map((p) => [
    safeText(p),
    ...trendPairs.map((t) => {
      const r = unitRowOf.get(tripleId({ period: p, key: t.key, currency: t.currency }));
      // A period without data is an empty TEXT (="") never an empty cell: COSTTREND/COSTGROWTH read this
      // range, and Excel on Windows passes an empty cell to a custom function as 0 (functions.md).
      return r === undefined ? `=""` : `=${ueCell(6, r)}`;
    }),
  ]);
  const trendBody = atLeastOneRow(trendRows, trendHeader.length);
  const width = trendHeader.length;
  // Summary table two rows below the trend table.
  const sumTop = nPer + 2;
  const firstData = 2;
  const lastData = nPer + 1;
  const summaryCells: Cell[][] = [
    ["Measure", ...trendHeader.slice(1)],
    ["Trend", ...trendPairs.map((_, j) => `=AIECON.COSTTREND(${columnLetters(j + 1)}${firstData}:${columnLetters(j + 1)}${lastData})`)],
    ["Growth per period", ...trendPairs.map((_, j) => `=AIECON.COSTGROWTH(${columnLetters(j + 1)}${firstData}:${columnLetters(j + 1)}${lastData})`)],
  ];
  // Cost-against-volume points below the summary: one row per key and period.
  const cvTop = sumTop + 4;
  const CV_HEADER = ["Key", "Currency", "Period", "Inferences", "Cost"];
  const cvRows: Cell[][] = [];
  const cvSpans: { t: Triple; first: number; count: number }[] = [];
  for (const t of trendPairs) {
    const first = cvRows.length;
    for (const p of periods) {
      const r = unitRowOf.get(tripleId({ period: p, key: t.key, currency: t.currency }));
      if (r === undefined) continue;
      const inf = ueCell(4, r);
      const cst = ueCell(3, r);
      cvRows.push([safeText(t.key), safeText(t.currency), safeText(p), `=IF(${inf}="",NA(),${inf})`, `=${cst}`]);
    }
    cvSpans.push({ t, first, count: cvRows.length - first });
  }
  const nCv = Math.max(1, cvRows.length);
  const cvBody = atLeastOneRow(cvRows, CV_HEADER.length);
  const trendChartCol = Math.max(width, CV_HEADER.length) + 1;
  const hasVolume = (t: Triple): boolean =>
    result.groups.some((g) => g.key === t.key && g.currency === t.currency && g.inferences !== null) ||
    result.volumeRecords.some((v) => v.key === t.key);
  const linePairs = trendPairs.map((t, j) => ({ t, j })).filter(({ t }) => hasVolume(t));
  const lineSeries: SeriesPlan[] = (linePairs.length > 0 ? linePairs : trendPairs.map((t, j) => ({ t, j }))).map(({ t, j }) => ({
    name: pairLabel(t),
    values: { row: 1, col: j + 1, rowCount: nPer, colCount: 1 },
    xValues: { row: 1, col: 0, rowCount: nPer, colCount: 1 },
  }));
  const scatterSeries: SeriesPlan[] = cvSpans
    .filter((s) => s.count > 0)
    .map((s) => ({
      name: pairLabel(s.t),
      values: { row: cvTop + 1 + s.first, col: 4, rowCount: s.count, colCount: 1 },
      xValues: { row: cvTop + 1 + s.first, col: 3, rowCount: s.count, colCount: 1 },
    }));
  const trendFormats = (first: number, count: number, cols: number[], perRow: (j: number) => string): FormatPlan[] =>
    cols.map((c, j) => ({ row: first, col: c, rowCount: count, colCount: 1, format: perRow(j) }));
  const trendSheet: SheetPlan = {
    id: "trend",
    name: S.trend,
    blocks: [
      { row: 0, col: 0, rowCount: nPer + 1, colCount: width, mode: "formulas", cells: [trendHeader, ...trendBody] },
      { row: sumTop, col: 0, rowCount: 3, colCount: width, mode: "formulas", cells: summaryCells },
      { row: cvTop, col: 0, rowCount: nCv + 1, colCount: CV_HEADER.length, mode: "formulas", cells: [CV_HEADER, ...cvBody] },
    ],
    formats: [
      ...trendFormats(1, nPer, trendPairs.map((_, j) => j + 1), (j) => unitMoneyFormat(trendPairs[j].currency)),
      ...(trendPairs.length > 0 ? [{ row: sumTop + 2, col: 1, rowCount: 1, colCount: trendPairs.length, format: GROWTH_FORMAT }] : []),
      { row: cvTop + 1, col: 3, rowCount: nCv, colCount: 1, format: COUNT_FORMAT },
      columnFormat(4, cvTop + 1, cvRows.map((r) => moneyFormat(String(r[1]).replace(/^'/, "")))),
    ],
    tables: [
      { id: "trend", name: names.tables.trend, row: 0, col: 0, rowCount: nPer + 1, colCount: width, style: FIGURE_STYLE },
      { id: "trendSummary", name: names.tables.trendSummary, row: sumTop, col: 0, rowCount: 3, colCount: width, style: "TableStyleLight9" },
      { id: "costVolume", name: names.tables.costVolume, row: cvTop, col: 0, rowCount: nCv + 1, colCount: CV_HEADER.length, style: "TableStyleLight9" },
    ],
    charts: [
      {
        title: CHART_TITLES.trend,
        type: "Line",
        series: lineSeries.length > 0 ? lineSeries : [{ name: "Cost per inference", values: { row: 1, col: 1, rowCount: nPer, colCount: 1 } }],
        from: cellAddress(0, trendChartCol),
        to: cellAddress(17, trendChartCol + 8),
        valueAxisTitle: "Cost per inference",
        categoryAxisTitle: "Period",
      },
      {
        title: CHART_TITLES.scatter,
        type: "XYScatter",
        series:
          scatterSeries.length > 0
            ? scatterSeries
            : [{ name: "Cost", values: { row: cvTop + 1, col: 4, rowCount: 1, colCount: 1 }, xValues: { row: cvTop + 1, col: 3, rowCount: 1, colCount: 1 } }],
        from: cellAddress(19, trendChartCol),
        to: cellAddress(36, trendChartCol + 8),
        valueAxisTitle: "Cost",
        categoryAxisTitle: "Inferences",
      },
    ],
    conditionalFormats: [],
    columnWidths: new Array<number>(Math.max(width, CV_HEADER.length)).fill(0).map((_, c) => (c === 0 ? 110 : 95)),
    freezeRows: 0,
  };

  // --- Quarterly Review ---------------------------------------------------------------
  const Q = choice.latest;
  const Q0 = choice.previous;
  const reviewPairs = Q === null ? [] : pairsWhere((t) => quarterFor(t.period) === Q || quarterFor(t.period) === Q0);
  const q = Q ?? "latest quarter";
  const q0 = Q0 ?? "previous quarter";
  const REVIEW_HEADER = [
    "Key",
    "Currency",
    `Cost ${q0}`,
    `Cost ${q}`,
    "Cost change",
    `Inferences ${q0}`,
    `Inferences ${q}`,
    "Inferences change",
    `Cost per inference ${q0}`,
    `Cost per inference ${q}`,
    "Cost per inference change",
    `Value ${q0}`,
    `Value ${q}`,
    "Value change",
    `ROI multiple ${q0}`,
    `ROI multiple ${q}`,
    "ROI multiple change",
    `Band ${q0}`,
    `Band ${q}`,
    "Band change",
    `Cost-to-value ratio ${q}`,
    "Remediation",
  ];
  const change = (prev: string, cur: string): string =>
    `=IF(AND(ISNUMBER(${prev}),ISNUMBER(${cur})),IF(${prev}=0,"",${cur}/${prev}-1),"")`;
  const reviewCells: Cell[][] = reviewPairs.map((t, i) => {
    const R = i + 2;
    const k = `$A${R}`;
    const c = `$B${R}`;
    const lq = formulaString(q);
    const lq0 = formulaString(q0);
    return [
      safeText(t.key),
      safeText(t.currency),
      `=${ueAggregate(3, t, k, c, 12, lq0, true)}`,
      `=${ueAggregate(3, t, k, c, 12, lq, true)}`,
      change(`C${R}`, `D${R}`),
      `=${ueAggregate(4, t, k, c, 12, lq0, true)}`,
      `=${ueAggregate(4, t, k, c, 12, lq, true)}`,
      change(`F${R}`, `G${R}`),
      F.costPerInference(`C${R}`, `F${R}`),
      F.costPerInference(`D${R}`, `G${R}`),
      change(`I${R}`, `J${R}`),
      `=${ueAggregate(5, t, k, c, 12, lq0, true)}`,
      `=${ueAggregate(5, t, k, c, 12, lq, true)}`,
      change(`L${R}`, `M${R}`),
      F.roi(`L${R}`, `C${R}`),
      F.roi(`M${R}`, `D${R}`),
      change(`O${R}`, `P${R}`),
      F.band(`O${R}`),
      F.band(`P${R}`),
      `=IF(AND(R${R}<>"",S${R}<>""),IF(R${R}=S${R},"unchanged",R${R}&" → "&S${R}),"")`,
      F.costToValue(`D${R}`, `M${R}`),
      `=IF(ISNUMBER(U${R}),IF(U${R}>1,${formulaString(REMEDIATION_FLAG)},""),"")`,
    ];
  });
  const nRev = Math.max(1, reviewPairs.length);
  const reviewBody = atLeastOneRow(reviewCells, REVIEW_HEADER.length);
  const revCur = reviewPairs.map((t) => t.currency);
  const reviewSheet: SheetPlan = {
    id: "review",
    name: S.review,
    blocks: [{ row: 0, col: 0, rowCount: nRev + 1, colCount: REVIEW_HEADER.length, mode: "formulas", cells: [REVIEW_HEADER, ...reviewBody] }],
    formats: [
      columnFormat(2, 1, revCur.map(moneyFormat)),
      columnFormat(3, 1, revCur.map(moneyFormat)),
      { row: 1, col: 5, rowCount: nRev, colCount: 2, format: COUNT_FORMAT },
      columnFormat(8, 1, revCur.map(unitMoneyFormat)),
      columnFormat(9, 1, revCur.map(unitMoneyFormat)),
      columnFormat(11, 1, revCur.map(moneyFormat)),
      columnFormat(12, 1, revCur.map(moneyFormat)),
      { row: 1, col: 14, rowCount: nRev, colCount: 2, format: MULTIPLE_FORMAT },
      ...[4, 7, 10, 13, 16].map((col) => ({ row: 1, col, rowCount: nRev, colCount: 1, format: CHANGE_FORMAT })),
      { row: 1, col: 20, rowCount: nRev, colCount: 1, format: RATIO_FORMAT },
    ],
    tables: [{ id: "review", name: names.tables.review, row: 0, col: 0, rowCount: nRev + 1, colCount: REVIEW_HEADER.length, style: FIGURE_STYLE }],
    charts: [],
    conditionalFormats: [
      { row: 1, col: 17, rowCount: nRev, colCount: 2, rules: [...BAND_RULES] },
      { row: 1, col: 21, rowCount: nRev, colCount: 1, rules: [...FLAG_RULES] },
    ],
    columnWidths: widths(REVIEW_HEADER, reviewBody).map((w, c) => (c >= 2 ? Math.max(w, 95) : w)),
    freezeRows: 1,
  };

  const sheets = [costSheet, volumeSheet, valueSheet, unitSheet, comparisonSheet, trendSheet, reviewSheet];
  return {
    sheets,
    comparisonPeriod,
    reviewQuarter: Q,
    previousQuarter: Q0,
    dataRows: result.costRecords.length + result.volumeRecords.length + result.valueRecords.length + unitRows.length,
  };
}

/** A1 address of a rectangle (for tests and the writer). */
export function rectAddress(r: Rect): string {
  return rangeAddress(r.row, r.col, r.rowCount, r.colCount);
}
