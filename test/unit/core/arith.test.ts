/**
 * The exact arithmetics (src/core/arith.ts) give what DECIMAL gives whenever they answer: the
 * product-quotient (a × b) / c of cost per inference on SAFE and on BIG, and every formula of
 * src/core/formulas.ts through `exact` against `evaluate`, on random inputs (fixed seeds).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BIG, SAFE, type NumberArith } from "../../../src/core/arith";
import { Decimal } from "../../../src/core/decimal";
import { evaluate, exact, FORMULAS, type AnyFormula } from "../../../src/core/formulas";

function pq<T>(A: NumberArith<T>, a: number, b: number, c: number): number | undefined {
  A.begin();
  const y = A.out(A.div(A.mul(A.num(a), A.num(b)), A.num(c)));
  return y === 0 ? 0 : y;
}
const exactProductQuotient = (a: number, b: number, c: number) => pq(SAFE, a, b, c);
const bigProductQuotient = (a: number, b: number, c: number) => pq(BIG, a, b, c);

function decimalPath(a: number, b: number, c: number): number {
  return new Decimal(a).times(b).div(c).toNumber();
}

describe("SAFE: (a × b) / c", () => {
  it("known cases", () => {
    expect(exactProductQuotient(1250, 1, 500000)).toBe(0.0025);
    expect(exactProductQuotient(0.3, 1, 0.1)).toBe(3); // floats: 2.9999999999999996
    expect(exactProductQuotient(0.0025, 1, 0.03)).toBe(1 / 12); // floats: 0.08333333333333334
    expect(exactProductQuotient(1250, 1000, 500000)).toBe(2.5);
    expect(exactProductQuotient(1, 1, 3)).toBe(1 / 3);
    expect(exactProductQuotient(-0.07, 3, 0.7)).toBe(-0.3);
  });

  it("declines what it cannot prove", () => {
    expect(exactProductQuotient(0.1 + 0.2, 1, 1)).toBeUndefined(); // 0.30000000000000004: 17 digits
    expect(exactProductQuotient(2 ** 52, 3, 1)).toBeUndefined();
    expect(exactProductQuotient(1e-20, 1, 3)).toBeUndefined();
    expect(exactProductQuotient(1, 1, 0)).toBeUndefined();
  });

  it("answers typical cost-per-inference inputs (money with cents, counts, per 1 or 1000)", () => {
    let answered = 0;
    const runs = 5000;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }).map((c) => c / 100),
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.constantFrom(1, 1000),
        (money, count, per) => {
          const fast = exactProductQuotient(money, per, count);
          if (fast !== undefined) {
            answered++;
            expect(fast).toBe(decimalPath(money, per, count));
          }
        },
      ),
      { numRuns: runs, seed: 1 },
    );
    expect(answered / runs).toBeGreaterThan(0.95);
  });

  it("agrees with Decimal on random cell-like values", () => {
    let answered = 0;
    let total = 0;
    const cellLike = fc.oneof(
      fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
      fc.tuple(fc.integer({ min: -999_999_999, max: 999_999_999 }), fc.integer({ min: 0, max: 10 })).map(([n, s]) => n / 10 ** s),
    );
    fc.assert(
      fc.property(cellLike, cellLike, cellLike, (a, b, c) => {
        fc.pre(c !== 0);
        total++;
        const fast = exactProductQuotient(a, b, c);
        if (fast === undefined) return;
        answered++;
        const want = decimalPath(a, b, c);
        expect(fast === 0 ? 0 : fast).toBe(want === 0 ? 0 : want);
      }),
      { numRuns: 20000, seed: 2 },
    );
    expect(answered / total).toBeGreaterThan(0.1); // large products are left to the decimal path
  });

  it("agrees with Decimal on arbitrary doubles (when it answers)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), (a, b, c) => {
        fc.pre(c !== 0);
        const fast = exactProductQuotient(a, b, c);
        if (fast !== undefined) expect(fast === 0 ? 0 : fast).toBe(decimalPath(a, b, c) || 0);
      }),
      { numRuns: 10000, seed: 3 },
    );
  });
});

describe("BIG: (a × b) / c", () => {
  it("known cases", async () => {
    expect(bigProductQuotient(1250, 1, 500000)).toBe(0.0025);
    expect(bigProductQuotient(0.1 + 0.2, 1, 0.1)).toBe(decimalPath(0.1 + 0.2, 1, 0.1));
    expect(bigProductQuotient(1, 1, 3)).toBe(1 / 3);
    expect(bigProductQuotient(-1, 1, 3)).toBe(-1 / 3);
    expect(bigProductQuotient(1, -1, -3)).toBe(1 / 3);
    expect(bigProductQuotient(0, 5, 3)).toBe(0);
    expect(bigProductQuotient(1, 1, 0)).toBeUndefined();
    expect(bigProductQuotient(1e308, 10, 1e-308)).toBeUndefined(); // overflows: left to the decimal path (#NUM!)
  });

  it("equals the decimal path on arbitrary doubles", async () => {
    const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
    const formulaResult = fc.tuple(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 })).map(([p, q]) => (p / q) * 1000);
    fc.assert(
      fc.property(fc.oneof(anyDouble, formulaResult), fc.oneof(anyDouble, fc.constantFrom(1, 1000)), fc.oneof(anyDouble, formulaResult), (a, b, c) => {
        fc.pre(c !== 0);
        const want = decimalPath(a, b, c);
        const got = bigProductQuotient(a, b, c);
        if (!Number.isFinite(want)) expect(got).toBeUndefined();
        else expect(got === 0 ? 0 : got).toBe(want === 0 ? 0 : want);
      }),
      { numRuns: 20000, seed: 2 },
    );
  });
});

describe("every formula: exact on plain numbers equals evaluate in decimal, whenever it answers", () => {
  const value = fc.oneof(
    fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
    fc.tuple(fc.integer({ min: -100_000_000, max: 100_000_000 }), fc.integer({ min: 0, max: 9 })).map(([n, s]) => n / 10 ** s),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
    fc.constantFrom(0, 1, 0.5, 1e-9, 1e300, -0),
  );
  for (const [id, f] of Object.entries(FORMULAS)) {
    const fm: AnyFormula = f;
    it(id, () => {
      let answered = 0;
      fc.assert(
        fc.property(fc.array(value, { minLength: fm.args.length, maxLength: fm.args.length }), fc.boolean(), (xs, omit) => {
          // a "maybe" argument is sometimes not given (NaN for exact, undefined for evaluate)
          const nums = xs.map((x, i) => (omit && fm.args[i].kind === "maybe" ? NaN : x));
          const decs = nums.map((x) => (x !== x ? undefined : new Decimal(x)));
          let want: number | "error";
          try {
            want = evaluate(fm, decs).toNumber();
          } catch {
            want = "error";
          }
          const got = exact(fm, nums);
          if (got === undefined) return;
          answered++;
          expect(want, `${id}(${nums.join(", ")}) answered ${got} where decimal gives an error`).not.toBe("error");
          expect(got).toBe(want === 0 ? 0 : want);
        }),
        { numRuns: 3000, seed: 42 },
      );
      expect(answered).toBeGreaterThan(50); // it must answer often enough to mean something (TOKENCOST needs six valid numbers)
    });
  }
});
