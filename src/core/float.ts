/**
 * Binary64 building blocks for the statistics that need logarithms over large ranges
 * (SCALINGELASTICITY, FORECASTUNITCOST), each with the error bound its callers add up:
 *
 * - u = 2^-53, the unit roundoff. One IEEE operation on exact inputs errs by at most u (relative).
 * - `lnRatio(v, ref)` = ln(v / ref) for v, ref > 0, as ±log1p(|v − ref| / min(v, ref)): the
 *   argument is ≥ 0, where log1p is well conditioned (condition ≤ 1); v − ref is exact
 *   within a factor 2 (Sterbenz) and errs by u otherwise; the division by u; log1p (fdlibm)
 *   by under 1 ulp. So |error| ≤ 4u·|result| (LN_RATIO_ERR).
 * - `NeumaierSum`: compensated summation; the error of the sum is at most 2u·|sum| + 2n²u²·Σ|x|
 *   (Higham, Accuracy and Stability, §4.3): the callers use 3u·|sum| + 4n·u²·Σ|x|, n ≤ 10^7.
 * Callers compute a first-order bound of their result's relative error from these and fall
 * back to decimal when it exceeds what the spec allows (1e-12 relative): the binary64 path is
 * a shortcut that knows when it is not good enough.
 */

// Built-ins cached in module scope: no global lookups in the loops (a slow global object, such
// as a Node vm context, then costs nothing).
const M_ABS = Math.abs;
const M_LOG1P = Math.log1p;

export const U = 2 ** -53;
/** Bound of the relative error of lnRatio against ln of the binary values. */
export const LN_RATIO_ERR = 4 * U;
/**
 * Bound of the absolute error of lnRatio against ln of the DECIMAL readings of v and ref (the
 * AIECON functions read a number as its shortest decimal form, which is within half an ulp of
 * the double, so each ln moves by at most u): what a caller adds to LN_RATIO_ERR·|result|.
 */
export const LN_RATIO_ABS_ERR = 2.01 * U;

/** ln(v / ref) for v, ref > 0, to 4u relative. */
export function lnRatio(v: number, ref: number): number {
  return v >= ref ? M_LOG1P((v - ref) / ref) : -M_LOG1P((ref - v) / v);
}

/** Compensated (Neumaier) summation; `abs` is Σ|x| for the error bound. */
export class NeumaierSum {
  private s = 0;
  private c = 0;
  abs = 0;
  n = 0;

  add(x: number): void {
    const t = this.s + x;
    if (M_ABS(this.s) >= M_ABS(x)) this.c += this.s - t + x;
    else this.c += x - t + this.s;
    this.s = t;
    this.abs += M_ABS(x);
    this.n++;
  }

  get value(): number {
    return this.s + this.c;
  }

  /** A bound of the absolute error of `value` against the exact sum of the terms added. */
  get error(): number {
    return 3 * U * M_ABS(this.value) + 4 * this.n * U * U * this.abs;
  }
}

/**
 * Least-squares slope of y on x given as deviations from references (dx_i = ln(x_i / rx),
 * dy_i = ln(y_i / ry), each to rel·|d| + abs), centred in binary64 with compensated
 * sums, and a first-order bound of its relative error: each centred value errs by its own
 * error plus the mean's plus one rounding; each product by |a|·err(b) + |b|·err(a) + u·|ab|;
 * the sums by NeumaierSum.error. Returns the slope and the bound (Infinity when sxx is 0).
 */
export function slopeWithBound(dx: Float64Array, dy: Float64Array, rel: number, abs: number): { slope: number; relErr: number } {
  const n = dx.length;
  const sx = new NeumaierSum();
  const sy = new NeumaierSum();
  for (let i = 0; i < n; i++) {
    sx.add(dx[i]);
    sy.add(dy[i]);
  }
  const mx = sx.value / n;
  const my = sy.value / n;
  const mxErr = (sx.error + rel * sx.abs) / n + abs + U * M_ABS(mx);
  const myErr = (sy.error + rel * sy.abs) / n + abs + U * M_ABS(my);
  const sxy = new NeumaierSum();
  const sxx = new NeumaierSum();
  let sxyErr = 0;
  let sxxErr = 0;
  for (let i = 0; i < n; i++) {
    const ex = dx[i] - mx;
    const ey = dy[i] - my;
    const exErr = rel * M_ABS(dx[i]) + abs + mxErr + U * M_ABS(ex);
    const eyErr = rel * M_ABS(dy[i]) + abs + myErr + U * M_ABS(ey);
    const xy = ex * ey;
    const xx = ex * ex;
    sxy.add(xy);
    sxx.add(xx);
    sxyErr += M_ABS(ex) * eyErr + M_ABS(ey) * exErr + U * M_ABS(xy);
    sxxErr += 2 * M_ABS(ex) * exErr + U * xx;
  }
  const a = sxy.value;
  const b = sxx.value;
  if (!(b > 0)) return { slope: NaN, relErr: Infinity };
  const errA = sxyErr * (1 + 1e-6) + sxy.error;
  const errB = sxxErr * (1 + 1e-6) + sxx.error;
  if (errB >= b) return { slope: NaN, relErr: Infinity };
  const relErr = a === 0 ? (errA === 0 ? 0 : Infinity) : errA / M_ABS(a) + errB / (b - errB) + U;
  return { slope: a / b, relErr };
}
