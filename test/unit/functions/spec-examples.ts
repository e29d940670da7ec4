/** The Examples table of shared/spec/functions.md, shared by the source and the built-bundle tests. */
import { expect } from "vitest";
import { show } from "./helpers";

/** [formula, function, arguments, expected] — as in the spec. */
export const SPEC_EXAMPLES: readonly [string, string, unknown[], number | string][] = [
  ["=AIECON.COSTPERINFERENCE(1250, 500000)", "COSTPERINFERENCE", [1250, 500000], 0.0025],
  ["=AIECON.COSTPERINFERENCE(1250, 500000, 1000)", "COSTPERINFERENCE", [1250, 500000, 1000], 2.5],
  ["=AIECON.COSTPERINFERENCE(1250, 0)", "COSTPERINFERENCE", [1250, 0], "#DIV/0!"],
  ["=AIECON.ROIMULTIPLE(0.03, 0.0025)", "ROIMULTIPLE", [0.03, 0.0025], 12],
  ["=AIECON.BENCHMARKBAND(12)", "BENCHMARKBAND", [12], "Excellent"],
  ["=AIECON.BENCHMARKBAND(3)", "BENCHMARKBAND", [3], "Good"],
  ["=AIECON.BENCHMARKBAND(0.99)", "BENCHMARKBAND", [0.99], "Unsustainable"],
  ["=AIECON.COSTTOVALUERATIO(0.0025, 0.03)", "COSTTOVALUERATIO", [0.0025, 0.03], 0.0833333333333333],
  ["=AIECON.MARGINCONTRIBUTION(0.03, 0.0025, 1000)", "MARGINCONTRIBUTION", [0.03, 0.0025, 1000], 27.5],
  ["=AIECON.TOKENCOST(1000000, 200000, 2.5, 10, 400000, 1.25)", "TOKENCOST", [1000000, 200000, 2.5, 10, 400000, 1.25], 4.0],
  ["=AIECON.CASCADECOST(0.0004, 0.01, 0.2)", "CASCADECOST", [0.0004, 0.01, 0.2], 0.0024],
  ["=AIECON.COSTGROWTH({100,110,121})", "COSTGROWTH", [[[100, 110, 121]]], 0.1],
];

/** Compares as Excel displays: 15 significant digits for numbers, exactly for the rest. */
export function expectExample(actual: unknown, expected: number | string): void {
  if (typeof expected === "number") {
    expect(typeof actual).toBe("number");
    expect(Number((actual as number).toPrecision(15))).toBe(expected);
  } else {
    expect(show(actual)).toBe(expected);
  }
}
