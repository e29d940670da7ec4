/**
 * The arithmetic a formula (./formulas.ts) is written against, with three implementations:
 *
 * - `DECIMAL`: decimal.js at 60 significant digits, half-even. The reference: every result of
 *   AIECON is what this gives, turned into a number at the end.
 * - `SAFE`: exact scaled integers n / 10^s on JavaScript numbers (every n a safe integer).
 * - `BIG`: exact scaled integers m × 10^e on BigInt, for values that are not short decimals
 *   (full-precision doubles, results of other formulas).
 *
 * SAFE and BIG give up (return undefined) whenever they cannot give exactly what DECIMAL gives;
 * the caller then takes the decimal path. Why they agree when they do not give up:
 *
 * - Decimal reads a number as its shortest round-trip decimal string; SAFE's `num` finds that
 *   N / 10^s when |N| <= 2^50 (minimal s, verified by N / 10^s === x: below 2^50 the
 *   round-trip interval of x holds at most one decimal with s fraction digits), BIG's from the
 *   string itself.
 * - Sums, differences and products of such values are exact in DECIMAL while they have at most
 *   60 significant digits, and exact in SAFE/BIG by construction; SAFE gives up past a safe
 *   integer, BIG past 10^60.
 * - A quotient is the last operation of a formula (`div` returns a final value; any operation
 *   on a final value gives up). DECIMAL rounds it to 60 digits and then to a double. SAFE
 *   divides two safe integers in binary: the correctly rounded double of the exact quotient,
 *   which is either a double exactly or at least 2^-107 (relative) away from every midpoint
 *   between doubles, so 60-digit rounding first cannot move it across one. BIG rounds the
 *   exact quotient to 60 digits half-even itself, as DECIMAL does, and reads that.
 * (test/unit/core/arith.test.ts checks all three against each other on random inputs.)
 */
import { Decimal } from "./decimal";

/** A small arithmetic over values of type T; undefined in or out means "cannot be exact". */
export interface Arith<T> {
  /** A constant (a small integer such as 60 or 1,000,000). */
  lit(n: number): T | undefined;
  add(a: T | undefined, b: T | undefined): T | undefined;
  sub(a: T | undefined, b: T | undefined): T | undefined;
  mul(a: T | undefined, b: T | undefined): T | undefined;
  /** a / b, the last operation of a formula. */
  div(a: T | undefined, b: T | undefined): T | undefined;
}

/** An arithmetic whose values come from JavaScript numbers and go back to them. */
export interface NumberArith<T> extends Arith<T> {
  /** Starts an evaluation (values of an earlier evaluation may be reused after this). */
  begin(): void;
  /** x as a value, exactly as Decimal reads it, or undefined. */
  num(x: number): T | undefined;
  /** The number DECIMAL's result would become, or undefined. */
  out(v: T | undefined): number | undefined;
}

// ---------------------------------------------------------------------------------------
// DECIMAL

export const DECIMAL: Arith<Decimal> = {
  lit: (n) => new Decimal(n),
  add: (a, b) => (a === undefined || b === undefined ? undefined : a.plus(b)),
  sub: (a, b) => (a === undefined || b === undefined ? undefined : a.minus(b)),
  mul: (a, b) => (a === undefined || b === undefined ? undefined : a.times(b)),
  div: (a, b) => (a === undefined || b === undefined ? undefined : a.div(b)),
};

// ---------------------------------------------------------------------------------------
// SAFE: n / 10^s with n a safe integer; s = -1 marks a final quotient held in n.

export interface Scaled {
  n: number;
  s: number;
}

const isInteger = Number.isInteger;
const isSafeInteger = Number.isSafeInteger;
const round = Math.round;
const LIMIT = 2 ** 50;
/** 10^0 … 10^22, exact doubles. */
export const POW10: number[] = [];
for (let i = 0, p = 1; i <= 22; i++, p *= 10) POW10.push(p);
const FINAL = -1;

// The values of one evaluation come from a pool that `begin` rewinds: a formula is a short
// expression (at most a few dozen values), and no value outlives its evaluation, so the hot
// path allocates nothing. An evaluation that would need more gives up.
const POOL_SIZE = 64;
const pool: Scaled[] = Array.from({ length: POOL_SIZE }, () => ({ n: 0, s: 0 }));
let used = 0;

function scaled(n: number, s: number): Scaled | undefined {
  if (used === POOL_SIZE) return undefined;
  const v = pool[used++];
  v.n = n;
  v.s = s;
  return v;
}

/** Set by decomposeShort: x = SHORT_N / 10^SHORT_S. */
export let SHORT_N = 0;
export let SHORT_S = 0;

