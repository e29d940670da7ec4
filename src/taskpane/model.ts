/**
 * View-model of the task pane: pure functions from the pane's state (files and their
 * inspect reports, the user's choices) to what it shows and to the engine's options.
 * No DOM and no Office here, so it is unit-tested in node.
 */
import { KEY_KINDS, type KeyKind, keyText, parseUserDecimal } from "../core/grammar";
import { GRAINS, isoWeekStart, grainOfLabel, periodOf, sortPeriods, type Grain } from "../core/period";
import type {
  CaseMerge,
  ColumnMap,
  CostBasis,
  ImportResult,
  InspectReport,
  PeriodGrain,
  RejectedRow,
  SourceKind,
  ValueAssumption,
} from "../import/types";
import type { WriteReport } from "../excel/types";
import type { ShareableReport } from "../excel/shareable";
import { foldKey } from "../import/keys";
import { quarterBounds } from "../excel/periods";
import { caseMergeText } from "../import/report-text";
import { FORMAT_LABELS } from "../import/format-labels";
import { formatCount, formatTotals } from "./numbers";
import { defaultPricing, pricingBlocker, type PricingChoices } from "./pricing";

export { formatAmount, formatBytes, formatCount, formatTotals } from "./numbers";

export const KINDS: readonly SourceKind[] = ["billing", "volume", "value"];

export const KIND_LABELS: Readonly<Record<SourceKind, string>> = {
  billing: "Billing files",
  volume: "Volume files",
  value: "Value files",
};

const KEY_LABELS: Readonly<Record<KeyKind, string>> = {
  service: "Service",
  resource: "Resource",
  sku: "SKU",
  model: "Model (from usage type or line item)",
};

export const BUILTIN_KEYS: ReadonlyArray<{ value: string; label: string }> = KEY_KINDS.map((k) => ({ value: k, label: KEY_LABELS[k] }));

const GRAIN_LABELS: Readonly<Record<Grain, string>> = { day: "Day", week: "Week (ISO)", month: "Month", quarter: "Quarter" };

export const PERIODS: ReadonlyArray<{ value: PeriodGrain; label: string }> = GRAINS.map((g) => ({ value: g, label: GRAIN_LABELS[g] }));

export const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

export { FORMAT_LABELS };

export type FileStatus = "inspecting" | "ready" | "error";

/** One chosen file, as the pane tracks it. */
export interface FileEntry {
  id: number;
  kind: SourceKind;
  name: string;
  size: number;
  status: FileStatus;
  report?: InspectReport;
  error?: string;
  map?: ColumnMap;
  /** The columns must be mapped (the format was not recognised as the kind given). */
  needsMap?: boolean;
  /** The engine's objection to the mapping given so far. */
  mapError?: string;
  /** What the file looks like on its own, when another kind than the one given. */
  detected?: { kind: SourceKind; format: string };
  /** The cost basis the report's figures were read with (billing files). */
  basis?: CostBasis;
}

// ---------------------------------------------------------------------------
// Workload keys

/** The workload keys on offer: every tag key found in the files as `tag:NAME`, then the built-ins. */
export function keyOptions(entries: readonly FileEntry[]): Array<{ value: string; label: string }> {
  const tags = new Set<string>();
  for (const e of entries) {
    if (e.kind !== "billing" || !e.report) continue;
    // Tag keys are trimmed, so ` org` and `org` are offered once (the engine reads them as one).
    for (const t of e.report.tagKeys) if (t.trim() !== "") tags.add(t.trim());
  }
  const tagOpts = [...tags]
    .sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" }) || (a < b ? -1 : a > b ? 1 : 0))
    .map((t) => ({ value: keyText({ kind: "tag", name: t }), label: "Tag: " + t }));
  return [...tagOpts, ...BUILTIN_KEYS];
}

/** The engine's default: `tag:model` when that tag exists, else `service`. */
export function defaultKey(entries: readonly FileEntry[]): string {
  const tagModel = keyText({ kind: "tag", name: "model" });
  return keyOptions(entries).some((o) => o.value === tagModel) ? tagModel : "service";
}

/** Keep the user's key when it is still on offer; otherwise fall back to the default. */
export function reconcileKey(current: string | null, entries: readonly FileEntry[]): string {
  if (current !== null && keyOptions(entries).some((o) => o.value === current)) return current;
  return defaultKey(entries);
}

// ---------------------------------------------------------------------------
// Column mapping

export type MapField = keyof ColumnMap;

export interface MapFieldSpec {
  field: MapField;
  label: string;
  required: boolean;
  /** The field may be a fixed three-letter currency code instead of a column. */
  allowsFixedCurrency?: boolean;
}

