/**
 * DD: the exact path of a formula (./formulas.ts) for full-precision doubles (results of other
 * formulas, such as 0.1234567890123457), between SAFE and BIG of ./arith.ts.
 *
 * What "exact" means here. DECIMAL reads a number x as its shortest round-trip decimal D(x),
 * which is not the double x itself (0.1 is not 0.1000000000000000055…), computes at 60
 * digits and turns the result R into the nearest double at the end. Binary64 arithmetic on the
 * doubles x therefore does not give it in general (0.3 / 0.1 is 2.9999999999999996, R is 3):
 * both the inputs and each operation are off by up to half an ulp. DD instead carries every
 * value as a double-double v̂ = hi + lo (./dd.ts) together with a bound e of |v̂ − v|, where v is
 * what DECIMAL holds at that step, and answers only when that bound proves the rounding:
 *
 * - `num(x)`: D(x) = M × 10^k (M of at most 17 digits, exact as hi + lo; found by
 *   ./shortest.ts without printing, else from the printed string), times 10^k as a
 *   double-double within 2u² (built once per k from BigInt): e = NUM_ERR·|v̂| (2u² + 7u² of
 *   the product, doubled). An integer up to 2^53 is exact (e = 0); a decimal with at most four
 *   fraction digits is N / 10^s in one ddDiv (e = DIV_ERR·|v̂|).
 * - a ± b: e = ea + eb + ADD_ERR·|r̂| + 1e-59·(|r̂| + ea + eb) (the last term: DECIMAL's own
 *   rounding at 60 digits, at most 5e-60 relative, whenever the exact result has more digits).
 * - a × b: e = |â|·eb + |b̂|·ea + ea·eb + MUL_ERR·|r̂| + 1e-59·(…).
 * - a / b: a/b − â/b̂ = (â·β − α·b̂)/(b·b̂) with |α| ≤ ea, |β| ≤ eb, so
 *   e = (ea + |q̂|·eb)·(1 + 2u)/(|b̂| − eb) + DIV_ERR·|q̂| + 1e-59·(…); gives up when eb ≥ |b̂|.
 * - out: the result R is within e of hi + lo, |lo| ≤ ulp(hi)/2. The nearest double to R is hi
 *   when R lies strictly inside hi's rounding interval (hi − gap below/2, hi + gap above/2):
 *   lo + e < above/2 and lo − e > −below/2 (signs mirrored for hi < 0). Otherwise (about once
 *   in 10^14 random inputs: R within 60u² of a midpoint between doubles) DD gives up and BIG,
 *   which rounds exactly, answers.
 * Every magnitude is kept in [2^-600, 2^600] (or 0): there twoProd is exact and no lo part is
 * subnormal; anything else gives up. The bounds themselves are computed in binary64 with a few
 * roundings; `out` widens e by 1e-9 relative to cover them.
 * (test/unit/core/ddarith.test.ts: every formula against DECIMAL on adversarial doubles, and
 * each bound against the exact error at 80 digits.)
 */
import type { NumberArith } from "./arith";
import { POW10 } from "./arith";
import { ADD_ERR, DIV_ERR, ddAdd, ddDiv, ddMul, H, L, MUL_ERR, twoSum, U, U2 } from "./dd";
import { ensurePow10, P10_HI, P10_LO, P10_OFFSET } from "./pow10dd";
import { SH, shortestFast, SL } from "./shortest";

export interface DDValue {
  h: number;
  l: number;
  /** Bound of |h + l − the DECIMAL value|. */
  e: number;
}

const M_ABS = Math.abs;
const M_FLOOR = Math.floor;
const M_ROUND = Math.round;
const HAS_BIG = typeof BigInt === "function";
const MIN = 2 ** -600;
const MAX = 2 ** 600;
const DEC = 1e-59;
export const NUM_ERR = 18 * U2;

const POOL_SIZE = 64;
const pool: DDValue[] = Array.from({ length: POOL_SIZE }, () => ({ h: 0, l: 0, e: 0 }));
let used = 0;

function value(h: number, l: number, e: number): DDValue | undefined {
  const a = M_ABS(h);
  // NaN and ±Infinity fail both comparisons
  if (!(a <= MAX) || (a < MIN && a !== 0) || used === POOL_SIZE) return undefined;
  const v = pool[used++];
  v.h = h;
  v.l = l;
  v.e = e;
  return v;
}

// ---------------------------------------------------------------------------------------

/** Set by readShortest. */
export let RH = 0;
export let RL = 0;

/**
 * D(x), the shortest decimal of x, as a double-double in RH, RL (within NUM_ERR·|x|); false when
 * out of range. Number.prototype.toString prints D(x) (at most 17 significant digits); they are
 * read as M = A·10^c + C with A the first 9 (so A·10^c = A·5^c·2^c, c ≤ 8, is an exact double)
 * and twoSum makes M exact as hi + lo; then M × 10^k.
 */
