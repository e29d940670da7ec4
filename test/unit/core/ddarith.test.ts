/**
 * DD (src/core/ddarith.ts, on src/core/dd.ts) against decimal.js: each double-double operation
 * within its bound of the exact result; the shortest decimal read within NUM_ERR; every formula's
 * DD value within its own bound of DECIMAL's 60-digit value; and DD's answers, and `exact`'s,
 * equal to DECIMAL's result turned into a number, on full-precision doubles of every magnitude
 * and on inputs built to land within a hair of a midpoint between two doubles. Fixed seeds.
 */
import DecimalJs from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ADD_ERR, DIV_ERR, ddAdd, ddDiv, ddMul, H, L, MUL_ERR, twoProd, twoSum } from "../../../src/core/dd";
import { DD, NUM_ERR, readShortest, RH, RL, type DDValue } from "../../../src/core/ddarith";
import { Decimal } from "../../../src/core/decimal";
import { evaluate, exact, FORMULAS, type AnyFormula } from "../../../src/core/formulas";
import type { Arith } from "../../../src/core/arith";

/** Exact values of doubles and their sums, at 1,000 digits. */
const X = DecimalJs.clone({ precision: 1000 });
type X = InstanceType<typeof X>;
const TWO = new X(2);
const POW2 = new Map<number, X>();
function exactOf(x: number): X {
  if (x === 0) return new X(0);
  let e = 0;
  let m = Math.abs(x);
  while (!Number.isInteger(m)) {
    m *= 2;
    e--;
  }
  while (m > 2 ** 53) {
    m /= 2;
    e++;
  }
  let p = POW2.get(e);
  if (p === undefined) POW2.set(e, (p = TWO.pow(e)));
  return new X(m).times(p).times(Math.sign(x));
}
const ddOf = (h: number, l: number): X => exactOf(h).plus(exactOf(l));

/** Full-precision doubles: every bit used, magnitudes 1e-30 … 1e30, both signs. */
const fullDouble = fc
  .tuple(fc.integer({ min: 2 ** 20, max: 2 ** 30 }), fc.integer({ min: 0, max: 2 ** 30 }), fc.integer({ min: -100, max: 100 }), fc.boolean())
  .map(([a, b, e, neg]) => (neg ? -1 : 1) * (a * 2 ** 22 + (b % 2 ** 22) + 0.5) * 2 ** (e - 53));
const shortDecimal = fc.tuple(fc.integer({ min: -999_999, max: 999_999 }), fc.integer({ min: 0, max: 8 })).map(([n, s]) => n / 10 ** s);
const cellValue = fc.oneof(fullDouble, shortDecimal, fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.constantFrom(1, 1000, 0.1, 3));

