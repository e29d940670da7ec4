/**
 * Trend, scale and distribution of costs. Pure decimal arithmetic over lists of
 * Decimal; domain problems are thrown as DomainError (notAvailable, num, divZero).
 * Nothing here knows of Excel.
 */
import { Decimal, ONE, ZERO } from "./decimal";
import { divZero, notAvailable, numError } from "./errors";
import { ExactSum } from "./fastexact";
import { LN_RATIO_ABS_ERR, LN_RATIO_ERR, lnRatio, slopeWithBound } from "./float";
import { logSlopeDD } from "./ddslope";
import { lnFast } from "./ln";

export type Trend = "Rising" | "Falling" | "Stable";

export const DEFAULT_TREND_TOLERANCE = new Decimal("0.02");
export const DEFAULT_TAIL_K = new Decimal("0.95");
const HALF = new Decimal("0.5");

/** Compound growth per period: (last / first)^(1/(n−1)) − 1 over the values in order. */
export function costGrowth(values: readonly Decimal[]): Decimal {
  const n = values.length;
  if (n < 2) throw notAvailable(`COSTGROWTH needs at least 2 numbers, got ${n}`);
  const first = values[0];
  const last = values[n - 1];
  if (first.lte(ZERO)) throw numError("the first value must be greater than 0");
  if (last.lt(ZERO)) throw numError("the last value is negative");
  const ratio = last.div(first);
  const growth = n === 2 ? ratio : ratio.pow(ONE.div(n - 1));
  return growth.minus(ONE);
}

/** COSTGROWTH over plain numbers (each read as the Decimal of its shortest form). */
export function costGrowthOfNumbers(values: readonly number[]): Decimal {
  const n = values.length;
  if (n < 2) return costGrowth(values.map((v) => new Decimal(v)));
  return costGrowth([new Decimal(values[0]), ...new Array<Decimal>(n - 2).fill(ZERO), new Decimal(values[n - 1])]);
}

/**
 * COSTTREND over plain numbers, from two exact sums: Σy and Σ i·y. The slope against the
 * positions is (Σ i·y − (n−1)/2 · Σy) / (n(n²−1)/12), the same least-squares slope.
 */
export function costTrendOfNumbers(values: readonly number[], tolerance: Decimal = DEFAULT_TREND_TOLERANCE): Trend {
  const n = values.length;
  if (n < 2) throw notAvailable(`COSTTREND needs at least 2 numbers, got ${n}`);
  if (tolerance.lt(ZERO)) throw numError("tolerance is negative");
  const sy = new ExactSum();
  const siy = new ExactSum();
  for (let i = 0; i < n; i++) {
    sy.add(values[i]);
    if (i > 0) siy.add(values[i], i);
  }
  const sumY = sy.value();
  const mean = sumY.div(n);
  if (mean.lte(ZERO)) throw numError("the mean of the values is not greater than 0");
  const N = new Decimal(n);
  const sxx = N.times(N.minus(1)).times(N.plus(1)).div(12);
  const slope = siy.value().minus(N.minus(1).div(2).times(sumY)).div(sxx);
  const g = slope.div(mean);
  if (g.gt(tolerance)) return "Rising";
  if (g.lt(tolerance.neg())) return "Falling";
  return "Stable";
}

/** The exact sum of plain numbers (each read as the Decimal of its shortest form). */
export function sumOfNumbers(values: readonly number[]): Decimal {
  const acc = new ExactSum();
  for (const v of values) acc.add(v);
  return acc.value();
}

/** Least-squares slope of values against their positions 0…n−1. */
export function slopeOverPositions(values: readonly Decimal[]): Decimal {
  const n = values.length;
  const meanX = new Decimal(n - 1).div(2);
  let meanY = ZERO;
  for (const v of values) meanY = meanY.plus(v);
  meanY = meanY.div(n);
  let sxy = ZERO;
  let sxx = ZERO;
  for (let i = 0; i < n; i++) {
    const dx = new Decimal(i).minus(meanX);
    sxy = sxy.plus(dx.times(values[i].minus(meanY)));
    sxx = sxx.plus(dx.times(dx));
  }
  return sxy.div(sxx);
}

