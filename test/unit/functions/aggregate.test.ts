/** The aggregate functions: trend, scale, distribution, TCO. */
import { describe, expect, it } from "vitest";
import { installCustomFunctionsShim } from "./cf-shim";
import { BLANK_IS_ZERO, call, messageOf, show, SOURCE } from "./helpers";

const CF = installCustomFunctionsShim();
const NA = new CF.Error(CF.ErrorCode.notAvailable, "no data");
const REF = new CF.Error(CF.ErrorCode.invalidReference);
/** "#VALUE! message" of a result, for the #REF!/#NAME? rule. */
const refText = (x: unknown): string => `${String(show(x))} ${messageOf(x)}`;

describe("COSTGROWTH", () => {
  it("compound growth per period", () => {
    expect(call("COSTGROWTH", [[100, 110, 121]])).toBe(0.1);
    expect(call("COSTGROWTH", [[100], [110], [121]])).toBe(0.1);
    expect(call("COSTGROWTH", [[100, 50]])).toBe(-0.5);
    expect(call("COSTGROWTH", [[100, 0]])).toBe(-1); // last 0 is allowed
    expect(call("COSTGROWTH", [[1, 8, 5, 8]])).toBeCloseTo(1, 14); // (8/1)^(1/3) − 1; middle values do not matter
    expect(call("COSTGROWTH", [[1000, 1100, 1210, 1331]])).toBe(0.1);
  });
  it("skips blanks, text (numeric text included) and booleans; packs the rest", () => {
    const g = call("COSTGROWTH", [[100, null, "x", 110], ["", true, "121", 121]]);
    if (!BLANK_IS_ZERO) expect(g).toBe(0.1);
    // Windows desktop passes the blank cell as 0: it is a number, the second of five (first 100, last 121)
    else expect(g).toBeCloseTo(Math.pow(1.21, 1 / 3) - 1, 14);
  });
  it("an empty text (the writer's =\"\" in a gap) is skipped on every platform", () => {
    expect(call("COSTGROWTH", [[100, "", 110, "", 121]])).toBe(0.1);
  });
  it("n < 2 → #N/A with a message", () => {
    expect(show(call("COSTGROWTH", [[100]]))).toBe("#N/A");
    expect(show(call("COSTGROWTH", [[null, "a"]]))).toBe("#N/A");
    expect(messageOf(call("COSTGROWTH", [[100]]))).toMatch(/at least 2/);
  });
  it("first ≤ 0 or last < 0 → #NUM!", () => {
    expect(show(call("COSTGROWTH", [[0, 110]]))).toBe("#NUM!");
    expect(show(call("COSTGROWTH", [[-5, 110]]))).toBe("#NUM!");
    expect(show(call("COSTGROWTH", [[100, -1]]))).toBe("#NUM!");
  });
  it("returns the first error value in the range", () => {
    expect(call("COSTGROWTH", [[100, NA, REF]])).toBe(NA);
    expect(refText(call("COSTGROWTH", [[100, REF], [NA, 1]]))).toBe("#VALUE! values is #REF!"); // #REF! cannot be a result
  });
});

