/**
 * The Scenarios sheet (src/excel/plan/scenarios.ts) evaluated in the workbench host: every lever
 * a live formula equal to the arithmetic here over the sample's comparison quarter, input cells
 * highlighted, and a price edited in AI Prices (or an input edited) flowing into the figures.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { writeWorkbook } from "../../../src/excel/index";
import { planWorkbook } from "../../../src/excel/plan";
import { INPUT_FILL } from "../../../src/excel/plan/scenarios";
import { shippedPrices } from "../../../src/import/prices/table";
import { setCell, type SnapshotSheet, type WorkbenchHost } from "../../../src/workbench/host/index";
import { sampleResult } from "./fixtures";
import { newHost } from "./workbenchHost";

const OPTS = { period: "month" as const, fiscalStartMonth: 1 };
const Q4 = ["2024-10", "2024-11", "2024-12"];

describe("Scenarios", () => {
  let host: WorkbenchHost;
  const sheet = (): SnapshotSheet => host.snapshot().sheets.find((s) => s.name === "Scenarios") as SnapshotSheet;
  const lever = (name: string): unknown[] => {
    const s = sheet();
    const r = s.values.find((row) => row[0] === name);
    if (r === undefined) throw new Error(`no lever ${name}`);
    return r;
  };
  const input = (label: string): { row: number; value: unknown } => {
    const s = sheet();
    const row = s.values.findIndex((r) => r[0] === label);
    return { row: row + 1, value: s.values[row][1] };
  };
  const r = sampleResult();
  const cost = r.costRecords.filter((c) => c.key === "gpt-4o" && Q4.includes(c.period)).reduce((a, c) => a + Number(c.cost), 0);
  const n = r.volumeRecords.filter((v) => v.key === "gpt-4o" && Q4.includes(v.period)).reduce((a, v) => a + v.inferences, 0);
  const value = 300 * 3;
  const today = cost / n;

  beforeAll(async () => {
    host = await newHost();
    await writeWorkbook(host.run, r, { ...OPTS, prices: shippedPrices() });
  }, 300_000);

  it("only with a price table; every lever cell a formula", () => {
    expect(planWorkbook(r, OPTS).sheets.map((s) => s.name)).not.toContain("Scenarios");
    const s = sheet();
    expect(input("Period").value).toBe("2024-Q4");
    expect(input("Inferences").value).toBe(n);
    const top = s.values.findIndex((row) => row[0] === "Lever");
    for (let i = top + 1; i < s.values.length && s.values[i][0] !== ""; i++) for (const c of [1, 2, 3, 4]) expect(String(s.formulas[i][c])).toMatch(/^=/);
    expect(s.charts.map((c) => c.type)).toEqual(["BarClustered"]);
  });

  it("each lever's cost per inference, saving, ROI multiple and band equal the arithmetic", () => {
    const swap = (150000 * 2.5 + 60000 * 10) / 1e6 / n;
    const expected: [string, number][] = [
      ["Today", today],
      ["Model swap: candidate 1", swap],
      ["Cascade", swap + 0.2 * swap],
      ["Cache", today - 0.3 * today],
      ["Batching", today * (1 - 0.5 * 0.5)],
      ["Self-hosted", 10 / (10000 * 0.6)],
    ];
    for (const [name, cpi] of expected) {
      const row = lever(name);
      expect(row[1] as number, name).toBeCloseTo(cpi, 12);
      expect(row[2] as number, name).toBeCloseTo(today - cpi, 12);
      expect(row[3] as number, name).toBeCloseTo(value / (cpi * n), 8);
      const roi = value / (cpi * n);
      expect(row[4], name).toBe(roi >= 10 ? "Excellent" : roi >= 3 ? "Good" : roi >= 1 ? "Marginal" : "Unsustainable");
    }
  });

  it("input cells are highlighted", async () => {
    const fill = await host.run(async (ctx) => {
      const f = ctx.workbook.worksheets.getItem("Scenarios").getRange(`B${input("Cascade: escalation rate").row}`).format.fill;
      f.load("color");
      await ctx.sync();
      return f.color;
    });
    expect(fill.toUpperCase()).toBe(INPUT_FILL);
  });

  it("an edited AI Prices price and an edited input flow into the figures", async () => {
    const prices = host.snapshot().sheets.find((s) => s.name === "AI Prices") as SnapshotSheet;
    const row = prices.values.findIndex((v) => v[0] === "gpt-4o");
    await setCell(host, "AI Prices", `D${row + 1}`, 4);
    const swap = (150000 * 2.5 + 60000 * 4) / 1e6 / n;
    expect(lever("Model swap: candidate 1")[1] as number).toBeCloseTo(swap, 12);
    expect(lever("Cascade")[1] as number).toBeCloseTo(1.2 * swap, 12);
    await setCell(host, "Scenarios", `B${input("Cascade: escalation rate").row}`, 0.5);
    expect(lever("Cascade")[1] as number).toBeCloseTo(1.5 * swap, 12);
  }, 60_000);
});
