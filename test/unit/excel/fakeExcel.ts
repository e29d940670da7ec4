/**
 * A tiny recording fake of the part of the Excel JavaScript API the writer uses.
 * Writes are queued and applied at `sync()` (as in Excel), each sync's payload is
 * measured as the JSON of the queued calls' arguments, sheet renames rewrite
 * formula references, and a sync can be made to fail. It does not compute formulas:
 * computed values are checked against the workbench host.
 */
import { columnLetters } from "../../../src/excel/a1";

export interface FakeCell {
  /** What was written: a formula (starts with "="), or a constant. */
  input: string | number | boolean;
}

export interface FakeTable {
  name: string;
  sheetId: string;
  address: string;
  style?: string;
}

export interface FakeSeries {
  name: string;
  values?: string;
  xValues?: string;
}

export interface FakeChart {
  type: string;
  name: string;
  title: string;
  series: FakeSeries[];
  position?: [string, string];
}

export interface FakeConditionalFormat {
  address: string;
  type: string;
  text?: string;
  fill?: string;
  font?: string;
}

export interface FakeSheet {
  id: string;
  name: string;
  cells: Map<string, FakeCell>;
  formats: Map<string, string>;
  charts: FakeChart[];
  conditionalFormats: FakeConditionalFormat[];
  frozenRows: number;
  /** The sheet's visibility when its panes were frozen. */
  frozenWhile?: string;
  columnWidths: Map<number, number>;
  visibility: string;
  /** Font writes, in order: the range and what was set. */
  fonts: { address: string; bold?: boolean; size?: number }[];
  /** Page layout writes (what the print layout was set to). */
  print: { orientation?: string; zoom?: unknown; titleRows?: string };
}

export interface SyncRecord {
  bytes: number;
  calls: number;
  suspendedCalc: boolean;
  suspendedScreen: boolean;
}


function addr(row: number, col: number, rows: number, cols: number): string {
  const a = `${columnLetters(col)}${row + 1}`;
  return rows === 1 && cols === 1 ? a : `${a}:${columnLetters(col + cols - 1)}${row + rows}`;
}

type Op = () => void;

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  tables: FakeTable[] = [];
  settings = new Map<string, unknown>();
  /** Defined names of the workbook. */
  names: string[] = [];
  syncLog: SyncRecord[] = [];
  activeSheetId: string | null = null;
  /** Throw from the n-th sync (1-based, counted over the fake's lifetime) when set. */
  failAtSync: number | null = null;
  /** Called before each sync is applied (index 1-based). */
  beforeSync?: (index: number) => void;
  /** `Application.calculationMode` of the workbook. */
  calculationMode: "Automatic" | "AutomaticExceptTables" | "Manual" = "Automatic";
  /** Every `application.calculate` applied: its type, the sync (1-based) and the sheet names at that moment. */
  calculations: { type: string; sync: number; sheets: string[] }[] = [];
  /** Every numberFormat assignment applied, with the shape of its range. */
  numberFormatWrites: { sheetId: string; address: string; rows: number; cols: number }[] = [];
  /** Calls of `application.suspendScreenUpdatingUntilNextSync` over the fake's lifetime. */
  screenSuspendCalls = 0;
  private nextId = 1;

  constructor(sheetNames: string[] = ["Sheet1"]) {
    for (const n of sheetNames) this.sheets.push(this.newSheet(n));
  }

  newSheet(name: string): FakeSheet {
    return {
      id: `{fake-${this.nextId++}}`,
      name,
      cells: new Map(),
      formats: new Map(),
      charts: [],
      conditionalFormats: [],
      frozenRows: 0,
      columnWidths: new Map(),
      fonts: [],
      print: {},
      visibility: "Visible",
    };
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** Cell content as written (formula or constant), "" when empty. */
  cell(sheet: string, a1: string): string | number | boolean {
    const s = this.sheet(sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    return s.cells.get(a1)?.input ?? "";
  }

  format(sheet: string, a1: string): string | undefined {
    return this.sheet(sheet)?.formats.get(a1);
  }

  /** A deep copy of everything, for "unchanged" checks. */
  snapshot(): string {
    return JSON.stringify({
      sheets: this.sheets.map((s) => ({
        ...s,
        cells: [...s.cells.entries()],
        formats: [...s.formats.entries()],
        columnWidths: [...s.columnWidths.entries()],
      })),
      tables: this.tables,
      names: this.names,
      settings: [...this.settings.entries()],
    });
  }

  get syncs(): number {
    return this.syncLog.length;
  }

  get largestPayload(): number {
    return this.syncLog.reduce((m, s) => Math.max(m, s.bytes), 0);
  }

  /** The `run` the writer receives. */
  run = async <T,>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const ctx = new FakeContext(this);
    return batch(ctx as unknown as Excel.RequestContext);
  };

  renameSheet(sheet: FakeSheet, newName: string): void {
    if (this.sheets.some((s) => s !== sheet && s.name.toLowerCase() === newName.toLowerCase())) {
      throw new Error(`A sheet named "${newName}" already exists.`);
    }
    const quote = (n: string): string => `'${n.replace(/'/g, "''")}'!`;
    const from = quote(sheet.name);
    const to = quote(newName);
    for (const s of this.sheets) {
      for (const c of s.cells.values()) {
        if (typeof c.input === "string" && c.input.startsWith("=") && c.input.includes(from)) {
          c.input = c.input.split(from).join(to);
        }
      }
    }
    sheet.name = newName;
  }

  deleteSheet(sheet: FakeSheet): void {
    const i = this.sheets.indexOf(sheet);
    if (i < 0) throw new Error("sheet already deleted");
    if (sheet.visibility === "Visible" && this.sheets.filter((s) => s.visibility === "Visible").length <= 1) {
      throw new Error("fake: the last visible sheet cannot be deleted");
    }
    this.sheets.splice(i, 1);
    this.tables = this.tables.filter((t) => t.sheetId !== sheet.id);
  }
}

