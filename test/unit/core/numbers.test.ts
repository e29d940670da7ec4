/**
 * The aggregate paths over plain numbers (exact sums, percentiles from sorted doubles, trend
 * from two sums) give what the Decimal-list versions give.
 */
import fc from "fast-check";
import DecimalJs from "decimal.js";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../../src/core/decimal";
import { ExactSum } from "../../../src/core/fastexact";
import * as s from "../../../src/core/stats";

const value = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 12 })).map(([n, e]) => n / 10 ** e),
  // doubles whose sums stay within 60 significant digits (so the Decimal reference is exact too)
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }).filter((x) => x === 0 || Math.abs(x) >= 1e-18),
  fc.constantFrom(2 ** 52 + 1, -(2 ** 51), 1e-7, 0.1, 0.2, 0.3),
);

function outcome(f: () => unknown): unknown {
  try {
    const r = f();
    return r instanceof Decimal ? r.toString() : r;
  } catch (e) {
    return (e as { kind?: string }).kind ?? String(e);
  }
}

describe("plain-number aggregates equal the Decimal ones", () => {
  it("ExactSum is the exact decimal sum", () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 60 }), (xs, ws) => {
        const acc = new ExactSum();
        let want = new Decimal(0);
        xs.forEach((x, i) => {
          const w = ws[i] ?? 1;
          acc.add(x, w);
          want = want.plus(new Decimal(x).times(w));
        });
        expect(acc.value().eq(want)).toBe(true);
      }),
      { numRuns: 2000, seed: 31 },
    );
    const acc = new ExactSum();
    acc.add(0.1);
    acc.add(0.2);
    expect(acc.value().toString()).toBe("0.3");
  });

  it("percentile, tail ratio, growth, trend", () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), fc.integer({ min: 0, max: 100 }), (xs, kk) => {
        const ds = xs.map((x) => new Decimal(x));
        const k = new Decimal(kk).div(100);
        expect(outcome(() => s.percentileIncOfNumbers(xs, k))).toEqual(outcome(() => s.percentileInc(ds, k)));
        expect(outcome(() => s.tailRatioOfNumbers(xs, k))).toEqual(outcome(() => s.tailRatio(ds, k)));
        expect(outcome(() => s.costGrowthOfNumbers(xs))).toEqual(outcome(() => s.costGrowth(ds)));
        expect(outcome(() => s.costTrendOfNumbers(xs))).toEqual(outcome(() => s.costTrend(ds)));
        expect(outcome(() => s.costTrendOfNumbers(xs, k))).toEqual(outcome(() => s.costTrend(ds, k)));
      }),
      { numRuns: 2000, seed: 32 },
    );
  });
});

describe("ExactSum of numbers that are not short decimals", () => {
  it("is the exact sum of their decimal readings (× weight), across magnitudes", () => {
    const W = DecimalJs.clone({ precision: 2000 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), fc.integer({ min: 0, max: 100_000 })), { maxLength: 80 }),
        (xs) => {
          const acc = new ExactSum();
          let want = new W(0);
          for (const [x, w] of xs) {
            acc.add(x, w);
            want = want.plus(new W(String(x)).times(w));
          }
          expect(new W(acc.value().toString()).eq(want)).toBe(true);
        },
      ),
      { numRuns: 500, seed: 21 },
    );
  });
});
