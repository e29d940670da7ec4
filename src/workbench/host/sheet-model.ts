/**
 * The workbook model's types: cells' formats, ranges, sheets, tables, charts, conditional formats
 * and names, and the rules for sheet and defined names. DOM-free.
 */
import type { PageLayoutModel } from "./page-layout";
import type { Rect } from "./address";
/** A value as Excel's API returns it: errors as their text, blank as "". */
export type ExcelValue = number | string | boolean;

export interface CellFormat {
  numberFormat?: string;
  fill?: string | null;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  /** Font size in points (Calibri 11 when unset). */
  fontSize?: number;
  horizontalAlignment?: string;
  wrapText?: boolean;
}

interface FormatRect {
  rect: Rect;
  fmt: CellFormat;
}

export type RangeRef = { sheet: SheetModel; rect: Rect };

export interface SeriesModel {
  name: string;
  values?: RangeRef;
  xValues?: RangeRef;
  chartType?: string;
  /** Colour set through format.fill, format.line or the marker colours. */
  color?: string;
  /** format.fill.clear(): columns and bars drawn without fill. */
  noFill?: boolean;
  /** format.line.lineStyle (an Excel.ChartLineStyle value); unset = Continuous. */
  lineStyle?: string;
}

export interface ChartModel {
  id: string;
  name: string;
  sheet: SheetModel;
  type: string;
  title: string;
  titleVisible: boolean;
  series: SeriesModel[];
  categoryAxisTitle: string;
  valueAxisTitle: string;
  top: number;
  left: number;
  width: number;
  height: number;
  legendVisible: boolean;
  legendPosition: string;
  /** Number formats of the axes and of the data labels ("" = General); labels shown or not. */
  axisFormats: { valueAxisTitle: string; categoryAxisTitle: string };
  dataLabels: { showValue: boolean; numberFormat: string };
  /**
   * The cells a chart was placed on with setPosition. Like Excel's default placement
   * ("move and size with cells"), an anchored chart follows later column-width changes.
   * Null once top/left/width/height are set directly.
   */
  anchor: ChartAnchor | null;
}

export interface ChartAnchor {
  r0: number;
  c0: number;
  /** The end cell, when setPosition was given one. */
  r1: number | null;
  c1: number | null;
}

export interface TableModel {
  id: string;
  name: string;
  sheet: SheetModel;
  rect: Rect;
  style: string;
  showTotals: boolean;
  showHeaders: boolean;
  showBandedRows: boolean;
  showFilterButton: boolean;
}

export interface ConditionalFormatModel {
  id: string;
  sheet: SheetModel;
  rect: Rect;
  type: string;
  /** ContainsText: operator + text; CellValue: operator + formula1/formula2; Custom: formula. */
  rule: { operator?: string; text?: string; formula1?: string; formula2?: string; formula?: string };
  format: CellFormat;
  stopIfTrue: boolean;
}

export interface NameModel {
  name: string;
  formula: string;
  comment: string;
  visible: boolean;
}

export type CalculationMode = "Automatic" | "AutomaticExceptTables" | "Manual";
export function isCalculationMode(v: string): v is CalculationMode {
  return v === "Automatic" || v === "AutomaticExceptTables" || v === "Manual";
}

export class SheetModel {
  visibility = "Visible";
  tabColor = "";
  formats: FormatRect[] = [];
  colWidths = new Map<number, number>();
  freezeRows = 0;
  freezeCols = 0;
  showGridlines = true;
  charts: ChartModel[] = [];
  conditionalFormats: ConditionalFormatModel[] = [];
  pageLayout: PageLayoutModel = { orientation: "Portrait", zoom: { scale: 100 }, printTitleRows: null };
  readonly id: string;
  constructor(
    public hfId: number,
    public name: string,
    id: number,
  ) {
    this.id = `{${String(id).padStart(8, "0")}-0000-4000-8000-AIEC0NWB0000}`;
  }
}

export const DEFAULT_COL_WIDTH = 48; // points (8.43 characters, 64 px)
export const DEFAULT_ROW_HEIGHT = 15; // points (20 px)

export function badSheetName(name: string): string | undefined {
  if (name.length === 0 || name.length > 31) return "a sheet name must be 1 to 31 characters long";
  if (/[[\]:*?/\\]/.test(name)) return "a sheet name cannot contain [ ] : * ? / \\";
  if (name.startsWith("'") || name.endsWith("'")) return "a sheet name cannot begin or end with an apostrophe";
  if (name.toLowerCase() === "history") return "'History' is reserved by Excel";
  return undefined;
}

export function validName(name: string): boolean {
  return /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]$/.test(name) && name.length <= 255;
}