class FakeApplication {
  private loaded: string | undefined;
  constructor(private readonly ctx: FakeContext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.suspendedCalc = true;
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.ctx.wb.screenSuspendCalls++;
    this.ctx.suspendedScreen = true;
  }
  load(props: string): void {
    if (props !== "calculationMode") throw new Error(`fake: Application.load("${props}") is not supported`);
    this.ctx.enqueue(() => (this.loaded = this.ctx.wb.calculationMode));
  }
  get calculationMode(): string {
    if (this.loaded === undefined) throw new Error("PropertyNotLoaded: Application.calculationMode");
    return this.loaded;
  }
  set calculationMode(v: string) {
    if (v !== "Automatic" && v !== "AutomaticExceptTables" && v !== "Manual") throw new Error(`fake: calculationMode ${v}`);
    this.loaded = v;
    this.ctx.enqueue(() => (this.ctx.wb.calculationMode = v), [v]);
  }
  calculate(type: string): void {
    if (!["Recalculate", "Full", "FullRebuild"].includes(type)) throw new Error(`fake: calculate(${type})`);
    this.ctx.enqueue(() => {
      const wb = this.ctx.wb;
      wb.calculations.push({ type, sync: wb.syncLog.length, sheets: wb.sheets.map((x) => x.name) });
    }, [type]);
  }
}

class FakeContext {
  private queue: { op: Op; bytes: number }[] = [];
  suspendedCalc = false;
  suspendedScreen = false;
  workbook: FakeWorkbookApi;
  application: FakeApplication;

  constructor(readonly wb: FakeWorkbook) {
    this.application = new FakeApplication(this);
    this.workbook = new FakeWorkbookApi(this);
  }

  enqueue(op: Op, args: unknown = null): void {
    this.queue.push({ op, bytes: 64 + (args === null ? 0 : Buffer.byteLength(JSON.stringify(args))) });
  }

  async sync(): Promise<void> {
    const index = this.wb.syncLog.length + 1;
    const q = this.queue;
    this.queue = [];
    this.wb.syncLog.push({
      bytes: q.reduce((n, o) => n + o.bytes, 0),
      calls: q.length,
      suspendedCalc: this.suspendedCalc,
      suspendedScreen: this.suspendedScreen,
    });
    this.suspendedCalc = false;
    this.suspendedScreen = false;
    this.wb.beforeSync?.(index);
    if (this.wb.failAtSync === index) throw new Error(`fake: sync ${index} failed`);
    for (const o of q) o.op();
  }
}

class FakeWorkbookApi {
  worksheets: FakeWorksheets;
  tables: FakeTables;
  settings: FakeSettings;
  names: { items: { name: string }[]; load: () => void };
  /** The same object as `context.application`, as in Excel. */
  application: FakeApplication;
  constructor(readonly ctx: FakeContext) {
    this.application = ctx.application;
    const names = {
      items: [] as { name: string }[],
      load: () => ctx.enqueue(() => (names.items = ctx.wb.names.map((name) => ({ name })))),
    };
    this.names = names;
    this.worksheets = new FakeWorksheets(ctx);
    this.tables = new FakeTables(ctx);
    this.settings = new FakeSettings(ctx);
  }
}

