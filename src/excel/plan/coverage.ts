/**
 * The one partial-quarter rule of the workbook: a quarter is complete when each of its three
 * months has cost, partial when some month has none. The Comparison's flag
 * (`partial: 1 of 3 months`) and the Quarterly Review's title lines
 * (`partial: 1 of 3 months (2026-04)`) are both read from `quarterCoverage`. Pure.
 */
import { grainOfLabel, relabel } from "../../core/period";
import { sortPeriods } from "../periods";

/** Months of one quarter that have cost; null at the quarter grain (months not known). */
export interface QuarterCoverage {
  quarter: string;
  months: string[] | null;
}

export const MONTHS_IN_QUARTER = 3;

/**
 * The months with cost of a quarter: the month of every cost period that falls in it (a week
 * counts in the month of its Thursday, as it counts in the quarter of it).
 */
export function quarterCoverage(quarter: string, costPeriods: Iterable<string>, quarterFor: (period: string) => string): QuarterCoverage {
  const months = new Set<string>();
  for (const p of costPeriods) {
    if (quarterFor(p) !== quarter) continue;
    if (grainOfLabel(p) === "quarter") return { quarter, months: null };
    const m = relabel(p, "month");
    if (m !== null) months.add(m);
  }
  return { quarter, months: sortPeriods(months) };
}

export function isPartial(c: QuarterCoverage): boolean {
  return c.months !== null && c.months.length < MONTHS_IN_QUARTER;
}

const monthsOf = (c: QuarterCoverage): string => `${c.months?.length ?? 0} of ${MONTHS_IN_QUARTER} months`;

/** The flag beside a quarter's name: `partial: 1 of 3 months`; null when complete or the months are not known. */
export function partialFlag(c: QuarterCoverage): string | null {
  return isPartial(c) ? `partial: ${monthsOf(c)}` : null;
}

/** The Quarterly Review's line: `complete: 3 of 3 months`, `partial: 1 of 3 months (2025-04)`, `no cost data`. */
export function coverageText(c: QuarterCoverage): string {
  if (c.months === null) return "months not known (periods are quarters)";
  if (c.months.length === 0) return "no cost data";
  return isPartial(c) ? `${partialFlag(c)} (${c.months.join(", ")})` : `complete: ${monthsOf(c)}`;
}
