/**
 * The import engine: files in, exact reconciled cost / volume / value records out,
 * grouped by period × workload key × currency, with nothing lost on the way.
 * Knows nothing of Excel, the DOM or Node: it reads Web ReadableStreams.
 * Each file is read by read-file.ts (its format's mapper, its kind's accumulator); here the
 * files' entries become one import: one spelling per key, currencies, value assumptions.
 */
import { Decimal } from "../core/decimal";
import { DomainError } from "../core/errors";
import { valueFromTimeSaved } from "../core/metrics";
import { KEY_CHOICES, type KeySpec, keyText, parseKeySpec } from "../core/grammar";
import { GRAIN_CHOICES, type Grain, isGrain } from "../core/period";
import { abortError } from "./decode";
import { groupsOf } from "./groups";
import { cleanKey, foldKey, keylessVolumeKey, UNATTRIBUTED } from "./keys";
import { newReport, runFile } from "./read-file";
import { runParallel } from "./parallel";
import { type CostEntry, SEP, State } from "./state";
import {
  type CaseMerge,
  type CostRecord,
  type ImportInput,
  type ImportOptions,
  type ImportResult,
  type InspectAsReport,
  type InspectReport,
  type SourceKind,
  type SourceReport,
  type ValueAssumption,
  type ValueRecord,
  type VolumeRecord,
  ImportError,
} from "./types";

export { UNATTRIBUTED, newReport };
export { LIMITS } from "./read-file";
export { MAX_REJECTED_LISTED } from "./accumulators";
/** inspect: the totals key of a value file without a currency (it takes the billing currency at import). */
export const BILLING_CURRENCY = "(billing currency)";

function validateOptions(options: ImportOptions): { grain: Grain; fiscal: number; key: KeySpec } {
  const grain = options.period;
  if (!isGrain(grain)) throw new ImportError("bad-option", `unknown period '${String(grain)}': use ${GRAIN_CHOICES}`);
  const fiscal = options.fiscalStartMonth ?? 1;
  if (!Number.isInteger(fiscal) || fiscal < 1 || fiscal > 12) throw new ImportError("bad-option", `the fiscal year start month must be 1–12, not ${fiscal}`);
  if (options.cost !== "billed" && options.cost !== "effective") throw new ImportError("bad-option", `unknown cost basis '${String(options.cost)}': use billed or effective`);
  const key = parseKeySpec(options.key);
  if (key === null) throw new ImportError("bad-option", `unknown key '${options.key}': use ${KEY_CHOICES}`);
  return { grain, fiscal, key };
}

/** The currency of value data without one: the billing currency, when there is exactly one. */
function billingCurrencyOf(billingCurrencies: readonly string[], what: string, file?: string): string {
  if (billingCurrencies.length === 1) return billingCurrencies[0];
  if (billingCurrencies.length === 0) {
    throw new ImportError("no-currency", `${what} has no currency and there is no billing data to take it from; add a currency column or give one`, file);
  }
  throw new ImportError(
    "no-currency",
    `${what} has no currency, and the billing data has several currencies (${billingCurrencies.join(", ")}); add a currency column`,
    file,
  );
}

/** The key in default mode: `tag:model` when some billing file has that tag, else the service. */
function keyChoice(state: State, key: KeySpec): { name: string; useService: boolean } {
  const hasModelTag = [...state.tagKeys].some((t) => t.toLowerCase() === "model");
  const name = key.kind === "default" ? (hasModelTag ? keyText({ kind: "tag", name: "model" }) : "service") : keyText(key);
  return { name, useService: key.kind === "default" && !hasModelTag };
}

/** The key of a cost entry as the file spells it. */
function costKey(e: CostEntry, useService: boolean): string {
  const k = e.keyFinal || !useService ? e.key : e.service === "" ? null : e.service;
  return k === null || k === "" ? UNATTRIBUTED : k;
}

/**
 * One spelling per key ignoring case: the first met, in file order then row order, over
 * cost, volume and value files alike. Every other spelling's rows are reported in the
 * `caseMerges` of their file. Returns the canonical spelling of a key.
 */
