/** The Examples table of shared/spec/functions.md, exactly, through the source functions. */
import { describe, expect, it } from "vitest";
import { call } from "./helpers";
import { expectExample, SPEC_EXAMPLES } from "./spec-examples";

describe("spec examples (source functions)", () => {
  for (const [formula, id, args, expected] of SPEC_EXAMPLES) {
    it(`${formula} → ${expected}`, () => {
      expectExample(call(id, ...args), expected);
    });
  }

  it("exact results are exact doubles, not rounded floats", () => {
    expect(call("COSTPERINFERENCE", 1250, 500000)).toBe(0.0025);
    expect(call("ROIMULTIPLE", 0.03, 0.0025)).toBe(12);
    expect(call("CASCADECOST", 0.0004, 0.01, 0.2)).toBe(0.0024);
    expect(call("COSTGROWTH", [[100, 110, 121]])).toBe(0.1);
    expect(call("COSTTOVALUERATIO", 0.0025, 0.03)).toBe(1 / 12); // 0.0025 / 0.03 in floats is 0.08333333333333334
  });
});
