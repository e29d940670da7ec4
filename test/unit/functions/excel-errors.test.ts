/**
 * Incoming error values (functions.md, "Rules shared by every function"): an error passed in comes
 * back out unchanged, except #REF! and #NAME?, which Excel accepts as a custom function's input
 * but not as its result (CustomFunctions.ErrorCode: invalidReference / invalidName "supported as
 * a custom function input error but not as a custom function output error"): they give #VALUE!
 * naming the incoming error and the argument. Called as Excel calls (invocation object last).
 */
import { describe, expect, it } from "vitest";
import { CfError, ErrorCode } from "./cf-shim";
import { call, callWith, messageOf, show, SOURCE } from "./helpers";

const REF = new CfError(ErrorCode.invalidReference);
const NAME = new CfError(ErrorCode.invalidName);
const NA = new CfError(ErrorCode.notAvailable);

describe("incoming #REF! and #NAME?", () => {
  it("element-wise, single values: #VALUE! naming the error and the argument", () => {
    const r = call("COSTPERINFERENCE", REF, 10);
    expect(show(r)).toBe("#VALUE!");
    expect(messageOf(r)).toBe("total_cost is #REF!");
    const n = call("ROIMULTIPLE", 3, NAME);
    expect(show(n)).toBe("#VALUE!");
    expect(messageOf(n)).toBe("cost is #NAME?");
  });

  it("element-wise, inside a range: only that cell, #VALUE! naming the argument", () => {
    const out = callWith(SOURCE, "COSTPERINFERENCE", [[10], [20]], [[2], [REF]]) as unknown[][];
    expect(show(out)).toEqual([[5], ["#VALUE!"]]);
    expect(messageOf(out[1][0])).toBe("inferences is #REF!");
  });

  it("aggregates and repeating components: #VALUE! naming the argument", () => {
    const g = call("COSTGROWTH", [[1, REF, 2]]);
    expect(show(g)).toBe("#VALUE!");
    expect(messageOf(g)).toBe("values is #REF!");
    const t = call("TCOPERINFERENCE", "k", [[[1]], [[NAME]]]);
    expect(show(t)).toBe("#VALUE!"); // an incoming error wins over the bad inferences text
    expect(messageOf(t)).toBe("cost_component is #NAME?");
  });

  it("other incoming errors come back unchanged, and win over every other problem", () => {
    expect(call("COSTPERINFERENCE", NA, 0)).toBe(NA);
    expect(call("COSTPERINFERENCE", "abc", NA)).toBe(NA);
    expect(call("TCOPERINFERENCE", "k", [[[1]], [[NA]]])).toBe(NA);
  });
});