describe("double-double operations", () => {
  it("twoSum and twoProd are exact", () => {
    fc.assert(
      fc.property(fullDouble, fullDouble, (a, b) => {
        twoSum(a, b);
        expect(ddOf(H, L).eq(exactOf(a).plus(exactOf(b)))).toBe(true);
        twoProd(a, b);
        expect(ddOf(H, L).eq(exactOf(a).times(exactOf(b)))).toBe(true);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it("ddAdd, ddMul and ddDiv are within ADD_ERR, MUL_ERR, DIV_ERR relative", () => {
    const dd = fc.tuple(fullDouble, fc.double({ min: -1, max: 1, noNaN: true })).map(([h, f]) => {
      twoSum(h, f * Math.abs(h) * 2 ** -54);
      return [H, L] as const;
    });
    fc.assert(
      fc.property(dd, dd, ([xh, xl], [yh, yl]) => {
        const x = ddOf(xh, xl);
        const y = ddOf(yh, yl);
        const check = (want: X, bound: number) => {
          const got = ddOf(H, L);
          expect(H).toBe(H + L); // normalised
          if (!want.isZero()) expect(got.minus(want).abs().div(want.abs()).toNumber()).toBeLessThanOrEqual(bound / 2);
        };
        ddAdd(xh, xl, yh, yl);
        check(x.plus(y), ADD_ERR);
        ddMul(xh, xl, yh, yl);
        check(x.times(y), MUL_ERR);
        ddDiv(xh, xl, yh, yl);
        check(x.div(y), DIV_ERR);
      }),
      { numRuns: 1500, seed: 12 },
    );
  });
});

describe("readShortest", () => {
  it("reads x's shortest decimal within NUM_ERR relative", () => {
    fc.assert(
      fc.property(fc.oneof(fullDouble, fc.double({ min: 1e-170, max: 1e170, noNaN: true }), shortDecimal), (x) => {
        fc.pre(x !== 0);
        expect(readShortest(x)).toBe(true);
        const want = new X(`${x}`); // the shortest decimal, every digit
        expect(ddOf(RH, RL).minus(want).abs().div(want.abs()).toNumber()).toBeLessThanOrEqual(NUM_ERR / 2);
      }),
      { numRuns: 3000, seed: 13 },
    );
  });
});

/** The formula in DD, before rounding to a number. */
function ddValue(fm: AnyFormula, xs: readonly number[]): DDValue | undefined {
  DD.begin();
  const args = xs.map((x) => (x !== x ? undefined : DD.num(x)));
  if (args.some((a, i) => a === undefined && xs[i] === xs[i])) return undefined;
  const f = fm.f as (A: Arith<DDValue>, ...v: (DDValue | undefined)[]) => DDValue | undefined;
  const v = f(DD, ...args);
  return v === undefined ? undefined : { ...v };
}

function decimalOf(fm: AnyFormula, xs: readonly number[]): Decimal | undefined {
  try {
    return evaluate(fm, xs.map((x) => (x !== x ? undefined : new Decimal(x))));
  } catch {
    return undefined;
  }
}

describe("every formula in DD", () => {
  for (const [id, f] of Object.entries(FORMULAS)) {
    const fm: AnyFormula = f;
    it(`${id}: DD's value within its bound of DECIMAL's; its answers DECIMAL's, rounded`, () => {
      let answered = 0;
      let full = 0;
      fc.assert(
        fc.property(fc.array(cellValue, { minLength: fm.args.length, maxLength: fm.args.length }), (xs) => {
          const want = decimalOf(fm, xs);
          if (want === undefined) return;
          const v = ddValue(fm, xs);
          if (v === undefined) return;
          const R = new X(want.toString());
          expect(ddOf(v.h, v.l).minus(R).abs().toNumber(), `${id}(${xs.join(", ")})`).toBeLessThanOrEqual(v.e);
          DD.begin();
          const got = DD.out(v);
          if (!want.isZero()) full++; // an exact 0 (a − a) is never proven: BIG answers it
          if (got === undefined) return;
          if (!want.isZero()) answered++;
          expect(got || 0, `${id}(${xs.join(", ")})`).toBe(want.toNumber() || 0);
          expect(exact(fm, xs)).toBe(want.toNumber() || 0);
        }),
        { numRuns: 3000, seed: 14 },
      );
      expect(answered).toBeGreaterThan(0.95 * full); // cancellation (input − cached with equal values) can leave a bound too wide: BIG answers
    });
  }
});

describe("near midpoints between doubles", () => {
  // a + b and a × b / c whose exact decimal result lies within about 1e-32 relative of a
  // midpoint: DD must give up (BIG then rounds exactly) or be right.
  const ulp = (a: number) => a + a * 1.5 * 2 ** -53 - a;
  it("CASCADECOST(a, d, 1) with d the shortest decimal of half an ulp of a", () => {
    fc.assert(
      fc.property(fullDouble, fc.integer({ min: -3, max: 3 }), (a0, k) => {
        const a = Math.abs(a0);
        const d = (ulp(a) / 2) * (1 + k * 2 ** -52); // its shortest decimal is a hair off exact
        const xs = [a, d, 1];
        const want = decimalOf(FORMULAS.CASCADECOST, xs)!.toNumber();
        DD.begin();
        const got = DD.out(ddValue(FORMULAS.CASCADECOST, xs));
        if (got !== undefined) expect(got).toBe(want);
        expect(exact(FORMULAS.CASCADECOST, xs)).toBe(want);
      }),
      { numRuns: 500, seed: 15 },
    );
  });

  it("COSTPERINFERENCE of a midpoint times a short count", () => {
    fc.assert(
      fc.property(fullDouble, fc.integer({ min: 2, max: 1000 }), (a0, n) => {
        const a = Math.abs(a0);
        const mid = exactOf(a).plus(exactOf(ulp(a)).div(2)); // exactly between a and the next double
        const total = Number(mid.times(n).toString()); // whose shortest decimal / n is near mid
        const xs = [total, n, 1];
        const want = decimalOf(FORMULAS.COSTPERINFERENCE, xs)!.toNumber();
        expect(exact(FORMULAS.COSTPERINFERENCE, xs)).toBe(want);
      }),
      { numRuns: 500, seed: 16 },
    );
  });

  it("gives up exactly at a midpoint", () => {
    // 1 + 2^-53 is the midpoint between 1 and its successor; 2^-53's shortest decimal is just below it
    const xs = [1, 2 ** -53, 1];
    DD.begin();
    expect(DD.out(ddValue(FORMULAS.CASCADECOST, xs))).toBeUndefined();
    expect(exact(FORMULAS.CASCADECOST, xs)).toBe(decimalOf(FORMULAS.CASCADECOST, xs)!.toNumber());
  });
});
