/** lnFast agrees with decimal.js's ln to at least 40 significant digits. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../../src/core/decimal";
import { lnFast } from "../../../src/core/ln";

function agree(x: Decimal): void {
  const want = x.ln();
  const got = lnFast(x);
  const tol = Decimal.max(1, want.abs()).times("1e-40");
  expect(got.minus(want).abs().lte(tol), `ln(${x.toString()}): ${got.toString()} vs ${want.toString()}`).toBe(true);
}

describe("lnFast", () => {
  it("known values", () => {
    expect(lnFast(new Decimal(1)).isZero()).toBe(true);
    for (const x of ["1", "2", "10", "0.5", "9.99999", "1.0000001", "0.9999999", "123456789", "1e-300", "7e300", "1.125", "8", "9.9"]) {
      agree(new Decimal(x));
    }
  });
  it("random values across magnitudes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: -30, max: 30 }), (m, e) => {
        agree(new Decimal(m).times(new Decimal(10).pow(e)));
      }),
      { numRuns: 300, seed: 21 },
    );
  });
  it("rejects x <= 0", () => {
    expect(() => lnFast(new Decimal(0))).toThrow(RangeError);
    expect(() => lnFast(new Decimal(-1))).toThrow(RangeError);
  });
});