export function readShortest(x: number): boolean {
  if (!HAS_BIG) return false;
  const str = `${x < 0 ? -x : x}`;
  const n = str.length;
  let A = 0;
  let C = 0;
  let c = 0; // digits in C
  let sig = 0; // significant digits taken
  let pending = 0; // zeros met after a significant digit, not yet taken
  let k = 0;
  let point = false;
  let i = 0;
  for (; i < n; i++) {
    const ch = str.charCodeAt(i);
    if (ch === 46) {
      point = true; // "."
      continue;
    }
    if (ch === 101) break; // "e"
    const d = ch - 48;
    if (point) k--;
    if (d === 0) {
      if (sig > 0) pending++;
      continue;
    }
    for (; pending > 0; pending--) {
      if (sig < 9) A *= 10;
      else {
        C *= 10;
        c++;
      }
      sig++;
    }
    if (sig < 9) A = A * 10 + d;
    else {
      C = C * 10 + d;
      c++;
    }
    sig++;
  }
  k += pending;
  if (i < n) k += +str.slice(i + 1); // the exponent, "e-7" or "e+21"
  let mh = A;
  let ml = 0;
  if (c > 0) {
    twoSum(A * POW10[c], C);
    mh = H;
    ml = L;
  }
  if (k === 0) {
    RH = x < 0 ? -mh : mh;
    RL = x < 0 ? -ml : ml;
    return true;
  }
  const at = k + P10_OFFSET;
  if (at < 0 || at >= P10_HI.length || !ensurePow10(k)) return false;
  ddMul(mh, ml, P10_HI[at], P10_LO[at]);
  RH = x < 0 ? -H : H;
  RL = x < 0 ? -L : L;
  return true;
}

function mag(v: DDValue): number {
  return M_ABS(v.h) + M_ABS(v.l);
}

/** D(x) for a finite x as a pooled value, or undefined. */
function read(x: number): DDValue | undefined {
  if (x === 0) return value(0, 0, 0);
  const a = M_ABS(x);
  // An integer up to 2^53 is its own shortest decimal (its neighbours are 1 away or closer).
  if (a <= 9007199254740992 && M_FLOOR(a) === a) return value(x, 0, 0);
  if (a < MIN || a > MAX) return undefined;
  // A few fraction digits (cents, rates): N / 10^s, minimal s, as arith.ts decomposeShort reads it.
  for (let s = 1; s <= 4; s++) {
    const p = POW10[s];
    const n = M_ROUND(x * p);
    if (n > 1125899906842624 || n < -1125899906842624) break; // 2^50
    if (n / p === x) {
      ddDiv(n, 0, p, 0);
      return value(H, L, DIV_ERR * M_ABS(H));
    }
  }
  if (shortestFast(a)) return x < 0 ? value(-SH, -SL, NUM_ERR * M_ABS(SH)) : value(SH, SL, NUM_ERR * M_ABS(SH));
  if (!readShortest(x)) return undefined;
  return value(RH, RL, NUM_ERR * M_ABS(RH));
}

let lastX = NaN;
let lastH = 0;
let lastL = 0;
let lastE = 0;

export const DD: NumberArith<DDValue> = {
  begin() {
    used = 0;
  },
  num(x) {
    if (x === lastX) return value(lastH, lastL, lastE); // a single value broadcast along a spill
    if (x - x !== 0) return undefined;
    const v = read(x);
    if (v !== undefined) {
      lastX = x;
      lastH = v.h;
      lastL = v.l;
      lastE = v.e;
    }
    return v;
  },
  lit: (n) => value(n, 0, 0),
  add(a, b) {
    if (a === undefined || b === undefined) return undefined;
    ddAdd(a.h, a.l, b.h, b.l);
    const r = M_ABS(H) + M_ABS(L);
    const p = a.e + b.e;
    return value(H, L, p + ADD_ERR * r + DEC * (r + p));
  },
  sub(a, b) {
    if (a === undefined || b === undefined) return undefined;
    ddAdd(a.h, a.l, -b.h, -b.l);
    const r = M_ABS(H) + M_ABS(L);
    const p = a.e + b.e;
    return value(H, L, p + ADD_ERR * r + DEC * (r + p));
  },
  mul(a, b) {
    if (a === undefined || b === undefined) return undefined;
    ddMul(a.h, a.l, b.h, b.l);
    const r = M_ABS(H) + M_ABS(L);
    const p = mag(a) * b.e + mag(b) * a.e + a.e * b.e;
    return value(H, L, p + MUL_ERR * r + DEC * (r + p));
  },
  div(a, b) {
    if (a === undefined || b === undefined || b.h === 0) return undefined;
    const bl = M_ABS(b.h) - M_ABS(b.l) - b.e; // |b| ≥ bl
    if (!(bl > 0)) return undefined;
    ddDiv(a.h, a.l, b.h, b.l);
    const r = M_ABS(H) + M_ABS(L);
    const p = ((a.e + r * b.e) * (1 + 4 * U)) / bl;
    return value(H, L, p + DIV_ERR * r + DEC * (r + p));
  },
  out(v) {
    if (v === undefined) return undefined;
    const h = v.h;
    const e = v.e * (1 + 1e-9);
    if (h === 0) return v.l === 0 && e === 0 ? 0 : undefined;
    const a = M_ABS(h);
    const l = h > 0 ? v.l : -v.l; // toward larger magnitude when positive
    const above = a + a * (1.5 * U) - a; // ulp(a): the gap to the next double up
    const below = above === a * (2 * U) ? above / 2 : above; // halved at a power of two
    return l + e < above / 2 && l - e > -below / 2 ? h : undefined;
  },
};