export function mappingFields(kind: SourceKind): MapFieldSpec[] {
  const key: MapFieldSpec = { field: "key", label: "Workload key column", required: false };
  const date: MapFieldSpec = { field: "date", label: "Date column", required: true };
  switch (kind) {
    case "billing":
      return [
        date,
        { field: "cost", label: "Cost column", required: true },
        { field: "currency", label: "Currency", required: true, allowsFixedCurrency: true },
        key,
      ];
    case "volume":
      return [date, { field: "count", label: "Count column", required: true }, key];
    case "value":
      return [
        date,
        { field: "value", label: "Value column", required: true },
        { field: "currency", label: "Currency", required: false, allowsFixedCurrency: true },
        key,
      ];
  }
}

/** A file whose format was not recognised (a generic billing file, say) needs a column mapping. */
export function needsMapping(e: FileEntry): boolean {
  return e.needsMap === true || (e.kind === "billing" && e.report?.format === "generic");
}

export function isCurrencyCode(s: string): boolean {
  return /^[A-Z]{3}$/.test(s);
}

/** The required fields still missing from a mapping (empty when complete). */
export function missingMapFields(kind: SourceKind, map: ColumnMap | undefined): MapFieldSpec[] {
  return mappingFields(kind).filter((f) => f.required && !(map?.[f.field] ?? "").trim());
}

/** Guess a mapping from column names, for a first suggestion the user can change. */
export function guessMapping(kind: SourceKind, columns: readonly string[]): ColumnMap {
  const find = (...patterns: RegExp[]): string | undefined => {
    for (const p of patterns) {
      const c = columns.find((col) => p.test(col.trim()));
      if (c !== undefined) return c;
    }
    return undefined;
  };
  const map: ColumnMap = {};
  const date = find(/^(date|day|period|month|usage ?date|timestamp|time)$/i, /date|day|time|period|month/i);
  if (date) map.date = date;
  if (kind === "billing") {
    const cost = find(/^(cost|amount|spend|charge|total)$/i, /cost|amount|spend|charge/i);
    if (cost) map.cost = cost;
  }
  if (kind === "volume") {
    const count = find(/^(count|requests|inferences|invocations|calls)$/i, /request|inference|invocation|count|calls/i);
    if (count) map.count = count;
  }
  if (kind === "value") {
    const value = find(/^value$/i, /value|benefit|revenue|saving/i);
    if (value) map.value = value;
  }
  if (kind !== "volume") {
    const currency = find(/^(currency|currency ?code|ccy)$/i, /currency/i);
    if (currency) map.currency = currency;
  }
  const key = find(/^(key|model|service|workload|endpoint|team|project)$/i, /model|workload|endpoint|service/i);
  if (key && key !== map.date) map.key = key;
  return map;
}

// ---------------------------------------------------------------------------
// Numbers typed by the user (numbers shown: numbers.ts)

// ---------------------------------------------------------------------------
// What a file card shows

export interface FileFacts {
  format: string;
  rows: string;
  periods: string;
  currencies: string;
  totals: string;
  /** Rejected rows of this file, with its name. */
  rejected: Array<{ file: string; line: number; reason: string }>;
  skipped: string | null;
  /** Keys of this file merged into another spelling (Excel compares text ignoring case), as sentences. */
  caseMerges: string[];
  /** Rows used with a warning (an amount Excel rounds), with the file and line. */
  warnings: string[];
}

/** "1 row", "2 rows". */
export function plural(n: number, one: string, many = one + "s"): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function describeReport(r: InspectReport): FileFacts {
  const label = FORMAT_LABELS[r.format] ?? r.format;
  const fmt = !r.variant ? label : r.variant.startsWith(label) ? r.variant : `${label} (${r.variant})`;
  const extras: string[] = [];
  // UTF-8, with or without a BOM, is what every export is: only another encoding is worth a word.
  if (r.encoding && !/^utf-8/i.test(r.encoding)) extras.push(r.encoding);
  if (r.compressed) extras.push("gzip");
  let rows = `${formatCount(r.rowsRead)} read, ${formatCount(r.rowsUsed)} used`;
  if (r.rowsSkipped) rows += `, ${formatCount(r.rowsSkipped)} skipped`;
  if (r.rowsRejected) rows += `, ${formatCount(r.rowsRejected)} rejected`;
  if (r.rowsWarned) rows += `, ${formatCount(r.rowsWarned)} with a warning`;
  let totals: string;
  if (r.kind === "volume") totals = r.inferences !== undefined ? `${formatCount(r.inferences)} inferences` : "—";
  else totals = formatTotals(r.totals);
  const skippedKinds = Object.entries(r.skipped ?? {});
  return {
    format: extras.length ? `${fmt} (${extras.join(", ")})` : fmt,
    rows,
    periods: r.periodRange ? (r.periodRange.first === r.periodRange.last ? r.periodRange.first : `${r.periodRange.first} to ${r.periodRange.last}`) : "—",
    currencies: r.currencies.length ? r.currencies.join(", ") : "—",
    totals,
    rejected: r.rejected.map((x) => ({ file: r.file, line: x.line, reason: x.reason })),
    skipped: skippedKinds.length ? skippedKinds.map(([why, n]) => `${formatCount(n)} ${why}`).join("; ") : null,
    caseMerges: (r.caseMerges ?? []).map((m) => caseMergeText(m, formatCount) + "."),
    warnings: (r.warnings ?? []).map((w) => `${r.file}, line ${w.line}: ${w.reason}.`),
  };
}

