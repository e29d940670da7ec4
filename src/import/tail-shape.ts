/**
 * The shape of one key × period's cost per request, for the Long Tail charts: counts in bins
 * on a log scale and the Pareto curve (the share of cost carried by the costliest q of the
 * requests). Computed from the sorted scaled integers of ./tail.ts, exact.
 *
 * Bins: four per decade, edges 1, 1.78, 3.16, 5.62 × 10^n USD (10^(j/4) to three figures),
 * a bin holding lo ≤ cost < hi, the same test as the live `COUNTIFS(costs,">="&lo,costs,"<"&hi)`
 * of the sheet. A request that costs 0 is in no bin (counted apart).
 */
import { Decimal, ratioToString } from "../core/decimal";

const MANTISSAS = ["1", "1.78", "3.16", "5.62"];

/** The lower edge of bin `j` (USD): bin j holds binEdge(j) ≤ cost < binEdge(j + 1). */
export function binEdge(j: number): Decimal {
  const m = ((j % 4) + 4) % 4;
  return new Decimal(MANTISSAS[m]).times(new Decimal(10).pow(Math.floor(j / 4)));
}

/** The shares of requests (the costliest first) the Pareto curve is drawn at: 5 %, 10 %, …, 100 %. */
export const PARETO_SHARES: readonly string[] = Array.from({ length: 20 }, (_, i) => new Decimal(i + 1).div(20).toFixed());

export interface TailShape {
  /** Non-empty bins, ascending: bin index and count. */
  bins: { bin: number; count: number }[];
  /** Requests that cost 0. */
  zero: number;
  /** Share of cost of the costliest PARETO_SHARES[i] of requests (ceil(q × n) of them); null when the total is 0. */
  pareto: (string | null)[];
}

/** First index of `sorted` whose value is ≥ t. */
function lowerBound(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `sorted`: costs × 10^(6+d) as integers, ascending; `unit` = 10^-(6+d). */
export function tailShape(sorted: Float64Array, unit: Decimal): TailShape {
  const n = sorted.length;
  const zero = lowerBound(sorted, 1);
  const bins: TailShape["bins"] = [];
  if (zero < n) {
    // Scaled threshold of an edge: the least integer ≥ edge / unit.
    const at = (j: number): number => lowerBound(sorted, binEdge(j).div(unit).ceil().toNumber());
    let j = Math.floor(4 * Math.log10(new Decimal(sorted[zero]).times(unit).toNumber())) + 1;
    while (at(j) > zero) j--;
    while (at(j + 1) <= zero) j++;
    for (; at(j) < n; j++) {
      const count = at(j + 1) - at(j);
      if (count > 0) bins.push({ bin: j, count });
    }
  }
  // Suffix sums at the cut points, exact: safe-integer partial sums flushed into a Decimal.
  const cuts = PARETO_SHARES.map((q) => new Decimal(q).times(n).ceil().toNumber());
  const tops: Decimal[] = [];
  let acc = new Decimal(0);
  let part = 0;
  let c = 0;
  for (let taken = 1; taken <= n && c < cuts.length; taken++) {
    const v = sorted[n - taken];
    if (part + v > Number.MAX_SAFE_INTEGER) {
      acc = acc.plus(part);
      part = 0;
    }
    part += v;
    while (c < cuts.length && cuts[c] === taken) {
      tops.push(acc.plus(part));
      c++;
    }
  }
  const total = tops.length > 0 ? tops[tops.length - 1] : new Decimal(0);
  const pareto = PARETO_SHARES.map((_, i) => (total.isZero() || tops[i] === undefined ? null : ratioToString(tops[i].div(total))));
  return { bins, zero, pareto };
}
