/**
 * The element-wise functions, one by one: typical values, every error row of the spec,
 * inclusive boundaries, defaults of optional arguments.
 */
import { describe, expect, it } from "vitest";
import { call, messageOf, show } from "./helpers";

type Case = [args: unknown[], expected: number | string];

/** Runs each case through the source function; numbers compare exactly (decimal results). */
function table(id: string, cases: Case[]): void {
  describe(id, () => {
    for (const [args, expected] of cases) {
      it(`${id}(${args.map((a) => JSON.stringify(a)).join(", ")}) → ${expected}`, () => {
        expect(show(call(id, ...args))).toBe(expected);
      });
    }
  });
}

table("COSTPERINFERENCE", [
  [[1250, 500000], 0.0025],
  [[1250, 500000, 1000], 2.5],
  [[0.3, 3], 0.1],
  [[-50, 1000], -0.05], // net credits allowed
  [[0, 10], 0],
  [[1, 3], 1 / 3],
  [[1250, 500000, null], 0.0025], // omitted per → 1
  [[1250, 0], "#DIV/0!"],
  [[1250, -5], "#NUM!"],
  [[1250, 500000, 0], "#NUM!"], // per given as 0 is used: ≤ 0
  [[1250, 500000, -1000], "#NUM!"],
  [[1250, 0, -1], "#DIV/0!"], // left to right: inferences first
]);

table("VALUEPERINFERENCE", [
  [[15000, 500000], 0.03],
  [[15000, 500000, 1000], 30],
  [[-100, 100], -1],
  [[15000, 0], "#DIV/0!"],
  [[15000, -1], "#NUM!"],
  [[15000, 10, 0], "#NUM!"],
]);

table("COSTTOVALUERATIO", [
  [[0.0025, 0.03], 1 / 12],
  [[1250, 15000], 1 / 12],
  [[3, 1.5], 2],
  [[-1, 4], -0.25],
  [[1, 0], "#DIV/0!"],
  [[1, -2], "#NUM!"],
]);

table("ROIMULTIPLE", [
  [[0.03, 0.0025], 12],
  [[15000, 1250], 12],
  [[-0.03, 0.0025], -12], // negative value → negative multiple
  [[0.3, 0.1], 3], // floats would give 2.9999999999999996
  [[1, 0], "#DIV/0!"],
  [[1, -0.5], "#NUM!"],
]);

table("MARGINCONTRIBUTION", [
  [[0.03, 0.0025], 0.0275],
  [[0.03, 0.0025, 1000], 27.5],
  [[0.0025, 0.03, 1000], -27.5],
  [[0.03, 0.0025, 0], 0],
  [[0.03, 0.0025, null], 0.0275],
  [[0.03, 0.0025, ""], 0.0275],
  [[0.03, 0.0025, -1], "#NUM!"],
  [[0.3, 0.1], 0.2], // floats: 0.19999999999999998
]);

table("BENCHMARKBAND", [
  [[12], "Excellent"],
  [[10], "Excellent"], // inclusive
  [[9.999999], "Good"],
  [[3], "Good"], // inclusive
  [[2.99], "Marginal"],
  [[1], "Marginal"], // inclusive
  [[0.99], "Unsustainable"],
  [[0], "Unsustainable"],
  [[-4], "Unsustainable"],
  [[5, [[20, 5, 2]]], "Good"],
  [[20, [[20], [5], [2]]], "Excellent"],
  [[1.5, [[20, 5, 2]]], "Unsustainable"],
  [[5, [[10, 3, 3]]], "#VALUE!"], // not strictly descending
  [[5, [[1, 3, 10]]], "#VALUE!"],
  [[5, [[10, 3]]], "#VALUE!"], // two numbers
  [[5, [[10, 3, 1, 0]]], "#VALUE!"], // four
  [[5, [[10, "x", 1]]], "#VALUE!"],
  [[5, [[10, true, 1]]], "#VALUE!"],
  [[5, [[10, null, 1]]], "#VALUE!"],
  [[5, [["10", " 3 ", "1"]]], "Good"], // numeric text counts
  [[5, null], "Good"], // omitted
  [[5, ""], "Good"],
]);

table("BENCHMARKACTION", [
  [[12], "Invest in scaling"],
  [[10], "Invest in scaling"],
  [[3], "Keep optimising"],
  [[1], "Optimise serving infrastructure"],
  [[0.5], "Redesign or decommission"],
  [[5, [[20, 10, 5]]], "Optimise serving infrastructure"],
  [[5, [[1, 2, 3]]], "#VALUE!"],
]);

