/**
 * Student's t distribution in binary64, for prediction intervals (FORECASTUNITCOST): the
 * two-sided quantile as Excel's T.INV gives it. The CDF comes from the regularized incomplete
 * beta function (Lentz's continued fraction, relative error below 1e-15); the quantile is found
 * by bisection on it to the last bit. Intervals are statistics, not money: binary64 is what
 * Excel's own T.INV uses.
 */

// Built-ins cached in module scope: no global lookups in the loops (a slow global object, such
// as a Node vm context, then costs nothing).
const M_PI = Math.PI;
const M_ABS = Math.abs;
const M_EXP = Math.exp;
const M_LOG = Math.log;
const M_SIN = Math.sin;

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; about 15 significant digits). */
function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return M_LOG(M_PI / M_SIN(M_PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * M_LOG(2 * M_PI) + (x + 0.5) * M_LOG(t) - t + M_LOG(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaCf(a: number, b: number, x: number): number {
  const TINY = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (M_ABS(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (M_ABS(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (M_ABS(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (M_ABS(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (M_ABS(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (M_ABS(del - 1) < 1e-16) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
function betaInc(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = M_EXP(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * M_LOG(x) + b * M_LOG(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaCf(a, b, x)) / a : 1 - (front * betaCf(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with df degrees of freedom. */
export function tCdf(t: number, df: number): number {
  const tail = 0.5 * betaInc(df / 2, 0.5, df / (df + t * t));
  return t >= 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t with df > 0 degrees of freedom, p in (0, 1) (Excel's T.INV(p, df)). */
export function tInv(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError(`tInv(${p}, ${df})`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -tInv(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (tCdf(hi, df) < p) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) return Infinity;
  }
  for (let i = 0; i < 2000; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
