/**
 * The workbench host: an in-browser (and in-node) implementation of the part of the Excel
 * JavaScript API the add-in uses, over a HyperFormula workbook. `host.run` has the shape of
 * `Excel.run`, so code written for it is code written for Excel. DOM-free.
 */
import type { ExcelRun } from "../../excel/types";
import type { ChartProxy } from "./chart";
import { RequestContextImpl, type HostStats } from "./context";
import type { RangeProxy } from "./range";
import type { TableProxy } from "./table";
import type { WorkbookProxy } from "./workbook-api";
import type { WorksheetProxy } from "./worksheet";
import { HostError } from "./errors";
import { WorkbookModel, type ExcelValue, type SheetModel } from "./workbook";
import { rectAddress } from "./address";

export { HostError } from "./errors";
export type { HostStats } from "./context";
export { PAYLOAD_LIMIT } from "./context";
export { WorkbookModel } from "./workbook";
export type { ExcelValue, CellFormat, ChartModel, TableModel, SheetModel } from "./workbook";
export { installCustomFunctionsShim, registerCustomFunctions, setBlankConvention, getBlankConvention, FunctionRegistry, CfError, ErrorCode, type BlankConvention } from "./functions";
export type { CfMetadata, CfFunction, CfParameter } from "./functions";

/** `window.workbench.snapshot()`: the shape of `../shared/spec/workbook.md`. */
export interface Snapshot {
  sheets: SnapshotSheet[];
}
export interface SnapshotSheet {
  name: string;
  values: ExcelValue[][];
  formulas: ExcelValue[][];
  tables: { name: string; address: string }[];
  charts: { title: string; type: string; series: { name: string; values: (number | string | boolean | null)[]; lineStyle?: string }[] }[];
}

export interface WorkbenchHost {
  /** `Excel.run` of the workbench. */
  run: ExcelRun;
  /** Sync count and payload sizes since the last reset. */
  stats(): HostStats;
  resetStats(): void;
  /** A new empty workbook (one sheet, "Sheet1"); stats reset. */
  reset(): void;
  snapshot(): Snapshot;
  /** The workbook model (for the renderer and tests). */
  readonly model: WorkbookModel;
  /** Called after every sync that changed something (and after reset). */
  onChange(listener: () => void): () => void;
}

export interface HostOptions {
  /** Cap on rows per sheet in snapshot() (default: all). */
  snapshotRowLimit?: number;
}

export function createHost(options: HostOptions = {}): WorkbenchHost {
  let model = new WorkbookModel();
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const l of listeners) l();
  };
  const fresh = (): HostStats => ({ syncs: 0, payloads: [], maxPayload: 0, operations: 0 });
  let stats = fresh();
  let queue: Promise<unknown> = Promise.resolve();

  const run: ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    // Batches run one after another, as Excel serialises them.
    const go = async (): Promise<T> => {
      const ctx = new RequestContextImpl(model, stats, notify);
      const result = await batch(ctx as unknown as Excel.RequestContext);
      if (ctx._ops.length > 0) await ctx.sync();
      return result;
    };
    const p = queue.then(go, go);
    queue = p.catch(() => undefined);
    return p;
  };

  const host: WorkbenchHost = {
    run,
    stats: () => ({ ...stats, payloads: [...stats.payloads] }),
    resetStats: () => {
      stats = fresh();
    },
    reset: () => {
      model.hf.destroy();
      model = new WorkbookModel();
      stats = fresh();
      notify();
    },
    snapshot: () => snapshotOf(model, options.snapshotRowLimit),
    get model() {
      return model;
    },
    onChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return host;
}

export function snapshotOf(model: WorkbookModel, rowLimit = Infinity): Snapshot {
  model.endWrite();
  return {
    sheets: model.sheets.map((s) => {
      const used = model.usedRect(s);
      const rect = used ? { r0: 0, c0: 0, r1: Math.min(used.r1, rowLimit - 1), c1: used.c1 } : undefined;
      return {
        name: s.name,
        values: rect ? model.readValues(s, rect) : [],
        formulas: rect ? model.readFormulas(s, rect) : [],
        tables: model.tables.filter((t) => t.sheet === s).map((t) => ({ name: t.name, address: rectAddress(t.rect) })),
        charts: s.charts.map((c) => ({
          title: c.title,
          type: c.type,
          series: c.series.map((x) => ({ name: x.name, values: model.seriesValues(x.values), ...(x.lineStyle === undefined ? {} : { lineStyle: x.lineStyle }) })),
        })),
      };
    }),
  };
}

