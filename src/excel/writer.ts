/**
 * The workbook writer: applies a WorkbookPlan through the Excel JavaScript API.
 *
 * Transaction: everything is written into staging sheets (temporary sheet and
 * table names) and only the last sync deletes the add-in's old sheets and
 * renames the staging sheets and tables to their final names (Excel rewrites
 * formula and chart references on a sheet rename). A failure or a cancel
 * before that removes the staging sheets, so the workbook is left as it was.
 *
 * Every Excel call is here (the first look at the workbook in `inspect.ts`) and kept thin;
 * what to write comes from `plan.ts`.
 */
import type { ImportResult } from "../import/types";
import { nativePlan } from "./native";
import { withExtraColumns } from "./extras";
import {
  ExcelRun,
  WorkbookConflict,
  WriteCancelled,
  WriteControl,
  WriteFailed,
  WriteOptions,
  WriteReport,
} from "./types";
import {
  type BlockPlan,
  type ChartPlan,
  type FormatPlan,
  type PlanNames,
  planWorkbook,
  type PrintPlan,
  type Rect,
  SHEET_IDS,
  SHEET_NAMES,
  type SheetId,
  type SheetPlan,
  TABLE_IDS,
  TABLE_NAMES,
  type TableId,
  type WorkbookPlan,
} from "./plan";
import { CALL_OVERHEAD_BYTES, jsonStringBytes, rowBytes } from "./payload";
import { inspect, sameName } from "./inspect";
import { OWN_SHEETS_SETTING, type OwnSheetRef, serializeOwnSheets } from "./ownership";
import { addChart } from "./chart-write";

/** Excel Online refuses requests above 5 MB; stay well below, counting our own estimate. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
export const DEFAULT_PAYLOAD_BUDGET = 4_000_000;
export const DEFAULT_CHUNK_ROWS = 5000;

/** Tuning for tests and the benchmark (not part of the task pane's contract). */
export interface WriterTuning {
  /** Bytes of estimated payload per sync (default 4,000,000). */
  payloadBudget?: number;
  /** Staging token (default random), for deterministic tests. */
  token?: string;
  /** Called after every sync with the estimated payload it carried. */
  onSync?: (info: { index: number; bytes: number; rows: number; stage: string }) => void;
}

class Aborted extends Error {
  constructor() {
    super("aborted");
  }
}

/** Names of the add-in's own sheets present in the workbook. */
export async function listOwnSheets(run: ExcelRun): Promise<string[]> {
  const found = await run((ctx) => inspect(ctx));
  return found.own.map((s) => s.name);
}

function randomToken(): string {
  return Math.floor(Math.random() * 36 ** 5)
    .toString(36)
    .padStart(5, "0");
}

/** Temporary names: `~AIECON ab3xk 4` sheets, `AIECON_ab3xk_UnitEconomics` tables. */
export function stagingNames(token: string): PlanNames {
  const sheets = {} as Record<SheetId, string>;
  SHEET_IDS.forEach((id, i) => (sheets[id] = `~AIECON ${token} ${i + 1}`));
  const tables = {} as Record<TableId, string>;
  for (const id of TABLE_IDS) tables[id] = `AIECON_${token}_${TABLE_NAMES[id]}`;
  return { sheets, tables };
}

/**
 * Queues writes and syncs when the next write would exceed the payload budget
 * or the row limit of one chunk. API calculation is suspended before each sync
 * that writes (it lasts until that sync). Screen updating is suspended once per
 * write, before its first sync: Microsoft's performance guidance says not to call
 * `suspendScreenUpdatingUntilNextSync` repeatedly (in a loop), as the window flickers.
 */
class Outbox {
  private bytes = 0;
  private rows = 0;
  private open = false;
  private screenSuspended = false;
  syncs = 0;
  largest = 0;
  stage = "";

  constructor(
    private readonly ctx: Excel.RequestContext,
    private readonly budget: number,
    private readonly rowLimit: number,
    private readonly afterSync: (bytes: number, rows: number) => void,
    /** False in manual calculation: nothing calculates between syncs then, and the commit sync calculates. */
    private readonly suspendCalculation = true,
  ) {}

