/** The shapes of a workbook plan: what the writer puts into the workbook (pure data, no Office calls). */

export type SheetId = "cost" | "volume" | "value" | "unit" | "comparison" | "trend" | "review" | "bridge" | "checks" | "log" | TailSheetId;

/** The sheets of request logs with tokens (issue 12). */
export type TailSheetId = "prices" | "longTail" | "requests" | "scenarios";

export type TableId = SheetId | "trendSummary" | "costVolume" | "comparisonTop" | "tailBins" | "tailPareto" | "scenarioInputs" | "bridgeDetail" | "trendForecast";

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

export type ChartKind = "ColumnClustered" | "ColumnStacked" | "BarClustered" | "Line" | "XYScatter";

export interface SeriesPlan {
  name: string;
  values: Rect;
  xValues?: Rect;
  /** Fill (columns, bars, markers) and line colour, `#RRGGBB`. */
  color?: string;
  /** No fill (`format.fill.clear()`): the invisible base of a stacked-column waterfall. */
  noFill?: boolean;
  /** A line style (`format.line.lineStyle`, ExcelApi 1.7): a forecast (`Dash`) and its band (`RoundDot`); unset = Excel's default solid line. */
  lineStyle?: "Dash" | "RoundDot";
}

/** Where a chart stands, in points from the sheet's top-left corner. */
export interface ChartBox {
  left: number;
  top: number;
  width: number;
  height: number;
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
  /** Placed by points (over `from`/`to`): charts stand above the tables, never over them. */
  box?: ChartBox;
  /** Number formats of the value axis (currency on money axes) and of the category axis (a scatter's x). */
  valueAxisFormat?: string;
  categoryAxisFormat?: string;
  /** Show each point's value with this format. */
  dataLabelFormat?: string;
  /** Legend: at the right, at the bottom, or none (a single series). */
  legend?: "Right" | "Bottom" | "None";
}

export interface BandRule {
  text: string;
  fill: string;
  font: string;
}

export interface ConditionalFormatPlan extends Rect {
  rules: BandRule[];
}

/** Font over a rectangle (a title block): bold and/or a size in points. */
export interface FontPlan extends Rect {
  bold?: boolean;
  size?: number;
  /** Fill colour `#RRGGBB` (input cells). */
  fill?: string;
}

/**
 * Print layout of a sheet (`Worksheet.pageLayout`, ExcelApi 1.9): orientation, fit to
 * `fitWide` pages wide and as many tall as needed, and the rows repeated on every page
 * (0-based, inclusive).
 */
export interface PrintPlan {
  orientation: "Landscape" | "Portrait";
  fitWide: number;
  titleRows: { first: number; last: number } | null;
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
  /** Hidden after the commit (the import log). */
  hidden?: boolean;
  /** Fonts set after the header row's bold (a title block). */
  fonts?: FontPlan[];
  print?: PrintPlan;
}

export interface WorkbookPlan {
  sheets: SheetPlan[];
  /** The period the Comparison sheet shows (a quarter or a period label), null without data. */
  comparisonPeriod: string | null;
  /** `partial: 1 of 3 months` when the comparison quarter lacks some of its periods; null when full or not a quarter. */
  comparisonPartial: string | null;
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
