/**
 * The shared rules of the runner: coercion of arguments, blanks, omitted optionals,
 * incoming error values, left-to-right precedence, range broadcasting and spills.
 */
import { describe, expect, it } from "vitest";
import { installCustomFunctionsShim } from "./cf-shim";
import { call, messageOf, show, SOURCE } from "./helpers";

const CF = installCustomFunctionsShim();
const NA = new CF.Error(CF.ErrorCode.notAvailable, "lookup failed");
const REF = new CF.Error(CF.ErrorCode.invalidReference);
/** "#VALUE! message" of a result, for the #REF!/#NAME? rule. */
const refText = (x: unknown): string => `${String(show(x))} ${messageOf(x)}`;
const DIV = new CF.Error(CF.ErrorCode.divisionByZero);

describe("arithmetic is decimal", () => {
  it("0.1 + 0.2 is 0.3", () => {
    expect(call("CASCADECOST", 0.1, 0.2, 1)).toBe(0.3);
    expect(call("CACHESAVINGS", 0.3, 1, 0.1)).toBe(0.2);
    expect(call("COSTPERINFERENCE", 0.3, 0.1)).toBe(3);
  });
});

describe("coercion", () => {
  it.each([
    ["12", 12],
    [" -3.5 ", -3.5],
    ["1e3", 1000],
    ["+5", 5],
    [".5", 0.5],
    ["5.", 5],
    ["\t7\n", 7],
    ["1E-2", 0.01],
  ])("numeric text %j counts as %s", (text, n) => {
    expect(call("COSTPERINFERENCE", text, 1)).toBe(n);
    expect(call("MARGINCONTRIBUTION", text, 0)).toBe(n);
    expect(call("COSTGROWTH", [[1, 2]]) as number).toBe(1);
  });

  it.each([["abc"], ["12abc"], ["1,000"], ["$5"], ["0x10"], ["Infinity"], ["NaN"], [" "], ["\t"], ["--1"], ["1e"], ["."]])(
    "other text %j is #VALUE! naming the argument",
    (text) => {
      const r = call("COSTPERINFERENCE", 1, text);
      expect(show(r)).toBe("#VALUE!");
      expect(messageOf(r)).toMatch(/^inferences must be a number/);
    },
  );

  it("booleans are #VALUE! naming the argument", () => {
    const r = call("COSTPERINFERENCE", true, 10);
    expect(show(r)).toBe("#VALUE!");
    expect(messageOf(r)).toBe("total_cost must be a number, not the boolean TRUE");
    expect(messageOf(call("TOKENCOST", 1, 1, 1, 1, false))).toMatch(/^cached_input_tokens must be a number, not the boolean FALSE/);
  });

  it("a blank (null, \"\" or 0) in a required position counts as 0", () => {
    for (const blank of [null, "", 0]) {
      expect(show(call("COSTPERINFERENCE", 100, blank))).toBe("#DIV/0!");
      expect(call("COSTPERINFERENCE", blank, 100)).toBe(0);
      expect(call("MARGINCONTRIBUTION", 0.5, blank)).toBe(0.5);
      expect(call("BENCHMARKBAND", blank)).toBe("Unsustainable");
    }
  });

  it("null and \"\" in an optional position take the default; a number, 0 included, is used", () => {
    expect(call("COSTPERINFERENCE", 1250, 500000, null)).toBe(0.0025);
    expect(call("COSTPERINFERENCE", 1250, 500000, "")).toBe(0.0025);
    expect(show(call("COSTPERINFERENCE", 1250, 500000, 0))).toBe("#NUM!");
    expect(call("AMORTIZE", 1200, 12, "")).toBe(100);
    expect(call("AMORTIZE", 1200, 12, 0)).toBe(0);
    expect(call("SERVINGCOSTPERINFERENCE", 4, 1000, "")).toBe(0.004);
    expect(show(call("SERVINGCOSTPERINFERENCE", 4, 1000, 0))).toBe("#NUM!");
    expect(call("TAILRATIO", [[1, 2, 3, 4, 100]], "")).toBe(80.8 / 3);
    expect(call("TAILRATIO", [[1, 2, 3, 4, 100]], 0)).toBe(1 / 3);
  });

  it("an omitted optional argument arrives as null, undefined or [[null]] alike", () => {
    const f = SOURCE.COSTPERINFERENCE;
    expect(f([[1250]], [[500000]])).toEqual([[0.0025]]);
    expect(f([[1250]], [[500000]], null)).toEqual([[0.0025]]);
    expect(f([[1250]], [[500000]], [[null]])).toEqual([[0.0025]]);
    expect(SOURCE.BENCHMARKBAND([[5]], [[null]])).toEqual([["Good"]]);
  });

  it("non-finite numbers are #NUM!", () => {
    expect(show(call("COSTPERINFERENCE", Infinity, 1))).toBe("#NUM!");
    expect(show(call("COSTPERINFERENCE", 1, NaN))).toBe("#NUM!");
    expect(show(call("COSTPERINFERENCE", 1e308, 1e-308))).toBe("#NUM!"); // overflows a double
  });

  it("other values (objects) are #VALUE!", () => {
    expect(show(call("ROIMULTIPLE", 1, { type: "Entity" }))).toBe("#VALUE!");
  });
});

