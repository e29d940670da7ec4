import { describe, expect, it } from "vitest";
import {
  listOwnSheets,
  OWN_SHEETS_SETTING,
  WorkbookConflict,
  WriteCancelled,
  WriteFailed,
  writeWorkbook,
} from "../../../src/excel/index";
import { FakeWorkbook } from "./fakeExcel";
import { HYPERLINK, largeResult, sampleResult } from "./fixtures";

const OPTS = { period: "month" as const, fiscalStartMonth: 1 };
const OWN = ["AI Cost Data", "AI Volume Data", "AI Value Data", "Unit Economics", "Comparison", "Trend", "Quarterly Review", "Cost Bridge", "Data Checks"];

describe("writeWorkbook (recording fake)", () => {
  it("writes every sheet, table, chart and format, and marks the sheets as its own", async () => {
    const wb = new FakeWorkbook(["My notes"]);
    const report = await writeWorkbook(wb.run, sampleResult(), OPTS);
    expect(wb.sheets.map((s) => s.name)).toEqual(["My notes", ...OWN]);
    expect(report.sheets).toEqual(OWN);
    expect(wb.tables.map((t) => t.name).sort()).toEqual(
      [
        "AiCostData", "AiVolumeData", "AiValueData", "UnitEconomics", "ModelComparison", "CostPerInferenceTrend",
        "CostPerInferenceTrendSummary", "CostAgainstVolume", "CostPerInferenceForecast", "QuarterlyReview", "ModelComparisonTop", "DataChecks", "CostBridge", "CostBridgeDetail",
      ].sort(),
    );
    expect(wb.tables.find((t) => t.name === "AiCostData")!.address).toBe("A1:H31");
    expect(wb.tables.find((t) => t.name === "UnitEconomics")!.address).toBe("A1:M25");
    // Formulas reference the final sheet names after the staging sheets were renamed.
    expect(wb.cell("Unit Economics", "D8")).toMatch(/^=SUMIFS\('AI Cost Data'!\$G\$2:\$G\$31,'AI Cost Data'!\$A\$2:\$A\$31,\$A8,/);
    expect(wb.cell("Trend", "E21")).toBe("='Unit Economics'!G2");
    expect(wb.cell("Comparison", "D21")).toContain("'Unit Economics'!$D$2:$D$25");
    expect(JSON.stringify(wb.snapshot())).not.toContain("~AIECON");
    // Number formats, set once per column range.
    expect(wb.format("AI Cost Data", "G2")).toBe('#,##0.00 [$USD]');
    expect(wb.format("Unit Economics", "G25")).toBe('#,##0.000000 [$USD];-#,##0.000000 [$USD];0.00 [$USD]');
    expect(wb.format("Unit Economics", "I2")).toBe('#,##0.00"×"');
    expect(wb.format("Unit Economics", "J2")).toBe('#,##0.00"×"');
    // Quarterly Review: four title lines, a blank row, the chart (16 rows), a blank row, the header on row 23; F is the relative cost change.
    expect(wb.format("Quarterly Review", "E24")).toBe('#,##0.00 [$USD]');
    expect(wb.format("Quarterly Review", "F24")).toBe("0.0%");
    expect(wb.tables.find((t) => t.name === "QuarterlyReview")!.address).toBe("A23:AB27");
    // The title bold and larger, the header and totals bold, in the same batches; the print layout.
    const review = wb.sheet("Quarterly Review")!;
    expect(review.fonts).toEqual(expect.arrayContaining([{ address: "A1", bold: true }, { address: "A1", size: 14 }, { address: "A23:AB23", bold: true }, { address: "A29:AB29", bold: true }]));
    expect(review.print).toEqual({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, titleRows: "23:23" });
    // No frozen rows: the header stands below the chart, too low to freeze at 1366 × 768.
    expect(review.frozenRows).toBe(0);
    // Band colours.
    const cfs = wb.sheet("Unit Economics")!.conditionalFormats;
    expect(cfs.map((c) => [c.address, c.type, c.text, c.fill])).toEqual([
      ["L2:L25", "ContainsText", "Excellent", "#C6EFCE"],
      ["L2:L25", "ContainsText", "Good", "#D9F2E6"],
      ["L2:L25", "ContainsText", "Marginal", "#FFEB9C"],
      ["L2:L25", "ContainsText", "Unsustainable", "#FFC7CE"],
    ]);
    // Charts.
    const comp = wb.sheet("Comparison")!.charts;
    expect(comp.map((c) => [c.title, c.type, c.series[0].values, c.series[0].xValues])).toEqual([
      ["Cost per inference by Tag: model", "ColumnClustered", "C28:C31", "A28:A31"],
      ["ROI multiple by Tag: model", "BarClustered", "D28:D31", "A28:A31"],
    ]);
    const trend = wb.sheet("Trend")!.charts;
    expect(trend.map((c) => [c.title, c.type, c.series.length])).toEqual([
      ["Cost per inference over time", "Line", 12],
      ["Cost against volume", "XYScatter", 3],
    ]);
    expect(report.charts).toEqual(["Cost per inference by Tag: model", "ROI multiple by Tag: model", "Cost per inference over time", "Cost against volume", "Cost per inference by key", "Cost bridge"]);
    // The review's chart: both quarters of each key, on rows 6–21 between the title block and the table (placed by points over them).
    expect(review.charts.map((c) => [c.type, c.series.map((x) => [x.name, x.values, x.xValues]), c.position])).toEqual([
      ["ColumnClustered", [["2024-Q3", "K24:K27", "A24:A27"], ["2024-Q4", "L24:L27", "A24:A27"]], ["A6", "A21"]],
    ]);
    // Ownership marker.
    const marker = JSON.parse(String(wb.settings.get(OWN_SHEETS_SETTING)));
    expect(marker.sheets.map((s: { name: string }) => s.name)).toEqual(OWN);
    expect(await listOwnSheets(wb.run)).toEqual(OWN);
    expect(wb.activeSheetId).toBe(wb.sheet("Unit Economics")!.id);
  });

  it("writes formula-like text from files as apostrophe-prefixed text", async () => {
    const wb = new FakeWorkbook();
    await writeWorkbook(wb.run, sampleResult(), OPTS);
    const s = wb.sheet("AI Cost Data")!;
    const inputs = [...s.cells.values()].map((c) => c.input);
    expect(inputs).toContain("'" + HYPERLINK);
    expect(inputs).toContain("'+SUM(1,2)");
    expect(inputs).toContain("'-cmd|' /C calc'!A0");
    expect(inputs).toContain("'@evil.csv");
    // No cell of a data sheet holds a formula.
    for (const name of ["AI Cost Data", "AI Volume Data", "AI Value Data"]) {
      for (const c of wb.sheet(name)!.cells.values()) expect(String(c.input).startsWith("=")).toBe(false);
    }
    expect(wb.cell("Unit Economics", "A2")).toBe("'2024-07");
  });

  it("syncs few times, suspends calculation before each write and screen updating before the first", async () => {
    const wb = new FakeWorkbook();
    const report = await writeWorkbook(wb.run, sampleResult(), OPTS);
    expect(report.syncs).toBe(wb.syncs);
    // inspect, one write batch, inspect again, commit
    expect(wb.syncs).toBe(4);
    for (const i of [1, 3]) expect(wb.syncLog[i].suspendedCalc).toBe(true);
    expect(wb.syncLog.map((s) => s.suspendedScreen)).toEqual([false, true, false, false]);
    expect(wb.screenSuspendCalls).toBe(1);
  });

  it("suspends screen updating exactly once per write, whatever the number of chunks", async () => {
    for (const [rows, chunkRows] of [[30, 5000], [6000, 2000], [20000, 1000]] as const) {
      const wb = new FakeWorkbook();
      await writeWorkbook(wb.run, largeResult(rows), { ...OPTS, chunkRows });
      expect(wb.screenSuspendCalls, `${rows} rows in chunks of ${chunkRows}`).toBe(1);
      // ... before the first sync that writes (the second of the write; the first only looks).
      expect(wb.syncLog.findIndex((s) => s.suspendedScreen)).toBe(1);
      if (rows > chunkRows) expect(wb.syncs).toBeGreaterThan(rows / chunkRows);
    }
    // A second write into the same workbook suspends once more: once per write.
    const wb = new FakeWorkbook();
    await writeWorkbook(wb.run, sampleResult(), OPTS);
    await writeWorkbook(wb.run, sampleResult(), OPTS, { confirmReplace: async () => true });
    expect(wb.screenSuspendCalls).toBe(2);
  });

  it("freezes panes only once the sheet is visible", async () => {
    const wb = new FakeWorkbook(["My notes"]);
    await writeWorkbook(wb.run, sampleResult(), OPTS);
    const frozen = wb.sheets.filter((s) => s.frozenRows > 0);
    expect(frozen.map((s) => s.name)).toContain("Unit Economics");
    for (const s of frozen) expect(s.frozenWhile, s.name).toBe("Visible");
  });

  it("automatic calculation: no calculate call; the report says automatic", async () => {
    const wb = new FakeWorkbook();
    const report = await writeWorkbook(wb.run, largeResult(6000), { ...OPTS, chunkRows: 2000 });
    expect(wb.calculations).toEqual([]);
    expect(report.calculation).toBe("automatic");
    // API calculation suspended before every sync that writes.
    expect(wb.syncLog.filter((s) => s.suspendedCalc).length).toBeGreaterThan(3);
  });

  it("manual calculation: calculated exactly once, after the commit, in the commit sync; the report says so", async () => {
    for (const [rows, chunkRows] of [[30, 5000], [6000, 2000]] as const) {
      const wb = new FakeWorkbook(["My notes"]);
      wb.calculationMode = "Manual";
      const plain = new FakeWorkbook(["My notes"]);
      const automatic = await writeWorkbook(plain.run, largeResult(rows), { ...OPTS, chunkRows });
      const report = await writeWorkbook(wb.run, largeResult(rows), { ...OPTS, chunkRows });
      expect(report.calculation).toBe("manual-recalculated");
      expect(wb.calculations).toHaveLength(1);
      const [calc] = wb.calculations;
      expect(calc.type).toBe("Recalculate");
      // In the last sync, after the staging sheets got their final names.
      expect(calc.sync).toBe(wb.syncs);
      expect(calc.sheets).toEqual(["My notes", ...OWN]);
      // No sync added for reading the mode or for calculating.
      expect(report.syncs).toBe(automatic.syncs);
      expect(wb.syncs).toBe(plain.syncs);
      // Nothing to suspend in manual calculation.
      expect(wb.syncLog.some((s) => s.suspendedCalc)).toBe(false);
      expect(wb.calculationMode).toBe("Manual");
    }
  });

  it("manual calculation and a failed write: no calculation, workbook unchanged", async () => {
    const wb = new FakeWorkbook(["My notes"]);
    wb.calculationMode = "Manual";
    const before = wb.snapshot();
    wb.failAtSync = 3;
    const err = await writeWorkbook(wb.run, largeResult(6000), { ...OPTS, chunkRows: 2000 }).catch((e) => e);
    expect(err).toBeInstanceOf(WriteFailed);
    expect(wb.calculations).toEqual([]);
    expect(wb.snapshot()).toBe(before);
  });

  it("where Office says ExcelApi 1.8 is missing, the mode is not read and the report says unknown", async () => {
    const g = globalThis as { Office?: unknown };
    const asked: string[] = [];
    g.Office = { context: { requirements: { isSetSupported: (name: string, v?: string) => (asked.push(`${name} ${v}`), false) } } };
    try {
      const wb = new FakeWorkbook();
      wb.calculationMode = "Manual";
      const report = await writeWorkbook(wb.run, sampleResult(), OPTS);
      expect(asked).toContain("ExcelApi 1.8");
      expect(report.calculation).toBe("unknown");
      expect(wb.calculations).toEqual([]);
    } finally {
      delete g.Office;
    }
  });

  it("writes into hidden temporary sheets and shows them only when done", async () => {
    const wb = new FakeWorkbook(["My notes"]);
    const seen: string[][] = [];
    wb.beforeSync = () => seen.push(wb.sheets.filter((s) => s.visibility === "Visible").map((s) => s.name));
    await writeWorkbook(wb.run, largeResult(6000), { ...OPTS, chunkRows: 2000 });
    // Before every sync but the last one applied, only the user's sheet was visible.
    for (const names of seen.slice(0, -1)) expect(names).toEqual(["My notes"]);
    expect(wb.sheets.every((s) => s.visibility === "Visible")).toBe(true);
  });

  it("re-import into a workbook that holds only our sheets", async () => {
    const wb = new FakeWorkbook(["Sheet1"]);
    await writeWorkbook(wb.run, sampleResult(), OPTS);
    wb.deleteSheet(wb.sheet("Sheet1")!);
    await writeWorkbook(wb.run, sampleResult(), OPTS, { confirmReplace: async () => true });
    expect(wb.sheets.map((s) => s.name)).toEqual(OWN);
  });

  it("a sheet with one of our names made while the write runs: conflict, staging removed, nothing changed", async () => {
    const wb = new FakeWorkbook(["My notes"]);
    let before = "";
    wb.beforeSync = (i) => {
      if (i === 1) before = wb.snapshot();
      if (i === 3) wb.sheets.push(wb.newSheet("Trend"));
    };
    const err = await writeWorkbook(wb.run, largeResult(6000), { ...OPTS, chunkRows: 2000 }).catch((e) => e);
    expect(err).toBeInstanceOf(WorkbookConflict);
    expect(err.message).toContain('sheet "Trend"');
    wb.deleteSheet(wb.sheet("Trend")!);
    expect(wb.snapshot()).toBe(before);
  });

  it("chunks large data: at most chunkRows rows and 5 MB per sync", async () => {
    const wb = new FakeWorkbook();
    const rows: number[] = [];
    const report = await writeWorkbook(wb.run, largeResult(20000), { ...OPTS, chunkRows: 5000 }, {}, {
      onSync: (i) => rows.push(i.rows),
    });
    expect(Math.max(...rows)).toBe(5000);
    // 20,001 cost rows → 5 chunks; volume 241 rows and the rest fit in the following syncs.
    expect(rows.filter((r) => r === 5000).length).toBeGreaterThanOrEqual(3);
    expect(wb.largestPayload).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(report.syncs).toBeLessThanOrEqual(10);
    expect(wb.sheet("AI Cost Data")!.cells.get("H20001")?.input).toBe("billing-1.csv");
    // Our estimate is close to the fake's measure (JSON of the arguments).
    expect(report.largestPayloadBytes!).toBeGreaterThan(wb.largestPayload * 0.8);
  });

  it("number formats go as 2-D arrays of the range's shape (the fake refuses a single string), chunked like values", async () => {
    const wb = new FakeWorkbook();
    await writeWorkbook(wb.run, largeResult(12000), { ...OPTS, chunkRows: 5000 });
    const cost = wb.numberFormatWrites.filter((w) => w.sheetId === wb.sheet("AI Cost Data")!.id);
    expect(cost.length).toBeGreaterThan(0);
    expect(Math.max(...wb.numberFormatWrites.map((w) => w.rows))).toBeLessThanOrEqual(5000);
    // The cost column G of 12,000 rows: three arrays (5,000 + 5,000 + 2,000 rows), every row formatted.
    const g = cost.filter((w) => w.address.startsWith("G"));
    expect(g.map((w) => [w.address, w.rows, w.cols])).toEqual([
      ["G2:G5001", 5000, 1],
      ["G5002:G10001", 5000, 1],
      ["G10002:G12001", 2000, 1],
    ]);
    expect(wb.format("AI Cost Data", "G12001")).toBe(wb.format("AI Cost Data", "G2"));
    expect(wb.largestPayload).toBeLessThanOrEqual(5 * 1024 * 1024);
  });

  it("format arrays count toward the payload estimate: a small budget splits them, the estimate stays close", async () => {
    const wb = new FakeWorkbook();
    const budget = 100_000;
    const report = await writeWorkbook(wb.run, largeResult(5000), { ...OPTS, chunkRows: 5000 }, {}, { payloadBudget: budget });
    expect(wb.largestPayload).toBeLessThanOrEqual(budget * 1.1);
    expect(wb.numberFormatWrites.filter((w) => w.sheetId === wb.sheet("AI Cost Data")!.id && w.address.startsWith("G")).length).toBeGreaterThan(1);
    expect(report.largestPayloadBytes!).toBeGreaterThan(wb.largestPayload * 0.8);
  });

  it("shrinks chunks to the payload budget", async () => {
    const wb = new FakeWorkbook();
    const budget = 200_000;
    await writeWorkbook(wb.run, largeResult(5000), { ...OPTS, chunkRows: 5000 }, {}, { payloadBudget: budget });
    expect(wb.largestPayload).toBeLessThanOrEqual(budget * 1.1);
    expect(wb.syncs).toBeGreaterThan(4);
  });

  it("a foreign sheet named like ours: clear error, nothing changed", async () => {
    const wb = new FakeWorkbook(["Sheet1", "Unit Economics"]);
    const before = wb.snapshot();
    const err = await writeWorkbook(wb.run, sampleResult(), OPTS).catch((e) => e);
    expect(err).toBeInstanceOf(WorkbookConflict);
    expect(err.message).toContain('sheet "Unit Economics"');
    expect(err.message).toContain("did not create");
    expect(wb.snapshot()).toBe(before);
  });

  it("a foreign table named like ours is a conflict too", async () => {
    const wb = new FakeWorkbook(["Data"]);
    wb.tables.push({ name: "AiCostData", sheetId: wb.sheets[0].id, address: "A1:B2" });
    const before = wb.snapshot();
    const err = await writeWorkbook(wb.run, sampleResult(), OPTS).catch((e) => e);
    expect(err).toBeInstanceOf(WorkbookConflict);
    expect(err.message).toContain('table "AiCostData" (on sheet "Data")');
    expect(wb.snapshot()).toBe(before);
  });

  it("a defined name equal to one of our table names is a conflict", async () => {
    const wb = new FakeWorkbook(["Data"]);
    wb.names.push("UnitEconomics");
    const before = wb.snapshot();
    const err = await writeWorkbook(wb.run, sampleResult(), OPTS).catch((e) => e);
    expect(err).toBeInstanceOf(WorkbookConflict);
    expect(err.message).toContain('defined name "UnitEconomics"');
    expect(wb.snapshot()).toBe(before);
  });

  it("progress stages name the final sheets, never the temporary ones", async () => {
    const wb = new FakeWorkbook();
    const stages: string[] = [];
    await writeWorkbook(wb.run, largeResult(6000), { ...OPTS, chunkRows: 2000 }, { onProgress: (p) => stages.push(p.stage) });
    expect(stages).toContain("writing AI Cost Data");
    expect(stages.join("|")).not.toContain("~AIECON");
  });

  it("re-import: declined → unchanged; confirmed → replaced, user sheets survive", async () => {
    const wb = new FakeWorkbook(["My notes"]);
    wb.sheets[0].cells.set("A1", { input: "keep me" });
    await writeWorkbook(wb.run, sampleResult(), OPTS);
    const before = wb.snapshot();
    let asked: string[] = [];
    const declined = await writeWorkbook(wb.run, sampleResult(), OPTS, {
      confirmReplace: async (names) => {
        asked = names;
        return false;
      },
    }).catch((e) => e);
    expect(declined).toBeInstanceOf(WriteCancelled);
    expect(asked).toEqual(OWN);
    expect(wb.snapshot()).toBe(before);
    // Without confirmReplace, the same.
    expect(await writeWorkbook(wb.run, sampleResult(), OPTS).catch((e) => e)).toBeInstanceOf(WriteCancelled);
    expect(wb.snapshot()).toBe(before);

    const oldIds = wb.sheets.filter((s) => OWN.includes(s.name)).map((s) => s.id);
    const smaller = sampleResult();
    smaller.costRecords = smaller.costRecords.slice(0, 10);
    const report = await writeWorkbook(wb.run, smaller, OPTS, { confirmReplace: async () => true });
    expect(report.replaced).toEqual(OWN);
    expect(wb.sheets.map((s) => s.name)).toEqual(["My notes", ...OWN]);
    expect(wb.sheets.filter((s) => oldIds.includes(s.id))).toHaveLength(0);
    expect(wb.cell("My notes", "A1")).toBe("keep me");
    expect(wb.tables.find((t) => t.name === "AiCostData")!.address).toBe("A1:H11");
    expect(wb.tables.filter((t) => t.name === "AiCostData")).toHaveLength(1);
  });

  it("a sheet the user renamed stays ours; a sheet the user made under our name after deleting ours is not", async () => {
    const wb = new FakeWorkbook();
    await writeWorkbook(wb.run, sampleResult(), OPTS);
    wb.sheet("Trend")!.name = "Old trend";
    expect(await listOwnSheets(wb.run)).toContain("Old trend");
    wb.deleteSheet(wb.sheet("Comparison")!);
    wb.sheets.push(wb.newSheet("Comparison"));
    const err = await writeWorkbook(wb.run, sampleResult(), OPTS, { confirmReplace: async () => true }).catch((e) => e);
    expect(err).toBeInstanceOf(WorkbookConflict);
    expect(err.message).toContain('sheet "Comparison"');
  });

  it("cancel midway: staging sheets removed, workbook unchanged", async () => {
    const wb = new FakeWorkbook(["My notes"]);
    await writeWorkbook(wb.run, sampleResult(), OPTS);
    const before = wb.snapshot();
    const ac = new AbortController();
    const stages: string[] = [];
    const err = await writeWorkbook(wb.run, largeResult(12000), { ...OPTS, chunkRows: 3000 }, {
      signal: ac.signal,
      confirmReplace: async () => true,
      onProgress: (p) => {
        stages.push(p.stage);
        if (p.fraction > 0.3) ac.abort();
      },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(WriteCancelled);
    expect(stages.length).toBeGreaterThan(2);
    expect(wb.snapshot()).toBe(before);
  });

  it("a failing sync: staging removed, workbook unchanged, a clear error", async () => {
    const wb = new FakeWorkbook(["My notes"]);
    const before = wb.snapshot();
    wb.failAtSync = 3;
    const err = await writeWorkbook(wb.run, largeResult(12000), { ...OPTS, chunkRows: 3000 }).catch((e) => e);
    expect(err).toBeInstanceOf(WriteFailed);
    expect(err.message).toContain("fake: sync 3 failed");
    expect(err.message).toContain("left as it was");
    expect(wb.snapshot()).toBe(before);
  });

  it("reports progress from 0 to 1", async () => {
    const wb = new FakeWorkbook();
    const fractions: number[] = [];
    await writeWorkbook(wb.run, largeResult(12000), { ...OPTS, chunkRows: 3000 }, { onProgress: (p) => fractions.push(p.fraction) });
    expect(fractions[0]).toBe(0);
    expect(fractions[fractions.length - 1]).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
  });
});
