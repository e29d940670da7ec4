/**
 * Exact sums of many plain numbers (the aggregate functions' ranges) at the speed of binary
 * arithmetic: safe-integer partial sums at a common decimal scale, flushed into a Decimal before
 * they could overflow. The per-formula shortcuts are in ./arith.ts and ./formulas.ts.
 *
 * Decimal reads a JavaScript number x as its shortest round-trip decimal string, N / 10^s.
 * `decompose` finds that N and s when |N| <= 2^50 (minimal s, verified by N / 10^s === x; below
 * 2^50 the round-trip interval of x holds at most one decimal with s fraction digits, so it is
 * the one Number.prototype.toString prints).
 */

import { DIGITS, EXP, shortestDecimal } from "./arith";
import { Decimal } from "./decimal";

// Built-ins cached in module scope (no global lookups on the hot path).
const isInteger = Number.isInteger;
const isSafeInteger = Number.isSafeInteger;
const round = Math.round;

const LIMIT = 2 ** 50;
const POW10: number[] = [];
for (let i = 0, p = 1; i <= 22; i++, p *= 10) POW10.push(p);
/** 10^-s as exact Decimals. */
const POW10_DEC: Decimal[] = POW10.map((_, s) => new Decimal(`1e-${s}`));

let dN = 0;
let dS = 0;

/** Sets dN, dS so that x = dN / 10^dS exactly as Decimal reads x; false when not found. */
function decompose(x: number): boolean {
  if (isInteger(x)) {
    if (x > LIMIT || x < -LIMIT) return false;
    dN = x;
    dS = 0;
    return true;
  }
  for (let s = 1; s <= 15; s++) {
    const p = POW10[s];
    const n = round(x * p);
    if (n > LIMIT || n < -LIMIT) return false;
    if (n / p === x) {
      dN = n;
      dS = s;
      return true;
    }
  }
  return false;
}

// Exact sums of many numbers; numbers that are not short decimals are added as Decimals directly.
// The result is the exact decimal sum, as Decimal additions give it.

export class ExactSum {
  private n = 0;
  private s = 0;
  /** What does not fit the safe-integer part: Σ m × 10^e by exponent e, exact (BigInt). */
  private big: Map<number, bigint> | null = null;
  /** The same without BigInt (an old runtime): a Decimal sum. */
  private acc: Decimal | null = null;

  private addScaled(m: number | bigint | string, e: number, weight: number): void {
    const B = Big;
    if (B === undefined) {
      this.acc = (this.acc ?? new Decimal(0)).plus(new Decimal(String(m)).times(weight).times(new Decimal(`1e${e}`)));
      return;
    }
    const v = B(m) * B(weight);
    const big = (this.big ??= new Map<number, bigint>());
    big.set(e, (big.get(e) ?? 0n) + v);
  }

  private flush(): void {
    if (this.n !== 0) this.addScaled(this.n, -this.s, 1);
    this.n = 0;
  }

  /** Adds x × weight (weight a small non-negative integer). */
  add(x: number, weight = 1): void {
    if (!decompose(x)) {
      this.addDouble(x, weight);
      return;
    }
    let n = dN * weight;
    const s = dS;
    if (!isSafeInteger(n)) {
      this.addScaled(dN, -s, weight);
      return;
    }
    if (s > this.s) {
      const scaled = this.n * POW10[s - this.s];
      if (isSafeInteger(scaled)) this.n = scaled;
      else this.flush();
      this.s = s;
    } else if (s < this.s) {
      n *= POW10[this.s - s];
      if (!isSafeInteger(n)) {
        this.addScaled(dN, -s, weight);
        return;
      }
    }
    const sum = this.n + n;
    if (isSafeInteger(sum)) {
      this.n = sum;
    } else {
      this.flush();
      this.n = n;
    }
  }

  /** A number that is not a short decimal: its shortest decimal form as mantissa × 10^e. */
  private addDouble(x: number, weight: number): void {
    if (x - x !== 0) return; // not finite: never passed (the runner packs finite numbers only)
    shortestDecimal(x);
    const str = DIGITS;
    const e = EXP;
    this.addScaled(x < 0 ? `-${str}` : str, e, weight);
  }

  value(): Decimal {
    const part = new Decimal(this.n).times(POW10_DEC[this.s]);
    if (this.acc !== null) return this.acc.plus(part);
    const big = this.big;
    if (big === null) return part;
    const B = Big as BigIntConstructor;
    if (this.n !== 0) big.set(-this.s, (big.get(-this.s) ?? 0n) + B(this.n));
    this.n = 0;
    let emin = Infinity;
    for (const e of big.keys()) emin = Math.min(emin, e);
    let total = 0n;
    for (const [e, m] of big) total += m * B(10) ** B(e - emin);
    // Exact: a Decimal made from a string keeps every digit (decimal.js rounds only operations).
    return new Decimal(`${total}e${emin}`);
  }
}

const Big: BigIntConstructor | undefined = typeof BigInt === "function" ? BigInt : undefined;