describe("incoming error values", () => {
  it("come back unchanged", () => {
    expect(call("COSTPERINFERENCE", NA, 10)).toBe(NA);
    expect(refText(call("COSTPERINFERENCE", 10, REF))).toBe("#VALUE! inferences is #REF!"); // #REF! cannot be a result
    expect(call("BENCHMARKBAND", NA)).toBe(NA);
    expect(call("COSTGROWTH", [[1, NA]])).toBe(NA);
  });
  it("always win, and the first one left to right decides", () => {
    expect(call("COSTPERINFERENCE", "abc", NA)).toBe(NA); // over a #VALUE!
    expect(call("COSTPERINFERENCE", NA, 0)).toBe(NA); // over a #DIV/0!
    expect(refText(call("COSTPERINFERENCE", REF, NA))).toBe("#VALUE! total_cost is #REF!");
    expect(call("COSTPERINFERENCE", 1, 0, DIV)).toBe(DIV);
    expect(call("BENCHMARKBAND", NA, [[1, 2, 3]])).toBe(NA); // over malformed cutoffs
    expect(refText(call("BENCHMARKBAND", 5, [[10, REF, 1]]))).toBe("#VALUE! cutoffs is #REF!");
  });
  it("an Excel ErrorCellValue maps to its error code", () => {
    expect(show(call("ROIMULTIPLE", { type: "Error", errorType: "Div0" }, 1))).toBe("#DIV/0!");
    expect(show(call("ROIMULTIPLE", { type: "Error", errorType: "NotAvailable" }, 1))).toBe("#N/A");
  });
});

describe("left to right", () => {
  it("the first problem decides", () => {
    expect(messageOf(call("COSTPERINFERENCE", "x", "y"))).toMatch(/^total_cost/);
    expect(messageOf(call("COSTPERINFERENCE", 1, "y", "z"))).toMatch(/^inferences/);
    expect(show(call("COSTPERINFERENCE", 1, 0, -1))).toBe("#DIV/0!");
    expect(show(call("COSTPERINFERENCE", 1, -1, "z"))).toBe("#NUM!"); // inferences -1 is met before per "z" (the spec: left to right)
    expect(show(call("AMORTIZE", 1, 0, 5))).toBe("#DIV/0!");
  });
});

