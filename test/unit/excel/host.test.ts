/**
 * The writer against the workbench host (HyperFormula computing the SUMIFS and
 * the AIECON functions of the built bundle): computed figures equal the import
 * engine's exact groups, edits flow through, and the workbook rules hold.
 */
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { summarize } from "../../../src/import/index";
import { fileInput } from "../../../src/import/node";
import type { Group, ImportInput, ImportResult } from "../../../src/import/types";
import { WorkbookConflict, WriteCancelled, writeWorkbook, listOwnSheets } from "../../../src/excel/index";
import { getCell, setCell, type Snapshot, type SnapshotSheet } from "../../../src/workbench/host/index";
import { newHost, registerAiecon } from "./workbenchHost";
import { HYPERLINK, largeResult, sampleResult } from "./fixtures";

const DATA = path.resolve(__dirname, "../../../../shared/data");
const OPTS = { period: "month" as const, fiscalStartMonth: 1 };

function textInput(name: string, kind: ImportInput["kind"], text: string): ImportInput {
  return { name, kind, open: () => new Blob([text]).stream() as ReadableStream<Uint8Array> };
}

function sheetOf(snap: Snapshot, name: string): SnapshotSheet {
  const s = snap.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name} in snapshot`);
  return s;
}

/** Rows of a sheet as objects keyed by the header. */
function rowsOf(sheet: SnapshotSheet, first = 0, count = Infinity): Record<string, unknown>[] {
  const [header, ...rows] = sheet.values.slice(first);
  return rows.slice(0, count).map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

/** The Quarterly Review's table rows (its header is below the title block). */
function reviewRows(sheet: SnapshotSheet): Record<string, unknown>[] {
  const t = sheet.tables.find((x) => x.name === "QuarterlyReview")!;
  const [from, to] = t.address.split(":").map((a) => Number(/\d+/.exec(a)![0]));
  return rowsOf(sheet, from - 1, to - from);
}

/** A double equal to an exact decimal string, to double precision (a few ulps for summed floats). */
function expectDouble(actual: unknown, exact: string | number | null, what: string): void {
  if (exact === null) {
    expect(actual, what).toBe("");
    return;
  }
  const want = Number(exact);
  expect(typeof actual, `${what}: ${String(actual)}`).toBe("number");
  const a = actual as number;
  const tol = Math.max(Math.abs(want) * 4 * Number.EPSILON * 8, 1e-300);
  expect(Math.abs(a - want) <= tol, `${what}: got ${a}, engine ${exact}`).toBe(true);
}

function compareGroups(snap: Snapshot, groups: Group[]): number {
  const ue = rowsOf(sheetOf(snap, "Unit Economics"));
  let n = 0;
  for (const g of groups) {
    const row = ue.find((r) => r.Period === g.period && r.Key === g.key && r.Currency === g.currency);
    expect(row, `${g.period} ${g.key} ${g.currency}`).toBeDefined();
    const w = `${g.period} ${g.key}`;
    expectDouble(row!.Cost, g.cost, `${w} cost`);
    expectDouble(row!.Inferences, g.inferences, `${w} inferences`);
    expectDouble(row!.Value, g.value, `${w} value`);
    expectDouble(row!["Cost per inference"], g.costPerInference, `${w} cost per inference`);
    expectDouble(row!["Value per inference"], g.valuePerInference, `${w} value per inference`);
    expectDouble(row!["ROI multiple"], g.roiMultiple, `${w} ROI`);
    expect(row!.Band, `${w} band`).toBe(g.band ?? "");
    n++;
  }
  return n;
}

describe("writeWorkbook through the workbench host", () => {
  beforeAll(async () => {
    await registerAiecon();
  }, 300_000);

  it("the real FOCUS sample with volume and value: every group's figures equal the engine's", async () => {
    const billing = fileInput(path.join(DATA, "focus/focus_1.0_sample_1000.csv"), "billing");
    const volume = textInput(
      "volume.csv",
      "volume",
      "date,model,requests\n2024-09-03,AWS Lambda,1200\n2024-09-20,AWS Lambda,34\n2024-09-10,Amazon Elastic Compute Cloud,777\n2024-09-11,Amazon DynamoDB,3\n",
    );
    const value = textInput("value.csv", "value", "date,model,value\n2024-09-30,AWS Lambda,0.5\n2024-09-30,Amazon Elastic Compute Cloud,1.25\n");
    const result = await summarize([billing, volume, value], { period: "month", cost: "billed", key: "service" });
    expect(result.groups.some((g) => g.costPerInference !== null)).toBe(true);
    expect(result.groups.some((g) => g.roiMultiple !== null)).toBe(true);
    const host = await newHost();
    const report = await writeWorkbook(host.run, result, OPTS);
    const snap = host.snapshot();
    expect(compareGroups(snap, result.groups)).toBe(result.groups.length);
    // Every sheet, table and chart named in the spec.
    for (const [sheet, table] of [
      ["AI Cost Data", "AiCostData"],
      ["AI Volume Data", "AiVolumeData"],
      ["AI Value Data", "AiValueData"],
      ["Unit Economics", "UnitEconomics"],
      ["Comparison", "ModelComparison"],
      ["Trend", "CostPerInferenceTrend"],
      ["Quarterly Review", "QuarterlyReview"],
      ["Cost Bridge", "CostBridge"],
    ]) {
      expect(sheetOf(snap, sheet).tables.map((t) => t.name)).toContain(table);
    }
    expect(sheetOf(snap, "Comparison").charts.map((c) => [c.title, c.type])).toEqual([
      ["Cost per inference by service", "ColumnClustered"],
      ["ROI multiple by service", "BarClustered"],
    ]);
    expect(sheetOf(snap, "Trend").charts.map((c) => [c.title, c.type])).toEqual([
      ["Cost per inference over time", "Line"],
      ["Cost against volume", "XYScatter"],
    ]);
    // The cost data table holds every cost record and its total equals the engine's total.
    const cost = rowsOf(sheetOf(snap, "AI Cost Data"));
    expect(cost).toHaveLength(result.costRecords.length);
    expect(host.stats().maxPayload).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(report.syncs).toBe(host.stats().syncs);
  });

  it("sample: figures, comparison, trend and review computed; periods are text; formula text stays text", async () => {
    const result = sampleResult();
    const host = await newHost();
    await writeWorkbook(host.run, result, OPTS);
    const snap = host.snapshot();
    compareGroups(snap, result.groups);
    const ue = sheetOf(snap, "Unit Economics");
    expect(ue.values[1][0]).toBe("2024-07");
    expect(typeof ue.values[1][0]).toBe("string");
    expect(ue.formulas[1][3]).toMatch(/^=SUMPRODUCT\(--\('AI Cost Data'!\$A\$2:\$A\$31=\$A2\)/);
    // Formula injection: the HYPERLINK key is text everywhere.
    expect(ue.values[1][1]).toBe(HYPERLINK);
    const costSheet = sheetOf(snap, "AI Cost Data");
    const injected = costSheet.values.find((r) => r[1] === HYPERLINK)!;
    expect(injected[3]).toBe("+SUM(1,2)");
    expect(injected[7]).toBe("=cmd.csv");
    expect(costSheet.values.some((r) => r[3] === "-cmd|' /C calc'!A0")).toBe(true);
    // Evaluated as formulas they would show 3, "y" or #NAME?: their values are the literal texts.
    expect(costSheet.values.flat()).not.toContain(3);
    expect(costSheet.values.flat()).not.toContain("y");
    expect(costSheet.values.flat()).not.toContain("#NAME?");
    // Comparison (2024-Q4).
    // The tables stand below the title (row 1) and the charts (rows 2–18): header on row 20.
    const comp = rowsOf(sheetOf(snap, "Comparison"), 19);
    const claude = comp.find((r) => r.Key === "claude-3")!;
    expect(claude).toMatchObject({ Period: "2024-Q4", Cost: 72, Inferences: 9000, Value: 45, Band: "Unsustainable" });
    expectDouble(claude["Cost per inference"], "0.008", "claude Q4 cost per inference");
    expectDouble(claude["ROI multiple"], "0.625", "claude Q4 ROI");
    expect(comp.find((r) => r.Key === "no-volume")).toMatchObject({ Inferences: "", "Cost per inference": "", Band: "Good" });
    // Trend: cost per inference of claude-3 by month = (20+i)/3000; COSTTREND Rising; COSTGROWTH > 0.
    const trend = sheetOf(snap, "Trend");
    const claudeCol = trend.values[19].indexOf("claude-3");
    expect(trend.values.slice(20, 26).map((r) => r[claudeCol])).toEqual([20, 21, 22, 23, 24, 25].map((c) => c / 3000));
    expect(trend.values[28][0]).toBe("Trend");
    expect(trend.values[28][claudeCol]).toBe("Rising");
    expectDouble(trend.values[29][claudeCol], String((25 / 20) ** (1 / 5) - 1), "claude growth");
    const line = trend.charts.find((c) => c.type === "Line")!;
    expect(line.series.find((s) => s.name === "claude-3")!.values).toEqual([20, 21, 22, 23, 24, 25].map((c) => c / 3000));
    // Review: claude-3 falls from Marginal to Unsustainable and needs a remediation plan.
    const review = reviewRows(sheetOf(snap, "Quarterly Review"));
    const rc = review.find((r) => r.Key === "claude-3")!;
    expect(rc).toMatchObject({
      "Cost 2024-Q3": 63,
      "Cost 2024-Q4": 72,
      "Band 2024-Q3": "Marginal",
      "Band 2024-Q4": "Unsustainable",
      "Band change": "Marginal → Unsustainable",
      Remediation: "needs a remediation plan",
    });
    expect(review.find((r) => r.Key === "gpt-4o")!.Remediation).toBe("");
  });

  it("editing a cost cell updates the figures that depend on it", async () => {
    const host = await newHost();
    await writeWorkbook(host.run, sampleResult(), OPTS);
    // gpt-4o 2024-07 usage line is the first data row of AI Cost Data.
    const ue = sheetOf(host.snapshot(), "Unit Economics");
    const r = ue.values.findIndex((row) => row[0] === "2024-07" && row[1] === "gpt-4o") + 1;
    expect((await getCell(host, "Unit Economics", `D${r}`)).value).toBeCloseTo(10.0000123, 12);
    await setCell(host, "AI Cost Data", "G2", 20);
    expect((await getCell(host, "Unit Economics", `D${r}`)).value).toBeCloseTo(20.0000123, 12);
    expect((await getCell(host, "Unit Economics", `G${r}`)).value).toBeCloseTo(20.0000123 / 1000, 15);
    const q3 = reviewRows(sheetOf(host.snapshot(), "Quarterly Review")).find((x) => x.Key === "gpt-4o")!;
    expect(q3["Cost 2024-Q3"]).toBeCloseTo(40.3000369, 9);
  });

  it("manual calculation: the write calculates once, so figures are right; later edits wait for a calculation", async () => {
    const host = await newHost();
    await host.run(async (ctx) => {
      ctx.workbook.application.calculationMode = "Manual";
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").formulas = [["=SUM('AI Cost Data'!G2:G31)"]];
    });
    // Before the import the reference goes nowhere; in manual calculation that value is held.
    const held = (await getCell(host, "Sheet1", "A1")).value;
    expect(typeof held).toBe("string");
    const report = await writeWorkbook(host.run, sampleResult(), OPTS);
    expect(report.calculation).toBe("manual-recalculated");
    // Only the writer's calculate() brings the user's formula up to date with the new sheet.
    const total = (await getCell(host, "Sheet1", "A1")).value;
    expect(typeof total).toBe("number");
    const ue = sheetOf(host.snapshot(), "Unit Economics");
    const r = ue.values.findIndex((row) => row[0] === "2024-07" && row[1] === "gpt-4o") + 1;
    expect((await getCell(host, "Unit Economics", `D${r}`)).value).toBeCloseTo(10.0000123, 12);
    // Still manual: an edit waits for F9, as in Excel.
    await setCell(host, "AI Cost Data", "G2", 20);
    expect((await getCell(host, "Unit Economics", `D${r}`)).value).toBeCloseTo(10.0000123, 12);
    expect((await getCell(host, "Sheet1", "A1")).value).toBe(total);
    await host.run(async (ctx) => {
      const app = ctx.workbook.application;
      app.load("calculationMode");
      await ctx.sync();
      expect(app.calculationMode).toBe("Manual");
      app.calculate("Recalculate");
    });
    expect((await getCell(host, "Unit Economics", `D${r}`)).value).toBeCloseTo(20.0000123, 12);
  });

  it("a foreign 'Unit Economics' sheet: clear error and nothing changed; a user sheet survives re-import", async () => {
    const host = await newHost();
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.add("Unit Economics");
      ctx.workbook.worksheets.add("My notes").getRange("A1").values = [["keep"]];
      await ctx.sync();
    });
    const before = JSON.stringify(host.snapshot());
    const err = await writeWorkbook(host.run, sampleResult(), OPTS).catch((e) => e);
    expect(err).toBeInstanceOf(WorkbookConflict);
    expect(err.message).toMatch(/sheet "Unit Economics".*did not create/);
    expect(JSON.stringify(host.snapshot())).toBe(before);

    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Unit Economics").delete();
      await ctx.sync();
    });
    await writeWorkbook(host.run, sampleResult(), OPTS);
    const first = JSON.stringify(host.snapshot());
    expect(await writeWorkbook(host.run, sampleResult(), OPTS, { confirmReplace: async () => false }).catch((e) => e)).toBeInstanceOf(WriteCancelled);
    expect(JSON.stringify(host.snapshot())).toBe(first);
    const smaller = sampleResult();
    smaller.costRecords = smaller.costRecords.filter((c) => c.key !== "no-volume");
    smaller.groups = smaller.groups.filter((g) => g.key !== "no-volume");
    smaller.valueRecords = smaller.valueRecords.filter((c) => c.key !== "no-volume");
    await writeWorkbook(host.run, smaller, OPTS, { confirmReplace: async () => true });
    const snap = host.snapshot();
    expect(snap.sheets.map((s) => s.name)).toEqual([
      "Sheet1", "My notes", "AI Cost Data", "AI Volume Data", "AI Value Data", "Unit Economics", "Comparison", "Trend", "Quarterly Review", "Cost Bridge", "Data Checks",
    ]);
    expect(sheetOf(snap, "My notes").values).toEqual([["keep"]]);
    expect(sheetOf(snap, "AI Cost Data").tables).toEqual([{ name: "AiCostData", address: "A1:H25" }]);
    compareGroups(snap, smaller.groups);
    expect(await listOwnSheets(host.run)).toHaveLength(9);
  });

  it("cancel midway leaves the workbook unchanged", async () => {
    const host = await newHost();
    await writeWorkbook(host.run, sampleResult(), OPTS);
    const before = JSON.stringify(host.snapshot());
    const ac = new AbortController();
    const err = await writeWorkbook(host.run, largeResult(15000), { ...OPTS, chunkRows: 5000 }, {
      signal: ac.signal,
      confirmReplace: async () => true,
      onProgress: (p) => {
        if (p.fraction > 0.2) ac.abort();
      },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(WriteCancelled);
    expect(JSON.stringify(host.snapshot())).toBe(before);
  });

  it("large write: chunks of 5,000 rows, every sync under 5 MB, computed totals right", async () => {
    // HyperFormula's SUMIFS costs about 6 µs per data row per formula; 12,000 rows keep this test short.
    const result: ImportResult = largeResult(12000, 2);
    const host = await newHost();
    const rows: number[] = [];
    const report = await writeWorkbook(host.run, result, { ...OPTS, chunkRows: 5000 }, {}, { onSync: (s) => rows.push(s.rows) });
    const stats = host.stats();
    expect(stats.maxPayload).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(stats.syncs).toBe(report.syncs);
    expect(rows.filter((n) => n === 5000).length).toBe(2);
    expect(stats.syncs).toBeLessThanOrEqual(7);
    compareGroups(host.snapshot(), result.groups.slice(0, 40));
  });
});
