import { describe, expect, it } from "vitest";
import { toNative } from "../../../src/excel/native";
import { getCell, setCell } from "../../../src/workbench/host/index";
import { newHost } from "./workbenchHost";

type Input = string | number | null;

/** Evaluates `=AIECON.call` and its native translation over the same inputs in column A. */
async function both(inputs: Input[], call: string): Promise<[unknown, unknown, string]> {
  const host = await newHost();
  for (let i = 0; i < inputs.length; i += 1) {
    const v = inputs[i];
    if (v !== null) await setCell(host, "Sheet1", `A${i + 1}`, v);
  }
  const aiecon = `=AIECON.${call}`;
  const t = toNative(aiecon);
  expect(t.replaced).toBe(1);
  expect(t.formula).not.toContain("AIECON.");
  await setCell(host, "Sheet1", "C1", aiecon);
  await setCell(host, "Sheet1", "D1", t.formula);
  return [(await getCell(host, "Sheet1", "C1")).value, (await getCell(host, "Sheet1", "D1")).value, t.formula];
}

function same(a: unknown, b: unknown): void {
  if (typeof a === "number" && typeof b === "number") expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(a)));
  else expect(b).toEqual(a);
}

const CASES: [string, Input[], string][] = [
  ["cost per inference", [1250, 500000], "COSTPERINFERENCE(A1,A2)"],
  ["cost per inference /0", [1250, 0], "COSTPERINFERENCE(A1,A2)"],
  ["cost per inference <0", [1250, -3], "COSTPERINFERENCE(A1,A2)"],
  ["cost per inference blank", [1250, null], "COSTPERINFERENCE(A1,A2)"],
  ["cost per inference text", ["abc", 0], "COSTPERINFERENCE(A1,A2)"],
  ["cost per inference numeric text", [" 12 ", "4"], "COSTPERINFERENCE(A1,A2)"],
  ["cost per inference error in", ["=NA()", 0], "COSTPERINFERENCE(A1,A2)"],
  ["value per inference", [-30, 7], "VALUEPERINFERENCE(A1,A2)"],
  ["roi", [0.03, 0.0025], "ROIMULTIPLE(A1,A2)"],
  ["roi /0", [0.03, 0], "ROIMULTIPLE(A1,A2)"],
  ["ratio", [0.0025, 0.03], "COSTTOVALUERATIO(A1,A2)"],
  ["ratio <0", [0.0025, -0.03], "COSTTOVALUERATIO(A1,A2)"],
  ["band 12", [12], "BENCHMARKBAND(A1)"],
  ["band 3", [3], "BENCHMARKBAND(A1)"],
  ["band 1", [1], "BENCHMARKBAND(A1)"],
  ["band 0.99", [0.99], "BENCHMARKBAND(A1)"],
  ["band error", ["=1/0"], "BENCHMARKBAND(A1)"],
  ["margin", [0.03, 0.0025, 1000], "MARGINCONTRIBUTION(A1,A2,A3)"],
  ["margin blank count", [0.03, 0.0025, null], "MARGINCONTRIBUTION(A1,A2,A3)"],
  ["margin empty text count", [0.03, 0.0025, '=""'], "MARGINCONTRIBUTION(A1,A2,A3)"],
  ["margin negative count", [0.03, 0.0025, -1], "MARGINCONTRIBUTION(A1,A2,A3)"],
  ["growth", [100, 110, 121], "COSTGROWTH(A1:A3)"],
  ["growth with gaps", [100, '=""', 110, '=""', 121, '=""'], "COSTGROWTH(A1:A6)"],
  ["growth n<2", [100, '=""'], "COSTGROWTH(A1:A2)"],
  ["growth first 0", [0, 5], "COSTGROWTH(A1:A2)"],
  ["growth last <0", [2, -5], "COSTGROWTH(A1:A2)"],
  ["growth error", [2, "=SQRT(-1)", 3], "COSTGROWTH(A1:A3)"],
  ["trend rising", [100, 110, 121], "COSTTREND(A1:A3)"],
  ["trend falling with gaps", [100, '=""', '=""', 90, 80], "COSTTREND(A1:A5)"],
  ["trend gaps decide", [10, '=""', '=""', '=""', '=""', 11, 10.4], "COSTTREND(A1:A7)"],
  ["trend stable", [100, 101, 100], "COSTTREND(A1:A3)"],
  ["trend n<2", [5], "COSTTREND(A1:A3)"],
  ["trend mean<=0", [-5, 5], "COSTTREND(A1:A2)"],
];