describe("ranges (element-wise)", () => {
  const f = SOURCE.COSTPERINFERENCE;
  it("a range spills a result of the same shape; a 1×1 argument is used for every cell", () => {
    expect(f([[100], [200], [300]], [[100]])).toEqual([[1], [2], [3]]);
    expect(f([[100, 200, 300]], [[10, 20, 30]])).toEqual([[10, 10, 10]]);
    expect(f([[1, 2], [3, 4]], [[2, 4], [8, 16]], [[100]])).toEqual([[50, 50], [37.5, 25]]);
    expect(f([[100]], [[10], [20]])).toEqual([[10], [5]]);
    expect(SOURCE.BENCHMARKBAND([[12, 3, 1, 0.99]])).toEqual([["Excellent", "Good", "Marginal", "Unsustainable"]]);
  });
  it("shapes that differ give a single #VALUE!", () => {
    for (const [a, b] of [
      [[[1, 2, 3]], [[1], [2], [3]]], // 1×N against N×1
      [[[1, 2, 3]], [[1, 2]]],
      [[[1], [2]], [[1], [2], [3]]],
      [[[1, 2], [3, 4]], [[1, 2]]],
    ]) {
      const r = f(a, b) as unknown[][];
      expect(show(r)).toEqual([["#VALUE!"]]);
      expect(messageOf(r[0][0])).toMatch(/same shape/);
    }
  });
  it("an error in one cell affects only that cell", () => {
    const r = f([[100], [NA], ["abc"], [400], [true], [600]], [[100], [100], [100], [0], [100], [-1]]) as unknown[][];
    expect(show(r)).toEqual([[1], ["#N/A"], ["#VALUE!"], ["#DIV/0!"], ["#VALUE!"], ["#NUM!"]]);
    expect(r[1][0]).toBe(NA);
  });
  it("optional arguments may be ranges, blank cells taking the default", () => {
    expect(show(f([[1000]], [[100]], [[null], [10], [""], [0]]))).toEqual([[10], [100], [10], ["#NUM!"]]);
    expect(show(f([[1000]], [[100]], [[0]]))).toEqual([["#NUM!"]]);
  });
  it("malformed cutoffs give a single #VALUE! whatever the shape of roi_multiple", () => {
    const r = SOURCE.BENCHMARKBAND([[1], [5], [12]], [[10, 3, 5]]) as unknown[][];
    expect(show(r)).toEqual([["#VALUE!"]]);
    expect(show(SOURCE.BENCHMARKACTION([[1, 5, 12]], [[10, 3]]))).toEqual([["#VALUE!"]]);
    expect(SOURCE.BENCHMARKBAND([[1], [5], [12]], [[10], [4], [2]])).toEqual([["Unsustainable"], ["Good"], ["Excellent"]]);
  });
  it("a non-rectangular or empty range is a single #VALUE!", () => {
    expect(show(f([[1, 2], [3]], [[1]]))).toEqual([["#VALUE!"]]);
    expect(show(f([], [[1]]))).toEqual([["#VALUE!"]]);
    expect(show(f([[]], [[1]]))).toEqual([["#VALUE!"]]);
  });
  it("a 1×1 error value with mismatched ranges wins over the shape problem", () => {
    expect(SOURCE.TOKENCOST([[NA]], [[1, 2]], [[1], [2]], [[1]])).toEqual([[NA]]);
  });
  it("element-wise results are always matrices; a single value is 1×1", () => {
    expect(f([[1]], [[4]])).toEqual([[0.25]]);
    expect(f(1, 4)).toEqual([[0.25]]); // a caller that passes bare values gets the same
    expect(show(f([[1]], [[0]]))).toEqual([["#DIV/0!"]]);
  });
  it("a large spill computes every cell", () => {
    const n = 5000;
    const costs = Array.from({ length: n }, (_, i) => [i + 0.5]);
    const r = f(costs, [[0.5]], [[2]]) as number[][];
    expect(r.length).toBe(n);
    for (let i = 0; i < n; i += 777) expect(r[i][0]).toBe((i + 0.5) * 4);
  });
});

describe("the function table is typed by id", () => {
  it("FN has every declared id and no other (a typo does not compile)", async () => {
    const { FN, DECLARATIONS } = await import("../../../src/functions/table");
    // @ts-expect-error: no such function
    expect(FN.COSTPERINFERENC).toBeUndefined();
    expect(Object.keys(FN).sort()).toEqual(DECLARATIONS.map((d) => d.id).sort());
  });
});