class FakeSettings {
  constructor(readonly ctx: FakeContext) {}
  getItemOrNullObject(key: string): { isNullObject: boolean; value: unknown; load: () => void } {
    const item = { isNullObject: true, value: undefined as unknown, load: () => undefined };
    this.ctx.enqueue(() => {
      item.isNullObject = !this.ctx.wb.settings.has(key);
      item.value = this.ctx.wb.settings.get(key);
    });
    return item;
  }
  add(key: string, value: unknown): void {
    this.ctx.enqueue(() => this.ctx.wb.settings.set(key, value), [key, value]);
  }
}

class FakeWorksheets {
  items: FakeWorksheetApi[] = [];
  constructor(readonly ctx: FakeContext) {}
  load(): void {
    this.ctx.enqueue(() => {
      this.items = this.ctx.wb.sheets.map((s) => new FakeWorksheetApi(this.ctx, () => s));
    });
  }
  add(name: string): FakeWorksheetApi {
    const wb = this.ctx.wb;
    const sheet = wb.newSheet(name);
    this.ctx.enqueue(() => {
      if (wb.sheet(name)) throw new Error(`A sheet named "${name}" already exists.`);
      wb.sheets.push(sheet);
    }, [name]);
    return new FakeWorksheetApi(this.ctx, () => sheet);
  }
  getItem(name: string): FakeWorksheetApi {
    let found: FakeSheet | undefined;
    return new FakeWorksheetApi(this.ctx, () => {
      found ??= this.ctx.wb.sheet(name);
      if (!found) throw new Error(`ItemNotFound: worksheet "${name}"`);
      return found;
    });
  }
  getItemOrNullObject(name: string): FakeWorksheetApi {
    let found: FakeSheet | undefined;
    const api = new FakeWorksheetApi(this.ctx, () => {
      if (!found) throw new Error(`null object: worksheet "${name}"`);
      return found;
    });
    api.isNullObject = true;
    this.ctx.enqueue(() => {
      found = this.ctx.wb.sheet(name);
      api.isNullObject = found === undefined;
    });
    return api;
  }
}

class FakeWorksheetApi {
  isNullObject = false;
  tables: { add: (range: FakeRange, hasHeaders: boolean) => FakeTableApi };
  charts: { add: (type: string, range: FakeRange, seriesBy: string) => FakeChartApi };
  freezePanes: { freezeRows: (n: number) => void };
  pageLayout: { orientation: string; zoom: unknown; setPrintTitleRows: (r: FakeRange) => void };
  constructor(
    readonly ctx: FakeContext,
    readonly sheet: () => FakeSheet,
  ) {
    this.tables = {
      add: (range, hasHeaders) => {
        const t: FakeTable = { name: `Table${ctx.wb.tables.length + 1}`, sheetId: "", address: range.address };
        ctx.enqueue(() => {
          if (!hasHeaders) throw new Error("fake: tables without headers are not supported");
          t.sheetId = this.sheet().id;
          ctx.wb.tables.push(t);
        }, [range.address]);
        return new FakeTableApi(ctx, () => t);
      },
    };
    this.charts = {
      add: (type, range, seriesBy) => {
        const c: FakeChart = { type, name: "", title: "", series: [{ name: "", values: range.address }] };
        ctx.enqueue(() => this.sheet().charts.push(c), [type, range.address, seriesBy]);
        return new FakeChartApi(ctx, c);
      },
    };
    const sheetOf = this.sheet;
    this.pageLayout = {
      set orientation(v: string) {
        ctx.enqueue(() => (sheetOf().print.orientation = v), [v]);
      },
      get orientation() {
        return sheetOf().print.orientation ?? "Portrait";
      },
      set zoom(v: unknown) {
        ctx.enqueue(() => (sheetOf().print.zoom = v), [v]);
      },
      get zoom() {
        return sheetOf().print.zoom;
      },
      setPrintTitleRows: (r: FakeRange) =>
        ctx.enqueue(() => {
          if (!r.entireRow) throw new Error("fake: print title rows must span entire rows");
          sheetOf().print.titleRows = r.address;
        }, [r.address]),
    };
    this.freezePanes = {
      freezeRows: (n) =>
        ctx.enqueue(() => {
          const sheet = this.sheet();
          sheet.frozenRows = n;
          sheet.frozenWhile = sheet.visibility;
        }, [n]),
    };
  }
  load(): void {
    // properties are read live from the fake
  }
  get id(): string {
    return this.sheet().id;
  }
  get name(): string {
    return this.sheet().name;
  }
  set name(v: string) {
    this.ctx.enqueue(() => this.ctx.wb.renameSheet(this.sheet(), v), [v]);
  }
  delete(): void {
    this.ctx.enqueue(() => this.ctx.wb.deleteSheet(this.sheet()));
  }
  set visibility(v: string) {
    this.ctx.enqueue(() => (this.sheet().visibility = v), [v]);
  }
  get visibility(): string {
    return this.sheet().visibility;
  }
  activate(): void {
    this.ctx.enqueue(() => {
      if (this.sheet().visibility !== "Visible") throw new Error("fake: a hidden sheet cannot be activated");
      this.ctx.wb.activeSheetId = this.sheet().id;
    });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.ctx, this.sheet, row, col, rows, cols);
  }
}

