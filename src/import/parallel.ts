/**
 * A large billing CSV on both cores: the file is cut in two at a record boundary (split.ts),
 * each range is read by the same engine code in its own thread (a Node worker thread or a Web
 * Worker: the platform gives a `ParallelCsv`), and the two ranges' exact partial results are
 * merged here into the result one thread gives, byte for byte: the same cost entries in the
 * same order (first row met), the same sums (exact decimals), the same counts, skips,
 * rejected rows and warnings with their file line numbers, in file order.
 *
 * The second range is read after a copy of the header, so it maps its rows like the first;
 * its line numbers are shifted by the line feeds of the first range. The first range ending
 * with no quoted field left open proves the quote parity at the cut; any error in either range
 * (that one, or a bad byte, or an abort) sends the file back to one thread, which then gives
 * the result, or the error, exactly as it would have.
 */
import { Decimal } from "../core/decimal";
import { DecimalSum } from "../core/money";
import type { KeySpec } from "../core/grammar";
import type { Grain } from "../core/period";
import { MAX_REJECTED_LISTED } from "./accumulators";
import { abortError } from "./decode";
import { billingMapper } from "./formats/index";
import type { BillingFormat } from "./types";
import { runFile } from "./read-file";
import { findSplit } from "./split";
import { type CostEntry, SEP, State } from "./state";
import type { ColumnMap, CostBasis, ImportInput, ImportProgress, SourceReport } from "./types";

/** Files of at least this many bytes are read in two ranges (gzip, JSON, UTF-16 never). */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

/** One range of a file, for a thread: everything it needs is plain data (structured-cloneable). */
export interface RangeJob {
  /** 0: from the start of the file; 1: the rest. */
  index: number;
  name: string;
  start: number;
  end: number;
  /** Text read before the range's bytes: a copy of the header for the second range, else "". */
  prefix: string;
  fileIndex: number;
  fileCount: number;
  grain: Grain;
  fiscal: number;
  key: KeySpec;
  basis: CostBasis;
  map?: ColumnMap;
  fixedKey?: string;
}

/** A cost entry as a thread sends it back: its exact sum as decimal text. */
export type RangeCost = Omit<CostEntry, "sum"> & { sum: string };

export interface RangeResult {
  report: SourceReport;
  /** The line after the range's last (1 + its line feeds, the prefix's included). */
  lines: number;
  variantFacts: string[];
  cost: RangeCost[];
  tagKeys: string[];
  genericKeys: string[];
  recognisedBilling: boolean;
}

/** What a platform gives the engine to read a file's ranges in threads. */
export interface ParallelCsv {
  /** Files of at least this many bytes are split (default PARALLEL_MIN_BYTES). */
  minBytes?: number;
  /** Where to look for the cut (default: the middle); a test moves it onto awkward bytes. */
  candidate?: (size: number) => number;
  /** Run the jobs, each in a thread of its own; null when this input cannot be read there. */
  run(input: ImportInput, jobs: RangeJob[], signal?: AbortSignal): Promise<RangeResult[]> | null;
  /** Told when a file large enough is read on one thread after all, and why. */
  onFallback?(file: string, why: string): void;
  /** Told when a file was read in two ranges, with the byte of the cut. */
  onSplit?(file: string, at: number, proven: boolean): void;
}

/** The options of one file's read that a range needs (a subset of read-file's RunOptions). */
export interface RangeOptions {
  grain: Grain;
  fiscal: number;
  key: KeySpec;
  basis: CostBasis;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  fileIndex: number;
  fileCount: number;
}

/** In a thread: read one range with the engine's own reader (its own state), as plain data. */
export async function runRange(job: RangeJob, open: () => ReadableStream<Uint8Array>, signal?: AbortSignal): Promise<RangeResult> {
  const state = new State();
  const input: ImportInput = { name: job.name, kind: "billing", size: job.end - job.start, open };
  if (job.map) input.map = job.map;
  if (job.fixedKey !== undefined) input.fixedKey = job.fixedKey;
  const run = await runFile(input, state, {
    grain: job.grain,
    fiscal: job.fiscal,
    key: job.key,
    basis: job.basis,
    fileIndex: job.fileIndex,
    fileCount: job.fileCount,
    signal,
    previewRows: 0,
    detectKind: false,
    asKind: false,
  });
  // The second range starts with a copy of the header in UTF-8: its bytes must read as UTF-8 too.
  if (!run.encoding.startsWith("utf-8")) throw new Error(`range ${job.index} did not read as UTF-8 (${run.encoding})`);
  return {
    report: run.report,
    lines: run.lines,
    variantFacts: run.variantFacts,
    cost: [...state.cost.values()].map(({ sum, ...e }) => ({ ...e, sum: sum.value().toFixed() })),
    tagKeys: [...state.tagKeys],
    genericKeys: [...state.genericKeys],
    recognisedBilling: state.recognisedBilling,
  };
}

