/**
 * The Excel JavaScript API objects of the workbench host: request context, workbook,
 * worksheets, ranges, tables, charts, conditional formats, names, settings and custom
 * properties. As in Excel, calls and property writes are queued and applied at
 * `context.sync()`; reading a property that was not loaded (and synced) throws
 * PropertyNotLoaded; errors surface at sync with Excel's error codes. DOM-free.
 */
import { cols, parseAddress, rectAddress, rows, MAX_COLS, MAX_ROWS, type Rect } from "./address";
import { HostError, propertyNotLoaded } from "./errors";
import {
  type CalculationMode,
  type CellFormat,
  type ChartModel,
  type ConditionalFormatModel,
  type NameModel,
  type RangeRef,
  type SeriesModel,
  type SheetModel,
  type TableModel,
  type WorkbookModel,
} from "./workbook";

/** Request and response payload limit of Excel (5 MB). */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

export interface HostStats {
  syncs: number;
  /** Request payload of each sync, in bytes (JSON size of the queued operations). */
  payloads: number[];
  maxPayload: number;
  /** Operations applied in total. */
  operations: number;
}

type After = (() => void)[];
interface Op {
  bytes: number;
  apply(after: After): void;
}

function jsonBytes(v: unknown): number {
  if (v === undefined) return 0;
  const s = JSON.stringify(v);
  if (s === undefined) return 0;
  let n = s.length;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) n += s.charCodeAt(i) > 2047 ? 2 : 1;
  return n;
}
const OP_OVERHEAD = 64;

type LoadArg = string | string[] | { select?: string | string[]; expand?: string | string[] } | undefined;

function loadPaths(arg: LoadArg): string[] | undefined {
  if (arg === undefined || arg === null) return undefined;
  const split = (x: string | string[]): string[] => (Array.isArray(x) ? x : x.split(",")).map((s) => s.trim()).filter(Boolean);
  if (typeof arg === "string" || Array.isArray(arg)) return split(arg);
  return [...(arg.select ? split(arg.select) : []), ...(arg.expand ? split(arg.expand) : [])];
}

/** The request context: queue, sync, and the workbook. */
export class RequestContextImpl {
  _ops: Op[] = [];
  readonly workbook: WorkbookProxy;
  readonly application: ApplicationProxy;
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  readonly runtime = { load: (): void => undefined };
  constructor(
    readonly _model: WorkbookModel,
    readonly _stats: HostStats,
    readonly _onChange: () => void,
  ) {
    this.workbook = new WorkbookProxy(this);
    this.application = this.workbook.application;
  }
  _queue(bytes: number, apply: (after: After) => void): void {
    this._ops.push({ bytes: bytes + OP_OVERHEAD, apply });
  }
  /** Pending request payload in bytes. */
  get _pendingBytes(): number {
    return this._ops.reduce((a, o) => a + o.bytes, 0);
  }
  async sync<T>(passThroughValue?: T): Promise<T> {
    const ops = this._ops;
    this._ops = [];
    const bytes = ops.reduce((a, o) => a + o.bytes, 0);
    this._stats.syncs++;
    this._stats.payloads.push(bytes);
    this._stats.maxPayload = Math.max(this._stats.maxPayload, bytes);
    await Promise.resolve();
    if (bytes > PAYLOAD_LIMIT) {
      throw new HostError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit (${bytes} bytes > ${PAYLOAD_LIMIT}). Nothing in this batch was applied.`,
      );
    }
    const after: After = [];
    const version = this._model.version;
    try {
      for (const op of ops) {
        op.apply(after);
        this._stats.operations++;
      }
    } finally {
      this._model.endWrite();
      if (this._model.version !== version) this._onChange();
    }
    for (const f of after) f();
    return passThroughValue as T;
  }
  /** Response accounting for loads (Excel's 5 MB response limit). */
  _checkResponse(bytes: number, what: string): void {
    if (bytes > PAYLOAD_LIMIT) {
      throw new HostError("ResponsePayloadSizeLimitExceeded", `The response payload size has exceeded the limit (${bytes} bytes) loading ${what}.`);
    }
  }
}

/** `ClientResult<T>`: a value available after the next sync. */
export class ClientResultImpl<T> {
  private _v: T | undefined;
  private _ready = false;
  _set(v: T): void {
    this._v = v;
    this._ready = true;
  }
  get value(): T {
    if (!this._ready) throw propertyNotLoaded("value", "ClientResult");
    return this._v as T;
  }
}

/** Base of every API object: queued writes, loads and the PropertyNotLoaded rule. */
abstract class ClientObject<T> {
  protected _loaded = new Map<string, unknown>();
  private _cached: { v: T | null } | undefined;
  protected _nullable = false;
  private _nullKnown: boolean | undefined;
  constructor(
    readonly context: RequestContextImpl,
    private readonly _resolver: () => T | null,
    queueResolve = false,
  ) {
    if (queueResolve) {
      this.context._queue(16, (after) => {
        const v = this._target(true);
        after.push(() => {
          this._nullKnown = v === null;
        });
      });
    }
  }
  protected abstract get _className(): string;
  protected abstract _scalarProps(): readonly string[];
  /** Read of a scalar property from the model, at apply time. */
  protected abstract _read(prop: string, t: T): unknown;
  /** Navigation properties (for load paths like "format/fill/color"). */
  protected _nav(prop: string): ClientObject<unknown> | undefined {
    void prop;
    return undefined;
  }
  get _model(): WorkbookModel {
    return this.context._model;
  }
  /** The model object, resolved (once) at apply time. */
  _target(allowNull = false): T {
    if (!this._cached) {
      const v = this._resolver();
      this._cached = { v };
    }
    const v = this._cached.v;
    if (v === null) {
      if (allowNull) return null as T;
      throw new HostError("ItemNotFound", `The requested resource doesn't exist (${this._className} is a null object).`);
    }
    return v;
  }
  get isNullObject(): boolean {
    if (!this._nullable) return false;
    if (this._nullKnown === undefined) throw propertyNotLoaded("isNullObject", this._className);
    return this._nullKnown;
  }
  protected _get<V>(prop: string): V {
    if (!this._loaded.has(prop)) throw propertyNotLoaded(prop, this._className);
    return this._loaded.get(prop) as V;
  }
  /** Queues a property write; the written value is readable at once (as in office.js). */
  protected _set(prop: string, value: unknown, apply: (t: T) => void): void {
    this._loaded.set(prop, value);
    this.context._queue(jsonBytes(value) + prop.length, () => apply(this._target()));
  }
  protected _call(args: unknown, apply: (t: T) => void): void {
    this.context._queue(jsonBytes(args), () => apply(this._target()));
  }
  load(arg?: LoadArg): this {
    const paths = loadPaths(arg) ?? [...this._scalarProps()];
    const own: string[] = [];
    for (const p of paths) {
      const [head, ...rest] = p.split("/");
      const nav = this._nav(head);
      if (nav) nav.load(rest.length ? rest.join("/") : undefined);
      else own.push(head);
    }
    const bad = own.filter((p) => !this._scalarProps().includes(p));
    this.context._queue(jsonBytes(own), (after) => {
      if (bad.length) throw new HostError("InvalidArgument", `${this._className} has no property ${bad.join(", ")} that the workbench can load.`);
      const t = this._target(this._nullable);
      if (t === null) return;
      const vals = own.map((p) => [p, this._read(p, t)] as const);
      this.context._checkResponse(jsonBytes(vals.map((v) => v[1])), `${this._className} ${own.join(",")}`);
      after.push(() => {
        for (const [p, v] of vals) this._loaded.set(p, v);
      });
    });
    return this;
  }
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

// ===================================================================== Application
export class ApplicationProxy extends ClientObject<WorkbookModel> {
  protected get _className(): string {
    return "Application";
  }
  protected _scalarProps(): readonly string[] {
    return ["calculationMode"];
  }
  protected _read(prop: string, m: WorkbookModel): unknown {
    void prop;
    return m.calculationMode;
  }
  /** ExcelApi 1.8. Manual calculation holds formula values until `calculate` (see WorkbookModel.calculationMode). */
  get calculationMode(): CalculationMode {
    return this._get("calculationMode");
  }
  set calculationMode(v: CalculationMode) {
    this._set("calculationMode", v, (m) => {
      m.calculationMode = v;
    });
  }
  suspendApiCalculationUntilNextSync(): void {
    this._call(null, () => undefined);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this._call(null, () => undefined);
  }
  /** Computes every formula again (HyperFormula has no dirty-cell recalculation: all three types do the same). */
  calculate(calculationType: "Recalculate" | "Full" | "FullRebuild"): void {
    this._call(calculationType, (m) => m.calculate(calculationType));
  }
}

// ===================================================================== Workbook
export class WorkbookProxy extends ClientObject<WorkbookModel> {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly settings: SettingCollectionProxy;
  readonly properties: DocumentPropertiesProxy;
  readonly application: ApplicationProxy;
  constructor(ctx: RequestContextImpl) {
    super(ctx, () => ctx._model);
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.tables = new TableCollectionProxy(ctx, () => undefined);
    this.names = new NamedItemCollectionProxy(ctx);
    this.settings = new SettingCollectionProxy(ctx);
    this.properties = new DocumentPropertiesProxy(ctx);
    this.application = new ApplicationProxy(ctx, () => ctx._model);
  }
  protected get _className(): string {
    return "Workbook";
  }
  protected _scalarProps(): readonly string[] {
    return ["name"];
  }
  protected _read(): unknown {
    return "Workbench.xlsx";
  }
  get name(): string {
    return this._get("name");
  }
  getActiveWorksheet(): WorksheetProxy {
    return this.worksheets.getActiveWorksheet();
  }
  getSelectedRange(): RangeProxy {
    return this.worksheets.getActiveWorksheet().getRange("A1");
  }
}

// ===================================================================== Worksheets
abstract class CollectionProxy<M, P extends ClientObject<unknown>> extends ClientObject<M[]> {
  protected _items: P[] | undefined;
  protected abstract _wrap(m: M): P;
  protected _scalarProps(): readonly string[] {
    return ["count", "items"];
  }
  protected _read(prop: string, list: M[]): unknown {
    return prop === "count" ? list.length : undefined;
  }
  get items(): P[] {
    if (!this._items) throw propertyNotLoaded("items", this._className);
    return this._items;
  }
  get count(): number {
    return this._get("count");
  }
  override load(arg?: LoadArg): this {
    const paths = loadPaths(arg) ?? [];
    const itemPaths = paths.filter((p) => p !== "count" && p !== "items").map((p) => p.replace(/^items\//, ""));
    this.context._queue(jsonBytes(paths), (after) => {
      const list = this._target();
      const wrapped = list.map((m) => this._wrap(m));
      // Each item loads its properties in this same sync.
      for (const w of wrapped) {
        const ops = this.context._ops;
        this.context._ops = [];
        w.load(itemPaths.length ? itemPaths : undefined);
        const mine = this.context._ops;
        this.context._ops = ops;
        for (const op of mine) op.apply(after);
      }
      const count = list.length;
      after.push(() => {
        this._items = wrapped;
        this._loaded.set("count", count);
      });
    });
    return this;
  }
  getCount(): ClientResultImpl<number> {
    const r = new ClientResultImpl<number>();
    this.context._queue(8, (after) => {
      const n = this._target().length;
      after.push(() => r._set(n));
    });
    return r;
  }
}

export class WorksheetCollectionProxy extends CollectionProxy<SheetModel, WorksheetProxy> {
  constructor(ctx: RequestContextImpl) {
    super(ctx, () => ctx._model.sheets);
  }
  protected get _className(): string {
    return "WorksheetCollection";
  }
  protected _wrap(s: SheetModel): WorksheetProxy {
    return new WorksheetProxy(this.context, () => s);
  }
  add(name?: string): WorksheetProxy {
    let created: SheetModel | undefined;
    const ws = new WorksheetProxy(this.context, () => created ?? null);
    this.context._queue(jsonBytes(name), () => {
      created = this._model.addSheet(name);
    });
    return ws;
  }
  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this._model.sheetByName(key) ?? this._model.sheetById(key) ?? notFound("worksheet", key), true);
  }
  getItemOrNullObject(key: string): WorksheetProxy {
    const ws = new WorksheetProxy(this.context, () => this._model.sheetByName(key) ?? this._model.sheetById(key) ?? null, true, true);
    return ws;
  }
  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this._model.activeSheet ?? notFound("worksheet", "(active)"), true);
  }
  getFirst(visibleOnly?: boolean): WorksheetProxy {
    return new WorksheetProxy(this.context, () => (visibleOnly ? this._model.sheets.find((s) => s.visibility === "Visible") : this._model.sheets[0]) ?? notFound("worksheet", "(first)"), true);
  }
  getLast(visibleOnly?: boolean): WorksheetProxy {
    return new WorksheetProxy(this.context, () => {
      const l = visibleOnly ? this._model.sheets.filter((s) => s.visibility === "Visible") : this._model.sheets;
      return l[l.length - 1] ?? notFound("worksheet", "(last)");
    }, true);
  }
}