class FakeRange {
  readonly address: string;
  format: { columnWidth: number; font: { bold: boolean; size: number } };
  /** True for a range made by getEntireRow(). */
  entireRow = false;
  conditionalFormats: { add: (type: string) => FakeCfApi };
  constructor(
    readonly ctx: FakeContext,
    readonly sheet: () => FakeSheet,
    readonly row: number,
    readonly col: number,
    readonly rows: number,
    readonly cols: number,
  ) {
    this.address = addr(row, col, rows, cols);
    const self = this;
    this.format = {
      set columnWidth(w: number) {
        ctx.enqueue(() => {
          for (let c = 0; c < cols; c++) self.sheet().columnWidths.set(col + c, w);
        }, [w]);
      },
      get columnWidth() {
        return 0;
      },
      font: {
        set bold(b: boolean) {
          ctx.enqueue(() => self.sheet().fonts.push({ address: self.address, bold: b }), [b]);
        },
        get bold() {
          return false;
        },
        set size(n: number) {
          ctx.enqueue(() => self.sheet().fonts.push({ address: self.address, size: n }), [n]);
        },
        get size() {
          return 11;
        },
      },
    };
    this.conditionalFormats = {
      add: (type) => {
        const cf: FakeConditionalFormat = { address: this.address, type };
        ctx.enqueue(() => this.sheet().conditionalFormats.push(cf), [type]);
        return new FakeCfApi(ctx, cf);
      },
    };
  }
  /**
   * As strict as Excel about shapes: an array whose rows or columns do not match the range is
   * Excel's InvalidArgument. Stricter than Excel on one point: Excel accepts one value for a whole
   * range, the fake does not (the writer must always send 2-D arrays of the range's shape).
   */
  /** The whole rows of the range (`7:7`). */
  getEntireRow(): FakeRange {
    const r = new FakeRange(this.ctx, this.sheet, this.row, 0, this.rows, 16384);
    (r as { address: string }).address = `${this.row + 1}:${this.row + this.rows}`;
    r.entireRow = true;
    return r;
  }
  private each(grid: unknown, what: string, apply: (a1: string, v: unknown) => void): void {
    if (!Array.isArray(grid)) {
      throw new Error(`fake: ${what} of ${this.address} must be a 2-D array of the range's shape, got ${typeof grid}`);
    }
    const ok = grid.length === this.rows && grid.every((r) => Array.isArray(r) && r.length === this.cols);
    if (!ok) {
      const w = Array.isArray(grid[0]) ? (grid[0] as unknown[]).length : 0;
      throw new Error(
        `InvalidArgument: The number of rows or columns in the input array doesn't match the size or dimensions of the range ` +
          `(${what} is ${grid.length}x${w}, ${this.address} is ${this.rows}x${this.cols}).`,
      );
    }
    const rows = grid as unknown[][];
    for (let r = 0; r < this.rows; r++) {
      for (let c = 0; c < this.cols; c++) apply(addr(this.row + r, this.col + c, 1, 1), rows[r][c]);
    }
  }
  private setCells(grid: unknown, what: string): void {
    this.ctx.enqueue(() => {
      const s = this.sheet();
      this.each(grid, what, (a1, v) => {
        if (v === "" || v === null) s.cells.delete(a1);
        else s.cells.set(a1, { input: v as string | number | boolean });
      });
    }, grid);
  }
  set values(v: unknown) {
    this.setCells(v, "values");
  }
  set formulas(v: unknown) {
    this.setCells(v, "formulas");
  }
  set numberFormat(v: unknown) {
    this.ctx.enqueue(() => {
      const s = this.sheet();
      this.ctx.wb.numberFormatWrites.push({ sheetId: s.id, address: this.address, rows: this.rows, cols: this.cols });
      this.each(v, "numberFormat", (a1, f) => {
        if (typeof f !== "string") throw new Error(`fake: numberFormat of ${a1} must be a string, got ${typeof f}`);
        s.formats.set(a1, f);
      });
    }, v);
  }
}

