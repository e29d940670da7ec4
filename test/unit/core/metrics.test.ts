/** The pure decimal core: results and typed domain errors, without Excel. */
import { describe, expect, it } from "vitest";
import { Decimal } from "../../../src/core/decimal";
import { DomainError } from "../../../src/core/errors";
import * as m from "../../../src/core/metrics";
import * as s from "../../../src/core/stats";

const D = (x: number | string) => new Decimal(x);
const ds = (xs: number[]) => xs.map((x) => D(x));

function kindOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e.kind;
    throw e;
  }
  return "none";
}

describe("metrics", () => {
  it("are exact decimals", () => {
    expect(m.costPerInference(D(1250), D(500000)).toString()).toBe("0.0025");
    expect(m.costToValueRatio(D("0.0025"), D("0.03")).toSignificantDigits(20).toString()).toBe("0.083333333333333333333");
    expect(m.tokenCost(D(1e6), D(2e5), D("2.5"), D(10), D(4e5), D("1.25")).toString()).toBe("4");
    expect(m.valueFromTimeSaved(D(1), D(1)).toSignificantDigits(10).toString()).toBe("0.01666666667");
    expect(m.cascadeCost(D("0.1"), D("0.2"), D(1)).toString()).toBe("0.3");
    expect(m.tcoPerInference(D(4), ds([1, 2, 3])).toString()).toBe("1.5");
    expect(m.breakEvenVolume(D(5500), D("0.03"), D("0.0025")).toString()).toBe("200000");
  });
  it("throw typed domain errors", () => {
    expect(kindOf(() => m.costPerInference(D(1), D(0)))).toBe("divZero");
    expect(kindOf(() => m.costPerInference(D(1), D(-1)))).toBe("num");
    expect(kindOf(() => m.servingCostPerInference(D(1), D(1), D(0)))).toBe("num");
    expect(kindOf(() => m.amortize(D(1), D(2), D(3)))).toBe("num");
    expect(kindOf(() => m.breakEvenVolume(D(1), D(1), D(1)))).toBe("num");
    expect(kindOf(() => m.tokenCost(D(1), D(1), D(1), D(1), D(2)))).toBe("num");
  });
});

describe("stats", () => {
  it("percentileInc matches Excel PERCENTILE.INC", () => {
    const xs = ds([3, 1, 4, 1, 5, 9, 2, 6]);
    // sorted 1 1 2 3 4 5 6 9; rank (n-1)k
    expect(s.percentileInc(xs, D(0)).toString()).toBe("1");
    expect(s.percentileInc(xs, D("0.25")).toString()).toBe("1.75");
    expect(s.percentileInc(xs, D("0.5")).toString()).toBe("3.5");
    expect(s.percentileInc(xs, D("0.9")).toString()).toBe("6.9");
    expect(s.percentileInc(xs, D(1)).toString()).toBe("9");
    expect(s.median(ds([5, 1, 3])).toString()).toBe("3");
    expect(kindOf(() => s.percentileInc([], D("0.5")))).toBe("num");
    expect(kindOf(() => s.percentileInc(xs, D("1.01")))).toBe("num");
  });
  it("costGrowth, costTrend, scalingElasticity, tailRatio", () => {
    expect(s.costGrowth(ds([100, 110, 121])).toNumber()).toBe(0.1);
    expect(s.costGrowth(ds([100, 200])).toString()).toBe("1");
    expect(kindOf(() => s.costGrowth(ds([1])))).toBe("notAvailable");
    expect(s.slopeOverPositions(ds([1, 3, 5, 7])).toString()).toBe("2");
    expect(s.costTrend(ds([1, 3, 5, 7]))).toBe("Rising");
    expect(s.scalingElasticity(ds([10, 40]), ds([1, 2])).toSignificantDigits(30).toString()).toBe("2");
    expect(kindOf(() => s.scalingElasticity(ds([10, 40]), ds([2, 2])))).toBe("notAvailable");
    expect(kindOf(() => s.tailRatio(ds([0, 0, 1])))).toBe("divZero");
  });
});