function notFound(kind: string, key: string): never {
  throw new HostError("ItemNotFound", `The requested resource doesn't exist: ${kind} '${key}'.`);
}

export class WorksheetProxy extends ClientObject<SheetModel> {
  readonly tables: TableCollectionProxy;
  readonly charts: ChartCollectionProxy;
  readonly freezePanes: FreezePanesProxy;
  constructor(ctx: RequestContextImpl, resolver: () => SheetModel | null, queueResolve = false, nullable = false) {
    super(ctx, resolver, queueResolve);
    this._nullable = nullable;
    this.tables = new TableCollectionProxy(ctx, () => this._target());
    this.charts = new ChartCollectionProxy(ctx, () => this._target());
    this.freezePanes = new FreezePanesProxy(ctx, () => this._target());
  }
  protected get _className(): string {
    return "Worksheet";
  }
  protected _scalarProps(): readonly string[] {
    return ["name", "id", "position", "visibility", "tabColor", "showGridlines", "standardWidth"];
  }
  protected _read(prop: string, s: SheetModel): unknown {
    this._model.requireLive(s);
    switch (prop) {
      case "name":
        return s.name;
      case "id":
        return s.id;
      case "position":
        return this._model.sheets.indexOf(s);
      case "visibility":
        return s.visibility;
      case "tabColor":
        return s.tabColor;
      case "showGridlines":
        return s.showGridlines;
      case "standardWidth":
        return 8.43;
    }
    return undefined;
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, (s) => this._model.renameSheet(s, v));
  }
  get id(): string {
    return this._get("id");
  }
  get position(): number {
    return this._get("position");
  }
  set position(v: number) {
    this._set("position", v, (s) => this._model.moveSheet(s, v));
  }
  get visibility(): string {
    return this._get("visibility");
  }
  set visibility(v: string) {
    this._set("visibility", v, (s) => this._model.setVisibility(s, v));
  }
  get tabColor(): string {
    return this._get("tabColor");
  }
  set tabColor(v: string) {
    this._set("tabColor", v, (s) => {
      s.tabColor = v;
    });
  }
  get showGridlines(): boolean {
    return this._get("showGridlines");
  }
  set showGridlines(v: boolean) {
    this._set("showGridlines", v, (s) => {
      s.showGridlines = v;
    });
  }
  activate(): void {
    this._call(null, (s) => this._model.activate(s));
  }
  delete(): void {
    this._call(null, (s) => this._model.deleteSheet(s));
  }
  calculate(): void {
    this._call(null, () => undefined);
  }
  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.context, () => {
      const s = this._target();
      if (address === undefined || address === "") return { sheet: s, rect: { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 } };
      const p = parseAddress(address);
      if (p.sheet !== undefined && p.sheet.toLowerCase() !== s.name.toLowerCase()) {
        throw new HostError("InvalidArgument", `The address '${address}' names another sheet than '${s.name}'.`);
      }
      return { sheet: s, rect: p.rect };
    }, true);
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      if (![startRow, startColumn, rowCount, columnCount].every(Number.isInteger) || startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1 || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLS) {
        throw new HostError("InvalidArgument", `getRangeByIndexes(${startRow}, ${startColumn}, ${rowCount}, ${columnCount}) is outside the sheet.`);
      }
      return { sheet: this._target(), rect: { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 } };
    }, true);
  }
  getCell(row: number, column: number): RangeProxy {
    return this.getRangeByIndexes(row, column, 1, 1);
  }
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    void valuesOnly;
    return new RangeProxy(this.context, () => {
      const s = this._target();
      return { sheet: s, rect: this._model.usedRect(s) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    }, true);
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    void valuesOnly;
    return new RangeProxy(this.context, () => {
      const s = this._target();
      const r = this._model.usedRect(s);
      return r ? { sheet: s, rect: r } : null;
    }, true, true);
  }
}

export class FreezePanesProxy extends ClientObject<SheetModel> {
  protected get _className(): string {
    return "WorksheetFreezePanes";
  }
  protected _scalarProps(): readonly string[] {
    return [];
  }
  protected _read(): unknown {
    return undefined;
  }
  freezeRows(count?: number): void {
    this._call(count, (s) => {
      s.freezeRows = count ?? 1;
      this._model.version++;
    });
  }
  freezeColumns(count?: number): void {
    this._call(count, (s) => {
      s.freezeCols = count ?? 1;
      this._model.version++;
    });
  }
  freezeAt(range: RangeProxy | string): void {
    this._call(typeof range === "string" ? range : null, (s) => {
      const r = typeof range === "string" ? this._model.resolve(range, s).rect : range._target().rect;
      s.freezeRows = r.r1 + 1;
      s.freezeCols = r.c1 + 1;
      this._model.version++;
    });
  }
  unfreeze(): void {
    this._call(null, (s) => {
      s.freezeRows = 0;
      s.freezeCols = 0;
    });
  }
}

// ===================================================================== Range
function sub(ref: RangeRef, rect: Rect): RangeRef {
  if (rect.r0 < 0 || rect.c0 < 0 || rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLS || rect.r1 < rect.r0 || rect.c1 < rect.c0) {
    throw new HostError("InvalidArgument", "The requested range is outside the sheet.");
  }
  return { sheet: ref.sheet, rect };
}

