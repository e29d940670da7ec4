/**
 * The import as the pane's worker runs it: the engine's summarize and, for request logs, the
 * long tail collected request by request in the worker (src/import/tail-rows.ts). Only the
 * figures per key × period cross to the pane, and the request rows when they are to be
 * written (at most 100,000); a request log without a key column is keyed by its file's stem.
 */
import { summarize } from "../import/index";
import { shippedPrices } from "../import/prices/table";
import { LongTailCollector, REQUEST_ROWS_LIMIT, tailKey } from "../import/tail-rows";
import type { ImportInput, ImportOptions } from "../import/types";
import type { PaneImportResult, WorkerImportOptions } from "./protocol";

export async function summarizeForPane(inputs: ImportInput[], options: WorkerImportOptions & Pick<ImportOptions, "signal" | "onProgress">): Promise<PaneImportResult> {
  const { tail, ...rest } = options;
  if (tail === undefined) return summarize(inputs, rest);
  const c = new LongTailCollector(shippedPrices(), tail.model, tail.rows ? REQUEST_ROWS_LIMIT : 0);
  const result = await summarize(inputs, { ...rest, onRequest: (p, k, i, o, file) => c.add(p, tailKey(k, file), i, o) });
  return { ...result, longTail: c.result() };
}