/** The header as the second range reads it: each field quoted, on a line of its own. */
export function headerLine(columns: readonly string[], delimiter: string): string {
  return columns.map((c) => '"' + c.replace(/"/g, '""') + '"').join(delimiter) + "\n";
}

function lineFeeds(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * Read a large billing CSV in two ranges on two threads and merge them into `state`; null when
 * it is to be read on one thread (too small, not a UTF-8 text CSV, no provable cut, no thread
 * for this input, or an error in a range). `state` is untouched unless the read succeeds.
 */
export async function runParallel(input: ImportInput, state: State, o: RangeOptions, p: ParallelCsv): Promise<SourceReport | null> {
  const size = input.size;
  if (input.kind !== "billing" || input.parts !== undefined || input.random === undefined || size === undefined) return null;
  if (size < (p.minBytes ?? PARALLEL_MIN_BYTES)) return null;
  const ra = input.random();
  let split: Awaited<ReturnType<typeof findSplit>>;
  try {
    split = await findSplit(ra, size, p.candidate?.(size));
  } catch {
    split = null;
  } finally {
    await ra.close?.();
  }
  if (split === null) {
    p.onFallback?.(input.name, "no cut of the file could be proven to be at a record boundary");
    return null;
  }
  const prefix = headerLine(split.columns, split.delimiter);
  const base = { name: input.name, fileIndex: o.fileIndex, fileCount: o.fileCount, grain: o.grain, fiscal: o.fiscal, key: o.key, basis: o.basis, map: input.map, fixedKey: input.fixedKey };
  const jobs: RangeJob[] = [
    { ...base, index: 0, start: 0, end: split.at, prefix: "" },
    { ...base, index: 1, start: split.at, end: size, prefix },
  ];
  let results: RangeResult[];
  try {
    const running = p.run(input, jobs, o.signal);
    if (running === null) return null;
    results = await running;
  } catch (e) {
    if (o.signal?.aborted) throw abortError();
    p.onFallback?.(input.name, `a range could not be read (${e instanceof Error ? e.message : String(e)})`);
    return null;
  }
  p.onSplit?.(input.name, split.at, split.proven);
  const report = merge(results, lineFeeds(prefix), o, input, state);
  o.onProgress?.({ file: input.name, fileIndex: o.fileIndex, fileCount: o.fileCount, bytesRead: size, bytesTotal: size, rowsRead: report.rowsRead });
  return report;
}

/** The two ranges' results as one file's: the report, and the cost entries into the state. */
function merge(results: RangeResult[], prefixLines: number, o: RangeOptions, input: ImportInput, state: State): SourceReport {
  const [first, ...rest] = results;
  const report = first.report;
  let lineEnd = first.lines;
  const totals = new Map<string, Decimal>();
  const currencies = new Set<string>(report.currencies);
  const tagKeys = new Set<string>(report.tagKeys);
  const addTotals = (t: Record<string, string>): void => {
    for (const [c, v] of Object.entries(t)) totals.set(c, (totals.get(c) ?? new Decimal(0)).plus(v));
  };
  addTotals(report.totals);
  for (const r of rest) {
    const s = r.report;
    // A line of this range's reader is `off` lines before the same line in the file.
    const off = lineEnd - 1 - prefixLines;
    report.rowsRead += s.rowsRead;
    report.rowsUsed += s.rowsUsed;
    report.rowsSkipped += s.rowsSkipped;
    report.rowsRejected += s.rowsRejected;
    report.rowsWarned = (report.rowsWarned ?? 0) + (s.rowsWarned ?? 0);
    for (const [why, n] of Object.entries(s.skipped)) report.skipped[why] = (report.skipped[why] ?? 0) + n;
    for (const x of s.rejected) if (report.rejected.length < MAX_REJECTED_LISTED) report.rejected.push({ ...x, line: x.line + off });
    for (const x of s.warnings ?? []) if ((report.warnings ??= []).length < MAX_REJECTED_LISTED) report.warnings.push({ ...x, line: x.line + off });
    addTotals(s.totals);
    for (const c of s.currencies) currencies.add(c);
    for (const t of s.tagKeys) tagKeys.add(t);
    if (s.periodRange !== null) {
      const pr = report.periodRange;
      report.periodRange = pr === null ? s.periodRange : { first: s.periodRange.first < pr.first ? s.periodRange.first : pr.first, last: s.periodRange.last > pr.last ? s.periodRange.last : pr.last };
    }
    lineEnd = off + r.lines;
  }
  report.totals = Object.fromEntries([...totals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, d]) => [c, d.toFixed()]));
  report.currencies = [...currencies].sort();
  report.tagKeys = [...tagKeys].sort();
  const facts = [...new Set(results.flatMap((r) => r.variantFacts))];
  if (facts.length > 0) {
    const m = billingMapper(report.format as BillingFormat, {
      file: input.name, columns: report.columns, key: o.key, basis: o.basis, map: input.map, delimiter: ",", tagKeys: new Set(),
    });
    const v = m.variantOfFacts?.(facts) ?? null;
    if (v !== null) report.variant = v;
    else delete report.variant;
  }
  // The entries, in the order one thread meets them: the first range's, then the rest's new ones.
  for (const r of results) {
    for (const e of r.cost) {
      const k = [e.period, e.key ?? "", e.provider, e.service, e.chargeCategory, e.currency, e.fileIndex].join(SEP);
      const d = new Decimal(e.sum);
      const prev = state.cost.get(k);
      if (prev !== undefined) {
        prev.sum.addDecimal(d);
        prev.rows += e.rows;
      } else {
        const sum = new DecimalSum();
        sum.addDecimal(d);
        state.cost.set(k, { ...e, sum });
      }
    }
    for (const t of r.tagKeys) state.tagKeys.add(t);
    for (const g of r.genericKeys) state.genericKeys.add(g);
    if (r.recognisedBilling) state.recognisedBilling = true;
  }
  return report;
}