export class RangeProxy extends ClientObject<RangeRef> {
  readonly format: RangeFormatProxy;
  readonly conditionalFormats: ConditionalFormatCollectionProxy;
  constructor(ctx: RequestContextImpl, resolver: () => RangeRef | null, queueResolve = false, nullable = false) {
    super(ctx, resolver, queueResolve);
    this._nullable = nullable;
    this.format = new RangeFormatProxy(ctx, () => this._target());
    this.conditionalFormats = new ConditionalFormatCollectionProxy(ctx, () => this._target());
  }
  protected get _className(): string {
    return "Range";
  }
  protected _scalarProps(): readonly string[] {
    return ["address", "addressLocal", "rowCount", "columnCount", "cellCount", "rowIndex", "columnIndex", "values", "formulas", "formulasLocal", "numberFormat", "numberFormatLocal", "text", "valueTypes", "isEntireColumn", "isEntireRow"];
  }
  protected override _nav(prop: string): ClientObject<unknown> | undefined {
    if (prop === "format") return this.format as ClientObject<unknown>;
    if (prop === "worksheet") return this.worksheet as ClientObject<unknown>;
    return undefined;
  }
  protected _read(prop: string, ref: RangeRef): unknown {
    const m = this._model;
    m.requireLive(ref.sheet);
    const big = (): void => {
      if (rows(ref.rect) * cols(ref.rect) > 5_000_000) {
        throw new HostError("ResponsePayloadSizeLimitExceeded", `Loading ${prop} of ${m.address(ref)} exceeds the response limit.`);
      }
    };
    switch (prop) {
      case "address":
      case "addressLocal":
        return m.address(ref);
      case "rowCount":
        return rows(ref.rect);
      case "columnCount":
        return cols(ref.rect);
      case "cellCount":
        return rows(ref.rect) * cols(ref.rect);
      case "rowIndex":
        return ref.rect.r0;
      case "columnIndex":
        return ref.rect.c0;
      case "isEntireColumn":
        return ref.rect.r0 === 0 && ref.rect.r1 === MAX_ROWS - 1;
      case "isEntireRow":
        return ref.rect.c0 === 0 && ref.rect.c1 === MAX_COLS - 1;
      case "values":
        big();
        return m.readValues(ref.sheet, ref.rect);
      case "formulas":
      case "formulasLocal":
        big();
        return m.readFormulas(ref.sheet, ref.rect);
      case "numberFormat":
      case "numberFormatLocal":
        big();
        return m.readNumberFormats(ref.sheet, ref.rect);
      case "text":
        big();
        return m.readText(ref.sheet, ref.rect);
      case "valueTypes":
        big();
        return m.valueTypes(ref.sheet, ref.rect);
    }
    return undefined;
  }
  get address(): string {
    return this._get("address");
  }
  get addressLocal(): string {
    return this._get("addressLocal");
  }
  get rowCount(): number {
    return this._get("rowCount");
  }
  get columnCount(): number {
    return this._get("columnCount");
  }
  get cellCount(): number {
    return this._get("cellCount");
  }
  get rowIndex(): number {
    return this._get("rowIndex");
  }
  get columnIndex(): number {
    return this._get("columnIndex");
  }
  get text(): string[][] {
    return this._get("text");
  }
  get valueTypes(): string[][] {
    return this._get("valueTypes");
  }
  get isEntireColumn(): boolean {
    return this._get("isEntireColumn");
  }
  get isEntireRow(): boolean {
    return this._get("isEntireRow");
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get values(): any[][] {
    return this._get("values");
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  set values(v: any[][]) {
    this._set("values", v, (ref) => this._model.writeCells(ref.sheet, ref.rect, v, "values"));
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get formulas(): any[][] {
    return this._get("formulas");
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  set formulas(v: any[][]) {
    this._set("formulas", v, (ref) => this._model.writeCells(ref.sheet, ref.rect, v, "formulas"));
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get formulasLocal(): any[][] {
    return this._get("formulasLocal");
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  set formulasLocal(v: any[][]) {
    this._set("formulasLocal", v, (ref) => this._model.writeCells(ref.sheet, ref.rect, v, "formulas"));
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get numberFormat(): any[][] {
    return this._get("numberFormat");
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  set numberFormat(v: any[][]) {
    this._set("numberFormat", v, (ref) => this._model.setNumberFormats(ref.sheet, ref.rect, v));
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get numberFormatLocal(): any[][] {
    return this._get("numberFormatLocal");
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  set numberFormatLocal(v: any[][]) {
    this._set("numberFormatLocal", v, (ref) => this._model.setNumberFormats(ref.sheet, ref.rect, v));
  }
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this._target().sheet);
  }
  private derive(f: (ref: RangeRef) => RangeRef | null, nullable = false): RangeProxy {
    return new RangeProxy(this.context, () => f(this._target()), true, nullable);
  }
  getCell(row: number, column: number): RangeProxy {
    return this.derive((r) => sub(r, { r0: r.rect.r0 + row, c0: r.rect.c0 + column, r1: r.rect.r0 + row, c1: r.rect.c0 + column }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): RangeProxy {
    return this.derive((r) => sub(r, { r0: r.rect.r0 + rowOffset, r1: r.rect.r1 + rowOffset, c0: r.rect.c0 + columnOffset, c1: r.rect.c1 + columnOffset }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, r1: r.rect.r1 + deltaRows, c1: r.rect.c1 + deltaColumns }));
  }
  getAbsoluteResizedRange(numRows: number, numColumns: number): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, r1: r.rect.r0 + numRows - 1, c1: r.rect.c0 + numColumns - 1 }));
  }
  getRow(row: number): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, r0: r.rect.r0 + row, r1: r.rect.r0 + row }));
  }
  getColumn(column: number): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, c0: r.rect.c0 + column, c1: r.rect.c0 + column }));
  }
  getEntireColumn(): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, r0: 0, r1: MAX_ROWS - 1 }));
  }
  getEntireRow(): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, c0: 0, c1: MAX_COLS - 1 }));
  }
  getLastRow(): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, r0: r.rect.r1 }));
  }
  getLastColumn(): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, c0: r.rect.c1 }));
  }
  getLastCell(): RangeProxy {
    return this.derive((r) => sub(r, { r0: r.rect.r1, c0: r.rect.c1, r1: r.rect.r1, c1: r.rect.c1 }));
  }
  getRowsBelow(count = 1): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, r0: r.rect.r1 + 1, r1: r.rect.r1 + count }));
  }
  getRowsAbove(count = 1): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, r0: r.rect.r0 - count, r1: r.rect.r0 - 1 }));
  }
  getColumnsAfter(count = 1): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, c0: r.rect.c1 + 1, c1: r.rect.c1 + count }));
  }
  getColumnsBefore(count = 1): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, c0: r.rect.c0 - count, c1: r.rect.c0 - 1 }));
  }
  getBoundingRect(anotherRange: RangeProxy | string): RangeProxy {
    return this.derive((r) => {
      const o = typeof anotherRange === "string" ? this._model.resolve(anotherRange, r.sheet) : anotherRange._target();
      return sub(r, { r0: Math.min(r.rect.r0, o.rect.r0), c0: Math.min(r.rect.c0, o.rect.c0), r1: Math.max(r.rect.r1, o.rect.r1), c1: Math.max(r.rect.c1, o.rect.c1) });
    });
  }
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    void valuesOnly;
    return this.derive((r) => {
      const u = this._model.usedRect(r.sheet);
      const i = u && { r0: Math.max(u.r0, r.rect.r0), c0: Math.max(u.c0, r.rect.c0), r1: Math.min(u.r1, r.rect.r1), c1: Math.min(u.c1, r.rect.c1) };
      if (!i || i.r0 > i.r1 || i.c0 > i.c1) throw new HostError("ItemNotFound", "The range has no used cells.");
      return { sheet: r.sheet, rect: i };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    void valuesOnly;
    return this.derive((r) => {
      const u = this._model.usedRect(r.sheet);
      const i = u && { r0: Math.max(u.r0, r.rect.r0), c0: Math.max(u.c0, r.rect.c0), r1: Math.min(u.r1, r.rect.r1), c1: Math.min(u.c1, r.rect.c1) };
      return !i || i.r0 > i.r1 || i.c0 > i.c1 ? null : { sheet: r.sheet, rect: i };
    }, true);
  }
  clear(applyTo: string = "All"): void {
    this._call(applyTo, (r) => this._model.clear(r.sheet, r.rect, applyTo));
  }
  select(): void {
    this._call(null, (r) => this._model.activate(r.sheet));
  }
  calculate(): void {
    this._call(null, () => undefined);
  }
}

