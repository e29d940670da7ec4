/**
 * The shortest round-trip decimal D(x) of a double, as a double-double, without printing it:
 * what `${x}` would print (ECMAScript Number::toString: the fewest significant digits that
 * read back as x, the one closest to x among those), computed with a few double-double
 * operations. Printing a full-precision double costs several times more than everything else
 * DD (./ddarith.ts) does with it. Answers false whenever it cannot be sure (a tie, an
 * endpoint of x's rounding interval within the error, x a power of two, a 16-digit candidate
 * above 2^53): the caller then prints.
 *
 * x = t·10^-p with t in [10^16, 10^17) (p from log10, checked): t as a double-double within
 * 16u²·t < 2e-14. x's rounding interval is (x − ulp/2, x + ulp/2), scaled: t ± W with W =
 * ulp(x)/2·10^p (exact scaling of the table's 10^p), W in (0.55, 11.2). The nearest d-digit
 * decimal is n·g, g = 10^(17−d), n = round(t/g), found with the exact remainder
 * r = t − n·g (twoProd; th − ph exact by Sterbenz; within 1e-13 after the low parts). It is in
 * the interval when |r| < W; the digit counts that work are the counts from the shortest
 * upward (a d-digit decimal is also a (d+1)-digit one, and the nearest (d+1)-digit one is no
 * farther), so 16 and 15 are tried, then a binary search below. Any comparison within MARGIN = 1e-9 of its
 * threshold (|r| against W, or against g/2: two nearest candidates) gives up.
 */
import { POW10 } from "./arith";
import { ddMul, H, L, twoProd, twoSum, U } from "./dd";
import { ensurePow10, P10_HI, P10_LO, P10_OFFSET } from "./pow10dd";

const M_FLOOR = Math.floor;
const M_LOG10 = Math.log10;
const M_ROUND = Math.round;
const MARGIN = 1e-9;
const SAFE = 2 ** 53;

const FITS = 0;
const OUT = 1;
const FAIL = 2;
let CAND = 0;

/** Whether the d-digit decimal nearest t (n·10^(17−d), n into CAND) is inside t ± w; FAIL when too near to tell. */
function tryDigits(th: number, tl: number, w: number, d: number): number {
  const g = POW10[17 - d];
  const n = M_ROUND(th / g);
  if (n > SAFE) return FAIL;
  twoProd(n, g);
  let r = th - H + (tl - L); // t − n·g
  let m = n;
  if (r > g / 2) {
    m = n + 1;
    r -= g;
  } else if (r < -g / 2) {
    m = n - 1;
    r += g;
  }
  if (m > SAFE) return FAIL;
  const ar = r < 0 ? -r : r;
  if (ar > g / 2 - MARGIN) return FAIL; // two candidates nearly equally near
  CAND = m;
  if (ar < w - MARGIN) return FITS;
  if (ar > w + MARGIN) return OUT;
  return FAIL;
}

/** Set by shortestFast: D(x) ≈ SH + SL within 18u² relative (as readShortest). */
export let SH = 0;
export let SL = 0;

/** D(x) for x > 0 in [2^-600, 2^600] into SH, SL; false when not sure. */
export function shortestFast(x: number): boolean {
  let p = 16 - M_FLOOR(M_LOG10(x));
  if (!ensurePow10(p)) return false;
  ddMul(x, 0, P10_HI[p + P10_OFFSET], P10_LO[p + P10_OFFSET]);
  if (H < 1e16 || H >= 1e17) {
    p += H < 1e16 ? 1 : -1;
    if (!ensurePow10(p)) return false;
    ddMul(x, 0, P10_HI[p + P10_OFFSET], P10_LO[p + P10_OFFSET]);
    if (H < 1e16 + 1 || H >= 1e17 - 16) return false;
  }
  const th = H;
  const tl = L;
  // half the gap to the neighbours, scaled: the gap is ulp(x) both ways unless x is a power of two
  const ulp = x + x * (1.5 * U) - x;
  if (ulp === x * (2 * U)) return false;
  const w = (ulp / 2) * P10_HI[p + P10_OFFSET]; // W to a relative u, far inside MARGIN
  // 17 digits: n = round(t), always inside (|r| ≤ 1/2 < W)
  const fr = tl - M_ROUND(tl);
  if (fr > 0.5 - MARGIN || fr < MARGIN - 0.5) return false; // two 17-digit candidates nearly equally near
  // The counts that work are upward closed: 16 first (a full-precision double: often 17 or 16
  // digits), then 15, then a binary search below.
  let bestN = 0; // 0: the 17-digit candidate
  let bestE = 0; // 17 − d
  let r = tryDigits(th, tl, w, 16);
  if (r === FAIL) return false;
  if (r === FITS) {
    bestN = CAND;
    bestE = 1;
    r = tryDigits(th, tl, w, 15);
    if (r === FAIL) return false;
    if (r === FITS) {
      bestN = CAND;
      bestE = 2;
      let lo = 1; // the shortest count is in [lo, hi]; hi = 15 fits
      let hi = 15;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        r = tryDigits(th, tl, w, mid);
        if (r === FAIL) return false;
        if (r === FITS) {
          hi = mid;
          bestN = CAND;
          bestE = 17 - mid;
        } else lo = mid + 1;
      }
    }
  }
  // D = n·g·10^-p
  let nh: number;
  let nl: number;
  let k = -p;
  if (bestN === 0) {
    twoSum(th, M_ROUND(tl));
    nh = H;
    nl = L;
  } else {
    nh = bestN;
    nl = 0;
    k += bestE;
  }
  if (k === 0) {
    SH = nh;
    SL = nl;
    return true;
  }
  if (!ensurePow10(k)) return false;
  ddMul(nh, nl, P10_HI[k + P10_OFFSET], P10_LO[k + P10_OFFSET]);
  SH = H;
  SL = L;
  return true;
}
