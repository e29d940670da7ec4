/**
 * shortestFast (src/core/shortest.ts) reads what `${x}` prints, within 18u², or declines; it
 * answers for most full-precision doubles. Fixed seeds.
 */
import DecimalJs from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NUM_ERR } from "../../../src/core/ddarith";
import { SH, shortestFast, SL } from "../../../src/core/shortest";

const X = DecimalJs.clone({ precision: 120 });
/** The exact value of a double of magnitude 1e-170 … 1e170 (toFixed is exact below 1e21; BigInt above). */
const ex = (x: number): InstanceType<typeof X> => (Math.abs(x) >= 1e21 ? new X(BigInt(x).toString()) : new X(x.toFixed(100)));
const exSmall = (x: number): InstanceType<typeof X> => {
  if (x === 0) return new X(0);
  if (Math.abs(x) >= 1e-5) return ex(x);
  let e = 0;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2;
    e--;
  }
  return new X(m).times(new X(2).pow(e));
};

describe("shortestFast", () => {
  const doubles = fc.oneof(
    fc.double({ min: 2 ** -590, max: 2 ** 590, noNaN: true }),
    fc.tuple(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 0, max: 2 ** 23 }), fc.integer({ min: -60, max: 60 })).map(([a, b, e]) => (a * 2 ** 23 + b) * 2 ** e),
    fc.tuple(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: -40, max: 40 })).map(([n, e]) => Number(`${n}e${e}`)),
    fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: -30, max: 30 })).map(([n, e]) => Number(`${n}e${e}`) * (1 + 2 ** -52)),
  );
  it("is the shortest decimal that toString prints, or declines", () => {
    let answered = 0;
    let total = 0;
    fc.assert(
      fc.property(doubles, (x) => {
        fc.pre(x > 0);
        total++;
        if (!shortestFast(x)) return;
        answered++;
        const want = new X(`${x}`);
        const got = exSmall(SH).plus(exSmall(SL));
        expect(got.minus(want).abs().div(want).toNumber(), `${x}`).toBeLessThanOrEqual(NUM_ERR / 2);
      }),
      { numRuns: 20000, seed: 31 },
    );
    expect(answered / total).toBeGreaterThan(0.8);
  });

  it("full-precision results of formulas: almost always answered", () => {
    let seed = 5;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    let answered = 0;
    for (let i = 0; i < 5000; i++) {
      const x = 0.0001 + rnd() * rnd() * 0.05;
      if (!shortestFast(x)) continue;
      answered++;
      const got = ex(SH).plus(ex(SL));
      const want = new X(`${x}`);
      expect(got.minus(want).abs().div(want).toNumber(), `${x}`).toBeLessThanOrEqual(NUM_ERR / 2);
    }
    expect(answered).toBeGreaterThan(4500);
  });
});