function foldKeys(state: State, useService: boolean, reports: readonly SourceReport[]): (key: string) => string {
  const met: { fileIndex: number; key: string; rows: number }[] = [];
  for (const e of state.cost.values()) met.push({ fileIndex: e.fileIndex, key: costKey(e, useService), rows: e.rows });
  for (const e of state.volume.values()) met.push({ fileIndex: e.fileIndex, key: e.key, rows: e.rows });
  for (const e of state.value.values()) met.push({ fileIndex: e.fileIndex, key: e.key, rows: e.rows });
  // Each map holds its entries in file order, then in the order of their first row; a file is of
  // one kind, so a stable sort by file gives file order, then row order.
  met.sort((a, b) => a.fileIndex - b.fileIndex);
  const canonical = new Map<string, string>();
  const merges = new Map<string, CaseMerge>();
  for (const m of met) {
    const f = foldKey(m.key);
    let c = canonical.get(f);
    // The first spelling met, trimmed (a key of spaces alone has no key).
    if (c === undefined) canonical.set(f, (c = cleanKey(m.key) === "" ? UNATTRIBUTED : cleanKey(m.key)));
    if (c !== m.key) {
      const id = String(m.fileIndex) + SEP + m.key;
      const x = merges.get(id);
      if (x !== undefined) x.rows += m.rows;
      else {
        const merge: CaseMerge = { spelling: m.key, mergedInto: c, rows: m.rows };
        if (cleanKey(m.key) !== m.key) merge.spaces = true;
        merges.set(id, merge);
        reports[m.fileIndex].caseMerges.push(merge);
      }
    }
  }
  return (key) => canonical.get(foldKey(key)) ?? key;
}

/** Options of `inspect`: the import options, and the kind to read the file as. */
export interface InspectOptions extends Partial<ImportOptions> {
  /**
   * Read the file as this kind, as the import will (not as the kind its header suggests),
   * in one read; say what the header suggests when that is another kind, and answer with
   * the header and first rows when a column mapping is needed rather than throwing.
   */
  asKind?: SourceKind;
}

/** Look at one file before import: format, rows, periods, currencies, totals, columns, a preview. */
export async function inspect(input: ImportInput, options?: InspectOptions & { asKind?: undefined }): Promise<InspectReport>;
/** Look at one file as a kind (see `InspectOptions.asKind`). */
export async function inspect(input: ImportInput, options: InspectOptions & { asKind: SourceKind }): Promise<InspectAsReport>;
export async function inspect(input: ImportInput, options: InspectOptions = {}): Promise<InspectReport | InspectAsReport> {
  const { asKind, ...rest } = options;
  const opts: ImportOptions = { period: "month", cost: "billed", ...rest };
  const { grain, fiscal, key } = validateOptions(opts);
  const given: ImportInput = asKind === undefined ? input : { ...input, kind: asKind, open: () => input.open() };
  const state = new State();
  const run = await runFile(given, state, {
    grain,
    fiscal,
    key,
    basis: opts.cost,
    signal: opts.signal,
    onProgress: opts.onProgress,
    fileIndex: 0,
    fileCount: 1,
    previewRows: 10,
    detectKind: asKind === undefined,
    asKind: asKind !== undefined,
  });
  const report = run.report;
  const head = { preview: run.preview, encoding: run.encoding, delimiter: run.delimiter, compressed: run.compressed };
  const detected = run.detected !== null && run.detected.kind !== report.kind ? run.detected : undefined;
  if (run.unmapped !== null) {
    // Nothing was read but the header and the first rows: enough to map the columns.
    if (report.columns.length === 0) throw run.unmapped;
    const blank: InspectReport = { ...newReport(given), columns: report.columns, ...head };
    return { report: blank, needsMap: true, mapError: given.map ? run.unmapped.message : undefined, detected };
  }
  foldKeys(state, keyChoice(state, key).useService, [report]);
  if (asKind !== undefined && (detected !== undefined || given.map !== undefined || report.format === "generic")) {
    // Read as the import will read it: value rows without a currency take the billing
    // currency, and a file alone has none.
    for (const e of state.value.values()) if (e.currency === "") billingCurrencyOf([], `the value file ${e.source}`, e.source);
    return { report: { ...report, ...head }, needsMap: given.map !== undefined || report.format === "generic", detected };
  }
  if (report.totals[""] !== undefined) {
    // A value file without a currency column: its currency is the billing currency, known only at import.
    const { "": billing, ...rest } = report.totals;
    report.totals = { ...rest, [BILLING_CURRENCY]: billing };
  }
  const full: InspectReport = { ...report, ...head };
  return asKind === undefined ? full : { report: full, needsMap: false };
}

