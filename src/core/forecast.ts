/**
 * FORECASTUNITCOST: a least-squares forecast of the values after the last one, with its
 * prediction interval. The n values sit at positions 0 … n − 1; the forecast is for positions
 * n … n + periods − 1.
 *
 * - "linear": y = a + b·x (the point forecast is Excel's FORECAST.LINEAR over the same data);
 * - "exponential" (default, the shape of falling AI prices): the same fit of ln(y), then
 *   exponentiated, band included.
 * The band is ŷ ± t((1 + confidence)/2, n − 2) · s · √(1 + 1/n + (x − x̄)²/Sxx), with s the
 * residual standard error √(SSE/(n − 2)). The fit is decimal; ln is lnFast (about 45 digits);
 * the t quantile is binary64 (./tdist.ts), as Excel's T.INV.
 */
import { Decimal, ONE, ZERO } from "./decimal";
import { notAvailable, numError, valueError } from "./errors";
import { LN_RATIO_ABS_ERR, LN_RATIO_ERR, lnRatio, NeumaierSum, U } from "./float";
import { lnFast } from "./ln";
import { tInv } from "./tdist";

// Built-ins cached in module scope: no global lookups in the loops (a slow global object, such
// as a Node vm context, then costs nothing).
const M_ABS = Math.abs;
const M_EXP = Math.exp;
const M_FLOOR = Math.floor;
const M_LOG = Math.log;
const M_LOG2 = Math.log2;
const M_MAX = Math.max;
const M_MIN = Math.min;
const M_SQRT = Math.sqrt;
const IS_FINITE = Number.isFinite;

export type ForecastMethod = "exponential" | "linear";
export const FORECAST_METHODS: readonly ForecastMethod[] = ["exponential", "linear"];
export const DEFAULT_CONFIDENCE = new Decimal("0.8");
/** The most rows a forecast may spill (Excel's grid has 1,048,576 rows). */
export const MAX_FORECAST_PERIODS = 1_048_576;

/** One forecast row: the point forecast and its band. */
export interface ForecastRow {
  forecast: Decimal;
  lower: Decimal;
  upper: Decimal;
}

/** The method named by a text (ignoring case and surrounding spaces), or a #VALUE! problem. */
export function forecastMethod(text: string): ForecastMethod {
  const t = text.trim().toLowerCase();
  const m = FORECAST_METHODS.find((x) => x === t);
  if (m === undefined) throw valueError(`method must be "exponential" or "linear", not "${text}"`);
  return m;
}

/** The arguments' problems, left to right (values, periods_ahead, method, values against method, confidence); the method. */
function validate(n: number, hasNonPositive: boolean, periods: Decimal, methodText: string, confidence: Decimal): ForecastMethod {
  if (n < 3) throw notAvailable(`FORECASTUNITCOST needs at least 3 numbers, got ${n}`);
  if (!periods.isInteger() || periods.lt(ONE)) throw numError("periods_ahead must be a whole number of 1 or more");
  if (periods.gt(MAX_FORECAST_PERIODS)) throw numError(`periods_ahead must be at most ${MAX_FORECAST_PERIODS}`);
  const method = forecastMethod(methodText);
  if (method === "exponential" && hasNonPositive) throw numError("every value must be greater than 0 for the exponential method");
  if (confidence.lte(ZERO) || confidence.gte(ONE)) throw numError("confidence must be in (0, 1)");
  return method;
}

/** The relative error the binary64 path may have; beyond it, decimal. */
export const FORECAST_FLOAT_TOLERANCE = 1e-13;

/**
 * FORECASTUNITCOST over plain numbers (as the function reads its range): the binary64 path when
 * its error bound allows (every figure within FORECAST_FLOAT_TOLERANCE relative), else decimal.
 */
export function forecastUnitCostOfNumbers(
  values: readonly number[],
  periods: Decimal,
  methodText = "exponential",
  confidence: Decimal = DEFAULT_CONFIDENCE,
): Decimal[][] {
  const method = validate(values.length, values.some((v) => !(v > 0)), periods, methodText, confidence);
  const fast = forecastFloat(values, periods.toNumber(), method, confidence.toNumber(), FORECAST_FLOAT_TOLERANCE);
  if (fast !== undefined) return fast.map((row) => row.map((x) => new Decimal(x)));
  return forecastUnitCost(
    values.map((v) => new Decimal(v)),
    periods,
    method,
    confidence,
  ).map((r) => [r.forecast, r.lower, r.upper]);
}

/** FORECASTUNITCOST in decimal (ln by lnFast, about 45 digits): the reference. */
export function forecastUnitCost(
  values: readonly Decimal[],
  periods: Decimal,
  methodText = "exponential",
  confidence: Decimal = DEFAULT_CONFIDENCE,
): ForecastRow[] {
  const n = values.length;
  const method = validate(n, values.some((v) => v.lte(ZERO)), periods, methodText, confidence);

  const ys = method === "exponential" ? values.map((v) => lnFast(v)) : values;
  const N = new Decimal(n);
  const meanX = N.minus(1).div(2);
  let sumY = ZERO;
  for (const y of ys) sumY = sumY.plus(y);
  const meanY = sumY.div(n);
  let sxy = ZERO;
  let sxx = ZERO;
  for (let i = 0; i < n; i++) {
    const dx = new Decimal(i).minus(meanX);
    sxy = sxy.plus(dx.times(ys[i].minus(meanY)));
    sxx = sxx.plus(dx.times(dx));
  }
  const b = sxy.div(sxx);
  const a = meanY.minus(b.times(meanX));
  let sse = ZERO;
  for (let i = 0; i < n; i++) {
    const r = ys[i].minus(a.plus(b.times(i)));
    sse = sse.plus(r.times(r));
  }
  const s = sse.div(n - 2).sqrt();
  const t = new Decimal(tInv(ONE.plus(confidence).div(2).toNumber(), n - 2));
  const rows: ForecastRow[] = [];
  const h = periods.toNumber();
  for (let j = 0; j < h; j++) {
    const x = new Decimal(n + j);
    const yHat = a.plus(b.times(x));
    const dx = x.minus(meanX);
    const half = t.times(s).times(ONE.plus(ONE.div(n)).plus(dx.times(dx).div(sxx)).sqrt());
    const lo = yHat.minus(half);
    const hi = yHat.plus(half);
    rows.push(method === "exponential" ? { forecast: yHat.exp(), lower: lo.exp(), upper: hi.exp() } : { forecast: yHat, lower: lo, upper: hi });
  }
  return rows;
}

