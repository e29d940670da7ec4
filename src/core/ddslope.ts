/**
 * SCALINGELASTICITY's second path, when the binary64 bound (./float.ts) is too wide: typically
 * uncorrelated data, slope near 0, where Σ(x − x̄)(y − ȳ) is a small difference of large terms
 * and binary64 logarithms (each within 4u) cannot vouch for 1e-12 of it. Here every
 * logarithm is a double-double within LE (./ddln.ts, about 2^-95 absolute) of ln of the
 * decimal reading, and the centred sums are double-double too, each with its error bound
 * carried beside it (ADD_ERR, MUL_ERR of ./dd.ts, u = 2^-53):
 *
 *   mean:  |m̂ − m| ≤ (E(Σ) + Σ LE_i)/n·(1 + 4u) + DIV_ERR·|m̂|, E(Σ) = Σ ADD_ERR·|partial sum|
 *   centred: |ĉ_i − c_i| ≤ LE_i + E(m̂) + ADD_ERR·|ĉ_i| =: ε_i
 *   products: |p̂ − p| ≤ |ĉx|·εy + |ĉy|·εx + εx·εy + MUL_ERR·|p̂|, then summed with ADD_ERR·|partial|
 *   slope = Sxy / Sxx: relative error ≤ (ra + rb)/(1 − rb) + DIV_ERR + u (the last rounding to
 *   binary64), ra = E(Sxy)/|Sxy|, rb = E(Sxx)/Sxx.
 * The bounds are summed in binary64: their own roundings are below n·u relative, covered by
 * the factor (1 + 4n·u). The slope is returned only when that bound is within `tolerance`.
 */
import { ADD_ERR, DIV_ERR, ddAdd, ddDiv, ddMul, H, L, MUL_ERR, U } from "./dd";
import { LE, LH, lnShortest, LL } from "./ddln";

const M_ABS = Math.abs;

/** Least-squares slope of ln(y) on ln(x) (every value > 0) in double-double, or undefined when its bound exceeds `tolerance`. */
export function logSlopeDD(ys: readonly number[], xs: readonly number[], tolerance: number): number | undefined {
  const n = xs.length;
  const xh = new Float64Array(n);
  const xl = new Float64Array(n);
  const xe = new Float64Array(n);
  const yh = new Float64Array(n);
  const yl = new Float64Array(n);
  const ye = new Float64Array(n);
  let sxh = 0;
  let sxl = 0;
  let syh = 0;
  let syl = 0;
  let sxe = 0;
  let sye = 0;
  for (let i = 0; i < n; i++) {
    if (!lnShortest(xs[i])) return undefined;
    xh[i] = LH;
    xl[i] = LL;
    xe[i] = LE;
    ddAdd(sxh, sxl, LH, LL);
    sxh = H;
    sxl = L;
    sxe += LE + ADD_ERR * M_ABS(sxh);
    if (!lnShortest(ys[i])) return undefined;
    yh[i] = LH;
    yl[i] = LL;
    ye[i] = LE;
    ddAdd(syh, syl, LH, LL);
    syh = H;
    syl = L;
    sye += LE + ADD_ERR * M_ABS(syh);
  }
  ddDiv(sxh, sxl, n, 0);
  const mxh = -H;
  const mxl = -L;
  const mxe = (sxe / n) * (1 + 4 * U) + DIV_ERR * M_ABS(H);
  ddDiv(syh, syl, n, 0);
  const myh = -H;
  const myl = -L;
  const mye = (sye / n) * (1 + 4 * U) + DIV_ERR * M_ABS(H);
  let axh = 0;
  let axl = 0;
  let axe = 0;
  let aah = 0;
  let aal = 0;
  let aae = 0;
  for (let i = 0; i < n; i++) {
    ddAdd(xh[i], xl[i], mxh, mxl);
    const cxh = H;
    const cxl = L;
    const cx = M_ABS(cxh);
    const ex = xe[i] + mxe + ADD_ERR * cx;
    ddAdd(yh[i], yl[i], myh, myl);
    const cyh = H;
    const cyl = L;
    const cy = M_ABS(cyh);
    const ey = ye[i] + mye + ADD_ERR * cy;
    ddMul(cxh, cxl, cyh, cyl);
    const pxy = M_ABS(H);
    ddAdd(axh, axl, H, L);
    axh = H;
    axl = L;
    axe += cx * ey + cy * ex + ex * ey + MUL_ERR * pxy + ADD_ERR * M_ABS(axh);
    ddMul(cxh, cxl, cxh, cxl);
    const pxx = H;
    ddAdd(aah, aal, H, L);
    aah = H;
    aal = L;
    aae += 2 * cx * ex + ex * ex + MUL_ERR * pxx + ADD_ERR * aah;
  }
  const slack = 1 + 4 * n * U;
  // a few ulps on |cx| (its high part only) are inside the slack, as |lo| ≤ u·|hi|
  const ra = (axe * slack * (1 + 4 * U)) / M_ABS(axh);
  const rb = (aae * slack * (1 + 4 * U)) / aah;
  if (!(aah > 0) || !(rb < 0.5) || !(axh !== 0)) return undefined;
  ddDiv(axh, axl, aah, aal);
  const slope = H;
  const relErr = (ra + rb) / (1 - rb) + DIV_ERR + U;
  return relErr <= tolerance && slope - slope === 0 ? slope : undefined;
}