/** Import every file and compute the unit economics per period × key × currency. */
export async function summarize(inputs: ImportInput[], options: ImportOptions): Promise<ImportResult> {
  const { grain, fiscal, key } = validateOptions(options);
  const state = new State();
  const sources: SourceReport[] = [];
  // Value files without a currency take the billing currency: resolved after all files are read.
  const order = inputs.map((input, i) => ({ input, i }));
  for (const { input, i } of order) {
    const ro = { grain, fiscal, key, basis: options.cost, signal: options.signal, onProgress: options.onProgress, afterBatch: options.afterBatch, fileIndex: i, fileCount: inputs.length };
    // A large billing CSV on two threads when the platform gives them; else (or when it cannot be cut) on this one.
    const parallel = options.parallel === undefined ? null : await runParallel(input, state, ro, options.parallel);
    const report = parallel ?? (await runFile(input, state, { ...ro, onRequest: options.onRequest, previewRows: 0, detectKind: false, asKind: false })).report;
    sources.push(report);
  }
  if (options.signal?.aborted) throw abortError();

  // The key: default = tag:model when that tag exists, else service.
  const { name: keyName, useService } = keyChoice(state, key);
  // Keys that differ only in case are one key, spelled as first met.
  const canonical = foldKeys(state, useService, sources);
  // A generic file's key is its mapped key column (spec): reported as `column:NAME`.
  const genericKeys = [...state.genericKeys].sort().join(", ");
  const reportedKey = genericKeys === "" ? keyName : state.recognisedBilling ? `${keyName}; generic files: ${genericKeys}` : genericKeys;

  // Cost records (period, key, provider, service, charge category, currency, source).
  const costMap = new Map<string, CostRecord & { d: Decimal }>();
  const totals = new Map<string, Decimal>();
  for (const e of state.cost.values()) {
    const finalKey = canonical(costKey(e, useService));
    const v = e.sum.value();
    const id = [e.period, finalKey, e.provider, e.service, e.chargeCategory, e.currency, e.fileIndex].join(SEP);
    const prev = costMap.get(id);
    if (prev) prev.d = prev.d.plus(v);
    else
      costMap.set(id, {
        period: e.period,
        key: finalKey,
        provider: e.provider,
        service: e.service,
        chargeCategory: e.chargeCategory,
        currency: e.currency,
        cost: "",
        source: e.source,
        d: v,
      });
    totals.set(e.currency, (totals.get(e.currency) ?? new Decimal(0)).plus(v));
  }
  const billingCurrencies = [...totals.keys()].sort();

  // Value currency: a value file without a currency column is in the billing currency.
  const billingCurrency = (what: string, file?: string): string => billingCurrencyOf(billingCurrencies, what, file);
  const valueRecs = new Map<string, ValueRecord & { d: Decimal }>();
  for (const e of state.value.values()) {
    let cur = e.currency;
    if (cur === "") {
      cur = billingCurrency(`the value file ${e.source}`, e.source);
      const src = sources[e.fileIndex];
      if (src.totals[""] !== undefined) {
        src.totals[cur] = new Decimal(src.totals[cur] ?? 0).plus(src.totals[""]).toFixed();
        delete src.totals[""];
        src.currencies = [...new Set([...src.currencies, cur])].sort();
      }
    }
    const key = canonical(e.key);
    const id = [e.period, key, cur, e.source, e.fileIndex].join(SEP);
    const v = e.sum.value();
    const prev = valueRecs.get(id);
    if (prev) prev.d = prev.d.plus(v);
    else valueRecs.set(id, { period: e.period, key, value: "", currency: cur, method: "imported", source: e.source, d: v });
  }

  // Volume: per period × key over all volume files.
  const inf = new Map<string, number>();
  const volumeRecs = new Map<string, VolumeRecord>();
  const costHasKeys = [...costMap.values()].some((r) => r.key !== UNATTRIBUTED);
  for (const e of state.volume.values()) {
    const key = keylessVolumeKey(canonical(e.key), UNATTRIBUTED, costHasKeys);
    // Two spellings of a key in one file are one record (as the cost and value records are).
    const id = [e.period, key, e.source, e.fileIndex].join(SEP);
    const prev = volumeRecs.get(id);
    if (prev) {
      prev.inferences += e.inferences;
      if (e.inTok !== null) prev.inputTokens = (prev.inputTokens ?? 0) + e.inTok;
      if (e.outTok !== null) prev.outputTokens = (prev.outputTokens ?? 0) + e.outTok;
    } else volumeRecs.set(id, { period: e.period, key, inferences: e.inferences, inputTokens: e.inTok, outputTokens: e.outTok, source: e.source });
    const k = e.period + SEP + key;
    inf.set(k, (inf.get(k) ?? 0) + e.inferences);
  }
  const volumeRecords = [...volumeRecs.values()];

  const importedValueKeys = new Set([...valueRecs.values()].map((r) => r.period + SEP + r.key));

  // User assumptions: value per inference, or minutes saved × hourly rate, over the volume.
  const assumptionRecs: (ValueRecord & { d: Decimal })[] = [];
  const assumptions = options.assumptions ?? [];
  if (assumptions.length > 0) {
    // An assumption names a key ignoring case, as Excel would match it: `gpt-4o` is for `GPT-4o`.
    const byKey = new Map<string, ValueAssumption>();
    for (const a of assumptions) {
      const f = foldKey(a.key);
      const other = byKey.get(f);
      if (other !== undefined) {
        throw new ImportError(
          "assumption",
          other.key === a.key
            ? `there are two value assumptions for '${a.key}'`
            : `the value assumptions for '${other.key}' and '${a.key}' are for the same key (keys are compared ignoring case, as Excel compares them)`,
        );
      }
      byKey.set(f, a);
    }
    for (const [k, n] of inf) {
      const [period, key] = k.split(SEP);
      if (importedValueKeys.has(k)) continue;
      const a = byKey.get(foldKey(key)) ?? byKey.get("*");
      if (a === undefined) continue;
      let d: Decimal;
      let method: ValueRecord["method"];
      try {
        if (a.valuePerInference !== undefined && a.valuePerInference !== "") {
          d = new Decimal(a.valuePerInference).times(n);
          method = "per-inference value";
        } else if (a.minutesSaved !== undefined && a.hourlyRate !== undefined) {
          // As AIECON.VALUEFROMTIMESAVED(minutes, rate, inferences): multiplied first, divided by 60 once.
          d = valueFromTimeSaved(new Decimal(a.minutesSaved), new Decimal(a.hourlyRate), new Decimal(n));
          method = "time saved";
        } else continue;
      } catch (e) {
        if (e instanceof DomainError) throw new ImportError("assumption", `the value assumption for '${a.key}': ${e.message}`);
        throw new ImportError("assumption", `the value assumption for '${a.key}' is not a number`);
      }
      const cur = a.currency ? a.currency.toUpperCase() : billingCurrency(`the value assumption for '${a.key}'`);
      assumptionRecs.push({ period, key, value: "", currency: cur, method, source: "assumption", d });
    }
  }

  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const costRecords: CostRecord[] = [...costMap.values()]
    .map(({ d, ...r }) => ({ ...r, cost: d.toFixed() }))
    .sort(
      (a, b) =>
        cmp(a.period, b.period) ||
        cmp(a.key, b.key) ||
        cmp(a.provider, b.provider) ||
        cmp(a.service, b.service) ||
        cmp(a.chargeCategory, b.chargeCategory) ||
        cmp(a.currency, b.currency) ||
        cmp(a.source, b.source),
    );
  volumeRecords.sort((a, b) => cmp(a.period, b.period) || cmp(a.key, b.key) || cmp(a.source, b.source));
  const valueRecords: ValueRecord[] = [...valueRecs.values(), ...assumptionRecs]
    .map(({ d, ...r }) => ({ ...r, value: d.toFixed() }))
    .sort((a, b) => cmp(a.period, b.period) || cmp(a.key, b.key) || cmp(a.currency, b.currency) || cmp(a.source, b.source));
  const groups = groupsOf(costRecords, volumeRecords, valueRecords);

  return {
    sources,
    groups,
    totals: Object.fromEntries(billingCurrencies.map((c) => [c, (totals.get(c) as Decimal).toFixed()])),
    key: reportedKey,
    period: grain,
    costRecords,
    volumeRecords,
    valueRecords,
    tagKeys: [...state.tagKeys].sort(),
  };
}