/**
 * Sets SHORT_N, SHORT_S so that x = SHORT_N / 10^SHORT_S exactly as Decimal reads x, with
 * |SHORT_N| <= 2^50; false when x is not such a short decimal (no object on the hot path).
 */
export function decomposeShort(x: number): boolean {
  if (isInteger(x)) {
    if (x > LIMIT || x < -LIMIT) return false;
    SHORT_N = x;
    SHORT_S = 0;
    return true;
  }
  for (let s = 1; s <= 15; s++) {
    const p = POW10[s];
    const n = round(x * p);
    if (n > LIMIT || n < -LIMIT) return false;
    if (n / p === x) {
      SHORT_N = n;
      SHORT_S = s;
      return true;
    }
  }
  return false;
}

/** x = N / 10^s exactly as Decimal reads x, or undefined. */
function decompose(x: number): Scaled | undefined {
  return decomposeShort(x) ? scaled(SHORT_N, SHORT_S) : undefined;
}

function align(a: Scaled, b: Scaled, sign: number): Scaled | undefined {
  let an = a.n;
  let bn = b.n * sign;
  let s = a.s;
  if (a.s < b.s) {
    an *= POW10[b.s - a.s];
    s = b.s;
    if (!isSafeInteger(an)) return undefined;
  } else if (b.s < a.s) {
    bn *= POW10[a.s - b.s];
    if (!isSafeInteger(bn)) return undefined;
  }
  const n = an + bn;
  return isSafeInteger(n) ? scaled(n, s) : undefined;
}

export const SAFE: NumberArith<Scaled> = {
  begin() {
    used = 0;
  },
  num: (x) => (x - x === 0 ? decompose(x) : undefined),
  lit: (n) => scaled(n, 0),
  add(a, b) {
    return a === undefined || b === undefined || a.s === FINAL || b.s === FINAL ? undefined : align(a, b, 1);
  },
  sub(a, b) {
    return a === undefined || b === undefined || a.s === FINAL || b.s === FINAL ? undefined : align(a, b, -1);
  },
  mul(a, b) {
    if (a === undefined || b === undefined || a.s === FINAL || b.s === FINAL) return undefined;
    const n = a.n * b.n;
    const s = a.s + b.s;
    return isSafeInteger(n) && s <= 22 ? scaled(n, s) : undefined;
  },
  div(a, b) {
    if (a === undefined || b === undefined || a.s === FINAL || b.s === FINAL || b.n === 0) return undefined;
    // (a.n / 10^a.s) / (b.n / 10^b.s) = (a.n · 10^b.s) / (b.n · 10^a.s)
    if (a.s > 22 || b.s > 22) return undefined;
    const p = a.n * POW10[b.s];
    const q = b.n * POW10[a.s];
    return isSafeInteger(p) && isSafeInteger(q) ? scaled(p / q, FINAL) : undefined;
  },
  out(v) {
    if (v === undefined) return undefined;
    if (v.s === FINAL) return v.n;
    return v.s <= 22 ? v.n / POW10[v.s] : undefined;
  },
};

// ---------------------------------------------------------------------------------------
// BIG: m × 10^e with m a BigInt of d <= 60 digits; `fin` holds a final quotient.

export interface BigScaled {
  readonly m: bigint;
  readonly e: number;
  /** Digits of |m| (1 for 0). */
  readonly d: number;
  /** The final quotient as a number (NaN while not final). */
  readonly fin: number;
}

const Big: BigIntConstructor | undefined = typeof BigInt === "function" ? BigInt : undefined;
const SIG = 60; // significant digits of the configured Decimal
const POW10_BIG: bigint[] = [];
function pow10big(k: number, B: BigIntConstructor): bigint {
  return k < 200 ? (POW10_BIG[k] ??= B(10) ** B(k)) : B(10) ** B(k);
}

function abs(m: bigint): bigint {
  return m < 0n ? -m : m;
}

/** Digits of |m|, knowing it has at most `upper` digits (one comparison per digit below). */
function digitsBelow(m: bigint, upper: number, B: BigIntConstructor): number {
  const a = abs(m);
  let d = upper;
  while (d > 1 && a < pow10big(d - 1, B)) d--;
  return d;
}

function big(m: bigint, e: number, d: number): BigScaled | undefined {
  return d > SIG ? undefined : { m, e, d, fin: NaN };
}

/**
 * The shortest decimal form of |x| (what Decimal reads) as its digits and exponent:
 * |x| = digits × 10^exp. Sets DIGITS and EXP (no object on the hot path).
 */
