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
import { lnFast } from "./ln";
import { tInv } from "./tdist";

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

export function forecastUnitCost(
  values: readonly Decimal[],
  periods: Decimal,
  methodText = "exponential",
  confidence: Decimal = DEFAULT_CONFIDENCE,
): ForecastRow[] {
  const n = values.length;
  if (n < 3) throw notAvailable(`FORECASTUNITCOST needs at least 3 numbers, got ${n}`);
  if (!periods.isInteger() || periods.lt(ONE)) throw numError("periods_ahead must be a whole number of 1 or more");
  if (periods.gt(MAX_FORECAST_PERIODS)) throw numError(`periods_ahead must be at most ${MAX_FORECAST_PERIODS}`);
  const method = forecastMethod(methodText);
  if (method === "exponential" && values.some((v) => v.lte(ZERO))) throw numError("every value must be greater than 0 for the exponential method");
  if (confidence.lte(ZERO) || confidence.gte(ONE)) throw numError("confidence must be in (0, 1)");

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
