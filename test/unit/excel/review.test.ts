/**
 * The Quarterly Review for a CFO: the title block and partial-quarter flags on the real AWS CUR 2.0
 * export (April 2025 only), and, through the workbench host's formula engine, totals per currency
 * equal to independent sums of the engine's groups, remediation reasons, the unattributed share,
 * the chart between the title block and the table (the costliest keys, in view), and the print
 * layout as strict as Excel.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeWorkbook } from "../../../src/excel/index";
import { planWorkbook, type SheetPlan } from "../../../src/excel/plan";
import { fileInput } from "../../../src/import/node";
import { summarize } from "../../../src/import/index";
import type { ImportResult } from "../../../src/import/types";
import type { SnapshotSheet } from "../../../src/workbench/host/index";
import { DATA, D } from "../import/helpers";
import { newHost } from "./workbenchHost";
import { sampleResult } from "./fixtures";

const CUR2 = join(DATA, "aws", "aws_cur2_daily_ha-project.csv");

function review(r: ImportResult, costBasis: "billed" | "effective" = "billed"): SheetPlan {
  return planWorkbook(r, { period: "month", fiscalStartMonth: 1, costBasis }).sheets.find((s) => s.id === "review")!;
}

describe("Quarterly Review plan", () => {
  it("CUR 2.0 April only: the title names quarters, basis, currency, fiscal start, source and period; both quarters flagged", async () => {
    const r = await summarize([fileInput(CUR2, "billing")], { period: "month", cost: "effective" });
    const s = review(r, "effective");
    // Lines starting with a digit go with safeText's apostrophe (text, as written); compare the text.
    expect(s.blocks[0].cells[2][0]).toBe("'2026-Q1: no cost data");
    const title = s.blocks[0].cells.map((row) => String(row[0]).replace(/^'/, ""));
    expect(title[0]).toBe("Quarterly Review: 2026-Q2 against 2026-Q1");
    expect(title[1]).toBe(`Cost basis: effective (commitments amortized) · Currency: USD · Fiscal year starts in January · Key: ${r.key}`);
    expect(title[2]).toBe("2026-Q1: no cost data");
    expect(title[3]).toBe("2026-Q2: partial: 1 of 3 months (2026-04)");
    expect(title[4]).toBe("Billing: aws_cur2_daily_ha-project.csv (AWS CUR 2.0 (Data Exports)), 2026-04");
    expect(s.fonts![0]).toEqual({ row: 0, col: 0, rowCount: 1, colCount: 1, bold: true, size: 14 });
    expect(s.print).toEqual({ orientation: "Landscape", fitWide: 1, titleRows: { first: 23, last: 23 } });
    // Five title lines, a blank row, a band of chart (16 rows), a blank row, the header.
    expect(s.tables[0].row).toBe(23);
  });

  it("a file name that looks like a formula is written as text", () => {
    const r = sampleResult();
    r.sources = [
      {
        file: "=cmd.csv", kind: "billing", format: "focus", rowsRead: 0, rowsUsed: 0, rowsSkipped: 0, skipped: {}, rowsRejected: 0, rejected: [],
        totals: {}, periodRange: null, currencies: [], tagKeys: [], columns: [], caseMerges: [],
      },
    ];
    const line = review(r).blocks[0].cells.map((row) => row[0]).find((c) => String(c).includes("cmd"));
    // The line starts with "Billing:", so it is plain; the title block is written as values through safeText.
    expect(line).toBe("Billing: =cmd.csv (FOCUS), no rows used");
    expect(review(r).blocks[0].mode).toBe("values");
  });

  it("the chart stands between the title block and the table, over no cell in use; its keys are the costliest, the table's first rows", () => {
    const r = sampleResult();
    const s = review(r);
    const table = s.tables[0];
    const [title] = s.blocks;
    const box = s.charts[0].box!;
    // Rows of 15 points, the 14-point title row up to 4 points taller: the chart's top below the
    // title block (and its blank row), its bottom above the table's header row.
    expect(box.top).toBeGreaterThanOrEqual(title.rowCount * 15 + 4);
    expect(box.top + box.height).toBeLessThanOrEqual(table.row * 15 - 15);
    for (const b of s.blocks.slice(1)) expect(b.row).toBeGreaterThanOrEqual(table.row);
    // In view beside the task pane at 1366 × 768 (as the Comparison's two charts).
    expect(box.left + box.width).toBeLessThanOrEqual(700);
    // Keys ordered by latest-quarter cost, the costliest first (an independent ranking of the groups).
    const q4 = new Map<string, number>();
    for (const g of r.groups) if (["2024-10", "2024-11", "2024-12"].includes(g.period)) q4.set(g.key, (q4.get(g.key) ?? 0) + Number(g.cost));
    const keys = s.blocks[1].cells.slice(1).map((row) => String(row[0]).replace(/^'/, ""));
    const costs = keys.map((k) => q4.get(k) ?? 0);
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
    const cats = s.charts[0].series[0].xValues!;
    expect(cats.row).toBe(table.row + 1);
    expect(cats.rowCount).toBe(Math.min(keys.length, 12));
  });

  it("33 keys: the chart shows the 12 costliest (the top-N option), its title says so", async () => {
    const r = await summarize([fileInput(join(DATA, "focus", "focus_1.0_sample_1000.csv"), "billing")], { period: "month", cost: "billed" });
    const plan = planWorkbook(r, { period: "month", fiscalStartMonth: 1, costBasis: "billed" }).sheets.find((x) => x.id === "review")!;
    expect(plan.charts[0].title).toBe("Cost per inference by key (the 12 costliest of 33)");
    expect(plan.charts[0].series.map((x) => x.values.rowCount)).toEqual([12, 12]);
    const five = planWorkbook(r, { period: "month", fiscalStartMonth: 1, costBasis: "billed", topKeys: 5 }).sheets.find((x) => x.id === "review")!;
    expect(five.charts[0].series[0].values.rowCount).toBe(5);
  });
});

function tableRows(sheet: SnapshotSheet, name: string): Record<string, unknown>[] {
  const t = sheet.tables.find((x) => x.name === name)!;
  const [from, to] = t.address.split(":").map((a) => Number(/\d+/.exec(a)![0]));
  const header = sheet.values[from - 1].map(String);
  return sheet.values.slice(from, to).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

describe("Quarterly Review in the workbench host", () => {
  it("totals per currency equal independent sums of the engine's groups; figures from the totals; reasons per key", async () => {
    const r = sampleResult();
    const host = await newHost();
    await writeWorkbook(host.run, r, { period: "month", fiscalStartMonth: 1, costBasis: "billed" });
    const sheet = host.snapshot().sheets.find((s) => s.name === "Quarterly Review")!;
    const rows = tableRows(sheet, "QuarterlyReview");
    const headerRow = Number(/\d+/.exec(sheet.tables.find((x) => x.name === "QuarterlyReview")!.address)![0]) - 1;
    const header = sheet.values[headerRow].map(String);
    const total = sheet.values.find((row) => row[0] === "Total")!;
    const at = (h: string): unknown => total[header.indexOf(h)];
    const q4 = r.groups.filter((g) => ["2024-10", "2024-11", "2024-12"].includes(g.period));
    const cost = q4.reduce((s, g) => s.plus(g.cost), new D(0));
    const inf = q4.reduce((s, g) => s + (g.inferences ?? 0), 0);
    const value = q4.reduce((s, g) => (g.value === null ? s : s.plus(g.value)), new D(0));
    expect(at("Currency")).toBe("USD");
    expect(Number(at("Cost 2024-Q4"))).toBeCloseTo(cost.toNumber(), 9);
    expect(at("Inferences 2024-Q4")).toBe(inf);
    expect(Number(at("Value 2024-Q4"))).toBeCloseTo(value.toNumber(), 9);
    // Cost per inference and ROI of the totals: from the totals, not averaged.
    expect(Number(at("Cost per inference 2024-Q4"))).toBeCloseTo(cost.div(inf).toNumber(), 12);
    expect(Number(at("ROI multiple 2024-Q4"))).toBeCloseTo(value.div(cost).toNumber(), 12);
    // Every key has its reason (or none).
    const reason = Object.fromEntries(rows.map((x) => [String(x.Key), x.Remediation]));
    expect(reason["claude-3"]).toBe("needs a remediation plan");
    expect(reason["gpt-4o"]).toBe("");
    expect(reason["no-volume"]).toBe("no inferences in the quarter");
    expect(reason['=HYPERLINK("http://x","y")']).toBe("no value data");
    // The unattributed share: the sample has no (unattributed) key, so 0.
    const share = sheet.values.find((row) => row[0] === "Unattributed share of cost")!;
    expect(share[header.indexOf("Cost 2024-Q4")]).toBe(0);
    // Print layout, read back through the API.
    const layout = await host.run(async (ctx) => {
      const pl = ctx.workbook.worksheets.getItem("Quarterly Review").pageLayout;
      pl.load("orientation,zoom");
      const titles = pl.getPrintTitleRowsOrNullObject();
      titles.load("address");
      await ctx.sync();
      return { orientation: pl.orientation, zoom: pl.zoom, titles: titles.address };
    });
    expect(layout).toEqual({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, titles: `'Quarterly Review'!${headerRow + 1}:${headerRow + 1}` });
  });

  it("the host's PageLayout rejects what Excel rejects", async () => {
    const host = await newHost();
    const attempt = (f: (pl: Excel.PageLayout, ws: Excel.Worksheet) => void): Promise<unknown> =>
      host
        .run(async (ctx) => {
          const ws = ctx.workbook.worksheets.getItem("Sheet1");
          f(ws.pageLayout, ws);
          await ctx.sync();
        })
        .then(() => "ok", (e: { code?: string }) => e.code);
    expect(await attempt((pl) => (pl.orientation = "Sideways" as "Portrait"))).toBe("InvalidArgument");
    expect(await attempt((pl) => (pl.zoom = { scale: 5 }))).toBe("InvalidArgument");
    expect(await attempt((pl) => (pl.zoom = { scale: 50, horizontalFitToPages: 1 }))).toBe("InvalidArgument");
    expect(await attempt((pl) => (pl.zoom = { horizontalFitToPages: 1.5 }))).toBe("InvalidArgument");
    expect(await attempt((pl, ws) => pl.setPrintTitleRows(ws.getRange("A1:C2")))).toBe("InvalidArgument");
    expect(await attempt((pl, ws) => pl.setPrintTitleRows(ws.getRange("A1:C2").getEntireRow()))).toBe("ok");
    expect(await attempt((pl) => (pl.zoom = { scale: 80 }))).toBe("ok");
    expect(await attempt((_, ws) => (ws.getRange("A1").format.font.size = 500))).toBe("InvalidArgument");
  });
});

describe("one partial-quarter rule", () => {
  it("the Comparison's flag and the Review's title line read the same months, at the month and the day grain", async () => {
    for (const period of ["month", "day"] as const) {
      const r = await summarize([fileInput(CUR2, "billing")], { period, cost: "billed" });
      const plan = planWorkbook(r, { period, fiscalStartMonth: 1, costBasis: "billed" });
      expect(plan.comparisonPeriod, period).toBe("2026-Q2");
      // April only: one month of three, whatever the grain (days from 2026-04-01 to 2026-04-30 are still one month).
      expect(plan.comparisonPartial, period).toBe("partial: 1 of 3 months");
      const title = plan.sheets.find((s) => s.id === "review")!.blocks[0].cells.map((row) => String(row[0]).replace(/^'/, ""));
      expect(title, period).toContain(`2026-Q2: ${plan.comparisonPartial} (2026-04)`);
    }
  });
});
