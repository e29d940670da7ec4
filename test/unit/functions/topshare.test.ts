/** TOPSHARE, called as Excel does: 2D arrays, omitted optional null, invocation object last, both blank conventions. */
import { describe, expect, it } from "vitest";
import { installCustomFunctionsShim } from "./cf-shim";
import { show } from "./helpers";
import { TOPSHARE } from "../../../src/functions/functions";

installCustomFunctionsShim();
const INV = { functionName: "AIECON.TOPSHARE", isInValuePreview: false };
const call = (costs: unknown[][], share: unknown[][] | null): unknown =>
  (TOPSHARE as (...a: unknown[]) => unknown)(costs, share, INV);

for (const blank of [null, 0]) {
  describe(`TOPSHARE (blank = ${String(blank)})`, () => {
    it("share of the costliest ceil(share × n)", () => {
      const costs = [Array.from({ length: 100 }, (_, i) => i + 1)];
      // 0.05 × 100 = 5 exactly in decimal: top 5 = 96..100 = 490, total 5050
      expect(call(costs, null)).toBe(490 / 5050);
      expect(call([[1, 2, 3, 4]], [[0.5]])).toBe(0.7);
      expect(call([[1, blank, "x", 4]], [[1]])).toBe(1);
    });
    it("errors", () => {
      expect(show(call([[1, 2]], [[0]]))).toBe("#NUM!");
      expect(show(call([[1, 2]], [[1.5]]))).toBe("#NUM!");
      expect(show(call([[blank, "a"]], null))).toBe(blank === 0 ? "#DIV/0!" : "#NUM!");
      expect(show(call([[1, -2]], null))).toBe("#NUM!");
      expect(show(call([[0, 0]], null))).toBe("#DIV/0!");
    });
  });
}