export class RangeFormatProxy extends ClientObject<RangeRef> {
  readonly fill: RangeFillProxy;
  readonly font: RangeFontProxy;
  readonly borders: RangeBordersProxy;
  constructor(ctx: RequestContextImpl, resolver: () => RangeRef) {
    super(ctx, resolver);
    this.fill = new RangeFillProxy(ctx, () => this._target());
    this.font = new RangeFontProxy(ctx, () => this._target());
    this.borders = new RangeBordersProxy(ctx, () => this._target());
  }
  protected get _className(): string {
    return "RangeFormat";
  }
  protected _scalarProps(): readonly string[] {
    return ["columnWidth", "rowHeight", "horizontalAlignment", "wrapText"];
  }
  protected override _nav(prop: string): ClientObject<unknown> | undefined {
    return prop === "fill" ? (this.fill as ClientObject<unknown>) : prop === "font" ? (this.font as ClientObject<unknown>) : undefined;
  }
  protected _read(prop: string, r: RangeRef): unknown {
    const f = this._model.displayFormat(r.sheet, r.rect.r0, r.rect.c0);
    switch (prop) {
      case "columnWidth":
        return this._model.colWidth(r.sheet, r.rect.c0);
      case "rowHeight":
        return 15;
      case "horizontalAlignment":
        return f.horizontalAlignment ?? "General";
      case "wrapText":
        return f.wrapText ?? false;
    }
    return undefined;
  }
  get columnWidth(): number {
    return this._get("columnWidth");
  }
  set columnWidth(v: number) {
    this._set("columnWidth", v, (r) => this._model.setColWidth(r.sheet, r.rect, v));
  }
  get rowHeight(): number {
    return this._get("rowHeight");
  }
  set rowHeight(v: number) {
    this._set("rowHeight", v, () => undefined);
  }
  get horizontalAlignment(): string {
    return this._get("horizontalAlignment");
  }
  set horizontalAlignment(v: string) {
    this._set("horizontalAlignment", v, (r) => this._model.setFormat(r.sheet, r.rect, { horizontalAlignment: v }));
  }
  get verticalAlignment(): string {
    return "Bottom";
  }
  set verticalAlignment(v: string) {
    this._set("verticalAlignment", v, () => undefined);
  }
  get wrapText(): boolean {
    return this._get("wrapText");
  }
  set wrapText(v: boolean) {
    this._set("wrapText", v, (r) => this._model.setFormat(r.sheet, r.rect, { wrapText: v }));
  }
  autofitColumns(): void {
    this._call(null, (r) => this._model.autofitColumns(r.sheet, r.rect));
  }
  autofitRows(): void {
    this._call(null, () => undefined);
  }
}

function colorOk(v: string): void {
  if (typeof v !== "string" || !(/^#[0-9A-Fa-f]{6}$/.test(v) || /^[A-Za-z]+$/.test(v))) {
    throw new HostError("InvalidArgument", `'${v}' is not a color: use #RRGGBB or a color name.`);
  }
}

export class RangeFillProxy extends ClientObject<RangeRef> {
  protected get _className(): string {
    return "RangeFill";
  }
  protected _scalarProps(): readonly string[] {
    return ["color"];
  }
  protected _read(_p: string, r: RangeRef): unknown {
    return this._model.displayFormat(r.sheet, r.rect.r0, r.rect.c0).fill ?? "#FFFFFF";
  }
  get color(): string {
    return this._get("color");
  }
  set color(v: string) {
    this._set("color", v, (r) => {
      colorOk(v);
      this._model.setFormat(r.sheet, r.rect, { fill: v });
    });
  }
  clear(): void {
    this._call(null, (r) => this._model.setFormat(r.sheet, r.rect, { fill: null }));
  }
}

export class RangeFontProxy extends ClientObject<RangeRef> {
  protected get _className(): string {
    return "RangeFont";
  }
  protected _scalarProps(): readonly string[] {
    return ["bold", "italic", "color", "name", "size"];
  }
  protected _read(p: string, r: RangeRef): unknown {
    const f = this._model.displayFormat(r.sheet, r.rect.r0, r.rect.c0);
    return p === "bold" ? (f.bold ?? false) : p === "italic" ? (f.italic ?? false) : p === "color" ? (f.fontColor ?? "#000000") : p === "name" ? "Calibri" : 11;
  }
  get bold(): boolean {
    return this._get("bold");
  }
  set bold(v: boolean) {
    this._set("bold", v, (r) => this._model.setFormat(r.sheet, r.rect, { bold: v }));
  }
  get italic(): boolean {
    return this._get("italic");
  }
  set italic(v: boolean) {
    this._set("italic", v, (r) => this._model.setFormat(r.sheet, r.rect, { italic: v }));
  }
  get color(): string {
    return this._get("color");
  }
  set color(v: string) {
    this._set("color", v, (r) => {
      colorOk(v);
      this._model.setFormat(r.sheet, r.rect, { fontColor: v });
    });
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, () => undefined);
  }
  get size(): number {
    return this._get("size");
  }
  set size(v: number) {
    this._set("size", v, () => undefined);
  }
}

/** Borders are accepted (and ignored by the renderer). */
export class RangeBordersProxy extends ClientObject<RangeRef> {
  protected get _className(): string {
    return "RangeBorderCollection";
  }
  protected _scalarProps(): readonly string[] {
    return [];
  }
  protected _read(): unknown {
    return undefined;
  }
  getItem(index: string): RangeBorderProxy {
    return new RangeBorderProxy(this.context, () => ({ ...this._target(), index }) as RangeRef);
  }
}
export class RangeBorderProxy extends ClientObject<RangeRef> {
  protected get _className(): string {
    return "RangeBorder";
  }
  protected _scalarProps(): readonly string[] {
    return ["style", "color", "weight"];
  }
  protected _read(): unknown {
    return undefined;
  }
  set style(v: string) {
    this._set("style", v, () => undefined);
  }
  get style(): string {
    return this._get("style");
  }
  set color(v: string) {
    this._set("color", v, () => undefined);
  }
  get color(): string {
    return this._get("color");
  }
  set weight(v: string) {
    this._set("weight", v, () => undefined);
  }
  get weight(): string {
    return this._get("weight");
  }
}

// ===================================================================== Conditional formats
export class ConditionalFormatCollectionProxy extends CollectionProxy<ConditionalFormatModel, ConditionalFormatProxy> {
  constructor(ctx: RequestContextImpl, private readonly range: () => RangeRef) {
    super(ctx, () => {
      const r = range();
      return r.sheet.conditionalFormats.filter((cf) => cf.rect.r0 <= r.rect.r1 && r.rect.r0 <= cf.rect.r1 && cf.rect.c0 <= r.rect.c1 && r.rect.c0 <= cf.rect.c1);
    });
  }
  protected get _className(): string {
    return "ConditionalFormatCollection";
  }
  protected _wrap(m: ConditionalFormatModel): ConditionalFormatProxy {
    return new ConditionalFormatProxy(this.context, () => m);
  }
  add(type: string): ConditionalFormatProxy {
    let created: ConditionalFormatModel | undefined;
    const p = new ConditionalFormatProxy(this.context, () => created ?? null);
    this.context._queue(jsonBytes(type), () => {
      const r = this.range();
      created = this._model.addConditionalFormat(r.sheet, r.rect, type);
    });
    return p;
  }
  clearAll(): void {
    this.context._queue(8, () => {
      const r = this.range();
      const mine = new Set(this._target());
      r.sheet.conditionalFormats = r.sheet.conditionalFormats.filter((cf) => !mine.has(cf));
      this._model.version++;
    });
  }
}

export class ConditionalFormatProxy extends ClientObject<ConditionalFormatModel> {
  readonly textComparison: ConditionalRuleFormatProxy;
  readonly cellValue: ConditionalRuleFormatProxy;
  readonly custom: ConditionalRuleFormatProxy;
  constructor(ctx: RequestContextImpl, resolver: () => ConditionalFormatModel | null) {
    super(ctx, resolver);
    this.textComparison = new ConditionalRuleFormatProxy(ctx, () => this._target(), "ContainsText");
    this.cellValue = new ConditionalRuleFormatProxy(ctx, () => this._target(), "CellValue");
    this.custom = new ConditionalRuleFormatProxy(ctx, () => this._target(), "Custom");
  }
  protected get _className(): string {
    return "ConditionalFormat";
  }
  protected _scalarProps(): readonly string[] {
    return ["type", "stopIfTrue", "priority", "id"];
  }
  protected _read(p: string, m: ConditionalFormatModel): unknown {
    return p === "type" ? m.type : p === "stopIfTrue" ? m.stopIfTrue : p === "id" ? m.id : m.sheet.conditionalFormats.indexOf(m);
  }
  get type(): string {
    return this._get("type");
  }
  get stopIfTrue(): boolean {
    return this._get("stopIfTrue");
  }
  set stopIfTrue(v: boolean) {
    this._set("stopIfTrue", v, (m) => {
      m.stopIfTrue = v;
    });
  }
  get priority(): number {
    return this._get("priority");
  }
  set priority(v: number) {
    this._set("priority", v, (m) => {
      const l = m.sheet.conditionalFormats.filter((x) => x !== m);
      l.splice(Math.max(0, Math.min(v, l.length)), 0, m);
      m.sheet.conditionalFormats = l;
    });
  }
  delete(): void {
    this._call(null, (m) => {
      m.sheet.conditionalFormats = m.sheet.conditionalFormats.filter((x) => x !== m);
      this._model.version++;
    });
  }
}

/** `textComparison` / `cellValue` / `custom`: a rule and a format. */
export class ConditionalRuleFormatProxy extends ClientObject<ConditionalFormatModel> {
  readonly format: ConditionalRangeFormatProxy;
  private _rule: ConditionalRuleProxy | undefined;
  constructor(ctx: RequestContextImpl, resolver: () => ConditionalFormatModel, private readonly kind: string) {
    super(ctx, () => {
      const m = resolver();
      if (m.type !== kind) throw new HostError("InvalidArgument", `This conditional format is of type ${m.type}, not ${kind}.`);
      return m;
    });
    this.format = new ConditionalRangeFormatProxy(ctx, () => this._target());
  }
  protected get _className(): string {
    return `${this.kind}ConditionalFormat`;
  }
  protected _scalarProps(): readonly string[] {
    return ["rule"];
  }
  protected _read(_p: string, m: ConditionalFormatModel): unknown {
    return { ...m.rule };
  }
  /** `custom.rule` is an object with a `formula` property; the others are plain values. */
  get rule(): ConditionalRuleProxy & { operator?: string; text?: string; formula1?: string; formula2?: string } {
    if (this.kind === "Custom") {
      this._rule ??= new ConditionalRuleProxy(this.context, () => this._target());
      return this._rule;
    }
    return this._get("rule");
  }
  set rule(v: { operator?: string; text?: string; formula1?: string; formula2?: string; formula?: string }) {
    this._set("rule", v, (m) => {
      m.rule = { ...v };
      this._model.version++;
    });
  }
}

