/**
 * TOPSHARE: the share of the total carried by the costliest `share` of the numbers.
 * Sort descending, take the first ceil(share × n), divide their sum by the sum of all.
 * share × n is computed in decimal from the shortest decimal form of the double
 * (0.05 × 100 is exactly 5, not 5.000000000000001).
 */
import { Decimal, ONE, ZERO } from "./decimal";
import { divZero, numError } from "./errors";

export const DEFAULT_TOP_SHARE = new Decimal("0.05");

export function topShareOfNumbers(costs: readonly number[], share: Decimal): Decimal {
  if (share.lte(ZERO) || share.gt(ONE)) throw numError("share must be in (0, 1]");
  const n = costs.length;
  if (n === 0) throw numError("costs holds no numbers");
  for (const c of costs) if (c < 0) throw numError("costs holds a negative number");
  const sorted = costs.map((c) => new Decimal(c)).sort((a, b) => b.comparedTo(a));
  const k = share.times(n).ceil().toNumber();
  let top = ZERO;
  let total = ZERO;
  sorted.forEach((d, i) => {
    total = total.plus(d);
    if (i < k) top = top.plus(d);
  });
  if (total.isZero()) throw divZero("the total of costs is 0");
  return top.div(total);
}
