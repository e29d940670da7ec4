/** The sorted-array entry points the long tail uses agree with the functions' own (copying) ones. */
import { describe, expect, it } from "vitest";
import { Decimal } from "../../../src/core/decimal";
import { mulberry32 } from "../../../src/core/random";
import { percentileIncOfNumbers, percentileIncOfSorted } from "../../../src/core/stats";
import { topShareOfNumbers, topShareOfSorted } from "../../../src/core/topshare";

describe("percentileIncOfSorted and topShareOfSorted", () => {
  it("equal PERCENTILE.INC and TOPSHARE over the same numbers (ties, integers, fractions)", () => {
    const rnd = mulberry32(12);
    for (let t = 0; t < 50; t++) {
      const n = 1 + Math.floor(rnd() * 300);
      const xs = Array.from({ length: n }, () => (t % 2 ? Math.floor(rnd() * 20) : Math.round(rnd() * 1e6) / 1e4));
      const sorted = Float64Array.from(xs).sort();
      for (const k of ["0", "0.5", "0.9", "0.95", "0.99", "1"]) {
        expect(percentileIncOfSorted(sorted, new Decimal(k)).toFixed()).toBe(percentileIncOfNumbers(xs, new Decimal(k)).toFixed());
      }
      if (xs.some((x) => x > 0)) {
        for (const s of ["0.05", "0.5", "1"]) expect(topShareOfSorted(sorted, new Decimal(s)).toFixed()).toBe(topShareOfNumbers(xs, new Decimal(s)).toFixed());
      }
    }
  });
  it("the same domain errors", () => {
    expect(() => percentileIncOfSorted(new Float64Array(0), new Decimal("0.5"))).toThrow(/no numbers/);
    expect(() => percentileIncOfSorted(new Float64Array([1]), new Decimal("1.5"))).toThrow(/outside/);
    expect(() => topShareOfSorted(new Float64Array([-1, 2]), new Decimal("0.05"))).toThrow(/negative/);
    expect(() => topShareOfSorted(new Float64Array([0, 0]), new Decimal("0.05"))).toThrow(/total of costs is 0/);
    expect(() => topShareOfSorted(new Float64Array([1]), new Decimal("0"))).toThrow(/share must be/);
  });
});