describe("COSTTREND", () => {
  it("Rising, Falling, Stable against 2 % of the mean", () => {
    expect(call("COSTTREND", [[100, 110, 121]])).toBe("Rising");
    expect(call("COSTTREND", [[121, 110, 100]])).toBe("Falling");
    expect(call("COSTTREND", [[100, 101, 100, 101]])).toBe("Stable");
    // slope 2 on mean 100 → g = 0.02 exactly: not > tolerance → Stable
    expect(call("COSTTREND", [[98, 100, 102]])).toBe("Stable");
    expect(call("COSTTREND", [[98, 100, 102]], 0.0199)).toBe("Rising");
    expect(call("COSTTREND", [[102, 100, 98]])).toBe("Stable");
    expect(call("COSTTREND", [[102, 100, 98]], 0.01)).toBe("Falling");
    expect(call("COSTTREND", [[100, 100]], 0)).toBe("Stable");
    expect(call("COSTTREND", [[100, 100.0001]], 0)).toBe("Rising");
  });
  it("tolerance omitted (null or \"\") → 0.02; given 0 → 0", () => {
    expect(call("COSTTREND", [[100, 101.5]], null)).toBe("Stable");
    expect(call("COSTTREND", [[100, 101.5]], "")).toBe("Stable");
    expect(call("COSTTREND", [[100, 101.5]], 0)).toBe("Rising");
  });
  it("errors", () => {
    expect(show(call("COSTTREND", [[100]]))).toBe("#N/A");
    expect(show(call("COSTTREND", [[100, 110]], -0.01))).toBe("#NUM!");
    expect(show(call("COSTTREND", [[-100, 50]]))).toBe("#NUM!"); // mean ≤ 0
    expect(show(call("COSTTREND", [[0, 0]]))).toBe("#NUM!");
    expect(show(call("COSTTREND", [[100, 110]], "abc"))).toBe("#VALUE!");
    expect(messageOf(call("COSTTREND", [[100, 110]], "abc"))).toMatch(/tolerance/);
    expect(show(call("COSTTREND", [[100, 110]], [[0.1, 0.2]]))).toBe("#VALUE!"); // must be a single value
    expect(call("COSTTREND", [[100, NA]])).toBe(NA);
  });
});

describe("SCALINGELASTICITY", () => {
  it("slope of ln(cost) on ln(volume)", () => {
    expect(call("SCALINGELASTICITY", [[100, 200, 400]], [[1000, 2000, 4000]])).toBeCloseTo(1, 14);
    expect(call("SCALINGELASTICITY", [[100, 141.4213562373095, 200]], [[1, 2, 4]])).toBeCloseTo(0.5, 12);
    expect(call("SCALINGELASTICITY", [[100], [400]], [[10], [20]])).toBeCloseTo(2, 14);
  });
  it("uses a pair only when both are numbers > 0", () => {
    expect(call("SCALINGELASTICITY", [[100, 0, "x", 400, -1]], [[10, 15, 17, 20, 30]])).toBeCloseTo(2, 14);
  });
  it("shapes must match", () => {
    expect(show(call("SCALINGELASTICITY", [[1, 2, 3]], [[1], [2], [3]]))).toBe("#VALUE!");
    expect(show(call("SCALINGELASTICITY", [[1, 2, 3]], [[1, 2]]))).toBe("#VALUE!");
    expect(messageOf(call("SCALINGELASTICITY", [[1, 2, 3]], [[1, 2]]))).toMatch(/same shape/);
  });
  it("fewer than 2 pairs, or all volumes equal → #N/A", () => {
    expect(show(call("SCALINGELASTICITY", [[1, 0]], [[1, 2]]))).toBe("#N/A");
    expect(show(call("SCALINGELASTICITY", [[1, 2, 3]], [[5, 5, 5]]))).toBe("#N/A");
  });
  it("an error value in either range is returned", () => {
    expect(call("SCALINGELASTICITY", [[1, NA]], [[1, 2]])).toBe(NA);
    expect(refText(call("SCALINGELASTICITY", [[1, 2]], [[REF, 2]]))).toBe("#VALUE! volumes is #REF!");
  });
});

describe("COSTPERCENTILE (PERCENTILE.INC)", () => {
  // Reference values computed by Excel's PERCENTILE.INC definition: rank (n−1)k, linear interpolation.
  const data = [[15, 20, 35, 40, 50]];
  it.each([
    [0, 15],
    [0.3, 23],
    [0.4, 29],
    [0.5, 35],
    [0.95, 48],
    [1, 50],
  ])("k = %s → %s", (k, expected) => {
    expect(call("COSTPERCENTILE", data, k)).toBe(expected);
  });
  it("reads the range in any order", () => {
    expect(call("COSTPERCENTILE", [[4, 1], [3, 2]], 0.95)).toBe(3.85);
    expect(call("COSTPERCENTILE", [[7]], 0.3)).toBe(7);
  });
  it("errors", () => {
    expect(show(call("COSTPERCENTILE", data, -0.1))).toBe("#NUM!");
    expect(show(call("COSTPERCENTILE", data, 1.1))).toBe("#NUM!");
    // no numbers → #NUM!; on Windows desktop the blank cell is the number 0
    expect(show(call("COSTPERCENTILE", [["a", null, true]], 0.5))).toBe(BLANK_IS_ZERO ? 0 : "#NUM!");
    expect(show(call("COSTPERCENTILE", [["a", "", true]], 0.5))).toBe("#NUM!");
    expect(show(call("COSTPERCENTILE", data, true))).toBe("#VALUE!");
    expect(call("COSTPERCENTILE", data, NA)).toBe(NA);
    expect(refText(call("COSTPERCENTILE", [[1, REF]], NA))).toBe("#VALUE! costs is #REF!"); // left to right
  });
  it("k blank counts as 0", () => {
    expect(call("COSTPERCENTILE", data, null)).toBe(15);
  });
});

