/**
 * The Quarterly Review's title block: which quarters it compares, on what cost basis, in which
 * currencies and fiscal year, from which files and periods, and whether each quarter is
 * complete (every month has cost) or partial. Pure: text lines, written through `safeText`.
 */
import { FORMAT_LABELS } from "../../import/format-labels";
import type { CostBasis, ImportResult, SourceReport } from "../../import/types";
import { coverageText, quarterCoverage, type QuarterCoverage } from "./coverage";

export { coverageText, isPartial, MONTHS_IN_QUARTER, quarterCoverage, type QuarterCoverage } from "./coverage";

/** Most sources listed one per line; the rest are counted on one more line. */
export const MAX_SOURCE_LINES = 8;

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
  const costPeriods = new Set(i.result.costRecords.map((r) => r.period));
  const prev = previous === null ? null : quarterCoverage(previous, costPeriods, i.quarterFor);
  const cur = latest === null ? null : quarterCoverage(latest, costPeriods, i.quarterFor);
  const quarterLines = [prev, cur].filter((c): c is QuarterCoverage => c !== null).map((c) => `${c.quarter}: ${coverageText(c)}`);
  const sources = i.result.sources.slice(0, MAX_SOURCE_LINES).map(sourceLine);
  const more = i.result.sources.length - MAX_SOURCE_LINES;
  if (more > 0) sources.push(`… and ${more} more ${more === 1 ? "file" : "files"}`);
  return { lines: [title, facts, ...quarterLines, ...sources], coverage: { previous: prev, latest: cur } };
}
