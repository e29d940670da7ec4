/**
 * The workbook model behind the workbench host: sheets (cells computed by HyperFormula),
 * formats, tables, charts, conditional formats, names, settings and custom properties.
 * The Excel-API proxies (context.ts, worksheet.ts, range.ts, …) apply their queued operations to it at sync. DOM-free.
 */
import type { PageLayoutModel } from "./page-layout";
import { DetailedCellError, HyperFormula, type RawCellContent } from "hyperformula";
import { cols, contains, fullAddress, intersects, MAX_COLS, MAX_ROWS, parseAddress, quoteSheet, rectAddress, rows, type Rect } from "./address";
import { HostError } from "./errors";
import { excelErrorText } from "./functions";
import { parseInput, type Scalar } from "./input";
import { checkNumberFormats, formatValue } from "./numfmt";

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
function isCalculationMode(v: string): v is CalculationMode {
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

function badSheetName(name: string): string | undefined {
  if (name.length === 0 || name.length > 31) return "a sheet name must be 1 to 31 characters long";
  if (/[[\]:*?/\\]/.test(name)) return "a sheet name cannot contain [ ] : * ? / \\";
  if (name.startsWith("'") || name.endsWith("'")) return "a sheet name cannot begin or end with an apostrophe";
  if (name.toLowerCase() === "history") return "'History' is reserved by Excel";
  return undefined;
}

function validName(name: string): boolean {
  return /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]$/.test(name) && name.length <= 255;
}

export class WorkbookModel {
  hf: HyperFormula;
  sheets: SheetModel[] = [];
  tables: TableModel[] = [];
  names: NameModel[] = [];
  settings = new Map<string, { key: string; value: unknown }>();
  customProperties = new Map<string, { key: string; value: unknown }>();
  activeSheet: SheetModel | undefined;
  private nextId = 1;
  private suspended = false;
  /** Bumped on every change; the renderer redraws when it moves. */
  version = 0;
  private mode: CalculationMode = "Automatic";
  /**
   * Manual calculation: the value each formula cell shows until the next `calculate`, keyed by
   * sheet and cell (with its formula text, so a rewritten formula is not shown with an old value).
   * Null in automatic calculation.
   */
  private frozen: Map<SheetModel, Map<number, { formula: string; value: ExcelValue }>> | null = null;

  constructor() {
    this.hf = WorkbookModel.buildEngine();
    this.addSheet("Sheet1");
    this.activeSheet = this.sheets[0];
  }

  static buildEngine(): HyperFormula {
    return HyperFormula.buildEmpty({
      licenseKey: "gpl-v3",
      maxRows: MAX_ROWS,
      maxColumns: MAX_COLS,
      useArrayArithmetic: true,
      evaluateNullToZero: true,
      leapYear1900: true,
      dateFormats: ["MM/DD/YYYY", "YYYY-MM-DD"],
      useColumnIndex: false,
      // Excel keeps full doubles; HyperFormula's default rounds to 10 decimal places.
      smartRounding: false,
      // Excel's SUMIFS, COUNTIFS and `=` ignore case but tell accents apart (`cafe` ≠ `café`);
      // HyperFormula's default ignores both.
      caseSensitive: false,
      accentSensitive: true,
    });
  }

  // -------------------------------------------------------------- evaluation control
  beginWrite(): void {
    if (!this.suspended) {
      this.hf.suspendEvaluation();
      this.suspended = true;
    }
    this.version++;
  }
  endWrite(): void {
    if (this.suspended) {
      this.suspended = false;
      this.hf.resumeEvaluation();
    }
  }

  // -------------------------------------------------------------- calculation mode
  /**
   * Excel's `Application.calculationMode`. In "Manual", formula cells keep showing the values of the
   * last calculation (or of the switch to manual) until `calculate()`, as in Excel; constants show at
   * once. A formula written while in manual shows the value it has when first read, and keeps it.
   * "AutomaticExceptTables" calculates like "Automatic" (the workbench has no what-if data tables).
   */
  get calculationMode(): CalculationMode {
    return this.mode;
  }
  set calculationMode(v: string) {
    if (!isCalculationMode(v)) {
      throw new HostError("InvalidArgument", `calculationMode must be Automatic, AutomaticExceptTables or Manual, not '${v}'.`);
    }
    this.version++;
    this.mode = v;
    if (v === "Manual") this.frozen ??= this.freeze();
    else this.frozen = null; // Excel calculates when automatic calculation is turned back on.
  }
  /** `Application.calculate`: every formula is computed again (whatever the type), and shown. */
  calculate(type: string): void {
    if (!["Recalculate", "Full", "FullRebuild"].includes(type)) {
      throw new HostError("InvalidArgument", `calculationType must be Recalculate, Full or FullRebuild, not '${type}'.`);
    }
    this.endWrite();
    this.rebuild();
    this.version++;
    if (this.frozen !== null) this.frozen = this.freeze();
  }
  /**
   * HyperFormula's rebuildAndRecalculate (volatile functions too). The rebuilt engine numbers its
   * sheets afresh (ids of deleted sheets and of placeholders for sheets that formulas named are
   * gone), so each sheet's id is looked up again by name.
   */
  rebuild(): void {
    this.endWrite();
    this.hf.rebuildAndRecalculate();
    for (const s of this.sheets) {
      const id = this.hf.getSheetId(s.name);
      if (id === undefined) throw new HostError("GeneralException", `The worksheet '${s.name}' was lost when the workbook was recalculated.`);
      s.hfId = id;
    }
  }
  private freeze(): Map<SheetModel, Map<number, { formula: string; value: ExcelValue }>> {
    this.endWrite();
    const out = new Map<SheetModel, Map<number, { formula: string; value: ExcelValue }>>();
    for (const s of this.sheets) {
      const formulas = this.hf.getSheetFormulas(s.hfId);
      const values = this.hf.getSheetValues(s.hfId);
      const cells = new Map<number, { formula: string; value: ExcelValue }>();
      formulas.forEach((row, r) =>
        row.forEach((formula, c) => {
          if (formula !== undefined) cells.set(r * MAX_COLS + c, { formula, value: toExcel(values[r]?.[c]) });
        }),
      );
      out.set(s, cells);
    }
    return out;
  }
  /** In manual calculation, the shown value of the formula cells of `values` (read at rect's origin). */
  private stale(s: SheetModel, rect: Rect, values: ExcelValue[][]): void {
    if (this.frozen === null) return;
    let cells = this.frozen.get(s);
    if (cells === undefined) this.frozen.set(s, (cells = new Map()));
    const dims = this.hf.getSheetDimensions(s.hfId);
    for (let r = 0; r < values.length && rect.r0 + r < dims.height; r++) {
      for (let c = 0; c < values[r].length && rect.c0 + c < dims.width; c++) {
        const formula = this.hf.getCellFormula({ sheet: s.hfId, row: rect.r0 + r, col: rect.c0 + c });
        if (formula === undefined) continue;
        const key = (rect.r0 + r) * MAX_COLS + rect.c0 + c;
        const held = cells.get(key);
        if (held !== undefined && held.formula === formula) values[r][c] = held.value;
        else cells.set(key, { formula, value: values[r][c] });
      }
    }
  }

