/**
 * The binary64 paths with an error bound (src/core/float.ts) against the decimal reference
 * (lnFast, about 45 digits): within 1e-12 relative on adversarial inputs — huge and tiny
 * magnitudes, near-constant series, slopes near 0 — because the bound sends what it cannot
 * vouch for to decimal. Fixed seeds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../../src/core/decimal";
import DecimalJs from "decimal.js";
import { LN_RATIO_ABS_ERR, LN_RATIO_ERR, lnRatio, NeumaierSum } from "../../../src/core/float";

/** The exact value of a double, as a decimal (m × 2^e at 1,200 digits). */
const X = DecimalJs.clone({ precision: 1200 });
function exactOf(x: number): InstanceType<typeof X> {
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
  return new X(m).times(new X(2).pow(e)).times(Math.sign(x));
}
import { forecastFloat, forecastUnitCost, forecastUnitCostOfNumbers } from "../../../src/core/forecast";
import { scalingElasticity, scalingElasticityFloat, scalingElasticityOfNumbers } from "../../../src/core/stats";

function relDiff(a: Decimal, b: Decimal): number {
  if (b.isZero()) return a.abs().toNumber();
  return a.minus(b).abs().div(b.abs()).toNumber();
}

describe("lnRatio", () => {
  it("is ln(v / ref) of the decimal readings to 4u·|result| + 2u, also for v near ref and far from it", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (v, ref) => {
        const want = new Decimal(v).div(ref).ln();
        const got = lnRatio(v, ref);
        expect(new Decimal(got).minus(want).abs().toNumber()).toBeLessThanOrEqual(LN_RATIO_ERR * Math.abs(got) + LN_RATIO_ABS_ERR);
      }),
      { numRuns: 3000, seed: 5 },
    );
    expect(lnRatio(1e6 + 1, 1e6)).toBeCloseTo(Math.log1p(1e-6), 20);
  });
});

describe("NeumaierSum", () => {
  it("sums with a bound that holds", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e20, max: 1e20, noNaN: true }), { minLength: 1, maxLength: 300 }), (xs) => {
        const s = new NeumaierSum();
        for (const x of xs) s.add(x);
        const exact = xs.reduce((a, x) => a.plus(exactOf(x)), new X(0));
        expect(exactOf(s.value).minus(exact).abs().toNumber()).toBeLessThanOrEqual(s.error * 1.0000001 + 1e-300);
      }),
      { numRuns: 1000, seed: 6 },
    );
  });
});

describe("SCALINGELASTICITY over numbers: within 1e-12 of the decimal reference", () => {
  const check = (costs: number[], volumes: number[]) => {
    const got = scalingElasticityOfNumbers(costs, volumes);
    const want = scalingElasticity(
      costs.map((c) => new Decimal(c)),
      volumes.map((v) => new Decimal(v)),
    );
    expect(relDiff(got, want), `${got} vs ${want}`).toBeLessThanOrEqual(1e-12);
  };
  it("random power laws with noise, magnitudes from 1e-300 to 1e300", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -300, max: 300, noNaN: true }), fc.double({ min: -0.5, max: 0.5, noNaN: true })), { minLength: 2, maxLength: 60 }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        (pts, k, c) => {
          const volumes = pts.map(([e]) => 10 ** e);
          const costs = pts.map(([e, noise]) => 10 ** Math.max(-300, Math.min(300, c + k * e * 0.3 + noise)));
          fc.pre(volumes.some((v) => v !== volumes[0]) && volumes.every((v) => v > 0 && Number.isFinite(v)) && costs.every((x) => x > 0 && Number.isFinite(x)));
          check(costs, volumes);
        },
      ),
      { numRuns: 200, seed: 8 },
    );
  });
  it("near-constant volumes, near-zero slopes, a far reference point", () => {
    check([5, 5.000000001, 4.999999999, 5], [1e6, 1e6 + 1, 1e6 + 2, 1e6 + 3]);
    check([1, 1, 1, 1.0000000000001], [1, 2, 3, 4]); // slope ≈ 0: the bound sends it to decimal
    expect(scalingElasticityFloat([1, 1, 1, 1.0000000000001], [1, 2, 3, 4])).toBeUndefined();
    expect(scalingElasticityFloat([5, 5.000000001, 4.999999999, 5], [1e6, 1e6 + 1, 1e6 + 2, 1e6 + 3])).toBeUndefined();
    check([1e-300, 2e-300, 3e-300], [1e300, 1e300 * (1 + 1e-15), 1e300 * (1 + 3e-15)]);
    check([100, 7, 7.0000001, 6.9999999], [1e-9, 1e6, 1e6 + 0.5, 1e6 + 1]); // the first point far from the cluster
  });
  it("10,000 points take the binary64 path and stay within the bound", () => {
    const costs: number[] = [];
    const volumes: number[] = [];
    for (let i = 1; i <= 10_000; i++) {
      volumes.push(1000 + i * 37.5);
      costs.push(0.02 * (1000 + i * 37.5) ** 0.8 * (1 + 0.01 * Math.sin(i)));
    }
    check(costs, volumes);
    expect(scalingElasticityFloat(costs, volumes)).toBeDefined();
  });
});

describe("FORECASTUNITCOST's binary64 path: within 1e-12 of the decimal reference, or declined", () => {
  const rel = (a: Decimal, b: Decimal) => (b.isZero() ? a.abs().toNumber() : a.minus(b).abs().div(b.abs()).toNumber());
  const compare = (values: number[], periods: number, method: "exponential" | "linear", confidence = 0.8) => {
    const got = forecastUnitCostOfNumbers(values, new Decimal(periods), method, new Decimal(confidence));
    const want = forecastUnitCost(
      values.map((v) => new Decimal(v)),
      new Decimal(periods),
      method,
      new Decimal(confidence),
    ).map((r) => [r.forecast, r.lower, r.upper]);
    got.forEach((row, j) => row.forEach((x, k) => expect(rel(x, want[j][k]), `${method} row ${j} col ${k}: ${x} vs ${want[j][k]}`).toBeLessThanOrEqual(1e-12)));
  };
  it("random series: falling prices with noise, both methods, magnitudes from 1e-200 to 1e200", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 3, maxLength: 40 }),
        fc.double({ min: -200, max: 200, noNaN: true }),
        fc.double({ min: -0.3, max: 0.1, noNaN: true }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(0.5, 0.8, 0.95, 0.999),
        (noise, level, trend, periods, conf) => {
          const values = noise.map((z, i) => 10 ** level * Math.exp(trend * i + z));
          fc.pre(values.every((v) => v > 0 && Number.isFinite(v)));
          compare(values, periods, "exponential", conf);
          compare(values, periods, "linear", conf);
        },
      ),
      { numRuns: 150, seed: 9 },
    );
  });
  it("a perfect fit, a constant series, a forecast crossing zero", () => {
    compare([10, 8, 6, 4], 3, "linear"); // crosses 0 at x = 5: declined there, decimal gives exactly 0
    compare([5, 5, 5, 5, 5], 2, "exponential");
    compare([1, 0.5, 0.25, 0.125], 4, "exponential");
    compare([100, 100.0000001, 99.9999999, 100], 2, "linear");
  });
  it("100,000 values take the binary64 path", () => {
    const values = Array.from({ length: 100_000 }, (_, i) => 0.01 * Math.exp(-0.00001 * i) * (1 + 0.05 * Math.sin(i)));
    expect(forecastFloat(values, 12, "exponential", 0.8, 1e-13)).toBeDefined();
    expect(forecastFloat(values, 12, "linear", 0.8, 1e-13)).toBeDefined();
  });
});
