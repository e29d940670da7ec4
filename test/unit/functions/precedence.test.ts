/**
 * The spec's precedence ("the arguments are checked left to right and the first problem found
 * decides the result; an incoming error value always wins"), with each domain problem a problem
 * of its own argument. Every expectation is written from shared/spec/functions.md, not derived
 * from the function table.
 */
import { describe, expect, it } from "vitest";
import { CfError, ErrorCode } from "./cf-shim";
import { call, callWith, show, SOURCE } from "./helpers";

const NA = new CfError(ErrorCode.notAvailable);

/** [formula, id, args, expected] */
const CASES: readonly [string, string, unknown[], unknown][] = [
  // the cases: a zero divisor or out-of-range value before a type problem
  ['COSTPERINFERENCE(100,0,"abc")', "COSTPERINFERENCE", [100, 0, "abc"], "#DIV/0!"],
  ['COSTPERINFERENCE(100,-5,"abc")', "COSTPERINFERENCE", [100, -5, "abc"], "#NUM!"],
  ['TOKENCOST(-1,"b",2.5,10)', "TOKENCOST", [-1, "b", 2.5, 10], "#NUM!"],
  ['AMORTIZE(1200,-12,"x")', "AMORTIZE", [1200, -12, "x"], "#NUM!"],
  ['AMORTIZE(1200,0,"x")', "AMORTIZE", [1200, 0, "x"], "#DIV/0!"],
  ['VALUEPERINFERENCE(10,0,"x")', "VALUEPERINFERENCE", [10, 0, "x"], "#DIV/0!"],
  ['VALUEFROMTIMESAVED(-1,"x")', "VALUEFROMTIMESAVED", [-1, "x"], "#NUM!"],
  ['VALUEFROMTIMESAVED(1,-7,"x")', "VALUEFROMTIMESAVED", [1, -7, "x"], "#NUM!"],
  ['CACHESAVINGS(0.01,1.5,"x")', "CACHESAVINGS", [0.01, 1.5, "x"], "#NUM!"],
  ['SERVINGCOSTPERINFERENCE(-2,"x")', "SERVINGCOSTPERINFERENCE", [-2, "x"], "#NUM!"],
  ['SERVINGCOSTPERINFERENCE(2,0,"x")', "SERVINGCOSTPERINFERENCE", [2, 0, "x"], "#DIV/0!"],
  ['BREAKEVENVOLUME(-5,"x",1)', "BREAKEVENVOLUME", [-5, "x", 1], "#NUM!"],
  ['TOKENCOST(10,1,1,-1,"x")', "TOKENCOST", [10, 1, 1, -1, "x"], "#NUM!"],
  ['TCOPERINFERENCE(0,"x")', "TCOPERINFERENCE", [0, "x"], "#DIV/0!"],
  // a type problem before a domain problem: the type problem decides
  ['COSTPERINFERENCE("abc",0)', "COSTPERINFERENCE", ["abc", 0], "#VALUE!"],
  ['COSTPERINFERENCE(100,"abc",0)', "COSTPERINFERENCE", [100, "abc", 0], "#VALUE!"],
  ['TOKENCOST(1,"b",-2.5,10)', "TOKENCOST", [1, "b", -2.5, 10], "#VALUE!"],
  ['AMORTIZE(1200,"x",-1)', "AMORTIZE", [1200, "x", -1], "#VALUE!"],
  ['CASCADECOST("x",1,2)', "CASCADECOST", ["x", 1, 2], "#VALUE!"],
  ['ROIMULTIPLE(TRUE,0)', "ROIMULTIPLE", [true, 0], "#VALUE!"],
  // a relation is a problem of the later argument
  ['TOKENCOST(10,"b",1,1,20)', "TOKENCOST", [10, "b", 1, 1, 20], "#VALUE!"],
  ['TOKENCOST(10,1,1,1,20,"x")', "TOKENCOST", [10, 1, 1, 1, 20, "x"], "#NUM!"],
  ['AMORTIZE(1200,12,13)', "AMORTIZE", [1200, 12, 13], "#NUM!"],
  ['BREAKEVENVOLUME(100,0.01,0.02)', "BREAKEVENVOLUME", [100, 0.01, 0.02], "#NUM!"],
  ['BREAKEVENVOLUME("x",0.01,0.02)', "BREAKEVENVOLUME", ["x", 0.01, 0.02], "#VALUE!"],
  // an incoming error always wins, wherever it is
  ["COSTPERINFERENCE(100,0,#N/A)", "COSTPERINFERENCE", [100, 0, NA], "#N/A"],
  ['COSTPERINFERENCE("abc",0,#N/A)', "COSTPERINFERENCE", ["abc", 0, NA], "#N/A"],
  ["AMORTIZE(1200,-12,#N/A)", "AMORTIZE", [1200, -12, NA], "#N/A"],
  ['TCOPERINFERENCE("k",{1,#N/A})', "TCOPERINFERENCE", ["k", [[1, NA]]], "#N/A"],
  ["TCOPERINFERENCE(0,{1,#N/A})", "TCOPERINFERENCE", [0, [[1, NA]]], "#N/A"],
];

describe("precedence: left to right, the first problem decides, an incoming error wins", () => {
  for (const [formula, id, args, expected] of CASES) {
    it(`=AIECON.${formula} → ${String(expected)}`, () => {
      expect(show(call(id, ...args))).toBe(expected);
    });
  }

  it("element-wise: each cell is decided left to right on its own", () => {
    // row 1: inferences 0 comes before per "abc" → #DIV/0!; row 2: per "abc" is the first problem → #VALUE!
    expect(show(callWith(SOURCE, "COSTPERINFERENCE", 100, [[0], [5]], "abc"))).toEqual([["#DIV/0!"], ["#VALUE!"]]);
    // a relation per cell: periods 13 > life 12 only in row 1
    expect(show(callWith(SOURCE, "AMORTIZE", 1200, 12, [[13], [6]]))).toEqual([["#NUM!"], [600]]);
  });
});