describe("toNative: same value and error as the AIECON function (HyperFormula)", () => {
  for (const [name, inputs, call] of CASES) {
    it(name, async () => {
      const [a, n, f] = await both(inputs, call);
      same(a, n);
      expect(f.length).toBeGreaterThan(0);
    });
  }
});

describe("toNative: formula text", () => {
  it("keeps strings, sheet names and nested calls", () => {
    const t = toNative(`=IF(A1="AIECON.ROIMULTIPLE(1,2)","x ""(""",AIECON.BENCHMARKBAND(AIECON.ROIMULTIPLE('Unit (E)''s'!$D$2,B1)))`);
    expect(t.replaced).toBe(2);
    expect(t.formula).toContain(`"AIECON.ROIMULTIPLE(1,2)"`);
    expect(t.formula).toContain(`"x ""("""`);
    expect(t.formula).toContain(`'Unit (E)''s'!$D$2`);
    expect(t.formula.match(/AIECON\./g)?.length).toBe(1);
  });
  it("leaves and reports unknown functions", () => {
    const t = toNative("=AIECON.TAILRATIO(A1:A9,0.9)+1");
    expect(t.replaced).toBe(0);
    expect(t.formula).toBe("=AIECON.TAILRATIO(A1:A9,0.9)+1");
    expect(t.untranslated).toEqual(["AIECON.TAILRATIO/2"]);
  });
});

describe("toNative: FORECASTUNITCOST (the h × 3 array of forecast, lower, upper)", () => {
  const VALUES: Input[] = [0.5, 0.42, '=""', 0.33, 0.31, 0.22, 0.2];
  const CASES_F: [string, Input[], string][] = [
    ["exponential, a gap skipped", VALUES, "A1:A7,3"],
    ["exponential named, 90%", VALUES, 'A1:A7,2," Exponential ",0.9'],
    ["linear (FORECAST.LINEAR)", [10, 8.5, 6, 4.2, 3], 'A1:A5,2,"linear"'],
    ["fewer than 3 numbers: #N/A", [0.5, 0.4], "A1:A2,2"],
    ["a value ≤ 0, exponential: #NUM!", [0.5, -0.1, 0.3, 0.2], "A1:A4,2"],
    ["a value ≤ 0, linear: fits", [0.5, -0.1, 0.3, 0.2], 'A1:A4,2,"linear"'],
    ["periods_ahead not whole: #NUM!", [0.5, 0.4, 0.3], "A1:A3,1.5"],
    ["confidence 1: #NUM!", [0.5, 0.4, 0.3], 'A1:A3,1,"exponential",1'],
    ["an error in the range", [0.5, "=1/0", 0.3, 0.2], "A1:A4,1"],
  ];
  for (const [name, inputs, args] of CASES_F) {
    it(name, async () => {
      const host = await newHost();
      for (const [i, v] of inputs.entries()) if (v !== null) await setCell(host, "Sheet1", `A${i + 1}`, v);
      const h = Number(/,([\d.]+)/.exec(args)![1]);
      // An error is one value (the workbench pads the rest of the spill, Excel's INDEX would say #REF!): compared at (1, 1).
      const error = /#|an error/.test(name);
      for (let k = 1; k <= (error ? 1 : h); k++) {
        for (let c = 1; c <= (error ? 1 : 3); c++) {
          const aiecon = `=INDEX(AIECON.FORECASTUNITCOST(${args}),${k},${c})`;
          const t = toNative(aiecon);
          expect(t.replaced).toBe(1);
          await setCell(host, "Sheet1", "C1", aiecon);
          await setCell(host, "Sheet1", "D1", t.formula);
          const [a, n] = [(await getCell(host, "Sheet1", "C1")).value, (await getCell(host, "Sheet1", "D1")).value];
          // The band goes through T.INV, which HyperFormula computes to about 1.5e-8 relative only (Excel to binary64).
          if (typeof a === "number" && typeof n === "number") expect(Math.abs(a - n), `${k},${c}`).toBeLessThanOrEqual((c === 1 ? 1e-12 : 1e-7) * Math.max(1, Math.abs(a)));
          else expect(n, `${k},${c}`).toEqual(a);
        }
      }
    });
  }
  it("leaves a method that is not a text literal as an AIECON call", () => {
    const t = toNative("=AIECON.FORECASTUNITCOST(A1:A7,3,B1)");
    expect(t.replaced).toBe(0);
    expect(t.untranslated).toEqual(["AIECON.FORECASTUNITCOST/3"]);
  });
});