/** Most case-merge sentences listed in one place (the rest are counted). */
export const MAX_CASE_MERGES_LISTED = 5;

/** Each file's case merges as sentences naming the file, the first few listed and the rest counted. */
export function caseMergeLines(sources: ReadonlyArray<{ file: string; caseMerges?: readonly CaseMerge[] }>, max = MAX_CASE_MERGES_LISTED): string[] {
  const all = sources.flatMap((s) => (s.caseMerges ?? []).map((m) => `${s.file}: ${caseMergeText(m, formatCount)}.`));
  if (all.length <= max) return all;
  const more = all.length - max;
  return [...all.slice(0, max), `… and ${formatCount(more)} more ${more === 1 ? "key" : "keys"} merged by case.`];
}

/** An engine error as one sentence that names the file (and the line when there is one). */
export function describeError(e: { message: string; file?: string; line?: number }, fallbackFile?: string): string {
  const file = e.file ?? fallbackFile;
  let msg = e.message.trim();
  if (file && !msg.includes(file)) msg = `${file}${e.line ? `, line ${e.line}` : ""}: ${msg}`;
  else if (e.line && !/line \d/.test(msg)) msg = `${msg} (line ${e.line})`;
  return msg;
}

// ---------------------------------------------------------------------------
// Comparison period

/**
 * Parse a period label (any grain) to the [start, end] epoch-ms days it covers; a quarter
 * (`2024-Q3`, `FY2026-Q1`) in the fiscal year that starts in `fiscalStartMonth`, as
 * src/excel/periods.ts's `quarterBounds` reads it (FY2026-Q1 from April is April–June 2025).
 */
export function labelSpan(label: string, fiscalStartMonth = 1): [number, number] | null {
  const g = grainOfLabel(label);
  const y = Number(label.slice(0, 4));
  const day = 86400000;
  switch (g) {
    case "day": {
      const t = Date.UTC(y, Number(label.slice(5, 7)) - 1, Number(label.slice(8, 10)));
      return [t, t];
    }
    case "week": {
      const s = isoWeekStart(y, Number(label.slice(6, 8)));
      return [s, s + 6 * day];
    }
    case "month": {
      const m = Number(label.slice(5, 7));
      return [Date.UTC(y, m - 1, 1), Date.UTC(y, m, 1) - day];
    }
    case "quarter": {
      const { first, last } = quarterBounds(label, label.startsWith("FY") ? fiscalStartMonth : 1);
      return [Date.UTC(first[0], first[1] - 1, first[2]), Date.UTC(last[0], last[1] - 1, last[2])];
    }
    default:
      return null;
  }
}

/** Longest span of days enumerated for the comparison choices. */
const MAX_SPAN_DAYS = 366 * 12;
/** Most choices offered (the latest ones). */
const MAX_CHOICES = 120;

/**
 * The periods the files cover at a grain, latest first, for the comparison-period choice.
 * Built from the inspect reports' period ranges.
 */
export function periodChoices(entries: readonly FileEntry[], grain: Grain, fiscalStartMonth: number): string[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of entries) {
    const r = e.report?.periodRange;
    if (!r) continue;
    const a = labelSpan(r.first, fiscalStartMonth);
    const b = labelSpan(r.last, fiscalStartMonth);
    if (a) lo = Math.min(lo, a[0]);
    if (b) hi = Math.max(hi, b[1]);
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) return [];
  const day = 86400000;
  if ((hi - lo) / day > MAX_SPAN_DAYS) lo = hi - MAX_SPAN_DAYS * day;
  const labels = new Set<string>();
  for (let t = lo; t <= hi; t += day) labels.add(periodOf(t, grain, fiscalStartMonth));
  return sortPeriods(labels).reverse().slice(0, MAX_CHOICES);
}