  // -------------------------------------------------------------- sheets
  sheetByName(name: string): SheetModel | undefined {
    const n = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === n);
  }
  sheetById(id: string): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }
  requireSheet(name: string): SheetModel {
    const s = this.sheetByName(name);
    if (!s) throw new HostError("ItemNotFound", `The requested resource doesn't exist: worksheet '${name}'.`);
    return s;
  }
  isLive(s: SheetModel): boolean {
    return this.sheets.includes(s);
  }
  requireLive(s: SheetModel): void {
    if (!this.isLive(s)) throw new HostError("ItemNotFound", `The worksheet '${s.name}' has been deleted.`);
  }

  addSheet(name?: string): SheetModel {
    let n = name;
    if (n === undefined || n === "") {
      let i = this.sheets.length + 1;
      while (this.sheetByName(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    const bad = badSheetName(n);
    if (bad) throw new HostError("InvalidArgument", `The sheet name '${n}' is not valid: ${bad}.`);
    if (this.sheetByName(n)) throw new HostError("ItemAlreadyExists", `A resource with the same name or identifier already exists: worksheet '${n}'.`);
    this.beginWrite();
    const hfName = this.hf.addSheet(n);
    const s = new SheetModel(this.hf.getSheetId(hfName)!, n, this.nextId++);
    this.sheets.push(s);
    // A sheet added after formulas that name it: HyperFormula re-links those references.
    return s;
  }

  deleteSheet(s: SheetModel): void {
    this.requireLive(s);
    if (this.sheets.filter((x) => x.visibility === "Visible").length <= 1 && s.visibility === "Visible") {
      throw new HostError("InvalidOperation", `The worksheet '${s.name}' cannot be deleted: a workbook must keep at least one visible sheet.`);
    }
    this.beginWrite();
    this.hf.removeSheet(s.hfId);
    this.sheets = this.sheets.filter((x) => x !== s);
    this.tables = this.tables.filter((t) => t.sheet !== s);
    if (this.activeSheet === s) this.activeSheet = this.sheets.find((x) => x.visibility === "Visible");
  }

  renameSheet(s: SheetModel, name: string): void {
    this.requireLive(s);
    if (s.name === name) return;
    const bad = badSheetName(name);
    if (bad) throw new HostError("InvalidArgument", `The sheet name '${name}' is not valid: ${bad}.`);
    const other = this.sheetByName(name);
    if (other && other !== s) throw new HostError("ItemAlreadyExists", `A resource with the same name or identifier already exists: worksheet '${name}'.`);
    this.beginWrite();
    this.hf.renameSheet(s.hfId, name);
    s.name = name;
  }

  moveSheet(s: SheetModel, position: number): void {
    this.requireLive(s);
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length) {
      throw new HostError("InvalidArgument", `Position ${position} is outside 0..${this.sheets.length - 1}.`);
    }
    this.version++;
    this.sheets = this.sheets.filter((x) => x !== s);
    this.sheets.splice(position, 0, s);
  }

  setVisibility(s: SheetModel, v: string): void {
    this.requireLive(s);
    if (!["Visible", "Hidden", "VeryHidden"].includes(v)) throw new HostError("InvalidArgument", `Visibility '${v}' is not valid.`);
    if (v !== "Visible" && s.visibility === "Visible" && this.sheets.filter((x) => x.visibility === "Visible").length <= 1) {
      throw new HostError("InvalidOperation", "A workbook must keep at least one visible sheet.");
    }
    this.version++;
    s.visibility = v;
    if (v !== "Visible" && this.activeSheet === s) this.activeSheet = this.sheets.find((x) => x.visibility === "Visible");
  }

  activate(s: SheetModel): void {
    this.requireLive(s);
    if (s.visibility !== "Visible") throw new HostError("InvalidOperation", `The worksheet '${s.name}' is hidden and cannot be activated.`);
    this.version++;
    this.activeSheet = s;
  }

  // -------------------------------------------------------------- addresses
  /** Resolves an address (maybe sheet-qualified) relative to a sheet. */
  resolve(address: string, base: SheetModel | undefined): RangeRef {
    const p = parseAddress(address);
    const sheet = p.sheet !== undefined ? this.requireSheet(p.sheet) : base;
    if (!sheet) throw new HostError("InvalidArgument", `The address '${address}' needs a sheet name.`);
    return { sheet, rect: p.rect };
  }
  address(ref: RangeRef): string {
    return fullAddress(ref.sheet.name, ref.rect);
  }

  // -------------------------------------------------------------- cells
  private formatAt(s: SheetModel, r: number, c: number): CellFormat {
    const out: CellFormat = {};
    for (const f of s.formats) {
      if (contains(f.rect, r, c)) Object.assign(out, f.fmt);
    }
    return out;
  }
  numberFormatAt(s: SheetModel, r: number, c: number): string {
    for (let i = s.formats.length - 1; i >= 0; i--) {
      const f = s.formats[i];
      if (f.fmt.numberFormat !== undefined && contains(f.rect, r, c)) return f.fmt.numberFormat;
    }
    return "General";
  }

  setFormat(s: SheetModel, rect: Rect, fmt: CellFormat): void {
    this.requireLive(s);
    this.version++;
    const last = s.formats[s.formats.length - 1];
    if (last && last.rect.r0 === rect.r0 && last.rect.r1 === rect.r1 && last.rect.c0 === rect.c0 && last.rect.c1 === rect.c1) {
      Object.assign(last.fmt, fmt);
    } else s.formats.push({ rect, fmt: { ...fmt } });
  }

  /** Sets a 2D array of number formats (or one for all), grouped into runs per column. */
  setNumberFormats(s: SheetModel, rect: Rect, formats: unknown): void {
    this.requireLive(s);
    checkNumberFormats(formats);
    if (!Array.isArray(formats)) {
      if (typeof formats !== "string") throw new HostError("InvalidArgument", "numberFormat must be a string or a 2D array of strings.");
      this.setFormat(s, rect, { numberFormat: formats });
      return;
    }
    this.checkShape(formats, rect, "numberFormat");
    const grid = formats as unknown[][];
    const uniform = grid.every((row) => row.every((f) => f === grid[0][0]));
    if (uniform && (typeof grid[0][0] === "string")) {
      this.setFormat(s, rect, { numberFormat: grid[0][0] as string });
      return;
    }
    for (let c = 0; c < cols(rect); c++) {
      let start = 0;
      for (let r = 1; r <= rows(rect); r++) {
        if (r === rows(rect) || grid[r][c] !== grid[start][c]) {
          const f = grid[start][c];
          if (typeof f === "string") {
            this.setFormat(s, { r0: rect.r0 + start, r1: rect.r0 + r - 1, c0: rect.c0 + c, c1: rect.c0 + c }, { numberFormat: f });
          } else if (f !== null && f !== undefined) {
            throw new HostError("InvalidArgument", `numberFormat[${start}][${c}] must be a string.`);
          }
          start = r;
        }
      }
    }
  }

  checkShape(data: unknown[], rect: Rect, what: string): void {
    const ok = data.length === rows(rect) && data.every((row) => Array.isArray(row) && row.length === cols(rect));
    if (!ok) {
      const h = data.length;
      const w = Array.isArray(data[0]) ? (data[0] as unknown[]).length : 0;
      throw new HostError(
        "InvalidArgument",
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range: ${what} is ${h}×${w}, the range ${rectAddress(rect)} is ${rows(rect)}×${cols(rect)}.`,
      );
    }
  }

  /** Writes `values` or `formulas` (same parsing in Excel): a 2D array of the range's shape, or one value for every cell. */
  writeCells(s: SheetModel, rect: Rect, data: unknown, what: "values" | "formulas"): void {
    this.requireLive(s);
    const h = rows(rect);
    const w = cols(rect);
    let grid: unknown[][];
    if (Array.isArray(data)) {
      this.checkShape(data, rect, what);
      grid = data as unknown[][];
    } else {
      if (h * w > 5_000_000) throw new HostError("InvalidArgument", `The range ${rectAddress(rect)} is too large to set one value to every cell.`);
      grid = Array.from({ length: h }, () => new Array<unknown>(w).fill(data));
    }
    this.beginWrite();
    const out: RawCellContent[][] = [];
    let pendingFormats: { r: number; c: number; f: string }[] | undefined;
    const hasTextFormat = s.formats.some((f) => f.fmt.numberFormat === "@" && intersects(f.rect, rect));
    let sparse = false;
    for (let r = 0; r < h; r++) {
      const src = grid[r];
      const row: RawCellContent[] = new Array(w);
      for (let c = 0; c < w; c++) {
        const textFormat = hasTextFormat && this.numberFormatAt(s, rect.r0 + r, rect.c0 + c) === "@";
        const p = parseInput(src[c], textFormat, `${what}[${r}][${c}]`);
        if (p === undefined) {
          sparse = true;
          row[c] = undefined;
          continue;
        }
        if (p.kind === "empty") row[c] = null;
        else if (p.kind === "formula") row[c] = this.checkFormula(p.formula, s, rect.r0 + r, rect.c0 + c);
        else {
          row[c] = typeof p.value === "string" ? "'" + p.value : p.value;
          if (p.autoFormat && this.numberFormatAt(s, rect.r0 + r, rect.c0 + c) === "General") {
            (pendingFormats ??= []).push({ r: rect.r0 + r, c: rect.c0 + c, f: p.autoFormat });
          }
        }
      }
      out.push(row);
    }
    try {
      if (!sparse) {
        this.hf.setCellContents({ sheet: s.hfId, row: rect.r0, col: rect.c0 }, out);
      } else {
        // null in the input leaves the cell as it is: write runs of the other cells.
        for (let r = 0; r < h; r++) {
          let c = 0;
          while (c < w) {
            if (out[r][c] === undefined) {
              c++;
              continue;
            }
            let e = c;
            while (e < w && out[r][e] !== undefined) e++;
            this.hf.setCellContents({ sheet: s.hfId, row: rect.r0 + r, col: rect.c0 + c }, [out[r].slice(c, e)]);
            c = e;
          }
        }
      }
    } catch (e) {
      throw new HostError("InvalidArgument", `Writing ${what} to ${this.address({ sheet: s, rect })} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    for (const f of pendingFormats ?? []) this.setFormat(s, { r0: f.r, r1: f.r, c0: f.c, c1: f.c }, { numberFormat: f.f });
  }

  private checkFormula(formula: string, s: SheetModel, r: number, c: number): string {
    const f = toEngineFormula(formula);
    if (!this.hf.validateFormula(f)) {
      throw new HostError(
        "InvalidArgument",
        `The formula ${formula} in ${fullAddress(s.name, { r0: r, c0: c, r1: r, c1: c })} is not valid (or uses syntax the workbench's formula engine, HyperFormula, does not support).`,
      );
    }
    return f;
  }

  /** Computed values of a range as Excel's API returns them. */
  readValues(s: SheetModel, rect: Rect): ExcelValue[][] {
    this.requireLive(s);
    this.endWrite();
    const dims = this.hf.getSheetDimensions(s.hfId);
    const out: ExcelValue[][] = [];
    const r1 = Math.min(rect.r1, dims.height - 1);
    const c1 = Math.min(rect.c1, dims.width - 1);
    const raw = r1 >= rect.r0 && c1 >= rect.c0
      ? this.hf.getRangeValues({ start: { sheet: s.hfId, row: rect.r0, col: rect.c0 }, end: { sheet: s.hfId, row: r1, col: c1 } })
      : [];
    for (let r = 0; r < rows(rect); r++) {
      const src = raw[r];
      const row: ExcelValue[] = new Array(cols(rect));
      for (let c = 0; c < cols(rect); c++) row[c] = toExcel(src?.[c]);
      out.push(row);
    }
    this.stale(s, rect, out);
    return out;
  }

  /** Formulas where a cell has one, the value otherwise (text without any apostrophe prefix, as Excel returns it). */
  readFormulas(s: SheetModel, rect: Rect): ExcelValue[][] {
    const values = this.readValues(s, rect);
    const dims = this.hf.getSheetDimensions(s.hfId);
    for (let r = 0; r < values.length && rect.r0 + r < dims.height; r++) {
      for (let c = 0; c < values[r].length && rect.c0 + c < dims.width; c++) {
        const addr = { sheet: s.hfId, row: rect.r0 + r, col: rect.c0 + c };
        const f = this.hf.getCellFormula(addr);
        if (f !== undefined) values[r][c] = fromEngineFormula(f);
      }
    }
    return values;
  }

  readNumberFormats(s: SheetModel, rect: Rect): string[][] {
    this.requireLive(s);
    const out: string[][] = [];
    for (let r = rect.r0; r <= rect.r1; r++) {
      const row: string[] = [];
      for (let c = rect.c0; c <= rect.c1; c++) row.push(this.numberFormatAt(s, r, c));
      out.push(row);
    }
    return out;
  }

  /** Text as displayed (number format applied). */
  readText(s: SheetModel, rect: Rect): string[][] {
    const v = this.readValues(s, rect);
    return v.map((row, r) => row.map((x, c) => formatValue(x, this.numberFormatAt(s, rect.r0 + r, rect.c0 + c))));
  }

  valueTypes(s: SheetModel, rect: Rect): string[][] {
    return this.readValues(s, rect).map((row) =>
      row.map((x) => (x === "" ? "Empty" : typeof x === "number" ? "Double" : typeof x === "boolean" ? "Boolean" : /^#[A-Z0-9/]+[!?A]?$/.test(x) && isErrorText(x) ? "Error" : "String")),
    );
  }

  clear(s: SheetModel, rect: Rect, applyTo: string): void {
    this.requireLive(s);
    if (applyTo === "All" || applyTo === "Contents") {
      const dims = this.hf.getSheetDimensions(s.hfId);
      const r1 = Math.min(rect.r1, dims.height - 1);
      const c1 = Math.min(rect.c1, dims.width - 1);
      if (r1 >= rect.r0 && c1 >= rect.c0) {
        this.beginWrite();
        this.hf.setCellContents(
          { sheet: s.hfId, row: rect.r0, col: rect.c0 },
          Array.from({ length: r1 - rect.r0 + 1 }, () => new Array<RawCellContent>(c1 - rect.c0 + 1).fill(null)),
        );
      }
    }
    if (applyTo === "All" || applyTo === "Formats") {
      this.version++;
      s.formats = s.formats.filter((f) => !(f.rect.r0 >= rect.r0 && f.rect.r1 <= rect.r1 && f.rect.c0 >= rect.c0 && f.rect.c1 <= rect.c1));
      s.formats.push({ rect, fmt: { numberFormat: "General", fill: null, bold: false, italic: false, fontColor: "#000000" } });
      s.conditionalFormats = s.conditionalFormats.filter((cf) => !intersects(cf.rect, rect));
    }
  }

  /** The used range: the smallest rectangle holding every non-empty cell, or undefined. */
  usedRect(s: SheetModel): Rect | undefined {
    this.requireLive(s);
    this.endWrite();
    const dims = this.hf.getSheetDimensions(s.hfId);
    if (dims.height === 0 || dims.width === 0) return undefined;
    const id = s.hfId;
    const empty = (row: number, col: number): boolean => this.hf.isCellEmpty({ sheet: id, row, col });
    const rowHas = (r: number): boolean => {
      for (let c = 0; c < dims.width; c++) if (!empty(r, c)) return true;
      return false;
    };
    let r1 = dims.height - 1;
    while (r1 >= 0 && !rowHas(r1)) r1--;
    if (r1 < 0) return undefined;
    let r0 = 0;
    while (!rowHas(r0)) r0++;
    const colHas = (c: number): boolean => {
      for (let r = r0; r <= r1; r++) if (!empty(r, c)) return true;
      return false;
    };
    let c0 = 0;
    while (!colHas(c0)) c0++;
    let c1 = dims.width - 1;
    while (c1 > c0 && !colHas(c1)) c1--;
    return { r0, c0, r1, c1 };
  }

  // -------------------------------------------------------------- column widths
  colWidth(s: SheetModel, c: number): number {
    return s.colWidths.get(c) ?? DEFAULT_COL_WIDTH;
  }
  setColWidth(s: SheetModel, rect: Rect, w: number): void {
    this.requireLive(s);
    if (!(w >= 0 && w <= 255 * 7.5)) throw new HostError("InvalidArgument", `columnWidth ${w} is out of range.`);
    this.version++;
    for (let c = rect.c0; c <= Math.min(rect.c1, rect.c0 + 2000); c++) s.colWidths.set(c, w);
    this.relayoutCharts(s);
  }
  autofitColumns(s: SheetModel, rect: Rect): void {
    const used = this.usedRect(s);
    if (!used) return;
    const r0 = Math.max(rect.r0, used.r0);
    const r1 = Math.min(rect.r1, used.r1, r0 + 5000);
    const c0 = Math.max(rect.c0, used.c0);
    const c1 = Math.min(rect.c1, used.c1);
    if (r1 < r0 || c1 < c0) return;
    const text = this.readText(s, { r0, r1, c0, c1 });
    for (let c = c0; c <= c1; c++) {
      let len = 0;
      for (const row of text) len = Math.max(len, row[c - c0].length);
      s.colWidths.set(c, Math.min(255 * 5.25, Math.max(DEFAULT_COL_WIDTH / 2, len * 5.6 + 9)));
    }
    this.relayoutCharts(s);
    this.version++;
  }

  // -------------------------------------------------------------- tables
  tableByName(name: string): TableModel | undefined {
    const n = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === n);
  }
  requireTable(name: string): TableModel {
    const t = this.tableByName(name);
    if (!t) throw new HostError("ItemNotFound", `The requested resource doesn't exist: table '${name}'.`);
    return t;
  }
  private checkNewName(name: string, self?: TableModel): void {
    if (!validName(name)) throw new HostError("InvalidArgument", `The name '${name}' is not a valid table or range name.`);
    const t = this.tableByName(name);
    if ((t && t !== self) || this.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) {
      throw new HostError("ItemAlreadyExists", `A table or name '${name}' already exists.`);
    }
  }
  addTable(ref: RangeRef, hasHeaders: boolean): TableModel {
    this.requireLive(ref.sheet);
    const { sheet, rect } = ref;
    if (rect.r1 - rect.r0 > 1_048_000 || rect.c1 - rect.c0 > 16000) throw new HostError("InvalidArgument", "A table cannot cover whole rows or columns.");
    if (this.tables.some((t) => t.sheet === sheet && intersects(t.rect, rect))) {
      throw new HostError("InvalidArgument", `A table can't overlap another table (${this.address(ref)}).`);
    }
    let i = this.tables.length + 1;
    while (this.tableByName(`Table${i}`)) i++;
    const t: TableModel = {
      id: String(this.nextId++),
      name: `Table${i}`,
      sheet,
      rect: hasHeaders ? rect : { ...rect },
      style: "TableStyleMedium2",
      showTotals: false,
      showHeaders: true,
      showBandedRows: true,
      showFilterButton: true,
    };
    if (!hasHeaders) {
      // Excel inserts a header row "Column1".. above the data: here the data moves down one row.
      const data = rect.r1 >= rect.r0 ? this.readFormulas(sheet, rect) : [];
      const headers = [Array.from({ length: cols(rect) }, (_, k) => `Column${k + 1}`)];
      this.writeCells(sheet, { ...rect, r1: rect.r0 }, headers, "values");
      if (data.length) this.writeCells(sheet, { ...rect, r0: rect.r0 + 1, r1: rect.r1 + 1 }, data, "formulas");
      t.rect = { ...rect, r1: rect.r1 + 1 };
    } else {
      // Blank or duplicate headers become ColumnN, as in Excel.
      const head = this.readValues(sheet, { ...rect, r1: rect.r0 })[0];
      const seen = new Set<string>();
      let changed = false;
      const fixed = head.map((h, k) => {
        let name = h === "" ? `Column${k + 1}` : String(h);
        while (seen.has(name.toLowerCase())) {
          name = `${name}${k + 1}`;
          changed = true;
        }
        if (h === "") changed = true;
        seen.add(name.toLowerCase());
        return name;
      });
      if (changed) this.writeCells(sheet, { ...rect, r1: rect.r0 }, [fixed.map((x) => "'" + x)], "values");
    }
    this.version++;
    this.tables.push(t);
    return t;
  }
  renameTable(t: TableModel, name: string): void {
    if (t.name === name) return;
    this.checkNewName(name, t);
    this.version++;
    t.name = name;
  }
  deleteTable(t: TableModel): void {
    this.version++;
    this.tables = this.tables.filter((x) => x !== t);
  }
  tableHeaders(t: TableModel): string[] {
    return this.readValues(t.sheet, { ...t.rect, r1: t.rect.r0 })[0].map(String);
  }
  /** Appends rows (or inserts at a data-row index) and grows the table. */
  addTableRows(t: TableModel, index: number | null | undefined, values: unknown[][] | undefined, count: number): void {
    const dataRows = t.rect.r1 - t.rect.r0;
    const at = index === null || index === undefined || index < 0 ? dataRows : Math.min(index, dataRows);
    const n = values ? values.length : count;
    if (n <= 0) return;
    const insertRow = t.rect.r0 + 1 + at;
    const w = cols(t.rect);
    const below = this.readValues(t.sheet, { r0: insertRow, r1: insertRow + n - 1, c0: t.rect.c0, c1: t.rect.c1 });
    if (at < dataRows || below.some((row) => row.some((x) => x !== ""))) {
      this.beginWrite();
      this.hf.addRows(t.sheet.hfId, [insertRow, n]);
      for (const o of this.tables) if (o !== t && o.sheet === t.sheet && o.rect.r0 >= insertRow) {
        o.rect = { ...o.rect, r0: o.rect.r0 + n, r1: o.rect.r1 + n };
      }
    }
    t.rect = { ...t.rect, r1: t.rect.r1 + n };
    if (values) {
      if (!values.every((row) => Array.isArray(row) && row.length === w)) {
        throw new HostError("InvalidArgument", `Each row added to table '${t.name}' must have ${w} values.`);
      }
      this.writeCells(t.sheet, { r0: insertRow, r1: insertRow + n - 1, c0: t.rect.c0, c1: t.rect.c1 }, values, "values");
    }
    this.version++;
  }

  // -------------------------------------------------------------- charts
  chartByName(s: SheetModel, name: string): ChartModel | undefined {
    return s.charts.find((c) => c.name === name);
  }
  addChart(s: SheetModel, type: string, source: RangeRef | undefined, seriesBy: string): ChartModel {
    this.requireLive(s);
    let n = 1;
    const all = this.sheets.flatMap((x) => x.charts);
    while (all.some((c) => c.name === `Chart ${n}`)) n++;
    const chart: ChartModel = {
      id: String(this.nextId++),
      name: `Chart ${n}`,
      sheet: s,
      type,
      title: "",
      titleVisible: true,
      series: [],
      categoryAxisTitle: "",
      valueAxisTitle: "",
      top: 20 + 15 * s.charts.length,
      left: 400 + 15 * s.charts.length,
      width: 360,
      height: 216,
      legendVisible: true,
      legendPosition: "Right",
      axisFormats: { valueAxisTitle: "", categoryAxisTitle: "" },
      dataLabels: { showValue: false, numberFormat: "" },
      anchor: null,
    };
    if (source) chart.series = this.seriesFromSource(source, seriesBy, type);
    if (chart.series.length === 1) chart.title = chart.series[0].name;
    s.charts.push(chart);
    this.version++;
    return chart;
  }

  /** Excel's reading of a chart's source range: header row/column become names/categories. */
  private seriesFromSource(src: RangeRef, seriesBy: string, type: string): SeriesModel[] {
    const v = this.readValues(src.sheet, src.rect);
    const h = v.length;
    const w = v[0]?.length ?? 0;
    const byCols = seriesBy === "Columns" || ((seriesBy === "Auto" || !seriesBy) && h >= w);
    const isText = (x: ExcelValue): boolean => typeof x === "string";
    const headerRow = v[0]?.some((x, c) => isText(x) || (c === 0 && x === "")) && h > 1;
    const headerCol = v.some((row, r) => (r > 0 || !headerRow) && isText(row[0])) && w > 1;
    const scatter = /^XYScatter/i.test(type);
    const ref = (r0: number, c0: number, r1: number, c1: number): RangeRef => ({
      sheet: src.sheet,
      rect: { r0: src.rect.r0 + r0, c0: src.rect.c0 + c0, r1: src.rect.r0 + r1, c1: src.rect.c0 + c1 },
    });
    const out: SeriesModel[] = [];
    if (byCols) {
      const dr0 = headerRow ? 1 : 0;
      let first = headerCol ? 1 : 0;
      let x: RangeRef | undefined = headerCol ? ref(dr0, 0, h - 1, 0) : undefined;
      if (scatter && !headerCol && w > 1) {
        x = ref(dr0, 0, h - 1, 0);
        first = 1;
      }
      for (let c = first; c < w; c++) {
        out.push({ name: headerRow ? String(v[0][c]) : `Series${out.length + 1}`, values: ref(dr0, c, h - 1, c), ...(x ? { xValues: x } : {}) });
      }
    } else {
      const dc0 = headerCol ? 1 : 0;
      const x: RangeRef | undefined = headerRow ? ref(0, dc0, 0, w - 1) : undefined;
      for (let r = headerRow ? 1 : 0; r < h; r++) {
        out.push({ name: headerCol ? String(v[r][0]) : `Series${out.length + 1}`, values: ref(r, dc0, r, w - 1), ...(x ? { xValues: x } : {}) });
      }
    }
    return out;
  }

  deleteChart(c: ChartModel): void {
    this.version++;
    c.sheet.charts = c.sheet.charts.filter((x) => x !== c);
  }

  /** Values of a chart series range, flattened (numbers; others as null). */
  seriesValues(ref: RangeRef | undefined): (number | string | boolean | null)[] {
    if (!ref || !this.isLive(ref.sheet)) return [];
    return this.readValues(ref.sheet, ref.rect).flat().map((x) => (x === "" ? null : x));
  }

  /** Places a chart on its anchor cells with the sheet's current column widths. */
  layoutChart(c: ChartModel): void {
    const a = c.anchor;
    if (!a) return;
    c.top = this.cellTop(c.sheet, a.r0);
    c.left = this.cellLeft(c.sheet, a.c0);
    if (a.r1 !== null && a.c1 !== null) {
      c.height = Math.max(15, this.cellTop(c.sheet, a.r1 + 1) - c.top);
      c.width = Math.max(DEFAULT_COL_WIDTH, this.cellLeft(c.sheet, a.c1 + 1) - c.left);
    }
  }

  private relayoutCharts(s: SheetModel): void {
    for (const c of s.charts) this.layoutChart(c);
  }

  cellTop(s: SheetModel, r: number): number {
    void s;
    return r * DEFAULT_ROW_HEIGHT;
  }
  cellLeft(s: SheetModel, c: number): number {
    let x = 0;
    for (let i = 0; i < c; i++) x += this.colWidth(s, i);
    return x;
  }

  // -------------------------------------------------------------- conditional formats
  addConditionalFormat(s: SheetModel, rect: Rect, type: string): ConditionalFormatModel {
    this.requireLive(s);
    const known = ["ContainsText", "CellValue", "Custom"];
    if (!known.includes(type)) {
      throw new HostError("NotImplemented", `Conditional format type '${type}' is not supported by the workbench (supported: ${known.join(", ")}).`);
    }
    const cf: ConditionalFormatModel = { id: String(this.nextId++), sheet: s, rect, type, rule: {}, format: {}, stopIfTrue: false };
    s.conditionalFormats.push(cf);
    this.version++;
    return cf;
  }

  /** The format a cell shows: its own, then the first conditional format whose rule holds. */
  displayFormat(s: SheetModel, r: number, c: number, value?: ExcelValue): CellFormat {
    const base = this.formatAt(s, r, c);
    const cfs = s.conditionalFormats.filter((cf) => contains(cf.rect, r, c));
    if (cfs.length === 0) return base;
    const v = value ?? this.readValues(s, { r0: r, r1: r, c0: c, c1: c })[0][0];
    for (const cf of cfs) {
      if (this.ruleHolds(cf, r, c, v)) return { ...base, ...stripUndefined(cf.format) };
    }
    return base;
  }

  private evalRuleFormula(formula: string, s: SheetModel, dr: number, dc: number): ExcelValue {
    const f = formula.startsWith("=") ? formula : `=${formula}`;
    const shifted = toEngineFormula(shiftRelative(f, dr, dc));
    try {
      const v = this.hf.calculateFormula(shifted, s.hfId);
      return toExcel(Array.isArray(v) ? v[0]?.[0] : v);
    } catch {
      return "#VALUE!";
    }
  }

  private ruleHolds(cf: ConditionalFormatModel, r: number, c: number, v: ExcelValue): boolean {
    const dr = r - cf.rect.r0;
    const dc = c - cf.rect.c0;
    const op = cf.rule.operator ?? "";
    if (cf.type === "ContainsText") {
      const t = String(v).toLowerCase();
      const needle = (cf.rule.text ?? "").toLowerCase();
      switch (op) {
        case "Contains":
          return t.includes(needle);
        case "NotContains":
          return !t.includes(needle);
        case "BeginsWith":
          return t.startsWith(needle);
        case "EndsWith":
          return t.endsWith(needle);
        default:
          return false;
      }
    }
    if (cf.type === "Custom") {
      const x = this.evalRuleFormula(cf.rule.formula ?? "FALSE", cf.sheet, dr, dc);
      return x === true || (typeof x === "number" && x !== 0);
    }
    if (cf.type === "CellValue") {
      if (v === "") return false;
      const a = this.evalRuleFormula(cf.rule.formula1 ?? "0", cf.sheet, dr, dc);
      const b = cf.rule.formula2 !== undefined ? this.evalRuleFormula(cf.rule.formula2, cf.sheet, dr, dc) : a;
      const cmp = (x: ExcelValue, y: ExcelValue): number =>
        typeof x === "number" && typeof y === "number" ? x - y : String(x).toLowerCase().localeCompare(String(y).toLowerCase());
      switch (op) {
        case "Between":
          return cmp(v, a) >= 0 && cmp(v, b) <= 0;
        case "NotBetween":
          return cmp(v, a) < 0 || cmp(v, b) > 0;
        case "EqualTo":
          return cmp(v, a) === 0;
        case "NotEqualTo":
          return cmp(v, a) !== 0;
        case "GreaterThan":
          return cmp(v, a) > 0;
        case "LessThan":
          return cmp(v, a) < 0;
        case "GreaterThanOrEqual":
          return cmp(v, a) >= 0;
        case "LessThanOrEqual":
          return cmp(v, a) <= 0;
        default:
          return false;
      }
    }
    return false;
  }

  // -------------------------------------------------------------- names
  nameByName(name: string): NameModel | undefined {
    const n = name.toLowerCase();
    return this.names.find((x) => x.name.toLowerCase() === n);
  }
  addName(name: string, reference: RangeRef | string, comment: string): NameModel {
    if (!validName(name)) throw new HostError("InvalidArgument", `The name '${name}' is not valid.`);
    if (this.nameByName(name) || this.tableByName(name)) throw new HostError("ItemAlreadyExists", `The name '${name}' already exists.`);
    const formula =
      typeof reference === "string"
        ? reference.startsWith("=")
          ? reference
          : `=${reference}`
        : `=${quoteSheet(reference.sheet.name)}!${absolute(reference.rect)}`;
    this.beginWrite();
    try {
      this.hf.addNamedExpression(name, toEngineFormula(formula));
    } catch (e) {
      throw new HostError("InvalidArgument", `The name '${name}' could not be defined as ${formula}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const m: NameModel = { name, formula, comment, visible: true };
    this.names.push(m);
    return m;
  }
  deleteName(m: NameModel): void {
    this.beginWrite();
    this.hf.removeNamedExpression(m.name);
    this.names = this.names.filter((x) => x !== m);
  }
  nameValue(m: NameModel): ExcelValue | ExcelValue[][] {
    this.endWrite();
    const v = this.hf.getNamedExpressionValue(m.name);
    return Array.isArray(v) ? v.map((row) => row.map(toExcel)) : toExcel(v);
  }
  nameRange(m: NameModel): RangeRef | undefined {
    try {
      return this.resolve(m.formula.slice(1).replace(/\$/g, ""), undefined);
    } catch {
      return undefined;
    }
  }
}

export function absolute(rect: Rect): string {
  return rectAddress(rect).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2").replace(/^([A-Z]+):([A-Z]+)$/, "$$$1:$$$2");
}

function stripUndefined(f: CellFormat): CellFormat {
  const out: CellFormat = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

const ERROR_TEXTS = new Set(["#DIV/0!", "#VALUE!", "#N/A", "#NUM!", "#NAME?", "#REF!", "#NULL!", "#SPILL!", "#CYCLE!", "#ERROR!", "#CALC!", "#BUSY!", "#LIC!", "#GETTING_DATA"]);
export function isErrorText(s: string): boolean {
  return ERROR_TEXTS.has(s);
}

/** A HyperFormula value as Excel's API returns it. */
export function toExcel(v: unknown): ExcelValue {
  if (v === null || v === undefined) return "";
  if (v instanceof DetailedCellError) return excelErrorText(v.type, v.message);
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}

/** Outside string literals and quoted sheet names. */
function mapCode(formula: string, f: (code: string) => string): string {
  return formula
    .split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/)
    .map((p, i) => (i % 2 ? p : f(p)))
    .join("");
}

/**
 * Excel formula text → what HyperFormula parses: no _xlfn. prefixes, lower-case exponents
 * (1E-9 → 1e-9), and the TRUE/FALSE literals as HyperFormula's TRUE()/FALSE() functions.
 */
export function toEngineFormula(formula: string): string {
  const noPrefix = formula.replace(/_xlfn\.|_xlws\./gi, "");
  // "a""b" (Excel's doubled quote) → "a"&CHAR(34)&"b": HyperFormula has no escape in strings.
  const quoted = noPrefix
    .split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/)
    .map((p, i) => (i % 2 && p.startsWith('"') && p.length > 2 && p.slice(1, -1).includes('""') ? `(${p.slice(1, -1).split('""').map((x) => `"${x}"`).join("&CHAR(34)&")})` : p))
    .join("");
  return mapCode(quoted, (p) =>
    p
      .replace(/(?<![A-Za-z$_])(\d+\.?\d*|\.\d+)E([+-]?\d)/g, "$1e$2")
      .replace(/(?<![A-Za-z0-9_.$!])(TRUE|FALSE)(?![A-Za-z0-9_.(!])/gi, (_m, b: string) => `${b.toUpperCase()}()`),
  );
}

/** HyperFormula's formula text → Excel's (TRUE()/FALSE() back to literals). */
export function fromEngineFormula(formula: string): string {
  const literals = mapCode(formula, (p) => p.replace(/(?<![A-Za-z0-9_.])(TRUE|FALSE)\(\)/g, "$1"));
  // Back to Excel's doubled quotes: ("a"&CHAR(34)&"b") → "a""b".
  return literals.replace(/\(("(?:[^"]*)"(?:&CHAR\(34\)&"[^"]*")+)\)/g, (_m, inner: string) => `"${inner.slice(1, -1).split('"&CHAR(34)&"').join('""')}"`);
}

/** Shifts relative A1 references in a formula by (dr, dc) (for conditional-format rules). */
export function shiftRelative(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  const parts = formula.split(/("(?:[^"]|"")*")/);
  return parts
    .map((p, i) =>
      i % 2 === 1
        ? p
        : p.replace(/(?<![A-Za-z0-9_.])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g, (_m, ca: string, col: string, ra: string, row: string) => {
            let ci = 0;
            for (const ch of col.toUpperCase()) ci = ci * 26 + ch.charCodeAt(0) - 64;
            ci -= 1;
            const c2 = ca ? ci : ci + dc;
            const r2 = ra ? Number(row) : Number(row) + dr;
            let name = "";
            let n = c2 + 1;
            while (n > 0) {
              const m = (n - 1) % 26;
              name = String.fromCharCode(65 + m) + name;
              n = Math.floor((n - 1) / 26);
            }
            return `${ca}${name}${ra}${r2}`;
          }),
    )
    .join("");
}

export type { Scalar };
