/**
 * The Quarterly Review's title block: which quarters it compares, on what cost basis, in which
 * currencies and fiscal year, from which files and periods, and whether each quarter is
 * complete (every month has cost) or partial. Pure: text lines, written through `safeText`.
 */
import { grainOfLabel, relabel } from "../../core/period";
import { FORMAT_LABELS } from "../../import/format-labels";
import type { CostBasis, ImportResult, SourceReport } from "../../import/types";
import { sortPeriods } from "../periods";

/** Months of one quarter that have cost rows; null at the quarter grain (months not known). */
export interface QuarterCoverage {
  quarter: string;
  months: string[] | null;
}

export const MONTHS_IN_QUARTER = 3;

/** Most sources listed one per line; the rest are counted on one more line. */
export const MAX_SOURCE_LINES = 8;

/**
 * The months with cost of a quarter: the month of every cost record whose period falls in it
 * (a week counts in the month of its Thursday, as it counts in the quarter of it).
 */
export function quarterCoverage(result: ImportResult, quarter: string, quarterFor: (period: string) => string): QuarterCoverage {
  const months = new Set<string>();
  for (const r of result.costRecords) {
    if (quarterFor(r.period) !== quarter) continue;
    if (grainOfLabel(r.period) === "quarter") return { quarter, months: null };
    const m = relabel(r.period, "month");
    if (m !== null) months.add(m);
  }
  return { quarter, months: sortPeriods(months) };
}

/** `complete: 3 of 3 months`, `partial: 1 of 3 months (2025-04)`, `no cost data`. */
export function coverageText(c: QuarterCoverage): string {
  if (c.months === null) return "months not known (periods are quarters)";
  if (c.months.length === 0) return "no cost data";
  const of = `${c.months.length} of ${MONTHS_IN_QUARTER} months`;
  return c.months.length >= MONTHS_IN_QUARTER ? `complete: ${of}` : `partial: ${of} (${c.months.join(", ")})`;
}

export function isPartial(c: QuarterCoverage): boolean {
  return c.months !== null && c.months.length < MONTHS_IN_QUARTER;
}

const BASIS_TEXT: Readonly<Record<CostBasis, string>> = {
  billed: "billed (as invoiced)",
  effective: "effective (commitments amortized)",
};

function monthName(month: number): string {
  return new Date(Date.UTC(2000, month - 1, 1)).toLocaleString("en-US", { month: "long", timeZone: "UTC" });
}

const KIND_TEXT: Readonly<Record<SourceReport["kind"], string>> = { billing: "Billing", volume: "Volume", value: "Value" };

/** `Billing: cur.csv (AWS CUR 2.0 (Data Exports)), 2025-04-01 to 2025-04-30`. */
export function sourceLine(s: SourceReport): string {
  const format = FORMAT_LABELS[s.format] ?? s.format;
  const range = s.periodRange === null ? "no rows used" : s.periodRange.first === s.periodRange.last ? s.periodRange.first : `${s.periodRange.first} to ${s.periodRange.last}`;
  return `${KIND_TEXT[s.kind]}: ${s.file} (${format}), ${range}`;
}

export interface TitleInput {
  result: ImportResult;
  latest: string | null;
  previous: string | null;
  quarterFor: (period: string) => string;
  costBasis: CostBasis | undefined;
  fiscalStartMonth: number;
  currencies: readonly string[];
}

export interface ReviewTitle {
  /** The lines, top to bottom (the first is the title). Plain text: the caller writes them through safeText. */
  lines: string[];
  coverage: { previous: QuarterCoverage | null; latest: QuarterCoverage | null };
}

export function reviewTitle(i: TitleInput): ReviewTitle {
  const { latest, previous } = i;
  const title = latest === null ? "Quarterly Review: no quarters (the periods are not dates)" : `Quarterly Review: ${latest} against ${previous ?? "the quarter before"}`;
  const currencies = i.currencies.length > 0 ? i.currencies : Object.keys(i.result.totals).sort();
  const facts = [
    `Cost basis: ${i.costBasis === undefined ? "not given" : BASIS_TEXT[i.costBasis]}`,
    `${currencies.length === 1 ? "Currency" : "Currencies"}: ${currencies.length > 0 ? currencies.join(", ") : "none"}`,
    `Fiscal year starts in ${monthName(i.fiscalStartMonth >= 1 && i.fiscalStartMonth <= 12 ? Math.floor(i.fiscalStartMonth) : 1)}`,
    `Key: ${i.result.key}`,
  ].join(" · ");
  const prev = previous === null ? null : quarterCoverage(i.result, previous, i.quarterFor);
  const cur = latest === null ? null : quarterCoverage(i.result, latest, i.quarterFor);
  const quarterLines = [prev, cur].filter((c): c is QuarterCoverage => c !== null).map((c) => `${c.quarter}: ${coverageText(c)}`);
  const sources = i.result.sources.slice(0, MAX_SOURCE_LINES).map(sourceLine);
  const more = i.result.sources.length - MAX_SOURCE_LINES;
  if (more > 0) sources.push(`… and ${more} more ${more === 1 ? "file" : "files"}`);
  return { lines: [title, facts, ...quarterLines, ...sources], coverage: { previous: prev, latest: cur } };
}
