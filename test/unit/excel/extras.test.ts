import { describe, expect, it } from "vitest";
import { carryExtras } from "../../../src/excel/extras";

describe("carryExtras", () => {
  it("keeps the cells of kept rows in order and fills new rows with a column's one formula", () => {
    const old = [["a", "=[@Cost]*2"], ["b", "=[@Cost]*2"], ["c", "=[@Cost]*2"]];
    expect(carryExtras(["Note", "Double"], old, [0, 2], 2)).toEqual({
      headers: ["Note", "Double"],
      rows: [["a", "=[@Cost]*2"], ["c", "=[@Cost]*2"], ["", "=[@Cost]*2"], ["", "=[@Cost]*2"]],
    });
  });
  it("a column of differing formulas or constants leaves new rows blank", () => {
    expect(carryExtras(["F"], [["=G2"], ["=G3"]], [0, 1], 1).rows).toEqual([["=G2"], ["=G3"], [""]]);
  });
});