  private begin(): void {
    if (this.open) return;
    if (this.suspendCalculation) this.ctx.application.suspendApiCalculationUntilNextSync();
    if (!this.screenSuspended) {
      this.ctx.application.suspendScreenUpdatingUntilNextSync();
      this.screenSuspended = true;
    }
    this.open = true;
    this.bytes = 2 * CALL_OVERHEAD_BYTES;
    this.rows = 0;
  }

  /** Make room for a write of `bytes` (and `rows` data rows), syncing first when it would not fit. */
  async reserve(bytes: number, rows = 0): Promise<void> {
    if (this.open && (this.bytes + bytes > this.budget || this.rows + rows > this.rowLimit)) await this.flush();
    this.begin();
    this.bytes += bytes;
    this.rows += rows;
  }

  async flush(): Promise<void> {
    if (!this.open) return;
    const bytes = this.bytes;
    const rows = this.rows;
    await this.ctx.sync();
    this.syncs++;
    this.largest = Math.max(this.largest, bytes);
    this.open = false;
    this.bytes = 0;
    this.rows = 0;
    this.afterSync(bytes, rows);
  }
}

function rectRange(ws: Excel.Worksheet, r: Rect): Excel.Range {
  return ws.getRangeByIndexes(r.row, r.col, r.rowCount, r.colCount);
}

/** Rows [start, end) of a block that fit one chunk. */
function nextChunk(block: BlockPlan, start: number, rowLimit: number, budget: number): { end: number; bytes: number } {
  let bytes = CALL_OVERHEAD_BYTES;
  let end = start;
  while (end < block.cells.length && end - start < rowLimit) {
    const b = rowBytes(block.cells[end]);
    if (end > start && bytes + b > budget) break;
    bytes += b;
    end++;
  }
  return { end, bytes };
}

async function writeBlock(
  out: Outbox,
  ws: Excel.Worksheet,
  block: BlockPlan,
  rowLimit: number,
  budget: number,
  onRows: (n: number) => void,
): Promise<void> {
  let start = 0;
  while (start < block.cells.length) {
    const { end, bytes } = nextChunk(block, start, rowLimit, budget);
    const rows = end - start;
    await out.reserve(bytes, rows);
    const range = ws.getRangeByIndexes(block.row + start, block.col, rows, block.colCount);
    const cells = start === 0 && end === block.cells.length ? block.cells : block.cells.slice(start, end);
    if (block.mode === "values") range.values = cells;
    else range.formulas = cells;
    onRows(rows);
    start = end;
  }
}

/**
 * Number formats as 2-D arrays of each range's shape (Excel's typed API: `Range.numberFormat: any[][]`),
 * never one string for a whole range. A format covers the rows of a column, so its array grows with
 * the data: it is written in chunks of rows that fit the row limit and the payload budget, like values.
 */
async function writeFormat(out: Outbox, ws: Excel.Worksheet, f: FormatPlan, rowLimit: number, budget: number): Promise<void> {
  const perRow = f.perRow;
  const uniform = f.format;
  if (perRow === undefined && uniform === null) return;
  const formatOf = (i: number): string => perRow?.[i] ?? uniform ?? "General";
  let start = 0;
  while (start < f.rowCount) {
    let bytes = CALL_OVERHEAD_BYTES + 2;
    let end = start;
    while (end < f.rowCount && end - start < rowLimit) {
      const b = formatRowBytes(formatOf(end), f.colCount);
      if (end > start && bytes + b > budget) break;
      bytes += b;
      end++;
    }
    await out.reserve(bytes);
    const rows: string[][] = [];
    let row: string[] = [];
    for (let i = start; i < end; i++) {
      const format = formatOf(i);
      // Rows with the same format share one array: the request is the same JSON, built with less memory.
      if (row.length === 0 || row[0] !== format) row = new Array<string>(f.colCount).fill(format);
      rows.push(row);
    }
    ws.getRangeByIndexes(f.row + start, f.col, end - start, f.colCount).numberFormat = rows;
    start = end;
  }
}

/** Bytes of one row of a number-format array as JSON (`["fmt","fmt"],`). */
function formatRowBytes(format: string, colCount: number): number {
  return 3 + colCount * (jsonStringBytes(format) + 1);
}