/**
 * The binary64 path of FORECASTUNITCOST (./float.ts): the rows in binary64 and a first-order
 * bound of each figure's relative error, or undefined when a bound exceeds `tolerance` (the
 * caller then computes in decimal). Positions are exact; with Σ(x − x̄) = 0 the slope needs no
 * centred y. Error terms: e_i of each y (the decimal reading's half ulp; ln as ln(y/y0) to
 * 4u·|d| + 2.01u), the compensated sums' bounds, one rounding per operation (u), t from
 * tInv to 8u; the band's √SSE bounded also near a perfect fit (√(SSE + E) − √SSE ≤ √E).
 */
export function forecastFloat(
  values: readonly number[],
  periods: number,
  method: ForecastMethod,
  confidence: number,
  tolerance: number,
): number[][] | undefined {
  const n = values.length;
  const exp = method === "exponential";
  const y0 = values[0];
  // Linear: the values scaled by a power of two (exact) so that squared errors cannot underflow.
  let maxAbs = 0;
  for (const v of values) maxAbs = M_MAX(maxAbs, M_ABS(v));
  const scale = exp || maxAbs === 0 ? 1 : 2 ** M_FLOOR(M_LOG2(maxAbs));
  if (!IS_FINITE(scale) || scale === 0) return undefined;
  const dy = new Float64Array(n);
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (exp) {
      dy[i] = lnRatio(values[i], y0);
      e[i] = LN_RATIO_ERR * M_ABS(dy[i]) + LN_RATIO_ABS_ERR;
    } else {
      dy[i] = values[i] / scale;
      e[i] = U * M_ABS(dy[i]);
    }
  }
  const mx = (n - 1) / 2;
  const sxx = (n * (n * n - 1)) / 12;
  const s1 = new NeumaierSum();
  const s2 = new NeumaierSum();
  let e1 = 0;
  let e2 = 0;
  for (let i = 0; i < n; i++) {
    const ex = i - mx;
    s1.add(dy[i]);
    s2.add(ex * dy[i]);
    e1 += e[i];
    e2 += M_ABS(ex) * e[i] + U * M_ABS(ex * dy[i]);
  }
  const b = s2.value / sxx;
  const eb = (e2 + s2.error + 2 * U * M_ABS(s2.value)) / sxx + U * M_ABS(b);
  const my = s1.value / n;
  const ey = (e1 + s1.error) / n + U * M_ABS(my);
  const a = my - b * mx;
  const ea = ey + eb * mx + 2 * U * (M_ABS(my) + M_ABS(b * mx));
  const sse = new NeumaierSum();
  let eSse = 0;
  for (let i = 0; i < n; i++) {
    const r = dy[i] - (a + b * i);
    const er = e[i] + ea + eb * i + 3 * U * (M_ABS(dy[i]) + M_ABS(a) + M_ABS(b * i));
    sse.add(r * r);
    eSse += 2 * M_ABS(r) * er + er * er + U * r * r;
  }
  eSse += sse.error;
  const SSE = M_MAX(0, sse.value);
  const s = M_SQRT(SSE / (n - 2));
  const es = M_MIN(SSE > 0 ? (s * eSse) / (2 * SSE) : Infinity, M_SQRT(eSse / (n - 2))) + 2 * U * s;
  const t = tInv((1 + confidence) / 2, n - 2);
  const et = 8 * U * t + U * M_ABS(confidence); // the quantile, and (1 + c)/2 rounded
  const base = exp ? M_LOG(y0) : 0;
  const eBase = exp ? U * M_ABS(base) : 0;
  const rows: number[][] = [];
  for (let j = 0; j < periods; j++) {
    const x = n + j;
    const yHat = a + b * x;
    const eHat = ea + eb * x + 2 * U * (M_ABS(a) + M_ABS(b * x));
    const g = M_SQRT(1 + 1 / n + ((x - mx) * (x - mx)) / sxx);
    const half = t * s * g;
    const eHalf = t * es * g + et * s * g + 4 * U * half;
    const row: number[] = [];
    for (const [v, ev] of [
      [yHat, eHat],
      [yHat - half, eHat + eHalf],
      [yHat + half, eHat + eHalf],
    ]) {
      if (exp) {
        const lv = base + v;
        const out = M_EXP(lv);
        // exp turns an absolute error in its argument into a relative one (plus its own rounding)
        const rel = ev + eBase + U * M_ABS(lv) + 2 * U;
        if (!(rel <= tolerance) || !IS_FINITE(out)) return undefined;
        row.push(out);
      } else {
        const rel = (ev + U * M_ABS(v)) / M_ABS(v);
        const out = v * scale; // exact: a power of two
        if (!(rel <= tolerance) || !IS_FINITE(out) || (out !== 0 && M_ABS(out) < 2 ** -1022)) return undefined;
        row.push(out);
      }
    }
    rows.push(row);
  }
  return rows;
}