export class ConditionalRuleProxy extends ClientObject<ConditionalFormatModel> {
  protected get _className(): string {
    return "ConditionalFormatRule";
  }
  protected _scalarProps(): readonly string[] {
    return ["formula", "formulaLocal"];
  }
  protected _read(_p: string, m: ConditionalFormatModel): unknown {
    return m.rule.formula ?? "";
  }
  get formula(): string {
    return this._get("formula");
  }
  set formula(v: string) {
    this._set("formula", v, (m) => {
      m.rule.formula = v;
      this._model.version++;
    });
  }
  get formulaLocal(): string {
    return this._get("formulaLocal");
  }
  set formulaLocal(v: string) {
    this.formula = v;
  }
}

export class ConditionalRangeFormatProxy extends ClientObject<ConditionalFormatModel> {
  readonly fill: { color: string; clear(): void };
  readonly font: { color: string; bold: boolean; italic: boolean };
  constructor(ctx: RequestContextImpl, resolver: () => ConditionalFormatModel) {
    super(ctx, resolver);
    const set = (f: Partial<CellFormat>): void =>
      this.context._queue(jsonBytes(f), () => {
        Object.assign(this._target().format, f);
        this._model.version++;
      });
    const state: Record<string, unknown> = {};
    const get = (k: string): never => {
      if (!(k in state)) throw propertyNotLoaded(k, "ConditionalRangeFormat");
      return state[k] as never;
    };
    this.fill = {
      get color(): string {
        return get("fill");
      },
      set color(v: string) {
        colorOk(v);
        state.fill = v;
        set({ fill: v });
      },
      clear: () => set({ fill: null }),
    };
    this.font = {
      get color(): string {
        return get("fontColor");
      },
      set color(v: string) {
        colorOk(v);
        state.fontColor = v;
        set({ fontColor: v });
      },
      get bold(): boolean {
        return get("bold");
      },
      set bold(v: boolean) {
        state.bold = v;
        set({ bold: v });
      },
      get italic(): boolean {
        return get("italic");
      },
      set italic(v: boolean) {
        state.italic = v;
        set({ italic: v });
      },
    };
  }
  protected get _className(): string {
    return "ConditionalRangeFormat";
  }
  protected _scalarProps(): readonly string[] {
    return ["numberFormat"];
  }
  protected _read(_p: string, m: ConditionalFormatModel): unknown {
    return m.format.numberFormat ?? "";
  }
  get numberFormat(): string {
    return this._get("numberFormat");
  }
  set numberFormat(v: string) {
    this._set("numberFormat", v, (m) => {
      m.format.numberFormat = v;
    });
  }
}

// ===================================================================== Tables
export class TableCollectionProxy extends CollectionProxy<TableModel, TableProxy> {
  constructor(ctx: RequestContextImpl, private readonly sheet: () => SheetModel | undefined) {
    super(ctx, () => {
      const s = sheet();
      return s ? ctx._model.tables.filter((t) => t.sheet === s) : ctx._model.tables;
    });
  }
  protected get _className(): string {
    return "TableCollection";
  }
  protected _wrap(m: TableModel): TableProxy {
    return new TableProxy(this.context, () => m);
  }
  add(address: RangeProxy | string, hasHeaders: boolean): TableProxy {
    let created: TableModel | undefined;
    const t = new TableProxy(this.context, () => created ?? null);
    this.context._queue(jsonBytes(typeof address === "string" ? address : "") + 8, () => {
      const s = this.sheet();
      const ref =
        typeof address === "string"
          ? this._model.resolve(address, s ?? this._model.activeSheet)
          : address._target();
      if (s && ref.sheet !== s) throw new HostError("InvalidArgument", `The address of a table added to '${s.name}' must be on that sheet.`);
      created = this._model.addTable(ref, hasHeaders);
    });
    return t;
  }
  private find(key: string): TableModel | undefined {
    const list = this._target();
    return list.find((t) => t.name.toLowerCase() === key.toLowerCase() || t.id === key);
  }
  getItem(key: string): TableProxy {
    return new TableProxy(this.context, () => this.find(key) ?? notFound("table", key), true);
  }
  getItemOrNullObject(key: string): TableProxy {
    return new TableProxy(this.context, () => this.find(key) ?? null, true, true);
  }
  getItemAt(index: number): TableProxy {
    return new TableProxy(this.context, () => this._target()[index] ?? notFound("table", `#${index}`), true);
  }
}

export class TableProxy extends ClientObject<TableModel> {
  readonly rows: TableRowCollectionProxy;
  readonly columns: TableColumnCollectionProxy;
  constructor(ctx: RequestContextImpl, resolver: () => TableModel | null, queueResolve = false, nullable = false) {
    super(ctx, () => {
      const t = resolver();
      if (t && !ctx._model.tables.includes(t)) throw new HostError("ItemNotFound", `The table '${t.name}' has been deleted.`);
      return t;
    }, queueResolve);
    this._nullable = nullable;
    this.rows = new TableRowCollectionProxy(ctx, () => this._target());
    this.columns = new TableColumnCollectionProxy(ctx, () => this._target());
  }
  protected get _className(): string {
    return "Table";
  }
  protected _scalarProps(): readonly string[] {
    return ["name", "id", "style", "showTotals", "showHeaders", "showBandedRows", "showFilterButton"];
  }
  protected _read(p: string, t: TableModel): unknown {
    return (t as unknown as Record<string, unknown>)[p];
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, (t) => this._model.renameTable(t, v));
  }
  get id(): string {
    return this._get("id");
  }
  get style(): string {
    return this._get("style");
  }
  set style(v: string) {
    this._set("style", v, (t) => {
      t.style = v;
      this._model.version++;
    });
  }
  get showTotals(): boolean {
    return this._get("showTotals");
  }
  set showTotals(v: boolean) {
    this._set("showTotals", v, (t) => {
      t.showTotals = v;
    });
  }
  get showHeaders(): boolean {
    return this._get("showHeaders");
  }
  set showHeaders(v: boolean) {
    this._set("showHeaders", v, (t) => {
      t.showHeaders = v;
    });
  }
  get showBandedRows(): boolean {
    return this._get("showBandedRows");
  }
  set showBandedRows(v: boolean) {
    this._set("showBandedRows", v, (t) => {
      t.showBandedRows = v;
    });
  }
  get showFilterButton(): boolean {
    return this._get("showFilterButton");
  }
  set showFilterButton(v: boolean) {
    this._set("showFilterButton", v, (t) => {
      t.showFilterButton = v;
    });
  }
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this._target().sheet);
  }
  private range(f: (t: TableModel) => Rect | null): RangeProxy {
    return new RangeProxy(this.context, () => {
      const t = this._target();
      const r = f(t);
      if (!r) throw new HostError("ItemNotFound", `Table '${t.name}' has no such range.`);
      return { sheet: t.sheet, rect: r };
    }, true);
  }
  getRange(): RangeProxy {
    return this.range((t) => t.rect);
  }
  getHeaderRowRange(): RangeProxy {
    return this.range((t) => ({ ...t.rect, r1: t.rect.r0 }));
  }
  getDataBodyRange(): RangeProxy {
    // An empty table keeps one blank data row, as in Excel.
    return this.range((t) => ({ ...t.rect, r0: t.rect.r0 + 1, r1: Math.max(t.rect.r1, t.rect.r0 + 1) }));
  }
  getTotalRowRange(): RangeProxy {
    return this.range(() => null);
  }
  delete(): void {
    this._call(null, (t) => {
      this._model.clear(t.sheet, t.rect, "All");
      this._model.deleteTable(t);
    });
  }
  convertToRange(): RangeProxy {
    const r = this.getRange();
    this._call(null, (t) => this._model.deleteTable(t));
    return r;
  }
  clearFilters(): void {
    this._call(null, () => undefined);
  }
}

export class TableRowCollectionProxy extends ClientObject<TableModel> {
  protected get _className(): string {
    return "TableRowCollection";
  }
  protected _scalarProps(): readonly string[] {
    return ["count"];
  }
  protected _read(_p: string, t: TableModel): unknown {
    return t.rect.r1 - t.rect.r0;
  }
  get count(): number {
    return this._get("count");
  }
  getCount(): ClientResultImpl<number> {
    const r = new ClientResultImpl<number>();
    this.context._queue(8, (after) => {
      const t = this._target();
      after.push(() => r._set(t.rect.r1 - t.rect.r0));
    });
    return r;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  add(index?: number | null, values?: any[][] | boolean | string | number, alwaysInsert?: boolean): void {
    void alwaysInsert;
    const v = Array.isArray(values) ? (Array.isArray(values[0]) ? (values as unknown[][]) : [values as unknown[]]) : undefined;
    this._call(v, (t) => this._model.addTableRows(t, index, v, 1));
  }
  getItemAt(index: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      const t = this._target();
      if (index < 0 || index >= t.rect.r1 - t.rect.r0) notFound("table row", String(index));
      return { sheet: t.sheet, rect: { ...t.rect, r0: t.rect.r0 + 1 + index, r1: t.rect.r0 + 1 + index } };
    }, true);
  }
}

