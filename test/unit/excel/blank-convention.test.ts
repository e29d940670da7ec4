/**
 * Excel passes a blank cell to a custom function as 0 on Windows desktop and as null on the web
 * and the Mac (functions.md, "How Excel calls a function"). The writer never leaves an empty
 * cell inside a range an aggregate reads, so every figure of a generated workbook is the same
 * under both conventions: built here in the workbench host once with blank = null and once with
 * blank = 0, from data whose keys have leading, inner and trailing gaps.
 */
import { afterEach, describe, expect, it } from "vitest";
import { writeWorkbook } from "../../../src/excel/index";
import { setBlankConvention, type BlankConvention, type Snapshot } from "../../../src/workbench/host/index";
import type { CostRecord, VolumeRecord } from "../../../src/import/types";
import { newHost } from "./workbenchHost";
import { resultOf } from "./fixtures";

const MONTHS = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"];

/** rising: no data in the first two months; falling: a hole in the middle; late: none in the last two. */
const PRESENT: Record<string, number[]> = {
  rising: [2, 3, 4, 5],
  holed: [0, 1, 3, 4, 5],
  trailing: [0, 1, 2, 3],
};

function gappedResult() {
  const cost: CostRecord[] = [];
  const volume: VolumeRecord[] = [];
  for (const [key, months] of Object.entries(PRESENT)) {
    for (const i of months) {
      const m = MONTHS[i];
      cost.push({ period: m, key, provider: "OpenAI", service: "API", chargeCategory: "Usage", currency: "USD", cost: String(100 + 25 * i), source: "c.csv" });
      volume.push({ period: m, key, inferences: 1000, inputTokens: null, outputTokens: null, source: "v.csv" });
    }
  }
  return resultOf(cost, volume);
}

async function build(mode: BlankConvention): Promise<Snapshot> {
  setBlankConvention(mode);
  const host = await newHost();
  await writeWorkbook(host.run, gappedResult(), { period: "month", fiscalStartMonth: 1 });
  return host.snapshot();
}

afterEach(() => setBlankConvention("null"));

describe("generated workbook under both blank conventions", () => {
  it("has no empty cell in the ranges COSTTREND/COSTGROWTH read, and every value is identical with blank = 0 and blank = null", async () => {
    const web = await build("null");
    const desktop = await build("zero");
    const trend = web.sheets.find((s) => s.name === "Trend");
    expect(trend).toBeDefined();
    // The Trend table: a period row per month, a column per key; the gaps are ="" (empty text).
    // (Rows 21–26: the Trend table; the forecast table below has ="" gaps of its own.)
    const gapFormulas = trend!.formulas.slice(20, 20 + MONTHS.length).flat().filter((f) => f === '=""').length;
    const expectedGaps = Object.values(PRESENT).reduce((n, m) => n + (MONTHS.length - m.length), 0);
    expect(gapFormulas).toBe(expectedGaps);
    // Rising costs read Rising on both platforms (with blanks as 0 the leading gaps would not).
    const trendRow = trend!.values.find((r) => r[0] === "Trend");
    expect(trendRow).toBeDefined();
    expect(trendRow!.slice(1, 4)).toEqual(["Rising", "Rising", "Rising"]);
    const growthRow = trend!.values.find((r) => r[0] === "Growth per period");
    for (const g of growthRow!.slice(1, 4)) expect(typeof g === "number" && g > 0, `growth ${String(g)}`).toBe(true);

    expect(desktop.sheets.map((s) => s.name)).toEqual(web.sheets.map((s) => s.name));
    let compared = 0;
    for (const [i, s] of web.sheets.entries()) {
      const d = desktop.sheets[i];
      expect(d.values, s.name).toEqual(s.values);
      compared += s.values.flat().length;
    }
    expect(compared).toBeGreaterThan(100);
  });
});
