/**
 * An independent log-linear least-squares forecast for tests (never the product's code): the fit
 * of ln(y) on the positions 0 … n − 1 in binary64, the point forecast exp(a + b·x), and the
 * prediction band exp(a + b·x ± t · s · √(1 + 1/n + (x − x̄)²/Sxx)) with Student's t quantile found
 * by bisection on a CDF integrated with Simpson's rule.
 */

/** ln Γ(x), Lanczos (g = 7, 9 terms). */
function lnGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom, t ≥ 0. */
function tCdf(t: number, df: number): number {
  const k = Math.exp(lnGamma((df + 1) / 2) - lnGamma(df / 2)) / Math.sqrt(df * Math.PI);
  const f = (x: number): number => k * Math.pow(1 + (x * x) / df, -(df + 1) / 2);
  const n = 4000;
  const h = t / n;
  let s = f(0) + f(t);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return 0.5 + (s * h) / 3;
}

/** The t quantile of probability p > 0.5. */
export function tQuantile(p: number, df: number): number {
  let lo = 0;
  let hi = 100;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface Forecast {
  forecast: number;
  lower: number;
  upper: number;
}

/** The forecast of the `h` positions after the values (all > 0, at least 3). */
export function logLinearForecast(values: readonly number[], h: number, confidence = 0.8): Forecast[] {
  const n = values.length;
  const ys = values.map(Math.log);
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  ys.forEach((y, i) => {
    sxy += (i - mx) * (y - my);
    sxx += (i - mx) ** 2;
  });
  const b = sxy / sxx;
  const a = my - b * mx;
  const sse = ys.reduce((acc, y, i) => acc + (y - a - b * i) ** 2, 0);
  const s = Math.sqrt(sse / (n - 2));
  const t = tQuantile((1 + confidence) / 2, n - 2);
  return Array.from({ length: h }, (_, k) => {
    const x = n + k;
    const fit = a + b * x;
    const half = t * s * Math.sqrt(1 + 1 / n + (x - mx) ** 2 / sxx);
    return { forecast: Math.exp(fit), lower: Math.exp(fit - half), upper: Math.exp(fit + half) };
  });
}