function chartBytes(c: ChartPlan): number {
  return CALL_OVERHEAD_BYTES * (16 + 5 * c.series.length) + c.series.reduce((n, s) => n + jsonStringBytes(s.name), 0);
}

interface Progress {
  rowsDone: number;
  rowsTotal: number;
}

async function writeSheet(
  out: Outbox,
  ws: Excel.Worksheet,
  sheet: SheetPlan,
  rowLimit: number,
  budget: number,
  progress: Progress,
): Promise<void> {
  out.stage = `writing ${SHEET_NAMES[sheet.id]}`;
  for (const b of sheet.blocks) {
    await writeBlock(out, ws, b, rowLimit, budget, (n) => (progress.rowsDone += n));
  }
  out.stage = `formatting ${SHEET_NAMES[sheet.id]}`;
  for (const f of sheet.formats) await writeFormat(out, ws, f, rowLimit, budget);
}

async function decorateSheet(out: Outbox, ws: Excel.Worksheet, sheet: SheetPlan): Promise<void> {
  out.stage = `tables and charts of ${SHEET_NAMES[sheet.id]}`;
  for (const t of sheet.tables) {
    await out.reserve(CALL_OVERHEAD_BYTES * 3);
    const table = ws.tables.add(rectRange(ws, t), true);
    table.name = t.name;
    table.style = t.style;
  }
  for (const cf of sheet.conditionalFormats) {
    await out.reserve(CALL_OVERHEAD_BYTES * 4 * cf.rules.length);
    const range = rectRange(ws, cf);
    for (const rule of cf.rules) {
      const f = range.conditionalFormats.add("ContainsText");
      f.textComparison.format.fill.color = rule.fill;
      f.textComparison.format.font.color = rule.font;
      f.textComparison.rule = { operator: "Contains", text: rule.text };
    }
  }
  for (const c of sheet.charts) {
    await out.reserve(chartBytes(c));
    addChart(ws, c, rectRange);
  }
  await out.reserve(CALL_OVERHEAD_BYTES * (sheet.columnWidths.length + 2));
  sheet.columnWidths.forEach((w, col) => {
    ws.getRangeByIndexes(0, col, 1, 1).format.columnWidth = w;
  });
  ws.getRangeByIndexes(0, 0, 1, Math.max(1, sheet.columnWidths.length)).format.font.bold = true;
  const fonts = sheet.fonts ?? [];
  if (fonts.length > 0) await out.reserve(CALL_OVERHEAD_BYTES * 2 * fonts.length);
  for (const f of fonts) {
    const font = rectRange(ws, f).format.font;
    if (f.bold !== undefined) font.bold = f.bold;
    if (f.size !== undefined) font.size = f.size;
    if (f.fill !== undefined) rectRange(ws, f).format.fill.color = f.fill;
  }
  if (sheet.print !== undefined) {
    await out.reserve(CALL_OVERHEAD_BYTES * 3);
    applyPrint(ws, sheet.print);
  }
}

/** Print layout (ExcelApi 1.9): orientation, fit to pages wide (as many tall as needed), title rows. */
function applyPrint(ws: Excel.Worksheet, p: PrintPlan): void {
  const layout = ws.pageLayout;
  layout.orientation = p.orientation;
  layout.zoom = { horizontalFitToPages: p.fitWide, verticalFitToPages: 0 };
  if (p.titleRows !== null) {
    layout.setPrintTitleRows(ws.getRangeByIndexes(p.titleRows.first, 0, p.titleRows.last - p.titleRows.first + 1, 1).getEntireRow());
  }
}

function conflictError(conflicts: string[]): WorkbookConflict {
  return new WorkbookConflict(
    `The workbook already has ${conflicts.join(", ")}, which AIECON did not create. ` +
      `Rename or move it, then import again. Nothing was changed.`,
    conflicts,
  );
}

/**
 * Write the unit-economics workbook from an import result.
 * Throws WorkbookConflict (nothing written) when a sheet or table with one of
 * the add-in's names is not the add-in's own, WriteCancelled when the user
 * declines the replacement or cancels (workbook restored), WriteFailed on any
 * other failure (workbook restored).
 *
 * Syncs: one to look at the workbook (it also reads the calculation mode), the write batches
 * (one per chunk of rows or payload budget), one to look again, one to commit; a look takes one
 * more when a table has one of our names. The calculation mode and the one calculation of a
 * workbook in manual calculation add no sync: 4 syncs for a small import, as before.
 */