describe("TAILRATIO", () => {
  it("PERCENTILE.INC / MEDIAN", () => {
    expect(call("TAILRATIO", [[1, 2, 3, 4, 100]])).toBe(80.8 / 3);
    expect(call("TAILRATIO", [[1, 2, 3, 4, 100]], 0.5)).toBe(1);
    expect(call("TAILRATIO", [[1, 2, 3, 4]], 1)).toBe(1.6); // median 2.5
    expect(call("TAILRATIO", [[2, 2, 2]])).toBe(1);
  });
  it("errors", () => {
    expect(show(call("TAILRATIO", [[0, 0, 5]]))).toBe("#DIV/0!");
    expect(show(call("TAILRATIO", [[1, 2]], 2))).toBe("#NUM!");
    expect(show(call("TAILRATIO", [[1, 2]], -1))).toBe("#NUM!");
    expect(show(call("TAILRATIO", [[null]]))).toBe(BLANK_IS_ZERO ? "#DIV/0!" : "#NUM!"); // a blank is 0 on Windows: median 0
    expect(show(call("TAILRATIO", [[""]]))).toBe("#NUM!");
  });
});

describe("TCOPERINFERENCE", () => {
  it("sums every component (ranges as SUM does) and divides by inferences", () => {
    const f = call as (id: string, ...a: unknown[]) => unknown;
    // Excel passes the repeating argument as one array of ranges.
    expect(f("TCOPERINFERENCE", 1000, [[[100]], [[20, 30]], [[50], [0]]])).toBe(0.2);
    expect(f("TCOPERINFERENCE", 1000, [[[100]], [["x", 20, true, null, "30"]]])).toBe(0.12);
    expect(f("TCOPERINFERENCE", 3, [[[0.1]], [[0.2]]])).toBe(0.1);
  });
  it("errors", () => {
    const f = call as (id: string, ...a: unknown[]) => unknown;
    expect(show(f("TCOPERINFERENCE", 0, [[[100]]]))).toBe("#DIV/0!");
    expect(show(f("TCOPERINFERENCE", -1, [[[100]]]))).toBe("#NUM!");
    expect(show(f("TCOPERINFERENCE", [[1, 2]], [[[100]]]))).toBe("#VALUE!"); // a single value
    expect(messageOf(f("TCOPERINFERENCE", [[1, 2]], [[[100]]]))).toMatch(/inferences must be a single value/);
    expect(show(f("TCOPERINFERENCE", "many", [[[100]]]))).toBe("#VALUE!");
    expect(f("TCOPERINFERENCE", 0, [[[100]], [[NA]]])).toBe(NA); // an incoming error wins
  });
  it("called as Excel calls it: repetitions in one array, invocation object last (never a component)", () => {
    const tco = SOURCE.TCOPERINFERENCE as (...a: unknown[]) => unknown;
    const inv = { functionName: "AIECON.TCOPERINFERENCE", isInValuePreview: false };
    // =AIECON.TCOPERINFERENCE(1000,500,200) → 0.7 (issue 8: it gave 0)
    expect(tco([[1000]], [[[500]], [[200]]], inv)).toBe(0.7);
    expect(tco([[1000]], [[[100]], [[20, 30]]], inv)).toBe(0.15);
    // poison after the invocation object changes nothing
    expect(tco([[1000]], [[[500]], [[200]]], inv, [[999]], 5)).toBe(0.7);
  });
});
