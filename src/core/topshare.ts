/**
 * TOPSHARE: the share of the total carried by the costliest `share` of the numbers.
 * Sort descending, take the first ceil(share × n), divide their sum by the sum of all.
 * share × n is computed in decimal from the shortest decimal form of the double
 * (0.05 × 100 is exactly 5, not 5.000000000000001).
 */
import { Decimal, ONE, ZERO } from "./decimal";
import { divZero, numError } from "./errors";
import { ExactSum } from "./fastexact";

export const DEFAULT_TOP_SHARE = new Decimal("0.05");

export function topShareOfNumbers(costs: readonly number[], share: Decimal): Decimal {
  if (share.lte(ZERO) || share.gt(ONE)) throw numError("share must be in (0, 1]");
  if (costs.length === 0) throw numError("costs holds no numbers");
  for (const c of costs) if (c < 0) throw numError("costs holds a negative number");
  // Doubles sort as their decimal readings do (the shortest form keeps the order), so a
  // Float64Array sort picks the same items; the sums are exact (ExactSum).
  return topShareOfSorted(Float64Array.from(costs).sort(), share);
}

/** TOPSHARE over numbers already sorted ascending (not copied): the costliest are the last ceil(share × n). */
export function topShareOfSorted(sorted: Float64Array, share: Decimal): Decimal {
  if (share.lte(ZERO) || share.gt(ONE)) throw numError("share must be in (0, 1]");
  const n = sorted.length;
  if (n === 0) throw numError("costs holds no numbers");
  if (sorted[0] < 0) throw numError("costs holds a negative number");
  const k = share.times(n).ceil().toNumber();
  const top = new ExactSum();
  const total = new ExactSum();
  for (let i = 0; i < n; i++) {
    total.add(sorted[i]);
    if (i >= n - k) top.add(sorted[i]);
  }
  const t = total.value();
  if (t.isZero()) throw divZero("the total of costs is 0");
  return top.value().div(t);
}