export async function writeWorkbook(
  run: ExcelRun,
  result: ImportResult,
  options: WriteOptions,
  control: WriteControl = {},
  tuning: WriterTuning = {},
): Promise<WriteReport> {
  const signal = control.signal;
  if (signal?.aborted) throw new WriteCancelled();
  const rowLimit = Math.max(1, Math.floor(options.chunkRows ?? DEFAULT_CHUNK_ROWS));
  const budget = Math.min(tuning.payloadBudget ?? DEFAULT_PAYLOAD_BUDGET, PAYLOAD_LIMIT_BYTES);

  control.onProgress?.({ fraction: 0, stage: "checking the workbook" });
  const found = await run((ctx) => inspect(ctx, true));
  if (found.conflicts.length > 0) throw conflictError(found.conflicts);
  const manual = found.calculationMode === "Manual";
  const replaced = found.own.map((s) => s.name);
  if (replaced.length > 0) {
    const ok = control.confirmReplace !== undefined ? await control.confirmReplace(replaced) : false;
    if (!ok) throw new WriteCancelled();
  }
  if (signal?.aborted) throw new WriteCancelled();

  const token = tuning.token ?? randomToken();
  const names = stagingNames(token);
  const planned: WorkbookPlan = planWorkbook(result, options, names);
  const plan = withExtraColumns(options.formulas === "native" ? nativePlan(planned) : planned, options.extraColumns);
  const progress: Progress = {
    rowsDone: 0,
    rowsTotal: plan.sheets.reduce((n, s) => n + s.blocks.reduce((m, b) => m + b.cells.length, 0), 0),
  };
  let syncs = found.syncs;
  let largest = 0;
  let stage = "starting";
  let committed = false;

  try {
    await run(async (ctx) => {
      const out = new Outbox(ctx, budget, rowLimit, (bytes, rows) => {
        syncs++;
        largest = Math.max(largest, bytes);
        tuning.onSync?.({ index: syncs, bytes, rows, stage: out.stage });
        if (signal?.aborted) throw new Aborted();
        control.onProgress?.({
          fraction: 0.02 + 0.9 * Math.min(1, progress.rowsDone / Math.max(1, progress.rowsTotal)),
          stage: out.stage,
        });
      }, !manual);
      // Staging sheets, added after every existing sheet.
      out.stage = "adding sheets";
      stage = out.stage;
      const staged = new Map<SheetId, Excel.Worksheet>();
      for (const sheet of plan.sheets) {
        await out.reserve(CALL_OVERHEAD_BYTES + jsonStringBytes(sheet.name));
        const ws = ctx.workbook.worksheets.add(sheet.name);
        // Hidden while being written: the user never sees the temporary sheets.
        ws.visibility = "Hidden";
        ws.load("id");
        staged.set(sheet.id, ws);
      }
      for (const sheet of plan.sheets) {
        const ws = staged.get(sheet.id)!;
        await writeSheet(out, ws, sheet, rowLimit, budget, progress);
        stage = out.stage;
      }
      for (const sheet of plan.sheets) {
        await decorateSheet(out, staged.get(sheet.id)!, sheet);
        stage = out.stage;
      }
      await out.flush();
      if (signal?.aborted) throw new Aborted();

      // Look again just before the commit: the user may have added a sheet with one of our
      // names (or renamed or deleted one of ours) while the write was running.
      const again = await inspect(ctx);
      syncs += again.syncs;
      if (again.conflicts.length > 0) throw conflictError(again.conflicts);
      // Delete only what the user agreed to replace (matched by id, or by name where the host gives no ids).
      const toDelete = again.own
        .filter((s) => found.own.some((f) => (f.id !== "" && s.id !== "" ? f.id === s.id : sameName(f.name, s.name))))
        .map((s) => s.name);

      // Commit: one sync that removes the old own sheets and gives the new ones their names.
      out.stage = "replacing sheets";
      stage = out.stage;
      await out.reserve(CALL_OVERHEAD_BYTES * (toDelete.length + 4 * plan.sheets.length + 5)); // visible, freeze, rename, ref per sheet; setting, activate, calculate
      // Show the new sheets first: Excel refuses to delete the last visible sheet.
      for (const sheet of plan.sheets) if (sheet.hidden !== true) staged.get(sheet.id)!.visibility = "Visible";
      // Freeze panes only once the sheet is visible: Excel applies panes to the sheet as shown.
      for (const sheet of plan.sheets) {
        if (sheet.freezeRows > 0 && sheet.hidden !== true) staged.get(sheet.id)!.freezePanes.freezeRows(sheet.freezeRows);
      }
      for (const name of toDelete) ctx.workbook.worksheets.getItem(name).delete();
      const refs: OwnSheetRef[] = [];
      for (const sheet of plan.sheets) {
        const ws = staged.get(sheet.id)!;
        ws.name = SHEET_NAMES[sheet.id];
        refs.push({ id: ws.id ?? "", name: SHEET_NAMES[sheet.id] });
      }
      for (const sheet of plan.sheets) {
        for (const t of sheet.tables) ctx.workbook.tables.getItem(t.name).name = TABLE_NAMES[t.id];
      }
      ctx.workbook.settings.add(OWN_SHEETS_SETTING, serializeOwnSheets(refs));
      staged.get("unit")!.activate();
      // Manual calculation: calculate once, last in the commit sync (after the renames), so the new
      // sheets do not open with stale or uncalculated figures. "Recalculate" is F9: the cells Excel
      // marked dirty, which include every cell written and what depends on it; "Full" would also
      // recompute every other sheet of a workbook its user keeps in manual, likely for its weight.
      if (manual) ctx.workbook.application.calculate("Recalculate");
      committed = true;
      await out.flush();
    });
  } catch (e) {
    // Remove whatever staging sheets exist; the old sheets are untouched unless the commit itself failed.
    let cleanup = "";
    if (!committed) {
      try {
        syncs += await run((ctx) => removeStaging(ctx, names));
      } catch (ce) {
        cleanup = ` Removing the temporary sheets failed too: ${ce instanceof Error ? ce.message : String(ce)}.`;
      }
    }
    if (e instanceof Aborted || (signal?.aborted === true && !committed)) throw new WriteCancelled();
    if (e instanceof WorkbookConflict) throw e;
    const msg = (e instanceof Error ? e.message : String(e)).replace(/[.\s]+$/, "");
    throw new WriteFailed(
      committed
        ? `Writing the workbook failed while replacing the sheets: ${msg}.`
        : `Writing the workbook failed (${stage}): ${msg}. The workbook was left as it was.${cleanup}`,
      stage,
      e,
    );
  }
  control.onProgress?.({ fraction: 1, stage: "done" });

  return {
    sheets: plan.sheets.map((s) => SHEET_NAMES[s.id]),
    tables: plan.sheets.flatMap((s) => s.tables.map((t) => TABLE_NAMES[t.id])),
    charts: plan.sheets.flatMap((s) => s.charts.map((c) => c.title)),
    syncs,
    rowsWritten: plan.dataRows,
    largestPayloadBytes: largest,
    comparisonPeriod: plan.comparisonPeriod,
    comparisonPartial: plan.comparisonPartial,
    reviewQuarter: plan.reviewQuarter,
    previousQuarter: plan.previousQuarter,
    replaced,
    calculation: found.calculationMode === null ? "unknown" : manual ? "manual-recalculated" : "automatic",
  };
}

/** Delete every staging sheet of a token; returns the number of syncs used. */
async function removeStaging(ctx: Excel.RequestContext, names: PlanNames): Promise<number> {
  const items = SHEET_IDS.map((id) => {
    const ws = ctx.workbook.worksheets.getItemOrNullObject(names.sheets[id]);
    ws.load("name");
    return ws;
  });
  await ctx.sync();
  const present = items.filter((ws) => !ws.isNullObject);
  if (present.length === 0) return 1;
  for (const ws of present) ws.delete();
  await ctx.sync();
  return 2;
}

export type { WriteReport };