interface ColumnRef {
  table: TableModel;
  index: number;
}

export class TableColumnCollectionProxy extends ClientObject<TableModel> {
  private _items: TableColumnProxy[] | undefined;
  protected get _className(): string {
    return "TableColumnCollection";
  }
  protected _scalarProps(): readonly string[] {
    return ["count"];
  }
  protected _read(_p: string, t: TableModel): unknown {
    return cols(t.rect);
  }
  get count(): number {
    return this._get("count");
  }
  get items(): TableColumnProxy[] {
    if (!this._items) throw propertyNotLoaded("items", this._className);
    return this._items;
  }
  override load(arg?: LoadArg): this {
    const paths = loadPaths(arg) ?? [];
    const itemPaths = paths.filter((p) => p !== "count" && p !== "items").map((p) => p.replace(/^items\//, ""));
    this.context._queue(16, (after) => {
      const t = this._target();
      const items = Array.from({ length: cols(t.rect) }, (_, i) => new TableColumnProxy(this.context, () => ({ table: t, index: i })));
      const vals = items.map((c) => c._readAll(itemPaths));
      after.push(() => {
        this._items = items;
        this._loaded.set("count", items.length);
        items.forEach((c, i) => c._assign(vals[i]));
      });
    });
    return this;
  }
  getCount(): ClientResultImpl<number> {
    const r = new ClientResultImpl<number>();
    this.context._queue(8, (after) => {
      const n = cols(this._target().rect);
      after.push(() => r._set(n));
    });
    return r;
  }
  private byName(t: TableModel, key: string | number): number {
    const h = this._model.tableHeaders(t);
    const i = typeof key === "number" ? key - 1 : h.findIndex((x) => x.toLowerCase() === String(key).toLowerCase());
    return i;
  }
  getItem(key: string | number): TableColumnProxy {
    return new TableColumnProxy(this.context, () => {
      const t = this._target();
      const i = this.byName(t, key);
      if (i < 0 || i >= cols(t.rect)) notFound("table column", String(key));
      return { table: t, index: i };
    }, true);
  }
  getItemOrNullObject(key: string | number): TableColumnProxy {
    return new TableColumnProxy(this.context, () => {
      const t = this._target();
      const i = this.byName(t, key);
      return i < 0 || i >= cols(t.rect) ? null : { table: t, index: i };
    }, true, true);
  }
  getItemAt(index: number): TableColumnProxy {
    return new TableColumnProxy(this.context, () => {
      const t = this._target();
      if (index < 0 || index >= cols(t.rect)) notFound("table column", `#${index}`);
      return { table: t, index };
    }, true);
  }
}

export class TableColumnProxy extends ClientObject<ColumnRef> {
  constructor(ctx: RequestContextImpl, resolver: () => ColumnRef | null, queueResolve = false, nullable = false) {
    super(ctx, resolver, queueResolve);
    this._nullable = nullable;
  }
  protected get _className(): string {
    return "TableColumn";
  }
  protected _scalarProps(): readonly string[] {
    return ["name", "index", "id", "values"];
  }
  protected _read(p: string, c: ColumnRef): unknown {
    const rect = { ...c.table.rect, c0: c.table.rect.c0 + c.index, c1: c.table.rect.c0 + c.index };
    switch (p) {
      case "name":
        return this._model.tableHeaders(c.table)[c.index];
      case "index":
        return c.index;
      case "id":
        return c.index + 1;
      case "values":
        return this._model.readValues(c.table.sheet, rect);
    }
    return undefined;
  }
  _readAll(paths: string[]): [string, unknown][] {
    const c = this._target();
    return (paths.length ? paths : ["name", "index", "id"]).map((p) => [p, this._read(p, c)]);
  }
  _assign(vals: [string, unknown][]): void {
    for (const [k, v] of vals) this._loaded.set(k, v);
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, (c) => {
      const rect = { ...c.table.rect, r1: c.table.rect.r0, c0: c.table.rect.c0 + c.index, c1: c.table.rect.c0 + c.index };
      this._model.writeCells(c.table.sheet, rect, [["'" + v]], "values");
    });
  }
  get index(): number {
    return this._get("index");
  }
  get id(): number {
    return this._get("id");
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get values(): any[][] {
    return this._get("values");
  }
  private range(dr0: number, body: boolean | "header"): RangeProxy {
    return new RangeProxy(this.context, () => {
      const c = this._target();
      const t = c.table.rect;
      const col = t.c0 + c.index;
      const r0 = t.r0 + dr0;
      const r1 = body === "header" ? t.r0 : Math.max(t.r1, body ? t.r0 + 1 : t.r1);
      return { sheet: c.table.sheet, rect: { r0, r1, c0: col, c1: col } };
    }, true);
  }
  getRange(): RangeProxy {
    return this.range(0, false);
  }
  getDataBodyRange(): RangeProxy {
    return this.range(1, true);
  }
  getHeaderRowRange(): RangeProxy {
    return this.range(0, "header");
  }
}

// ===================================================================== Charts
export class ChartCollectionProxy extends CollectionProxy<ChartModel, ChartProxy> {
  constructor(ctx: RequestContextImpl, private readonly sheet: () => SheetModel) {
    super(ctx, () => sheet().charts);
  }
  protected get _className(): string {
    return "ChartCollection";
  }
  protected _wrap(m: ChartModel): ChartProxy {
    return new ChartProxy(this.context, () => m);
  }
  add(type: string, sourceData?: RangeProxy, seriesBy: string = "Auto"): ChartProxy {
    let created: ChartModel | undefined;
    const c = new ChartProxy(this.context, () => created ?? null);
    this.context._queue(jsonBytes([type, seriesBy]), () => {
      const s = this.sheet();
      created = this._model.addChart(s, type, sourceData ? sourceData._target() : undefined, seriesBy);
    });
    return c;
  }
  getItem(name: string): ChartProxy {
    return new ChartProxy(this.context, () => this._model.chartByName(this.sheet(), name) ?? notFound("chart", name), true);
  }
  getItemOrNullObject(name: string): ChartProxy {
    return new ChartProxy(this.context, () => this._model.chartByName(this.sheet(), name) ?? null, true, true);
  }
  getItemAt(index: number): ChartProxy {
    return new ChartProxy(this.context, () => this.sheet().charts[index] ?? notFound("chart", `#${index}`), true);
  }
}

export class ChartProxy extends ClientObject<ChartModel> {
  readonly title: ChartTitleProxy;
  readonly series: ChartSeriesCollectionProxy;
  readonly axes: ChartAxesProxy;
  readonly legend: ChartLegendProxy;
  readonly dataLabels: ChartDataLabelsProxy;
  constructor(ctx: RequestContextImpl, resolver: () => ChartModel | null, queueResolve = false, nullable = false) {
    super(ctx, resolver, queueResolve);
    this._nullable = nullable;
    this.title = new ChartTitleProxy(ctx, () => this._target(), "title");
    this.series = new ChartSeriesCollectionProxy(ctx, () => this._target());
    this.axes = new ChartAxesProxy(ctx, () => this._target());
    this.legend = new ChartLegendProxy(ctx, () => this._target());
    this.dataLabels = new ChartDataLabelsProxy(ctx, () => this._target());
  }
  protected get _className(): string {
    return "Chart";
  }
  protected _scalarProps(): readonly string[] {
    return ["name", "id", "chartType", "top", "left", "width", "height"];
  }
  protected override _nav(prop: string): ClientObject<unknown> | undefined {
    return prop === "title" ? (this.title as ClientObject<unknown>) : undefined;
  }
  protected _read(p: string, c: ChartModel): unknown {
    return p === "chartType" ? c.type : (c as unknown as Record<string, unknown>)[p];
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, (c) => {
      c.name = v;
    });
  }
  get id(): string {
    return this._get("id");
  }
  get chartType(): string {
    return this._get("chartType");
  }
  set chartType(v: string) {
    this._set("chartType", v, (c) => {
      c.type = v;
      this._model.version++;
    });
  }
  private num(p: "top" | "left" | "width" | "height", v: number): void {
    this._set(p, v, (c) => {
      if (!(typeof v === "number" && Number.isFinite(v) && v >= 0)) throw new HostError("InvalidArgument", `Chart ${p} must be a number ≥ 0.`);
      c[p] = v;
      c.anchor = null; // placed by points now, no longer moved with its cells
      this._model.version++;
    });
  }
  get top(): number {
    return this._get("top");
  }
  set top(v: number) {
    this.num("top", v);
  }
  get left(): number {
    return this._get("left");
  }
  set left(v: number) {
    this.num("left", v);
  }
  get width(): number {
    return this._get("width");
  }
  set width(v: number) {
    this.num("width", v);
  }
  get height(): number {
    return this._get("height");
  }
  set height(v: number) {
    this.num("height", v);
  }
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this._target().sheet);
  }
  setPosition(startCell: RangeProxy | string, endCell?: RangeProxy | string): void {
    this._call([typeof startCell === "string" ? startCell : "", typeof endCell === "string" ? endCell : ""], (c) => {
      const m = this._model;
      const a = typeof startCell === "string" ? m.resolve(startCell, c.sheet) : startCell._target();
      const b = endCell === undefined ? null : typeof endCell === "string" ? m.resolve(endCell, c.sheet) : endCell._target();
      c.anchor = { r0: a.rect.r0, c0: a.rect.c0, r1: b ? b.rect.r1 : null, c1: b ? b.rect.c1 : null };
      m.layoutChart(c);
      m.version++;
    });
  }
  setData(sourceData: RangeProxy, seriesBy: string = "Auto"): void {
    this._call(seriesBy, (c) => {
      const fresh = this._model.addChart(c.sheet, c.type, sourceData._target(), seriesBy);
      this._model.deleteChart(fresh);
      c.series = fresh.series;
    });
  }
  delete(): void {
    this._call(null, (c) => this._model.deleteChart(c));
  }
  activate(): void {
    this._call(null, () => undefined);
  }
}

