/**
 * The double-double logarithm (src/core/ddln.ts) within its bound LE of ln of the decimal
 * reading (decimal.js at 60 digits), and SCALINGELASTICITY's double-double path
 * (src/core/ddslope.ts) within 1e-12 relative of the decimal reference whenever it answers, on
 * uncorrelated data, slopes near 0, huge and tiny magnitudes and near-constant series; it must
 * answer on uncorrelated data, where the binary64 path cannot. Fixed seeds.
 */
import DecimalJs from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LE, LH, LL, LN_TABLE_HI, LN_TABLE_LO, LN2_HI, LN2_LO, lnShortest } from "../../../src/core/ddln";
import { logSlopeDD } from "../../../src/core/ddslope";
import { Decimal } from "../../../src/core/decimal";
import { scalingElasticity, scalingElasticityFloat } from "../../../src/core/stats";

const X = DecimalJs.clone({ precision: 80 });
type X = InstanceType<typeof X>;
/** The exact value of a double (|x| in [1e-30, 1e30] here), as a decimal. */
const ex = (x: number): X => new X(x.toFixed(100).replace(/0+$/, "") || "0");
const exLarge = (x: number): X => (Math.abs(x) >= 1e21 ? new X(BigInt(x).toString()) : ex(x));

describe("the tables", () => {
  it("ln(j/128) and ln 2 are the double-double roundings of the exact values", () => {
    for (let j = 90; j <= 182; j++) {
      const want = new X(j).div(128).ln();
      const got = ex(LN_TABLE_HI[j - 90]).plus(ex(LN_TABLE_LO[j - 90]));
      expect(got.minus(want).abs().toNumber()).toBeLessThanOrEqual(2 ** -106 * Math.abs(LN_TABLE_HI[j - 90]));
    }
    expect(ex(LN2_HI).plus(ex(LN2_LO)).minus(new X(2).ln()).abs().toNumber()).toBeLessThan(1e-33);
  });
});

describe("lnShortest", () => {
  const positive = fc.oneof(
    fc.double({ min: 1e-30, max: 1e30, noNaN: true }),
    fc.tuple(fc.integer({ min: 1, max: 999_999_999 }), fc.integer({ min: 0, max: 8 })).map(([n, s]) => n / 10 ** s),
    fc.double({ min: 0.999999, max: 1.000001, noNaN: true }),
    fc.constantFrom(1, 2, 0.5, 10, 1e-9, Math.SQRT2, 1.4142135623730951, 0.7071067811865476),
  );
  it("is within LE of ln of the shortest decimal", () => {
    fc.assert(
      fc.property(positive, (x) => {
        fc.pre(x > 0);
        expect(lnShortest(x)).toBe(true);
        const want = new X(`${x}`).ln();
        const got = ex(LH).plus(ex(LL));
        expect(got.minus(want).abs().toNumber(), `ln ${x}`).toBeLessThanOrEqual(LE);
        expect(LE).toBeLessThan(2 ** -85);
      }),
      { numRuns: 3000, seed: 21 },
    );
    void exLarge;
  });
});

function relDiff(a: number, b: Decimal): number {
  return b.isZero() ? Math.abs(a) : new Decimal(a).minus(b).abs().div(b.abs()).toNumber();
}

describe("SCALINGELASTICITY in double-double", () => {
  let seed = 3;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const cases: [string, () => [number[], number[]]][] = [
    ["uncorrelated money and counts, 2,000 pairs", () => {
      const c = Array.from({ length: 2000 }, () => Math.round((50 + rnd() * 5000) * 100) / 100);
      const v = Array.from({ length: 2000 }, () => 1000 + Math.floor(rnd() * 1e6));
      return [c, v];
    }],
    ["uncorrelated full-precision doubles, huge and tiny", () => {
      const c = Array.from({ length: 1000 }, () => 1e-20 * (1 + rnd()) * rnd());
      const v = Array.from({ length: 1000 }, () => 1e20 * (1 + rnd()));
      return [c.map((x) => x + 1e-25), v];
    }],
    ["near-constant volumes", () => {
      const v = Array.from({ length: 1000 }, () => 1e6 + Math.floor(rnd() * 3));
      const c = Array.from({ length: 1000 }, () => 0.37 * (1 + rnd() * 1e-9));
      return [c, v];
    }],
    ["a weak correlation (slope about 1e-6)", () => {
      const v = Array.from({ length: 1500 }, () => 1 + rnd() * 100);
      const c = v.map((x) => x ** 1e-6 * (1 + 1e-4 * rnd()));
      return [c, v];
    }],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      const [c, v] = make();
      const got = logSlopeDD(c, v, 1e-13);
      expect(got).toBeDefined();
      const want = scalingElasticity(c.map((x) => new Decimal(x)), v.map((x) => new Decimal(x)));
      expect(relDiff(got!, want)).toBeLessThanOrEqual(1e-12);
    });
  }

  it("answers uncorrelated data that the binary64 bound sends on", () => {
    const c = Array.from({ length: 20_000 }, () => Math.round((50 + rnd() * 5000) * 100) / 100);
    const v = Array.from({ length: 20_000 }, () => 1000 + Math.floor(rnd() * 1e6));
    expect(scalingElasticityFloat(c, v)).toBeUndefined();
    expect(logSlopeDD(c, v, 1e-13)).toBeDefined();
  });

  it("random small samples: within 1e-12 whenever it answers", () => {
    const value = fc.oneof(fc.double({ min: 1e-12, max: 1e12, noNaN: true }), fc.integer({ min: 1, max: 1e9 }));
    let answered = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 2, maxLength: 40 }), (pairs) => {
        const c = pairs.map((p) => p[0]);
        const v = pairs.map((p) => p[1]);
        fc.pre(v.some((x) => x !== v[0]));
        const got = logSlopeDD(c, v, 1e-13);
        if (got === undefined) return;
        answered++;
        const want = scalingElasticity(c.map((x) => new Decimal(x)), v.map((x) => new Decimal(x)));
        expect(relDiff(got, want)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 300, seed: 22 },
    );
    expect(answered).toBeGreaterThan(250);
  });
});
