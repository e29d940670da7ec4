/**
 * Exact sums of many plain numbers (the aggregate functions' ranges) at the speed of binary
 * arithmetic: safe-integer partial sums at a common decimal scale, flushed into a Decimal before
 * they could overflow. The per-formula shortcuts are in ./arith.ts and ./formulas.ts.
 *
 * Decimal reads a JavaScript number x as its shortest round-trip decimal string, N / 10^s.
 * `decomposeShort` (./arith.ts) finds that N and s when |N| <= 2^50 (minimal s, verified by N / 10^s === x; below
 * 2^50 the round-trip interval of x holds at most one decimal with s fraction digits, so it is
 * the one Number.prototype.toString prints).
 */

import { decomposeShort, DIGITS, EXP, POW10, SHORT_N, SHORT_S, shortestDecimal } from "./arith";
import { Decimal } from "./decimal";

const isSafeInteger = Number.isSafeInteger;
/** 10^-s as exact Decimals. */
const POW10_DEC: Decimal[] = POW10.map((_, s) => new Decimal(`1e-${s}`));

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
    if (!decomposeShort(x)) {
      this.addDouble(x, weight);
      return;
    }
    const dN = SHORT_N;
    const s = SHORT_S;
    let n = dN * weight;
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