export class ChartTitleProxy extends ClientObject<ChartModel> {
  constructor(ctx: RequestContextImpl, resolver: () => ChartModel, private readonly which: "title" | "categoryAxisTitle" | "valueAxisTitle") {
    super(ctx, resolver);
  }
  protected get _className(): string {
    return this.which === "title" ? "ChartTitle" : "ChartAxisTitle";
  }
  protected _scalarProps(): readonly string[] {
    return ["text", "visible"];
  }
  protected _read(p: string, c: ChartModel): unknown {
    return p === "text" ? c[this.which] : this.which === "title" ? c.titleVisible : c[this.which] !== "";
  }
  get text(): string {
    return this._get("text");
  }
  set text(v: string) {
    this._set("text", v, (c) => {
      c[this.which] = v;
      this._model.version++;
    });
  }
  get visible(): boolean {
    return this._get("visible");
  }
  set visible(v: boolean) {
    this._set("visible", v, (c) => {
      if (this.which === "title") c.titleVisible = v;
    });
  }
  readonly format = { font: { bold: true, size: 14, color: "#000000" } };
}

export class ChartAxesProxy extends ClientObject<ChartModel> {
  readonly categoryAxis: ChartAxisProxy;
  readonly valueAxis: ChartAxisProxy;
  constructor(ctx: RequestContextImpl, resolver: () => ChartModel) {
    super(ctx, resolver);
    this.categoryAxis = new ChartAxisProxy(ctx, () => this._target(), "categoryAxisTitle");
    this.valueAxis = new ChartAxisProxy(ctx, () => this._target(), "valueAxisTitle");
  }
  protected get _className(): string {
    return "ChartAxes";
  }
  protected _scalarProps(): readonly string[] {
    return [];
  }
  protected _read(): unknown {
    return undefined;
  }
  getItem(type: string): ChartAxisProxy {
    return type === "Value" ? this.valueAxis : this.categoryAxis;
  }
}

export class ChartAxisProxy extends ClientObject<ChartModel> {
  readonly title: ChartTitleProxy;
  constructor(ctx: RequestContextImpl, resolver: () => ChartModel, which: "categoryAxisTitle" | "valueAxisTitle") {
    super(ctx, resolver);
    this.title = new ChartTitleProxy(ctx, () => this._target(), which);
  }
  protected get _className(): string {
    return "ChartAxis";
  }
  protected _scalarProps(): readonly string[] {
    return ["numberFormat", "visible", "minimum", "maximum"];
  }
  protected _read(): unknown {
    return undefined;
  }
  set numberFormat(v: string) {
    this._set("numberFormat", v, () => undefined);
  }
  get numberFormat(): string {
    return this._get("numberFormat");
  }
  set visible(v: boolean) {
    this._set("visible", v, () => undefined);
  }
  get visible(): boolean {
    return this._get("visible");
  }
  set minimum(v: number) {
    this._set("minimum", v, () => undefined);
  }
  get minimum(): number {
    return this._get("minimum");
  }
  set maximum(v: number) {
    this._set("maximum", v, () => undefined);
  }
  get maximum(): number {
    return this._get("maximum");
  }
}

export class ChartLegendProxy extends ClientObject<ChartModel> {
  protected get _className(): string {
    return "ChartLegend";
  }
  protected _scalarProps(): readonly string[] {
    return ["visible", "position"];
  }
  protected _read(p: string, c: ChartModel): unknown {
    return p === "visible" ? c.legendVisible : c.legendPosition;
  }
  get visible(): boolean {
    return this._get("visible");
  }
  set visible(v: boolean) {
    this._set("visible", v, (c) => {
      c.legendVisible = v;
      this._model.version++;
    });
  }
  get position(): string {
    return this._get("position");
  }
  set position(v: string) {
    this._set("position", v, (c) => {
      c.legendPosition = v;
      this._model.version++;
    });
  }
}

export class ChartDataLabelsProxy extends ClientObject<ChartModel> {
  protected get _className(): string {
    return "ChartDataLabels";
  }
  protected _scalarProps(): readonly string[] {
    return ["showValue", "numberFormat"];
  }
  protected _read(): unknown {
    return undefined;
  }
  set showValue(v: boolean) {
    this._set("showValue", v, () => undefined);
  }
  get showValue(): boolean {
    return this._get("showValue");
  }
  set numberFormat(v: string) {
    this._set("numberFormat", v, () => undefined);
  }
  get numberFormat(): string {
    return this._get("numberFormat");
  }
}

interface SeriesRef {
  chart: ChartModel;
  series: SeriesModel;
}

export class ChartSeriesCollectionProxy extends ClientObject<ChartModel> {
  private _items: ChartSeriesProxy[] | undefined;
  protected get _className(): string {
    return "ChartSeriesCollection";
  }
  protected _scalarProps(): readonly string[] {
    return ["count"];
  }
  protected _read(_p: string, c: ChartModel): unknown {
    return c.series.length;
  }
  get count(): number {
    return this._get("count");
  }
  get items(): ChartSeriesProxy[] {
    if (!this._items) throw propertyNotLoaded("items", this._className);
    return this._items;
  }
  override load(arg?: LoadArg): this {
    void arg;
    this.context._queue(16, (after) => {
      const c = this._target();
      const items = c.series.map((s) => new ChartSeriesProxy(this.context, () => ({ chart: c, series: s })));
      const vals = c.series.map((s) => ({ name: s.name, chartType: s.chartType ?? c.type }));
      after.push(() => {
        this._items = items;
        this._loaded.set("count", items.length);
        items.forEach((it, i) => it._assign(vals[i]));
      });
    });
    return this;
  }
  getCount(): ClientResultImpl<number> {
    const r = new ClientResultImpl<number>();
    this.context._queue(8, (after) => {
      const n = this._target().series.length;
      after.push(() => r._set(n));
    });
    return r;
  }
  add(name?: string, index?: number): ChartSeriesProxy {
    let created: SeriesRef | undefined;
    const p = new ChartSeriesProxy(this.context, () => created ?? null);
    this.context._queue(jsonBytes(name), () => {
      const c = this._target();
      const s: SeriesModel = { name: name ?? `Series${c.series.length + 1}` };
      if (index !== undefined && index >= 0 && index <= c.series.length) c.series.splice(index, 0, s);
      else c.series.push(s);
      created = { chart: c, series: s };
      this._model.version++;
    });
    return p;
  }
  getItemAt(index: number): ChartSeriesProxy {
    return new ChartSeriesProxy(this.context, () => {
      const c = this._target();
      const s = c.series[index];
      if (!s) notFound("chart series", `#${index}`);
      return { chart: c, series: s };
    }, true);
  }
}

export class ChartSeriesProxy extends ClientObject<SeriesRef> {
  readonly format: { fill: { setSolidColor(color: string): void; clear(): void }; line: { color: string; weight: number } };
  constructor(ctx: RequestContextImpl, resolver: () => SeriesRef | null, queueResolve = false) {
    super(ctx, resolver, queueResolve);
    const noop = (): void => this.context._queue(8, () => undefined);
    this.format = {
      fill: { setSolidColor: noop, clear: noop },
      line: {
        set color(_v: string) {
          noop();
        },
        get color(): string {
          return "";
        },
        set weight(_v: number) {
          noop();
        },
        get weight(): number {
          return 0;
        },
      },
    };
  }
  protected get _className(): string {
    return "ChartSeries";
  }
  protected _scalarProps(): readonly string[] {
    return ["name", "chartType", "hasDataLabels", "markerStyle", "smooth"];
  }
  protected _read(p: string, s: SeriesRef): unknown {
    return p === "name" ? s.series.name : p === "chartType" ? (s.series.chartType ?? s.chart.type) : undefined;
  }
  _assign(v: { name: string; chartType: string }): void {
    this._loaded.set("name", v.name);
    this._loaded.set("chartType", v.chartType);
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, (s) => {
      s.series.name = v;
      this._model.version++;
    });
  }
  get chartType(): string {
    return this._get("chartType");
  }
  set chartType(v: string) {
    this._set("chartType", v, (s) => {
      s.series.chartType = v;
      this._model.version++;
    });
  }
  set hasDataLabels(v: boolean) {
    this._set("hasDataLabels", v, () => undefined);
  }
  get hasDataLabels(): boolean {
    return this._get("hasDataLabels");
  }
  set markerStyle(v: string) {
    this._set("markerStyle", v, () => undefined);
  }
  get markerStyle(): string {
    return this._get("markerStyle");
  }
  set smooth(v: boolean) {
    this._set("smooth", v, () => undefined);
  }
  get smooth(): boolean {
    return this._get("smooth");
  }
  setValues(sourceData: RangeProxy): void {
    this._call(null, (s) => {
      s.series.values = sourceData._target();
      this._model.version++;
    });
  }
  setXAxisValues(sourceData: RangeProxy): void {
    this._call(null, (s) => {
      s.series.xValues = sourceData._target();
      this._model.version++;
    });
  }
  delete(): void {
    this._call(null, (s) => {
      s.chart.series = s.chart.series.filter((x) => x !== s.series);
      this._model.version++;
    });
  }
}

