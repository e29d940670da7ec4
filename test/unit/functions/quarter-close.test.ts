/**
 * COSTBRIDGE and FORECASTUNITCOST (shared/spec/functions.md, "Quarter close and the long tail"),
 * called as Excel calls them. Expectations are computed independently of src/core: the bridge
 * lines from their formulas in decimal.js, the linear forecast as FORECAST.LINEAR in binary64,
 * the exponential one as a log-linear fit in binary64, the band with Student's t quantiles.
 */
import fc from "fast-check";
import DecimalJs from "decimal.js";
import { describe, expect, it } from "vitest";
import { CfError, ErrorCode } from "./cf-shim";
import { callWith, messageOf, show, SOURCE } from "./helpers";

const call = (id: string, ...args: unknown[]): unknown => callWith(SOURCE, id, ...args);
const col = (xs: unknown[]): unknown[][] => xs.map((x) => [x]);
const D = DecimalJs.clone({ precision: 80 });

/** The bridge by its formulas (80 digits), from [prior cost, prior inferences, current cost, current inferences] rows. */
function bridgeByFormula(rows: number[][]): number[] {
  const data = (c: number, v: number) => c !== 0 || v !== 0;
  const common = rows.filter((r) => data(r[0], r[1]) && data(r[2], r[3]));
  const V0 = common.reduce((a, r) => a.plus(r[1]), new D(0));
  const V1 = common.reduce((a, r) => a.plus(r[3]), new D(0));
  let vol = new D(0);
  let mix = new D(0);
  let rate = new D(0);
  for (const r of common) {
    const s0 = new D(r[1]).div(V0);
    const s1 = new D(r[3]).div(V1);
    const c0 = new D(r[0]).div(r[1]);
    const c1 = new D(r[2]).div(r[3]);
    vol = vol.plus(s0.times(c0));
    mix = mix.plus(s1.minus(s0).times(c0));
    rate = rate.plus(s1.times(c1.minus(c0)));
  }
  const added = rows.filter((r) => !data(r[0], r[1]) && data(r[2], r[3])).reduce((a, r) => a.plus(r[2]), new D(0));
  const retired = rows.filter((r) => data(r[0], r[1]) && !data(r[2], r[3])).reduce((a, r) => a.minus(r[0]), new D(0));
  return [V1.minus(V0).times(vol), V1.times(mix), V1.times(rate), added, retired].map((d) => d.toNumber());
}

describe("COSTBRIDGE", () => {
  it("spills 5 × 2 labelled lines that sum to the change in cost", () => {
    const r = call("COSTBRIDGE", col([100, 50, 0, 20]), col([1000, 500, 0, 100]), col([150, 40, 30, 0]), col([1200, 400, 300, 0])) as unknown[][];
    expect(r.map((x) => x[0])).toEqual(["Volume", "Mix", "Rate", "New", "Retired"]);
    const want = bridgeByFormula([
      [100, 1000, 150, 1200],
      [50, 500, 40, 400],
      [0, 0, 30, 300],
      [20, 100, 0, 0],
    ]);
    r.forEach((row, i) => expect(row[1] as number).toBeCloseTo(want[i], 12));
    expect(r[3][1]).toBe(30); // new
    expect(r[4][1]).toBe(-20); // retired
    // volume: (V1 − V0) × C0 / V0 = (1600 − 1500) × 150 / 1500 = 10
    expect(r[0][1]).toBe(10);
  });

  it("the lines sum exactly to Σ current − Σ prior, on random data", () => {
    const row = fc.tuple(
      fc.integer({ min: 0, max: 100000 }).map((c) => c / 100),
      fc.integer({ min: 0, max: 1_000_000 }),
      fc.integer({ min: 0, max: 100000 }).map((c) => c / 100),
      fc.integer({ min: 0, max: 1_000_000 }),
    );
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), (rows) => {
        // a common key with 0 inferences and a cost is #DIV/0!: keep to valid data here
        const ok = rows.map(([a, b, c, d]) => [a, a > 0 && b === 0 ? 1 : b, c, c > 0 && d === 0 ? 1 : d]);
        const r = call("COSTBRIDGE", ...[0, 1, 2, 3].map((j) => col(ok.map((x) => x[j])))) as unknown[][];
        const lines = r.map((x) => new D(x[1] as number));
        // in decimal: the five lines (as the cells hold them) add up to the change, to binary64's rounding of each
        const change = ok.reduce((a, x) => a.plus(x[2]).minus(x[0]), new D(0));
        const sum = lines.reduce((a, b) => a.plus(b), new D(0));
        expect(sum.minus(change).abs().toNumber()).toBeLessThanOrEqual(1e-9 * Math.max(1, change.abs().toNumber()));
        const want = bridgeByFormula(ok);
        r.forEach((x, i) => expect(Math.abs((x[1] as number) - want[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want[i]))));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it("errors: shapes, negative counts, a common key with 0 inferences, incoming errors", () => {
    expect(show(call("COSTBRIDGE", col([1, 2]), col([1]), col([1, 2]), col([1, 2])))).toEqual([["#VALUE!"]]);
    expect(messageOf((call("COSTBRIDGE", col([1, 2]), col([1]), col([1, 2]), col([1, 2])) as unknown[][])[0][0])).toMatch(/same shape/);
    expect(show(call("COSTBRIDGE", col([1]), col([-1]), col([1]), col([1])))).toEqual([["#NUM!"]]);
    expect(show(call("COSTBRIDGE", col([5]), col([0]), col([1]), col([1])))).toEqual([["#DIV/0!"]]);
    const na = new CfError(ErrorCode.notAvailable);
    expect(show(call("COSTBRIDGE", col([1]), col([1]), col([na]), col([1])))).toEqual([["#N/A"]]);
  });

  it("no common key: volume, mix and rate are 0", () => {
    const r = call("COSTBRIDGE", col([10, 0]), col([100, 0]), col([0, 7]), col([0, 70])) as unknown[][];
    expect(r.map((x) => x[1])).toEqual([0, 0, 0, 7, -10]);
  });
});

/** FORECAST.LINEAR and the band in binary64, from the textbook formulas. */
function linearFit(ys: number[]) {
  const n = ys.length;
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - mx) * (ys[i] - my);
    sxx += (i - mx) ** 2;
  }
  const b = sxy / sxx;
  const a = my - b * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ys[i] - a - b * i) ** 2;
  return { a, b, s: Math.sqrt(sse / (n - 2)), mx, sxx, n };
}