class FakeCfApi {
  textComparison: { format: { fill: { color: string }; font: { color: string } }; rule: { operator: string; text: string } };
  constructor(ctx: FakeContext, cf: FakeConditionalFormat) {
    const fill = {
      set color(c: string) {
        ctx.enqueue(() => (cf.fill = c), [c]);
      },
      get color() {
        return cf.fill ?? "";
      },
    };
    const font = {
      set color(c: string) {
        ctx.enqueue(() => (cf.font = c), [c]);
      },
      get color() {
        return cf.font ?? "";
      },
    };
    this.textComparison = {
      format: { fill, font },
      set rule(r: { operator: string; text: string }) {
        ctx.enqueue(() => (cf.text = r.text), r);
      },
      get rule() {
        return { operator: "Contains", text: cf.text ?? "" };
      },
    };
  }
}

class FakeTables {
  items: FakeTableApi[] = [];
  constructor(readonly ctx: FakeContext) {}
  load(): void {
    this.ctx.enqueue(() => {
      this.items = this.ctx.wb.tables.map((t) => new FakeTableApi(this.ctx, () => t));
    });
  }
  getItem(name: string): FakeTableApi {
    return new FakeTableApi(this.ctx, () => {
      const t = this.ctx.wb.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!t) throw new Error(`ItemNotFound: table "${name}"`);
      return t;
    });
  }
}

class FakeTableApi {
  constructor(
    readonly ctx: FakeContext,
    readonly table: () => FakeTable,
  ) {}
  get name(): string {
    return this.table().name;
  }
  set name(v: string) {
    this.ctx.enqueue(() => {
      if (this.ctx.wb.tables.some((t) => t !== this.table() && t.name.toLowerCase() === v.toLowerCase())) {
        throw new Error(`A table named "${v}" already exists.`);
      }
      this.table().name = v;
    }, [v]);
  }
  set style(v: string) {
    this.ctx.enqueue(() => (this.table().style = v), [v]);
  }
  get worksheet(): FakeWorksheetApi {
    return new FakeWorksheetApi(this.ctx, () => {
      const s = this.ctx.wb.sheets.find((x) => x.id === this.table().sheetId);
      if (!s) throw new Error("fake: table without sheet");
      return s;
    });
  }
}

class FakeChartApi {
  title: { text: string };
  legend: { visible: boolean; position: string };
  axes: { valueAxis: { title: { text: string }; numberFormat: string }; categoryAxis: { title: { text: string }; numberFormat: string } };
  dataLabels = { showValue: false, numberFormat: "" };
  left = 0;
  top = 0;
  width = 0;
  height = 0;
  series: { getItemAt: (i: number) => FakeSeriesApi; add: (name: string) => FakeSeriesApi };
  constructor(
    readonly ctx: FakeContext,
    readonly chart: FakeChart,
  ) {
    const title = {
      set text(t: string) {
        ctx.enqueue(() => (chart.title = t), [t]);
      },
      get text() {
        return chart.title;
      },
    };
    this.title = title;
    this.legend = { visible: true, position: "Right" };
    this.axes = { valueAxis: { title: { text: "" }, numberFormat: "" }, categoryAxis: { title: { text: "" }, numberFormat: "" } };
    this.series = {
      getItemAt: (i) => new FakeSeriesApi(ctx, () => chart.series[i]),
      add: (name) => {
        const s: FakeSeries = { name };
        ctx.enqueue(() => chart.series.push(s), [name]);
        return new FakeSeriesApi(ctx, () => s);
      },
    };
  }
  set name(n: string) {
    this.ctx.enqueue(() => (this.chart.name = n), [n]);
  }
  setPosition(from: string, to: string): void {
    this.ctx.enqueue(() => (this.chart.position = [from, to]), [from, to]);
  }
}

class FakeSeriesApi {
  markerBackgroundColor = "";
  markerForegroundColor = "";
  readonly format = { fill: { setSolidColor: (_c: string): void => undefined, clear: (): void => undefined }, line: { color: "" } };
  constructor(
    readonly ctx: FakeContext,
    readonly series: () => FakeSeries,
  ) {}
  set name(n: string) {
    this.ctx.enqueue(() => (this.series().name = n), [n]);
  }
  setValues(r: FakeRange): void {
    this.ctx.enqueue(() => (this.series().values = r.address), [r.address]);
  }
  setXAxisValues(r: FakeRange): void {
    this.ctx.enqueue(() => (this.series().xValues = r.address), [r.address]);
  }
}