export function shortestDecimal(x: number): void {
  let str = `${x < 0 ? -x : x}`;
  let exp = 0;
  const ei = str.indexOf("e");
  if (ei >= 0) {
    exp = +str.slice(ei + 1);
    str = str.slice(0, ei);
  }
  const di = str.indexOf(".");
  if (di >= 0) {
    exp -= str.length - di - 1;
    str = str.slice(0, di) + str.slice(di + 1);
  }
  DIGITS = str;
  EXP = exp;
}
/** Set by shortestDecimal. */
export let DIGITS = "0";
export let EXP = 0;

/** x as m × 10^e from its shortest decimal form (as Decimal reads it). */
function toBig(x: number, B: BigIntConstructor): BigScaled | undefined {
  shortestDecimal(x);
  const str = DIGITS;
  const exp = EXP;
  let lead = 0;
  while (lead < str.length - 1 && str.charCodeAt(lead) === 48) lead++; // "0"
  const m = B(str);
  return big(x < 0 ? -m : m, exp, str.length - lead);
}

function bigAlign(a: BigScaled, b: BigScaled, sign: bigint, B: BigIntConstructor): BigScaled | undefined {
  // Aligning scales far apart would need more than 60 digits: give up rather than compute it.
  const e = a.e < b.e ? a.e : b.e;
  const da = a.d + a.e - e;
  const db = b.d + b.e - e;
  if (da > SIG || db > SIG) return undefined;
  const m = a.m * pow10big(a.e - e, B) + sign * b.m * pow10big(b.e - e, B);
  return big(m, e, digitsBelow(m, (da > db ? da : db) + 1, B));
}

function live(a: BigScaled | undefined): a is BigScaled {
  return a !== undefined && a.fin !== a.fin;
}

export const BIG: NumberArith<BigScaled> = {
  begin() {},
  num: (x) => (Big === undefined || x - x !== 0 ? undefined : toBig(x, Big)),
  lit: (n) => {
    const B = Big as BigIntConstructor;
    const m = B(n);
    return { m, e: 0, d: digitsBelow(m, 16, B), fin: NaN };
  },
  add: (a, b) => (live(a) && live(b) ? bigAlign(a, b, 1n, Big as BigIntConstructor) : undefined),
  sub: (a, b) => (live(a) && live(b) ? bigAlign(a, b, -1n, Big as BigIntConstructor) : undefined),
  mul(a, b) {
    if (!live(a) || !live(b)) return undefined;
    if (b.m === 1n && b.e === 0) return a; // × 1 (per, utilization, periods at their defaults)
    if (a.m === 1n && a.e === 0) return b;
    const d = a.d + b.d;
    if (d - 1 > SIG) return undefined;
    const m = a.m * b.m;
    return big(m, a.e + b.e, digitsBelow(m, d, Big as BigIntConstructor));
  },
  div(a, b) {
    const B = Big;
    if (B === undefined || !live(a) || !live(b) || b.m === 0n) return undefined;
    if (a.m === 0n) return { m: 0n, e: 0, d: 1, fin: 0 };
    const negative = a.m < 0n !== b.m < 0n;
    const num = abs(a.m);
    const den = abs(b.m);
    // num in [10^(a.d−1), 10^a.d), den in [10^(b.d−1), 10^b.d): q = num·10^K / den lies in (10^61, 10^63).
    const K = SIG + 2 - a.d + b.d;
    const scaledNum = K >= 0 ? num * pow10big(K, B) : num;
    const scaledDen = K >= 0 ? den : den * pow10big(-K, B);
    const q0 = scaledNum / scaledDen;
    const r = scaledNum - q0 * scaledDen;
    const drop = q0 >= pow10big(SIG + 2, B) ? 3 : 2;
    const unit = pow10big(drop, B);
    const kept = q0 / unit;
    const tail = q0 - kept * unit; // the dropped digits
    // round half-even on tail + r / scaledDen against unit / 2, exactly
    const lhs = (tail * scaledDen + r) * 2n;
    const rhs = unit * scaledDen;
    const q = lhs > rhs || (lhs === rhs && (kept & 1n) === 1n) ? kept + 1n : kept;
    const y = +`${negative ? "-" : ""}${q}e${a.e - b.e - K + drop}`;
    return y - y === 0 ? { m: 0n, e: 0, d: 1, fin: y } : undefined;
  },
  out(v) {
    if (v === undefined) return undefined;
    if (v.fin === v.fin) return v.fin;
    const y = +`${v.m}e${v.e}`;
    return y - y === 0 ? y : undefined;
  },
};