table("VALUEFROMTIMESAVED", [
  [[3, 60], 3],
  [[3, 60, 1000], 3000],
  [[1, 50], 5 / 6],
  [[0, 60], 0],
  [[3, 60, null], 3],
  [[-3, 60], "#NUM!"],
  [[3, -60], "#NUM!"],
  [[3, 60, -1], "#NUM!"],
]);

table("TOKENCOST", [
  [[1000000, 200000, 2.5, 10, 400000, 1.25], 4],
  [[1000000, 200000, 2.5, 10], 4.5],
  [[1000000, 200000, 2.5, 10, 400000], 4.5], // cached at the input price by default
  [[1000000, 200000, 2.5, 10, 400000, null], 4.5],
  [[1000000, 200000, 2.5, 10, null, 1.25], 4.5], // no cached tokens
  [[1000, 500, 3, 15], 0.0105],
  [[1000, 500, 3, 15, 1000, 0.3], 0.0078], // all cached
  [[0, 0, 3, 15], 0],
  [[-1, 500, 3, 15], "#NUM!"],
  [[1000, -1, 3, 15], "#NUM!"],
  [[1000, 500, -3, 15], "#NUM!"],
  [[1000, 500, 3, -15], "#NUM!"],
  [[1000, 500, 3, 15, -1], "#NUM!"],
  [[1000, 500, 3, 15, 10, -0.3], "#NUM!"],
  [[1000, 500, 3, 15, 1001], "#NUM!"], // cached > input
]);

table("CASCADECOST", [
  [[0.0004, 0.01, 0.2], 0.0024],
  [[0.0004, 0.01, 0], 0.0004],
  [[0.0004, 0.01, 1], 0.0104],
  [[0.0004, 0.01, -0.1], "#NUM!"],
  [[0.0004, 0.01, 1.01], "#NUM!"],
]);

table("CACHESAVINGS", [
  [[0.01, 0.3], 0.003],
  [[0.01, 0.3, 0.0001], 0.0029],
  [[0.01, 0.01, 0.001], -0.0009], // the cache costs more than it saves
  [[0.01, 0], 0],
  [[0.01, 1], 0.01],
  [[0.01, 0.3, null], 0.003],
  [[0.01, -0.1], "#NUM!"],
  [[0.01, 1.1], "#NUM!"],
  [[0.01, 0.3, -0.0001], "#NUM!"],
]);

table("SERVINGCOSTPERINFERENCE", [
  [[4, 1000], 0.004],
  [[4, 1000, 0.5], 0.008],
  [[4, 1000, 1], 0.004],
  [[4, 1000, null], 0.004],
  [[0, 1000], 0],
  [[4, 0], "#DIV/0!"],
  [[4, -1000], "#NUM!"],
  [[-4, 1000], "#NUM!"],
  [[-4, 0], "#NUM!"], // left to right: hourly_cost first
  [[4, 1000, 0], "#NUM!"],
  [[4, 1000, -0.5], "#NUM!"],
  [[4, 1000, 1.5], "#NUM!"],
]);

table("AMORTIZE", [
  [[1200, 12], 100],
  [[1200, 12, 3], 300],
  [[1200, 12, 0], 0],
  [[1200, 12, 12], 1200],
  [[1000, 3], 1000 / 3],
  [[1200, 12, null], 100],
  [[1200, 0], "#DIV/0!"],
  [[1200, -12], "#NUM!"],
  [[1200, 12, -1], "#NUM!"],
  [[1200, 12, 13], "#NUM!"],
]);

table("BREAKEVENVOLUME", [
  [[10000, 0.03, 0.0025], 10000 / 0.0275],
  [[5500, 0.03, 0.0025], 200000],
  [[0, 0.03, 0.0025], 0],
  [[10000, 0.03, 0.03], "#NUM!"], // never breaks even
  [[10000, 0.02, 0.03], "#NUM!"],
  [[-1, 0.03, 0.0025], "#NUM!"],
]);

describe("messages", () => {
  it("#DIV/0! and #NUM! carry no message", () => {
    const e = call("COSTPERINFERENCE", 1, 0) as { message?: string };
    expect(e.message).toBeUndefined();
    expect((call("COSTPERINFERENCE", 1, -1) as { message?: string }).message).toBeUndefined();
  });
  it("malformed cutoffs say what is wrong", () => {
    expect(messageOf(call("BENCHMARKBAND", 5, [[10, 3, 4]]))).toMatch(/cutoffs.*strictly descending/);
  });
});
