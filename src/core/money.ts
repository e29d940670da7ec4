/**
 * Exact sums of money read from files. Amounts stay text until they are summed here;
 * the number grammars that validate them are in ./grammar.ts.
 */
import { Decimal } from "./decimal";

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
const LIMB = 1e9;
const FLUSH_EVERY = 4_000_000;

/**
 * An exact running sum of decimal texts, fast on the hot path.
 * Plain decimals with up to 15 integer digits and 27 decimals are split into an integer
 * part and three 9-digit fraction limbs, each summed as a JavaScript integer (exact while
 * below 2^53; flushed into a Decimal long before that). Anything else (scientific
 * notation, longer numbers) is added with Decimal directly. `value()` is the exact sum.
 */
export class DecimalSum {
  private base: Decimal | null = null;
  private ip = 0;
  private f0 = 0;
  private f1 = 0;
  private f2 = 0;
  private n = 0;
  count = 0;

  /** Add validated decimal text (see parseStrictDecimal in ./grammar.ts). */
  add(s: string): void {
    this.count++;
    const len = s.length;
    let i = 0;
    let neg = false;
    const c0 = s.charCodeAt(0);
    if (c0 === 45) {
      neg = true;
      i = 1;
    } else if (c0 === 43) i = 1;
    const dot = s.indexOf(".", i);
    const intEnd = dot === -1 ? len : dot;
    const fracLen = dot === -1 ? 0 : len - dot - 1;
    if (intEnd - i > 15 || fracLen > 27 || !isDigits(s, i, intEnd) || (dot !== -1 && !isDigits(s, dot + 1, len))) {
      this.base = this.base === null ? new Decimal(s) : this.base.plus(s);
      return;
    }
    const ip = intEnd > i ? +s.slice(i, intEnd) : 0;
    let a = 0, b = 0, c = 0;
    if (fracLen > 0) {
      const f = dot + 1;
      if (fracLen <= 9) a = +s.slice(f, len) * POW10[9 - fracLen];
      else {
        a = +s.slice(f, f + 9);
        if (fracLen <= 18) b = +s.slice(f + 9, len) * POW10[18 - fracLen];
        else {
          b = +s.slice(f + 9, f + 18);
          c = +s.slice(f + 18, len) * POW10[27 - fracLen];
        }
      }
    }
    if (neg) {
      this.ip -= ip;
      this.f0 -= a;
      this.f1 -= b;
      this.f2 -= c;
    } else {
      this.ip += ip;
      this.f0 += a;
      this.f1 += b;
      this.f2 += c;
    }
    if (++this.n >= FLUSH_EVERY) this.flush();
  }

  addDecimal(d: Decimal): void {
    this.count++;
    this.base = this.base === null ? d : this.base.plus(d);
  }

  private flush(): void {
    if (this.n === 0 && this.ip === 0 && this.f0 === 0 && this.f1 === 0 && this.f2 === 0) return;
    const v = new Decimal(this.ip)
      .plus(new Decimal(this.f0).div(LIMB))
      .plus(new Decimal(this.f1).div("1e18"))
      .plus(new Decimal(this.f2).div("1e27"));
    this.base = this.base === null ? v : this.base.plus(v);
    this.ip = this.f0 = this.f1 = this.f2 = this.n = 0;
  }

  /** The exact sum. */
  value(): Decimal {
    this.flush();
    return this.base ?? new Decimal(0);
  }
}

function isDigits(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Exact decimal text of a sum, never in exponent form. */
export function decimalText(d: Decimal): string {
  return d.toFixed();
}