// ---------------------------------------------------------------------------
// Value assumptions

export type AssumptionMethod = "per-inference" | "time-saved";

/** One row of the value-assumptions editor, as typed. */
export interface AssumptionRow {
  key: string;
  method: AssumptionMethod;
  valuePerInference: string;
  minutesSaved: string;
  hourlyRate: string;
  currency: string;
}

export function emptyAssumption(): AssumptionRow {
  return { key: "*", method: "per-inference", valuePerInference: "", minutesSaved: "", hourlyRate: "", currency: "" };
}

export interface AssumptionProblem {
  row: number;
  field: keyof AssumptionRow;
  message: string;
}

/** Turn the editor's rows into the engine's assumptions, or say what is wrong with which row. */
export function buildAssumptions(rows: readonly AssumptionRow[]): { assumptions: ValueAssumption[]; problems: AssumptionProblem[] } {
  const assumptions: ValueAssumption[] = [];
  const problems: AssumptionProblem[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const n = i + 1;
    const key = r.key.trim() || "*";
    // Keys are compared ignoring case, as Excel and the engine compare them.
    if (seen.has(foldKey(key))) problems.push({ row: i, field: "key", message: `Assumption ${n}: the key “${key}” already has an assumption.` });
    seen.add(foldKey(key));
    const a: ValueAssumption = { key };
    const cur = r.currency.trim().toUpperCase();
    if (cur !== "") {
      if (!isCurrencyCode(cur)) problems.push({ row: i, field: "currency", message: `Assumption ${n}: the currency must be a three-letter code such as USD.` });
      else a.currency = cur;
    }
    if (r.method === "per-inference") {
      const v = parseUserDecimal(r.valuePerInference);
      if (v === null) problems.push({ row: i, field: "valuePerInference", message: `Assumption ${n}: enter the value per inference as a number, for example 0.05.` });
      else a.valuePerInference = v;
    } else {
      const m = parseUserDecimal(r.minutesSaved);
      const h = parseUserDecimal(r.hourlyRate);
      if (m === null) problems.push({ row: i, field: "minutesSaved", message: `Assumption ${n}: enter the minutes saved per inference as a number.` });
      else a.minutesSaved = m;
      if (h === null) problems.push({ row: i, field: "hourlyRate", message: `Assumption ${n}: enter the hourly rate as a number.` });
      else a.hourlyRate = h;
    }
    assumptions.push(a);
  });
  return { assumptions, problems };
}

// ---------------------------------------------------------------------------
// Readiness and options

export interface Choices extends PricingChoices {
  period: PeriodGrain;
  fiscalStartMonth: number;
  key: string;
  cost: CostBasis;
  /** "" = the writer's default (the latest quarter with cost, or the latest period). */
  comparisonPeriod: string;
  /** Keys drawn in the Comparison and Trend charts (the costliest), the rest as "Other". */
  topKeys: number;
  assumptions: AssumptionRow[];
  /** Formulas written: AIECON functions, or native Excel (a workbook anyone can open). */
  formulas: "aiecon" | "native";
}

export function defaultChoices(): Choices {
  return { period: "month", fiscalStartMonth: 1, key: "service", cost: "billed", comparisonPeriod: "", topKeys: 12, assumptions: [], formulas: "aiecon", ...defaultPricing() };
}

/** Why Import cannot start yet, or null when it can. */
export function importBlocker(entries: readonly FileEntry[], choices: Choices): string | null {
  const billing = entries.filter((e) => e.kind === "billing");
  if (billing.length === 0) return "Add at least one billing file.";
  const busy = entries.find((e) => e.status === "inspecting");
  if (busy) return `Still reading ${busy.name}…`;
  const bad = entries.find((e) => e.status === "error");
  if (bad) return `Remove ${bad.name} or choose a file that can be read: ${bad.error ?? "it could not be read."}`;
  for (const e of entries) {
    if (!needsMapping(e)) continue;
    const missing = missingMapFields(e.kind, e.map);
    if (missing.length) return `Map the columns of ${e.name}: choose the ${missing.map((m) => m.label.toLowerCase()).join(", ")}.`;
    if (e.mapError) return `Check the column mapping of ${e.name}: ${e.mapError}`;
  }
  const { problems } = buildAssumptions(choices.assumptions);
  if (problems.length) return problems[0].message;
  return pricingBlocker(entries, choices);
}

// ---------------------------------------------------------------------------
// Results