/** Reads or writes one cell through the host API (helpers for tests and the formula bar). */
export async function setCell(host: WorkbenchHost, sheet: string, address: string, input: string | number | boolean | null): Promise<void> {
  await host.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem(sheet).getRange(address);
    r.formulas = [[input === null ? "" : input]];
    await ctx.sync();
  });
}

export async function getCell(host: WorkbenchHost, sheet: string, address: string): Promise<{ value: ExcelValue; formula: ExcelValue; text: string }> {
  return host.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem(sheet).getRange(address);
    r.load("values,formulas,text");
    await ctx.sync();
    return { value: r.values[0][0] as ExcelValue, formula: r.formulas[0][0] as ExcelValue, text: r.text[0][0] };
  });
}

// ------------------------------------------------------------------ Excel enums at runtime
const KNOWN: Record<string, Record<string, string>> = {
  ChartType: { xyscatter: "XYScatter", xyscatterLines: "XYScatterLines", xyscatterLinesNoMarkers: "XYScatterLinesNoMarkers", xyscatterSmooth: "XYScatterSmooth", xyscatterSmoothNoMarkers: "XYScatterSmoothNoMarkers", _3DColumn: "3DColumn", _3DBarClustered: "3DBarClustered" },
};

/** An enum object whose members are Excel's values (PascalCase of the member name). */
function enumProxy(name: string): Record<string, string> {
  const known = KNOWN[name] ?? {};
  return new Proxy(known, {
    get: (t, p) => (typeof p !== "string" ? undefined : (t[p] ?? (p.startsWith("_") ? p.slice(1) : p[0].toUpperCase() + p.slice(1)))),
  });
}

export interface ExcelGlobals {
  run: ExcelRun;
  [enumName: string]: unknown;
}

/**
 * Puts an `Excel` global (run + the enums: Excel.ChartType.columnClustered === "ColumnClustered", ...)
 * and `OfficeExtension.Error` on the target, so code compiled against office.js runs unchanged.
 */
export function installExcelGlobals(host: WorkbenchHost, target: object = globalThis): ExcelGlobals {
  const base: ExcelGlobals = { run: host.run, ErrorCodes: enumProxy("ErrorCodes") };
  const excel = new Proxy(base, {
    get: (t, p) => (typeof p !== "string" ? undefined : p in t ? t[p] : /^[A-Z]/.test(p) ? (t[p] = enumProxy(p)) : undefined),
  });
  const g = target as { Excel?: unknown; OfficeExtension?: unknown };
  g.Excel = excel;
  g.OfficeExtension = { Error: HostError, ErrorCodes: enumProxy("ErrorCodes") };
  return excel;
}

// ------------------------------------------------------------------ compile-time conformance
// The proxies are exposed as Excel.* types; these checks keep their members in step with @types/office-js.
type Conforms<Impl, Api> = Impl extends Api ? true : never;
type RangeMembers = "address" | "rowCount" | "columnCount" | "values" | "formulas" | "numberFormat" | "text" | "rowIndex" | "columnIndex" | "isNullObject";
type SheetMembers = "name" | "position" | "visibility" | "id" | "activate" | "delete" | "getRange" | "getRangeByIndexes" | "getUsedRange" | "getUsedRangeOrNullObject" | "isNullObject";
export const _conformance: [
  Conforms<Pick<RangeProxy, RangeMembers>, Pick<Excel.Range, RangeMembers>>,
  Conforms<Pick<WorksheetProxy, "name" | "position" | "id" | "isNullObject">, Pick<Excel.Worksheet, "name" | "position" | "id" | "isNullObject">>,
  Conforms<Pick<TableProxy, "name" | "style" | "showTotals">, Pick<Excel.Table, "name" | "style" | "showTotals">>,
  Conforms<Pick<ChartProxy, "name" | "top" | "left" | "width" | "height">, Pick<Excel.Chart, "name" | "top" | "left" | "width" | "height">>,
  Conforms<Pick<WorkbookProxy, "name">, Pick<Excel.Workbook, "name">>,
] = [true, true, true, true, true];
void (null as unknown as SheetMembers);
void (null as unknown as SheetModel);