/**
 * Rising, Falling or Stable: g = slope ÷ mean of the values; g > tolerance Rising,
 * g < −tolerance Falling, else Stable.
 */
export function costTrend(values: readonly Decimal[], tolerance: Decimal = DEFAULT_TREND_TOLERANCE): Trend {
  const n = values.length;
  if (n < 2) throw notAvailable(`COSTTREND needs at least 2 numbers, got ${n}`);
  if (tolerance.lt(ZERO)) throw numError("tolerance is negative");
  let sum = ZERO;
  for (const v of values) sum = sum.plus(v);
  const mean = sum.div(n);
  if (mean.lte(ZERO)) throw numError("the mean of the values is not greater than 0");
  const g = slopeOverPositions(values).div(mean);
  if (g.gt(tolerance)) return "Rising";
  if (g.lt(tolerance.neg())) return "Falling";
  return "Stable";
}

/**
 * Slope of the least-squares fit of ln(cost) on ln(volume). Only pairs where both are > 0
 * are given here (the caller filters). Fewer than 2 pairs or all volumes equal → notAvailable.
 */
export function scalingElasticity(costs: readonly Decimal[], volumes: readonly Decimal[]): Decimal {
  const n = costs.length;
  if (n !== volumes.length) throw new RangeError("costs and volumes differ in length");
  if (n < 2) throw notAvailable(`SCALINGELASTICITY needs at least 2 pairs with cost and volume > 0, got ${n}`);
  let allEqual = true;
  for (let i = 1; i < n; i++) {
    if (!volumes[i].eq(volumes[0])) {
      allEqual = false;
      break;
    }
  }
  if (allEqual) throw notAvailable("all volumes are equal: the elasticity is undefined");
  const xs: Decimal[] = new Array<Decimal>(n);
  const ys: Decimal[] = new Array<Decimal>(n);
  let sx = ZERO;
  let sy = ZERO;
  for (let i = 0; i < n; i++) {
    xs[i] = lnFast(volumes[i]); // about 45 significant digits
    ys[i] = lnFast(costs[i]);
    sx = sx.plus(xs[i]);
    sy = sy.plus(ys[i]);
  }
  const mx = sx.div(n);
  const my = sy.div(n);
  let sxy = ZERO;
  let sxx = ZERO;
  for (let i = 0; i < n; i++) {
    const dx = xs[i].minus(mx);
    sxy = sxy.plus(dx.times(ys[i].minus(my)));
    sxx = sxx.plus(dx.times(dx));
  }
  return sxy.div(sxx);
}

/** The relative error SCALINGELASTICITY's binary64 path may have; beyond it, decimal. */
export const FLOAT_REL_TOLERANCE = 1e-13;

/**
 * SCALINGELASTICITY over plain numbers (pairs with cost > 0 and volume > 0 already chosen): in
 * binary64 (./float.ts: logarithms as ln(v / v0) to 4u, centred compensated sums, a bound of
 * the slope's relative error) when that bound is under FLOAT_REL_TOLERANCE; else in
 * double-double with its own bound (./ddslope.ts: slopes near 0, uncorrelated data); else in
 * decimal (lnFast, about 45 digits). The result is within 1e-12 relative of the exact slope either way.
 */
export function scalingElasticityOfNumbers(costs: readonly number[], volumes: readonly number[]): Decimal {
  const n = costs.length;
  if (n < 2) throw notAvailable(`SCALINGELASTICITY needs at least 2 pairs with cost and volume > 0, got ${n}`);
  let allEqual = true;
  for (let i = 1; i < n && allEqual; i++) allEqual = volumes[i] === volumes[0];
  if (allEqual) throw notAvailable("all volumes are equal: the elasticity is undefined");
  const fast = scalingElasticityFloat(costs, volumes) ?? logSlopeDD(costs, volumes, FLOAT_REL_TOLERANCE);
  if (fast !== undefined) return new Decimal(fast);
  return scalingElasticity(
    costs.map((c) => new Decimal(c)),
    volumes.map((v) => new Decimal(v)),
  );
}