export interface RejectedSummary {
  total: number;
  files: Array<{ file: string; count: number; rows: RejectedRow[] }>;
}

export function rejectedOf(result: Pick<ImportResult, "sources">): RejectedSummary {
  const files = result.sources
    .filter((s) => s.rowsRejected > 0 || s.rejected.length > 0)
    .map((s) => ({ file: s.file, count: Math.max(s.rowsRejected, s.rejected.length), rows: s.rejected }));
  return { total: files.reduce((a, f) => a + f.count, 0), files };
}

/**
 * The status announced after a successful import. `match`: the match report's lines
 * (checks.ts), in place of the count of groups without volume (which they include).
 */
export function successLines(result: ImportResult, report: WriteReport, match?: readonly string[]): string[] {
  const keys = new Set(result.groups.map((g) => g.key));
  const periods = new Set(result.groups.map((g) => g.period));
  const lines = [
    `Import complete: ${formatCount(result.groups.length)} ${result.groups.length === 1 ? "group" : "groups"} written ` +
      `(${formatCount(keys.size)} ${keys.size === 1 ? "key" : "keys"} × ${formatCount(periods.size)} ${periods.size === 1 ? "period" : "periods"}) ` +
      `to ${report.sheets.length} sheets.`,
    `Total cost: ${formatTotals(result.totals)}.`,
  ];
  if (report.comparisonPeriod) lines.push(`Comparison: ${report.comparisonPeriod}${report.comparisonPartial ? ` (${report.comparisonPartial})` : ""}.`);
  const noVolume = result.groups.filter((g) => g.inferences === null).length;
  if (match !== undefined) lines.push(...match);
  else if (noVolume > 0) lines.push(`${formatCount(noVolume)} ${noVolume === 1 ? "group has" : "groups have"} no volume data, so no cost per inference.`);
  const rejected = rejectedOf(result);
  if (rejected.total > 0) lines.push(`${formatCount(rejected.total)} rejected ${rejected.total === 1 ? "row was" : "rows were"} left out.`);
  lines.push(...caseMergeLines(result.sources));
  if (report.calculation === "manual-recalculated") {
    lines.push(
      "The workbook is in manual calculation: calculated once after writing. " +
        "After an edit, press F9 (Calculate Now) and every figure and chart follows.",
    );
  } else lines.push("Figures are live: edit a cell in a data table and every figure and chart follows.");
  return lines;
}

/** The line under *Make shareable*: what was rewritten, or why nothing was. */
export function shareableMessage(r: Pick<ShareableReport, "changed" | "sheets" | "untranslated">): string {
  if (r.sheets.length === 0) return "Nothing to make shareable: this workbook has no AIECON sheets (import first). Nothing was changed.";
  const left =
    r.untranslated.length === 0
      ? ""
      : ` ${formatCount(r.untranslated.length)} AIECON ${r.untranslated.length === 1 ? "call has" : "calls have"} no native form and ${r.untranslated.length === 1 ? "was" : "were"} left as ${r.untranslated.length === 1 ? "it was" : "they were"}.`;
  const on = `${formatCount(r.sheets.length)} AIECON ${r.sheets.length === 1 ? "sheet" : "sheets"}`;
  if (r.changed === 0 && r.untranslated.length === 0) return `Already shareable: no AIECON formula to rewrite on the ${on}. Nothing was changed.`;
  if (r.changed === 0) return `Nothing was rewritten on the ${on}.${left}`;
  return `${formatCount(r.changed)} ${r.changed === 1 ? "formula" : "formulas"} rewritten as native Excel on ${on}.${left}`;
}

/** Overall progress 0–1 of an import: parsing is the first 60%, writing the rest. */
export const PARSE_SHARE = 0.6;

export function parseFraction(p: { fileIndex: number; fileCount: number; bytesRead: number; bytesTotal?: number }, sizes: readonly number[]): number {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total <= 0 || sizes.length === 0) return p.fileCount > 0 ? Math.min(1, p.fileIndex / p.fileCount) : 0;
  const before = sizes.slice(0, p.fileIndex).reduce((a, b) => a + b, 0);
  const cur = Math.min(p.bytesRead, p.bytesTotal ?? sizes[p.fileIndex] ?? p.bytesRead);
  return Math.max(0, Math.min(1, (before + cur) / total));
}

export function overallFraction(stage: "parse" | "write", fraction: number): number {
  const f = Math.max(0, Math.min(1, fraction));
  return stage === "parse" ? f * PARSE_SHARE : PARSE_SHARE + f * (1 - PARSE_SHARE);
}