// ===================================================================== Names
export class NamedItemCollectionProxy extends CollectionProxy<NameModel, NamedItemProxy> {
  constructor(ctx: RequestContextImpl) {
    super(ctx, () => ctx._model.names);
  }
  protected get _className(): string {
    return "NamedItemCollection";
  }
  protected _wrap(m: NameModel): NamedItemProxy {
    return new NamedItemProxy(this.context, () => m);
  }
  add(name: string, reference: RangeProxy | string, comment?: string): NamedItemProxy {
    let created: NameModel | undefined;
    const p = new NamedItemProxy(this.context, () => created ?? null);
    this.context._queue(jsonBytes([name, typeof reference === "string" ? reference : "", comment]), () => {
      created = this._model.addName(name, typeof reference === "string" ? reference : reference._target(), comment ?? "");
    });
    return p;
  }
  addFormulaLocal(name: string, formula: string, comment?: string): NamedItemProxy {
    return this.add(name, formula, comment);
  }
  getItem(name: string): NamedItemProxy {
    return new NamedItemProxy(this.context, () => this._model.nameByName(name) ?? notFound("named item", name), true);
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(this.context, () => this._model.nameByName(name) ?? null, true, true);
  }
}

export class NamedItemProxy extends ClientObject<NameModel> {
  constructor(ctx: RequestContextImpl, resolver: () => NameModel | null, queueResolve = false, nullable = false) {
    super(ctx, resolver, queueResolve);
    this._nullable = nullable;
  }
  protected get _className(): string {
    return "NamedItem";
  }
  protected _scalarProps(): readonly string[] {
    return ["name", "formula", "value", "type", "comment", "visible"];
  }
  protected _read(p: string, n: NameModel): unknown {
    switch (p) {
      case "name":
        return n.name;
      case "formula":
        return n.formula;
      case "comment":
        return n.comment;
      case "visible":
        return n.visible;
      case "type":
        return this._model.nameRange(n) ? "Range" : "Formula";
      case "value": {
        const r = this._model.nameRange(n);
        if (r) return this._model.address(r);
        const v = this._model.nameValue(n);
        return Array.isArray(v) ? v[0]?.[0] : v;
      }
    }
    return undefined;
  }
  get name(): string {
    return this._get("name");
  }
  get formula(): string {
    return this._get("formula");
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get value(): any {
    return this._get("value");
  }
  get type(): string {
    return this._get("type");
  }
  get comment(): string {
    return this._get("comment");
  }
  set comment(v: string) {
    this._set("comment", v, (n) => {
      n.comment = v;
    });
  }
  get visible(): boolean {
    return this._get("visible");
  }
  set visible(v: boolean) {
    this._set("visible", v, (n) => {
      n.visible = v;
    });
  }
  getRange(): RangeProxy {
    return new RangeProxy(this.context, () => this._model.nameRange(this._target()) ?? notFound("range of name", this._target().name), true);
  }
  getRangeOrNullObject(): RangeProxy {
    return new RangeProxy(this.context, () => this._model.nameRange(this._target()) ?? null, true, true);
  }
  delete(): void {
    this._call(null, (n) => this._model.deleteName(n));
  }
}

// ===================================================================== Settings and custom properties
interface KV {
  key: string;
  value: unknown;
}

abstract class KVCollection<P extends ClientObject<unknown>> extends CollectionProxy<KV, P> {
  constructor(ctx: RequestContextImpl, private readonly map: () => Map<string, KV>) {
    super(ctx, () => [...map().values()]);
  }
  protected abstract _make(resolver: () => KV | null, queue: boolean, nullable: boolean): P;
  protected _wrap(m: KV): P {
    return this._make(() => m, false, false);
  }
  protected _validate(key: string, value: unknown): void {
    void key;
    void value;
  }
  add(key: string, value: unknown): P {
    let created: KV | undefined;
    const p = this._make(() => created ?? null, false, false);
    this.context._queue(jsonBytes([key, value]), () => {
      this._validate(key, value);
      const m = this.map();
      const k = key.toLowerCase();
      const existing = m.get(k);
      if (existing) existing.value = value;
      else m.set(k, { key, value });
      created = m.get(k);
      this._model.version++;
    });
    return p;
  }
  getItem(key: string): P {
    return this._make(() => this.map().get(key.toLowerCase()) ?? notFound(this._className, key), true, false);
  }
  getItemOrNullObject(key: string): P {
    return this._make(() => this.map().get(key.toLowerCase()) ?? null, true, true);
  }
  _remove(kv: KV): void {
    this.map().delete(kv.key.toLowerCase());
    this._model.version++;
  }
}

abstract class KVProxy extends ClientObject<KV> {
  constructor(ctx: RequestContextImpl, resolver: () => KV | null, queue: boolean, nullable: boolean, private readonly remove: (kv: KV) => void) {
    super(ctx, resolver, queue);
    this._nullable = nullable;
  }
  protected _scalarProps(): readonly string[] {
    return ["key", "value", "type"];
  }
  protected _read(p: string, kv: KV): unknown {
    if (p === "key") return kv.key;
    if (p === "type") return typeof kv.value === "number" ? "Number" : typeof kv.value === "boolean" ? "Boolean" : kv.value instanceof Date ? "Date" : "String";
    return kv.value instanceof Date ? new Date(kv.value) : JSON.parse(JSON.stringify(kv.value ?? null));
  }
  get key(): string {
    return this._get("key");
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get value(): any {
    return this._get("value");
  }
  set value(v: unknown) {
    this._set("value", v, (kv) => {
      kv.value = v;
      this._model.version++;
    });
  }
  get type(): string {
    return this._get("type");
  }
  delete(): void {
    this._call(null, (kv) => this.remove(kv));
  }
}

export class SettingProxy extends KVProxy {
  protected get _className(): string {
    return "Setting";
  }
}
export class SettingCollectionProxy extends KVCollection<SettingProxy> {
  constructor(ctx: RequestContextImpl) {
    super(ctx, () => ctx._model.settings);
  }
  protected get _className(): string {
    return "SettingCollection";
  }
  protected _make(resolver: () => KV | null, queue: boolean, nullable: boolean): SettingProxy {
    return new SettingProxy(this.context, resolver, queue, nullable, (kv) => this._remove(kv));
  }
  protected override _validate(key: string, value: unknown): void {
    if (typeof key !== "string" || key === "") throw new HostError("InvalidArgument", "A setting key must be a non-empty string.");
    if (jsonBytes(value) > 2 * 1024 * 1024) throw new HostError("InvalidArgument", `Setting '${key}' is too large.`);
  }
}

export class CustomPropertyProxy extends KVProxy {
  protected get _className(): string {
    return "CustomProperty";
  }
}
export class CustomPropertyCollectionProxy extends KVCollection<CustomPropertyProxy> {
  constructor(ctx: RequestContextImpl) {
    super(ctx, () => ctx._model.customProperties);
  }
  protected get _className(): string {
    return "CustomPropertyCollection";
  }
  protected _make(resolver: () => KV | null, queue: boolean, nullable: boolean): CustomPropertyProxy {
    return new CustomPropertyProxy(this.context, resolver, queue, nullable, (kv) => this._remove(kv));
  }
  protected override _validate(key: string, value: unknown): void {
    if (typeof key !== "string" || key === "" || key.length > 255) throw new HostError("InvalidArgument", "A custom property key must be 1 to 255 characters.");
    if (typeof value === "string" && value.length > 255) throw new HostError("InvalidArgument", `Custom property '${key}': a string value is limited to 255 characters.`);
    if (!["string", "number", "boolean"].includes(typeof value) && !(value instanceof Date)) {
      throw new HostError("InvalidArgument", `Custom property '${key}' must be a string, number, boolean or Date.`);
    }
  }
  deleteAll(): void {
    this.context._queue(8, () => {
      this._model.customProperties.clear();
    });
  }
}

export class DocumentPropertiesProxy extends ClientObject<WorkbookModel> {
  readonly custom: CustomPropertyCollectionProxy;
  private _props: Record<string, string> = {};
  constructor(ctx: RequestContextImpl) {
    super(ctx, () => ctx._model);
    this.custom = new CustomPropertyCollectionProxy(ctx);
  }
  protected get _className(): string {
    return "DocumentProperties";
  }
  protected _scalarProps(): readonly string[] {
    return ["title", "author", "subject", "comments"];
  }
  protected _read(p: string): unknown {
    return this._props[p] ?? "";
  }
  get title(): string {
    return this._get("title");
  }
  set title(v: string) {
    this._set("title", v, () => {
      this._props.title = v;
    });
  }
}

export { rectAddress };
