/**
 * Double-double ("double-word") arithmetic: a value is hi + lo with hi = fl(hi + lo), about 106
 * bits. Each operation leaves its result in the module registers H, L (no object on the hot
 * path). The algorithms and their relative error bounds, u = 2^-53, from M. Joldes, J.-M. Muller,
 * V. Popescu, "Tight and rigorous error bounds for basic building blocks of double-word
 * arithmetic", ACM TOMS 44(2), 2017:
 *
 * - `twoSum`, `twoProd` are error-free: H + L is exactly a + b, a × b (twoProd by Dekker's split,
 *   as JavaScript has no fma: exact while |a|, |b| < 2^996 and the product and its parts do not
 *   underflow, which the callers ensure by keeping every value in [2^-600, 2^600] or 0).
 * - `ddAdd`  (their Algorithm 6, AccurateDWPlusDW): ≤ 3u² + 13u³.
 * - `ddMul`  (Algorithm 10, DWTimesDW1, with Dekker's twoProd): ≤ 7u².
 * - `ddDiv`  (Algorithm 17, DWDivDW2): ≤ 15u² + 56u³.
 * The callers use ADD_ERR, MUL_ERR, DIV_ERR, about twice these, as their bounds.
 */

export const U = 2 ** -53;
export const U2 = U * U;
/** Bounds of the relative error of ddAdd, ddMul, ddDiv used by the callers (about twice the published ones). */
export const ADD_ERR = 8 * U2;
export const MUL_ERR = 16 * U2;
export const DIV_ERR = 32 * U2;

/** The result registers. */
export let H = 0;
export let L = 0;

const SPLIT = 134217729; // 2^27 + 1

/** H + L = a + b exactly. */
export function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  L = a - (s - bb) + (b - bb);
  H = s;
}

/** H + L = a × b exactly (Dekker; see the range condition above). */
export function twoProd(a: number, b: number): void {
  const p = a * b;
  let c = SPLIT * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLIT * b;
  const bh = c - (c - b);
  const bl = b - bh;
  L = ah * bh - p + ah * bl + al * bh + al * bl;
  H = p;
}

/** (xh, xl) + (yh, yl). */
export function ddAdd(xh: number, xl: number, yh: number, yl: number): void {
  // (sh, sl) = TwoSum(xh, yh)
  let s = xh + yh;
  let bb = s - xh;
  const sl = xh - (s - bb) + (yh - bb);
  const sh = s;
  // (th, tl) = TwoSum(xl, yl)
  s = xl + yl;
  bb = s - xl;
  const tl = xl - (s - bb) + (yl - bb);
  const th = s;
  const c = sl + th;
  // (vh, vl) = FastTwoSum(sh, c)
  const vh = sh + c;
  const vl = c - (vh - sh);
  const w = tl + vl;
  // (H, L) = FastTwoSum(vh, w)
  H = vh + w;
  L = w - (H - vh);
}

/** (xh, xl) × (yh, yl). */
export function ddMul(xh: number, xl: number, yh: number, yl: number): void {
  twoProd(xh, yh);
  const ch = H;
  const cl1 = L;
  const cl3 = cl1 + (xh * yl + xl * yh);
  H = ch + cl3;
  L = cl3 - (H - ch);
}

/** (xh, xl) / (yh, yl), yh ≠ 0. */
export function ddDiv(xh: number, xl: number, yh: number, yl: number): void {
  const th = xh / yh;
  // (rh, rl) = DWTimesFP1(y, th)
  twoProd(yh, th);
  const ch = H;
  const cl1 = L;
  const cl2 = yl * th;
  // FastTwoSum(ch, cl2)
  const t2 = ch + cl2;
  const tl1 = cl2 - (t2 - ch);
  const tl2 = tl1 + cl1;
  const rh = t2 + tl2;
  const rl = tl2 - (rh - t2);
  // (πh, πl) = TwoSum(xh, −rh)
  const ph = xh - rh;
  const bb = ph - xh;
  const pl = xh - (ph - bb) + (-rh - bb);
  const dh = pl - rl;
  const dl = dh + xl;
  const d = ph + dl;
  const tl = d / yh;
  H = th + tl;
  L = tl - (H - th);
}