/** The binary64 path of SCALINGELASTICITY: the slope, or undefined when its error bound exceeds FLOAT_REL_TOLERANCE. */
export function scalingElasticityFloat(costs: readonly number[], volumes: readonly number[]): number | undefined {
  const n = costs.length;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    dx[i] = lnRatio(volumes[i], volumes[0]);
    dy[i] = lnRatio(costs[i], costs[0]);
  }
  const { slope, relErr } = slopeWithBound(dx, dy, LN_RATIO_ERR, LN_RATIO_ABS_ERR);
  return relErr <= FLOAT_REL_TOLERANCE && Number.isFinite(slope) ? slope : undefined;
}

function sortedCopy(values: readonly Decimal[]): Decimal[] {
  return values.slice().sort((a, b) => a.cmp(b));
}

function percentileOfSorted(sorted: readonly Decimal[], k: Decimal): Decimal {
  const n = sorted.length;
  // Excel PERCENTILE.INC: rank h = (n − 1)·k, linear interpolation between the neighbours.
  const h = k.times(n - 1);
  const lo = h.floor().toNumber();
  const frac = h.minus(lo);
  if (lo >= n - 1 || frac.isZero()) return sorted[Math.min(lo, n - 1)];
  return sorted[lo].plus(frac.times(sorted[lo + 1].minus(sorted[lo])));
}

function requireK(k: Decimal): void {
  if (k.lt(ZERO) || k.gt(ONE)) throw numError("k is outside [0, 1]");
}

/**
 * The order statistics PERCENTILE.INC needs, from plain numbers: sorting the numbers sorts
 * their decimals (a double's shortest decimal form is monotonic in it), so only the one or
 * two neighbours of each rank become Decimals.
 */
function percentileOfNumbers(sorted: Float64Array, k: Decimal): Decimal {
  const n = sorted.length;
  const h = k.times(n - 1);
  const lo = h.floor().toNumber();
  const frac = h.minus(lo);
  const a = new Decimal(sorted[Math.min(lo, n - 1)]);
  if (lo >= n - 1 || frac.isZero()) return a;
  return a.plus(frac.times(new Decimal(sorted[lo + 1]).minus(a)));
}

function sortedNumbers(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * PERCENTILE.INC over plain numbers already sorted ascending (not copied: the long tail sorts
 * millions of request costs once and reads every percentile from them).
 */
export function percentileIncOfSorted(sorted: Float64Array, k: Decimal): Decimal {
  if (sorted.length === 0) throw numError("no numbers");
  requireK(k);
  return percentileOfNumbers(sorted, k);
}

/** PERCENTILE.INC over plain numbers (each read as the Decimal of its shortest form). */
export function percentileIncOfNumbers(values: readonly number[], k: Decimal): Decimal {
  if (values.length === 0) throw numError("no numbers");
  requireK(k);
  return percentileOfNumbers(sortedNumbers(values), k);
}

/** TAILRATIO over plain numbers. */
export function tailRatioOfNumbers(values: readonly number[], k: Decimal = DEFAULT_TAIL_K): Decimal {
  if (values.length === 0) throw numError("no numbers");
  requireK(k);
  const sorted = sortedNumbers(values);
  const med = percentileOfNumbers(sorted, HALF);
  if (med.isZero()) throw divZero("the median is 0");
  return percentileOfNumbers(sorted, k).div(med);
}

/** The k-th percentile, exactly as Excel's PERCENTILE.INC. */
export function percentileInc(values: readonly Decimal[], k: Decimal): Decimal {
  if (values.length === 0) throw numError("no numbers");
  requireK(k);
  return percentileOfSorted(sortedCopy(values), k);
}

/** The median, as Excel's MEDIAN. */
export function median(values: readonly Decimal[]): Decimal {
  if (values.length === 0) throw numError("no numbers");
  return percentileOfSorted(sortedCopy(values), HALF);
}

/** PERCENTILE.INC(values, k) / MEDIAN(values): how long the tail of costs is. */
export function tailRatio(values: readonly Decimal[], k: Decimal = DEFAULT_TAIL_K): Decimal {
  if (values.length === 0) throw numError("no numbers");
  requireK(k);
  const sorted = sortedCopy(values);
  const med = percentileOfSorted(sorted, HALF);
  if (med.isZero()) throw divZero("the median is 0");
  return percentileOfSorted(sorted, k).div(med);
}
