/**
 * The AIECON functions in the workbench: registered into HyperFormula from the built
 * dist/functions.js + dist/functions.json through the CustomFunctions shim (no second
 * implementation), checked against the examples of ../shared/spec/functions.md.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createHost, getCell, setCell, type WorkbenchHost } from "../../../src/workbench/host";
import { BUILD_TIMEOUT, loadBuiltFunctions } from "./load-functions";

let host: WorkbenchHost;
let names: string[] = [];
beforeAll(() => {
  names = loadBuiltFunctions().names;
  host = createHost();
}, BUILD_TIMEOUT);

async function calc(formula: string, at = "A1"): Promise<unknown> {
  await setCell(host, "Sheet1", at, formula);
  return (await getCell(host, "Sheet1", at)).value;
}

describe("registration", () => {
  it("registers every function of functions.json under AIECON.<NAME>", () => {
    expect(names).toContain("AIECON.COSTPERINFERENCE");
    expect(names.every((n) => n.startsWith("AIECON."))).toBe(true);
  });

  it("keeps the user's formula text", async () => {
    await setCell(host, "Sheet1", "A1", "=AIECON.COSTPERINFERENCE(1250,500000)");
    expect((await getCell(host, "Sheet1", "A1")).formula).toBe("=AIECON.COSTPERINFERENCE(1250,500000)");
  });
});

describe("spec examples", () => {
  const examples: [string, unknown][] = [
    ["=AIECON.COSTPERINFERENCE(1250, 500000)", 0.0025],
    ["=AIECON.COSTPERINFERENCE(1250, 500000, 1000)", 2.5],
    ["=AIECON.COSTPERINFERENCE(1250, 0)", "#DIV/0!"],
    ["=AIECON.ROIMULTIPLE(0.03, 0.0025)", 12],
    ["=AIECON.BENCHMARKBAND(12)", "Excellent"],
    ["=AIECON.BENCHMARKBAND(3)", "Good"],
    ["=AIECON.BENCHMARKBAND(0.99)", "Unsustainable"],
    ["=AIECON.MARGINCONTRIBUTION(0.03, 0.0025, 1000)", 27.5],
    ["=AIECON.TOKENCOST(1000000, 200000, 2.5, 10, 400000, 1.25)", 4],
    ["=AIECON.CASCADECOST(0.0004, 0.01, 0.2)", 0.0024],
    ["=AIECON.COSTGROWTH({100,110,121})", 0.1],
  ];
  for (const [f, want] of examples) {
    it(`${f} → ${String(want)}`, async () => {
      const got = await calc(f);
      if (typeof want === "number") expect(got).toBeCloseTo(want, 12);
      else expect(got).toBe(want);
    });
  }
  it("=AIECON.COSTTOVALUERATIO(0.0025, 0.03) → 0.0833333333333333", async () => {
    expect(await calc("=AIECON.COSTTOVALUERATIO(0.0025, 0.03)")).toBeCloseTo(0.0833333333333333, 15);
  });
  it("a text argument gives #VALUE!", async () => {
    expect(await calc('=AIECON.COSTPERINFERENCE("abc", 10)')).toBe("#VALUE!");
  });
  it("works inside built-ins (IFERROR, SUM) and from cell references", async () => {
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("D1:E1").values = [[1250, 0]];
    });
    expect(await calc('=IFERROR(AIECON.COSTPERINFERENCE(D1,E1),"n/a")', "F1")).toBe("n/a");
    expect(await calc("=AIECON.COSTPERINFERENCE(D1,500000)*2", "F2")).toBeCloseTo(0.005, 15);
  });
});

describe("spills", () => {
  it("an element-wise function over ranges spills into cells of the same shape", async () => {
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("Spill");
      ws.getRange("A1:B3").values = [[10, 100], [20, 0], [30, 300]];
      ws.getRange("D1").formulas = [["=AIECON.COSTPERINFERENCE(A1:A3,B1:B3)"]];
      await ctx.sync();
      const r = ws.getRange("D1:D3");
      r.load("values,formulas");
      await ctx.sync();
      expect(r.values).toEqual([[0.1], ["#DIV/0!"], [0.1]]);
      expect(r.formulas[0][0]).toBe("=AIECON.COSTPERINFERENCE(A1:A3,B1:B3)");
      expect(r.formulas[1][0]).toBe("#DIV/0!");
    });
  });

  it("COSTBRIDGE spills its 5 × 2 lines; FORECASTUNITCOST spills periods_ahead × 3 (a number or a constant cell)", async () => {
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("Bridge");
      ws.getRange("A1:D2").values = [[100, 1000, 150, 1500], [50, 1000, 40, 500]];
      ws.getRange("F1").formulas = [["=AIECON.COSTBRIDGE(A1:A2,B1:B2,C1:C2,D1:D2)"]];
      ws.getRange("A5:A8").values = [[10], [8], [6], [4]];
      ws.getRange("B5").values = [[3]];
      ws.getRange("F10").formulas = [['=AIECON.FORECASTUNITCOST(A5:A8,2,"linear")']];
      ws.getRange("F14").formulas = [['=AIECON.FORECASTUNITCOST(A5:A8,B5,"linear")']];
      await ctx.sync();
      const bridge = ws.getRange("F1:G5");
      const f2 = ws.getRange("F10:H11");
      const f3 = ws.getRange("F14:H16");
      bridge.load("values");
      f2.load("values");
      f3.load("values");
      await ctx.sync();
      expect(bridge.values).toEqual([["Volume", 0], ["Mix", 25], ["Rate", 15], ["New", 0], ["Retired", 0]]);
      expect(f2.values).toEqual([[2, 2, 2], [0, 0, 0]]);
      expect(f3.values).toEqual([[2, 2, 2], [0, 0, 0], [-2, -2, -2]]);
    });
  });

  it("a blocked spill shows #SPILL!", async () => {
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Spill");
      ws.getRange("F2").values = [["in the way"]];
      ws.getRange("F1").formulas = [["=AIECON.COSTPERINFERENCE(A1:A3,B1:B3)"]];
    });
    expect((await getCell(host, "Spill", "F1")).value).toBe("#SPILL!");
  });

  it("ranges of different shapes give a single #VALUE!", async () => {
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Spill").getRange("H1").formulas = [["=AIECON.COSTPERINFERENCE(A1:A3,B1:B2)"]];
    });
    const v = host.snapshot().sheets.find((s) => s.name === "Spill")!.values;
    expect(v[0][7]).toBe("#VALUE!");
    expect(v[1][7]).toBe("");
  });

  it("optional range arguments (cutoffs) do not size the result", async () => {
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Spill");
      ws.getRange("J1:J3").values = [[20], [5], [2]];
      ws.getRange("K1:K3").formulas = [["=AIECON.BENCHMARKBAND(4,$J$1:$J$3)"], ["=AIECON.BENCHMARKBAND(21,$J$1:$J$3)"], ["=AIECON.BENCHMARKBAND(1,$J$1:$J$3)"]];
    });
    const v = host.snapshot().sheets.find((s) => s.name === "Spill")!.values;
    expect([v[0][10], v[1][10], v[2][10]]).toEqual(["Marginal", "Excellent", "Unsustainable"]);
  });

  it("recomputes when an input changes", async () => {
    await setCell(host, "Spill", "B2", 40);
    expect((await getCell(host, "Spill", "D2")).value).toBe(0.5);
  });
});