// Two-sided 80 % and 95 % t quantiles from tables: t(0.9, 3) = 1.637744, t(0.975, 3) = 3.182446, t(0.9, 8) = 1.396815
const T_09_3 = 1.6377443536962;
const T_0975_3 = 3.1824463052837;
const T_09_8 = 1.3968153097438;

describe("FORECASTUNITCOST", () => {
  const ys = [10, 9.1, 8.4, 7.2, 6.9];
  it("linear: the point forecast is FORECAST.LINEAR, the band ± t·s·√(1 + 1/n + (x − x̄)²/Sxx)", () => {
    const r = call("FORECASTUNITCOST", col(ys), 3, "linear") as number[][];
    expect(r.length).toBe(3);
    const f = linearFit(ys);
    r.forEach((row, j) => {
      const x = ys.length + j;
      const yHat = f.a + f.b * x;
      const half = T_09_3 * f.s * Math.sqrt(1 + 1 / f.n + (x - f.mx) ** 2 / f.sxx);
      expect(row[0]).toBeCloseTo(yHat, 12);
      expect(row[1]).toBeCloseTo(yHat - half, 9);
      expect(row[2]).toBeCloseTo(yHat + half, 9);
    });
    const r95 = call("FORECASTUNITCOST", col(ys), 1, "LINEAR", 0.95) as number[][];
    const half95 = T_0975_3 * f.s * Math.sqrt(1 + 1 / 5 + (5 - 2) ** 2 / f.sxx);
    expect(r95[0][2] - r95[0][0]).toBeCloseTo(half95, 9);
  });

  it("exponential (default): a log-linear fit, exponentiated, band included", () => {
    const prices = [30, 24, 20, 15.5, 13, 10.8, 8.7, 7.1, 6, 5];
    const r = call("FORECASTUNITCOST", col(prices), 2) as number[][];
    const f = linearFit(prices.map(Math.log));
    r.forEach((row, j) => {
      const x = prices.length + j;
      const yHat = f.a + f.b * x;
      const half = T_09_8 * f.s * Math.sqrt(1 + 1 / f.n + (x - f.mx) ** 2 / f.sxx);
      expect(row[0]).toBeCloseTo(Math.exp(yHat), 10);
      expect(row[1]).toBeCloseTo(Math.exp(yHat - half), 9);
      expect(row[2]).toBeCloseTo(Math.exp(yHat + half), 9);
      expect(row[1]).toBeLessThan(row[0]);
      expect(row[2]).toBeGreaterThan(row[0]);
    });
  });

  it("blanks, text and booleans in values are skipped, as the aggregates skip them", () => {
    const a = call("FORECASTUNITCOST", col([10, "", 9.1, "x", 8.4, true, 7.2, 6.9]), 1, "linear");
    expect(a).toEqual(call("FORECASTUNITCOST", col(ys), 1, "linear"));
  });

  it("errors", () => {
    expect(show(call("FORECASTUNITCOST", col([1, 2]), 1))).toEqual([["#N/A"]]);
    expect(show(call("FORECASTUNITCOST", col([1, 0, 2]), 1))).toEqual([["#NUM!"]]);
    expect(show(call("FORECASTUNITCOST", col([1, 0, 2]), 1, "linear"))).not.toEqual([["#NUM!"]]);
    expect(show(call("FORECASTUNITCOST", col(ys), 0))).toEqual([["#NUM!"]]);
    expect(show(call("FORECASTUNITCOST", col(ys), 1.5))).toEqual([["#NUM!"]]);
    expect(show(call("FORECASTUNITCOST", col(ys), 1, "linear", 1))).toEqual([["#NUM!"]]);
    expect(show(call("FORECASTUNITCOST", col(ys), 1, "linear", 0))).toEqual([["#NUM!"]]);
    const bad = (call("FORECASTUNITCOST", col(ys), 1, "cubic") as unknown[][])[0][0];
    expect(show(bad)).toBe("#VALUE!");
    expect(messageOf(bad)).toMatch(/exponential.*linear/);
    expect(show(call("FORECASTUNITCOST", col(ys), 1, 5))).toEqual([["#VALUE!"]]);
    // left to right: too few values is met before a bad method
    expect(show(call("FORECASTUNITCOST", col([1, 2]), 1, "cubic"))).toEqual([["#N/A"]]);
  });
});
