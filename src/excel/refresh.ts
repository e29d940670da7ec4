/**
 * Refresh: add new files to a workbook the add-in built. The data tables and the import log are
 * read back from the workbook (`readback.ts`), so the user's edits and typed rows are kept; a
 * file already in the log is refused; records that fall on periods the workbook already holds
 * (same provider for cost, same key for volume and value) replace the earlier ones only when
 * `confirmOverlap` says so. The derived sheets are then rewritten by the transactional writer:
 * a failure or Cancel leaves the workbook exactly as it was.
 */
import { duplicateMessage, findDuplicates, findOverlaps, mergeRecords, mergedResult, overlapQuestion, type LogEntry, type Overlap } from "../import/importlog";
import type { ImportResult } from "../import/types";
import type { PriceRow, PriceTable } from "../import/prices/convert";
import { readWorkbookData } from "./readback";
import { carryExtras } from "./extras";
import { type ExcelRun, WriteCancelled, type WriteControl, type WriteOptions, type WriteReport } from "./types";
import { type WriterTuning, writeWorkbook } from "./writer";

/** A file of the refresh is already in the import log: nothing was written. */
export class AlreadyImported extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AlreadyImported";
  }
}

export interface RefreshControl extends Omit<WriteControl, "confirmReplace"> {
  /** Asked when new records fall on periods already in the workbook; true replaces them, false stops (nothing written). */
  confirmOverlap?: (question: string, overlaps: Overlap[]) => Promise<boolean>;
}

export interface RefreshReport extends WriteReport {
  /** Periods replaced, per new file. */
  overlaps: Overlap[];
  /** Rows of the data tables kept from the workbook. */
  keptRows: number;
  /** The result written: every record, old and new, and the groups over them. */
  result: ImportResult;
}

export async function refreshWorkbook(
  run: ExcelRun,
  incoming: ImportResult,
  entries: LogEntry[],
  options: WriteOptions,
  control: RefreshControl = {},
  tuning: WriterTuning = {},
): Promise<RefreshReport> {
  const existing = await run((ctx) => readWorkbookData(ctx));
  const dup = findDuplicates(existing.log, entries);
  if (dup.length > 0) throw new AlreadyImported(duplicateMessage(dup));
  const fresh = { cost: incoming.costRecords, volume: incoming.volumeRecords, value: incoming.valueRecords };
  const overlaps = findOverlaps(existing, fresh);
  if (overlaps.length > 0) {
    const ok = control.confirmOverlap !== undefined ? await control.confirmOverlap(overlapQuestion(overlaps), overlaps) : false;
    if (!ok) throw new WriteCancelled();
  }
  if (control.signal?.aborted) throw new WriteCancelled();
  const merged = mergeRecords(existing, fresh);
  const prices = options.prices === undefined ? undefined : withWorkbookPrices(options.prices, existing.prices);
  const result = mergedResult(incoming, merged);
  const report = await writeWorkbook(
    run,
    result,
    {
      ...options,
      ...(prices === undefined ? {} : { prices }),
      importLog: [...existing.log, ...entries],
      extraColumns: {
        cost: carryExtras(existing.extras.cost.headers, existing.extras.cost.rows, merged.kept.cost, fresh.cost.length),
        volume: carryExtras(existing.extras.volume.headers, existing.extras.volume.rows, merged.kept.volume, fresh.volume.length),
        value: carryExtras(existing.extras.value.headers, existing.extras.value.rows, merged.kept.value, fresh.value.length),
      },
    },
    { onProgress: control.onProgress, signal: control.signal, confirmReplace: async () => true },
    tuning,
  );
  return { ...report, result, overlaps, keptRows: merged.kept.cost.length + merged.kept.volume.length + merged.kept.value.length };
}

/**
 * The price table with the prices of the workbook's `AI Prices` rows over the shipped ones (a
 * negotiated price the user typed is kept by a refresh); a row the table does not have is added.
 */
export function withWorkbookPrices(table: PriceTable, typed: readonly PriceRow[]): PriceTable {
  if (typed.length === 0) return table;
  const byModel = new Map(typed.map((r) => [r.model, r]));
  const rows = table.rows.map((r) => {
    const t = byModel.get(r.model);
    if (t === undefined) return r;
    byModel.delete(r.model);
    return { ...r, input: t.input, output: t.output, cachedInput: t.cachedInput, batchInput: t.batchInput, batchOutput: t.batchOutput };
  });
  return { ...table, rows: [...rows, ...byModel.values()] };
}
