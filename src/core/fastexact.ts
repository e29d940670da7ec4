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
  private acc: Decimal = new Decimal(0);
  private exactAcc = true;

  private flush(): void {
    if (this.n !== 0) {
      this.acc = this.acc.plus(new Decimal(this.n).times(POW10_DEC[this.s]));
      this.exactAcc = false;
    }
    this.n = 0;
  }

  /** Adds x × weight (weight a small non-negative integer). */
  add(x: number, weight = 1): void {
    if (!decompose(x)) {
      this.acc = this.acc.plus(new Decimal(x).times(weight));
      this.exactAcc = false;
      return;
    }
    let n = dN * weight;
    const s = dS;
    if (!isSafeInteger(n)) {
      this.acc = this.acc.plus(new Decimal(dN).times(weight).times(POW10_DEC[s]));
      this.exactAcc = false;
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
        this.acc = this.acc.plus(new Decimal(dN).times(weight).times(POW10_DEC[s]));
        this.exactAcc = false;
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

  value(): Decimal {
    const part = new Decimal(this.n).times(POW10_DEC[this.s]);
    return this.exactAcc ? part : this.acc.plus(part);
  }
}
