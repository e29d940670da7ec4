/**
 * The workbook model behind the workbench host: sheets (cells computed by HyperFormula),
 * formats, tables, charts, conditional formats, names, settings and custom properties.
 * The Excel-API proxies (context.ts, worksheet.ts, range.ts, …) apply their queued operations to it at sync. DOM-free.
 */
import { HyperFormula } from "hyperformula";
import { fullAddress, MAX_COLS, MAX_ROWS, parseAddress, type Rect } from "./address";
import * as cells from "./cell-model";
import * as charts from "./chart-model";
import * as conditionals from "./conditional-model";
import { HostError } from "./errors";
import { toExcel } from "./formula-text";
import type { Scalar } from "./input";
import * as names from "./name-model";
import {
  badSheetName,
  DEFAULT_COL_WIDTH,
  isCalculationMode,
  SheetModel,
  type CalculationMode,
  type CellFormat,
  type ChartModel,
  type ConditionalFormatModel,
  type ExcelValue,
  type NameModel,
  type RangeRef,
  type TableModel,
} from "./sheet-model";
import * as tables from "./table-model";

export * from "./sheet-model";
export { absolute, fromEngineFormula, isErrorText, shiftRelative, toEngineFormula, toExcel } from "./formula-text";
export type { Scalar };

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

  /** A new id for a table, chart or conditional format. */
  newId(): string {
    return String(this.nextId++);
  }

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
  /** (Called by cell-model.ts when it reads values.) */
  stale(s: SheetModel, rect: Rect, values: ExcelValue[][]): void {
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

  // -------------------------------------------------------------- cells (cell-model.ts)
  formatAt(s: SheetModel, r: number, c: number): CellFormat {
    return cells.formatAt(s, r, c);
  }
  numberFormatAt(s: SheetModel, r: number, c: number): string {
    return cells.numberFormatAt(s, r, c);
  }
  setFormat(s: SheetModel, rect: Rect, fmt: CellFormat): void {
    cells.setFormat(this, s, rect, fmt);
  }
  setNumberFormats(s: SheetModel, rect: Rect, formats: unknown): void {
    cells.setNumberFormats(this, s, rect, formats);
  }
  checkShape(data: unknown[], rect: Rect, what: string): void {
    cells.checkShape(data, rect, what);
  }
  writeCells(s: SheetModel, rect: Rect, data: unknown, what: "values" | "formulas"): void {
    cells.writeCells(this, s, rect, data, what);
  }
  readValues(s: SheetModel, rect: Rect): ExcelValue[][] {
    return cells.readValues(this, s, rect);
  }
  readFormulas(s: SheetModel, rect: Rect): ExcelValue[][] {
    return cells.readFormulas(this, s, rect);
  }
  readNumberFormats(s: SheetModel, rect: Rect): string[][] {
    return cells.readNumberFormats(this, s, rect);
  }
  readText(s: SheetModel, rect: Rect): string[][] {
    return cells.readText(this, s, rect);
  }
  valueTypes(s: SheetModel, rect: Rect): string[][] {
    return cells.valueTypes(this, s, rect);
  }
  clear(s: SheetModel, rect: Rect, applyTo: string): void {
    cells.clear(this, s, rect, applyTo);
  }
  usedRect(s: SheetModel): Rect | undefined {
    return cells.usedRect(this, s);
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

  // -------------------------------------------------------------- tables (table-model.ts)
  tableByName(name: string): TableModel | undefined {
    return tables.tableByName(this, name);
  }
  requireTable(name: string): TableModel {
    return tables.requireTable(this, name);
  }
  addTable(ref: RangeRef, hasHeaders: boolean): TableModel {
    return tables.addTable(this, ref, hasHeaders);
  }
  renameTable(t: TableModel, name: string): void {
    tables.renameTable(this, t, name);
  }
  deleteTable(t: TableModel): void {
    tables.deleteTable(this, t);
  }
  tableHeaders(t: TableModel): string[] {
    return tables.tableHeaders(this, t);
  }
  addTableRows(t: TableModel, index: number | null | undefined, values: unknown[][] | undefined, count: number): void {
    tables.addTableRows(this, t, index, values, count);
  }

  // -------------------------------------------------------------- charts (chart-model.ts)
  chartByName(s: SheetModel, name: string): ChartModel | undefined {
    return charts.chartByName(s, name);
  }
  addChart(s: SheetModel, type: string, source: RangeRef | undefined, seriesBy: string): ChartModel {
    return charts.addChart(this, s, type, source, seriesBy);
  }
  deleteChart(c: ChartModel): void {
    charts.deleteChart(this, c);
  }
  seriesValues(ref: RangeRef | undefined): (number | string | boolean | null)[] {
    return charts.seriesValues(this, ref);
  }
  layoutChart(c: ChartModel): void {
    charts.layoutChart(this, c);
  }
  relayoutCharts(s: SheetModel): void {
    charts.relayoutCharts(this, s);
  }
  cellTop(s: SheetModel, r: number): number {
    return charts.cellTop(s, r);
  }
  cellLeft(s: SheetModel, c: number): number {
    return charts.cellLeft(this, s, c);
  }

  // -------------------------------------------------------------- conditional formats (conditional-model.ts)
  addConditionalFormat(s: SheetModel, rect: Rect, type: string): ConditionalFormatModel {
    return conditionals.addConditionalFormat(this, s, rect, type);
  }
  displayFormat(s: SheetModel, r: number, c: number, value?: ExcelValue): CellFormat {
    return conditionals.displayFormat(this, s, r, c, value);
  }

  // -------------------------------------------------------------- names (name-model.ts)
  nameByName(name: string): NameModel | undefined {
    return names.nameByName(this, name);
  }
  addName(name: string, reference: RangeRef | string, comment: string): NameModel {
    return names.addName(this, name, reference, comment);
  }
  deleteName(m: NameModel): void {
    names.deleteName(this, m);
  }
  nameValue(m: NameModel): ExcelValue | ExcelValue[][] {
    return names.nameValue(this, m);
  }
  nameRange(m: NameModel): RangeRef | undefined {
    return names.nameRange(this, m);
  }
}
