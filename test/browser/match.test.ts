/**
 * Issue 10, items 1–3, in the workbench at 1366 × 768 on the real exports of ../shared/data:
 *  - CUR 2.0 for April only: the Comparison is not empty (latest quarter with cost, flagged
 *    partial), its charts are titled by service;
 *  - the FOCUS sample by service (33 keys): the charts show the top 12 and Other, with a legend
 *    that holds them all, distinct colours, currency on the axes, placed above the tables and
 *    visible without scrolling; screenshots of Comparison and Trend go to test-results/ (to docs/ with UPDATE_SCREENSHOTS=1);
 *  - a volume trace of 2023-11 against billing of 2024-09: a warning before Import;
 *  - a volume key with a trailing space: reported and merged; a key no cost has: reported;
 *    the status line's counts equal the Data Checks and Unit Economics sheets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { summarize } from "../../src/import/index";
import { fileInput } from "../../src/import/node";
import { matchReport } from "../../src/import/match";
import { snapshotOf, sheetOf, tableRows, BUILD_TIMEOUT, ensureBuilt, openWorkbench, paneHelpers, ROOT, shownTexts, type Snap, type Workbench } from "./harness";

const DATA = path.resolve(ROOT, "../shared/data");
const CUR2 = path.join(DATA, "aws/aws_cur2_daily_ha-project.csv");
const FOCUS = path.join(DATA, "focus/focus_1.0_sample_1000.csv");
const TRACE = path.join(DATA, "volume/azure_llm_inference_trace_code_2023.csv");
const dir = path.join(ROOT, "test-results", "match-data");
const VIEW = { width: 1366, height: 768 };

let wb: Workbench;
let page: Page;
const { filesRead, removeAllFiles, waitForStatus } = paneHelpers(() => page);
let volumePath = "";
let spaced = "";
let cased = "";

const snapshot = (): Promise<Snap> => snapshotOf(page);
const sheet = sheetOf;
async function importNow(): Promise<string> {
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const dialog = page.getByRole("alertdialog");
  const done = page.getByRole("status").filter({ hasText: "Import complete" });
  await dialog.or(done).first().waitFor({ timeout: 120_000 });
  if (await dialog.isVisible()) await page.getByRole("button", { name: "Replace", exact: true }).click();
  return waitForStatus(/Import complete/);
}
/**
 * Axis ticks as a person reads them: at most 3 significant digits once trailing zeros go
 * (`0.00200 USD`, `7.50 USD`, `12.5×`), thousands separated, never a negative zero.
 */
function expectRoundTicks(ticks: readonly string[]): void {
  for (const t of ticks) {
    expect(t, t).toMatch(/^-?\d{1,3}(,\d{3})*(\.\d+)?( [A-Z]{3}|×)?$/);
    expect(t, t).not.toMatch(/^-[0.,]+( [A-Z]{3}|×)?$/);
    const digits = t.replace(/[^0-9]/g, "").replace(/^0+/, "").replace(/0+$/, "");
    expect(digits.length, t).toBeLessThanOrEqual(3);
  }
}

async function chartGeometry(): Promise<Array<{ top: number; bottom: number; ticks: string[]; title: string }>> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".wb-chart")].map((c) => {
      const r = c.getBoundingClientRect();
      const svg = c.querySelector("svg")!;
      return {
        top: r.top,
        bottom: r.bottom,
        ticks: [...svg.querySelectorAll(".wb-tick")].map((t) => t.textContent ?? ""),
        title: svg.querySelector(".wb-chart-title")?.textContent ?? "",
      };
    }),
  );
}

async function showSheet(name: string): Promise<void> {
  await page.getByRole("tab", { name, exact: true }).click();
  await page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));
}

beforeAll(async () => {
  await ensureBuilt();
  mkdirSync(dir, { recursive: true });
  // Requests for every service of the FOCUS sample (2024-09), one spelled with a trailing space,
  // and one key that no cost has.
  const billing = await summarize([fileInput(FOCUS, "billing")], { period: "month", key: "service", cost: "billed" });
  const keys = [...new Set(billing.groups.map((g) => g.key))].sort();
  expect(keys.length).toBe(33);
  spaced = keys[3];
  const rows = ["date,key,requests"];
  cased = keys[5];
  // keys[3] with a trailing space, keys[5] in upper case: both merged into the billing's spelling, and reported.
  keys.forEach((k, i) => rows.push(`2024-09-0${1 + (i % 9)},"${k === spaced ? k + " " : k === cased ? k.toUpperCase() : k}",${1000 + i * 137}`));
  rows.push("2024-09-15,llama-local,77");
  volumePath = path.join(dir, "volume-33-keys.csv");
  writeFileSync(volumePath, rows.join("\n") + "\n");
  wb = await openWorkbench({ viewport: VIEW });
  page = wb.page;
}, BUILD_TIMEOUT);

afterAll(async () => {
  await wb?.close();
});

describe("issue 10: match report, comparison period, charts that hold 33 keys", () => {
  it("CUR 2.0 April only: the Comparison shows 2026-Q2, flagged partial, titled by service, not empty", async () => {
    await removeAllFiles();
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(CUR2);
    await filesRead();
    await page.getByLabel("Period", { exact: true }).selectOption("month");
    const status = await importNow();
    expect(status).toMatch(/Comparison: 2026-Q2 \(partial: 1 of 3 months\)/);
    const snap = await snapshot();
    const comp = sheet(snap, "Comparison");
    expect(String(comp.values[0][0])).toMatch(/^Comparison of 2026-Q2 \(partial: 1 of 3 months\) by service: 13 keys/);
    // The Quarterly Review's title flags the same quarter with the same words (one partial-quarter rule, audit row 2c).
    const reviewTitle = sheet(snap, "Quarterly Review").values.slice(0, 6).map((r) => String(r[0]).replace(/^'/, ""));
    expect(reviewTitle).toContain("2026-Q2: partial: 1 of 3 months (2026-04)");
    const rows = tableRows(comp, "ModelComparison");
    expect(rows).toHaveLength(13);
    expect(rows.every((r) => r.Period === "2026-Q2" && typeof r.Cost === "number")).toBe(true);
    // The costliest first, and the sum is the engine's total.
    const engine = await summarize([fileInput(CUR2, "billing")], { period: "month", cost: "billed" });
    const total = Object.values(engine.totals).reduce((a, v) => a + Number(v), 0);
    expect(Math.abs(rows.reduce((a, r) => a + Number(r.Cost), 0) - total)).toBeLessThan(1e-6);
    for (let i = 1; i < rows.length; i++) expect(Number(rows[i - 1].Cost)).toBeGreaterThanOrEqual(Number(rows[i].Cost));
    expect(comp.charts.map((c) => c.title)).toEqual(["Cost per inference by service", "ROI multiple by service"]);
    // 13 keys: the top 12 and Other (1 key).
    expect(comp.charts[0].series[0].values).toHaveLength(13);
    const top = tableRows(comp, "ModelComparisonTop");
    expect(top[12]["Chart key"]).toBe("Other (1 key)");
    // 13 keys: the column chart's category labels never overprint: side by side they fit their band, rotated they are a line apart.
    await showSheet("Comparison");
    const cats = await page.evaluate(() =>
      [...document.querySelectorAll<SVGTextElement>('.wb-chart svg[data-chart-type="ColumnClustered"] .wb-cat')].map((t) => ({
        x: Number(t.getAttribute("x")),
        w: t.getComputedTextLength(),
        rotated: t.hasAttribute("transform"),
      })),
    );
    expect(cats).toHaveLength(13);
    const gap = Math.min(...cats.slice(1).map((c, i) => c.x - cats[i].x));
    if (cats[0].rotated) expect(gap * Math.SQRT1_2).toBeGreaterThanOrEqual(10);
    else expect(Math.max(...cats.map((c) => c.w))).toBeLessThanOrEqual(gap);
  });

  it("a volume trace of 2023-11 against billing of 2024-09: a warning in the pane before Import", async () => {
    await removeAllFiles();
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(FOCUS);
    await page.getByLabel("Volume files", { exact: true }).setInputFiles(TRACE);
    await filesRead();
    const status = await waitForStatus(/overlaps no billing period/);
    expect(status).toMatch(/azure_llm_inference_trace_code_2023\.csv covers 2023-11[^.]*overlaps no billing period \(2024-09\)/);
    await expect(page.getByRole("status").getAttribute("data-tone")).resolves.toBe("warn");
  });

  it("a request log without keys (the Azure trace, its 2023-11 dates moved to 2024-09): never a cost per inference against unrelated cost", async () => {
    const lines = readFileSync(TRACE, "utf8").split("\n").filter((l) => l !== "");
    const moved = [lines[0], ...lines.slice(1, 501).map((l) => l.replace(/^2023-11-/, "2024-09-"))];
    const log = path.join(dir, "trace-2024-09.csv");
    writeFileSync(log, moved.join("\n") + "\n");
    await removeAllFiles();
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(FOCUS);
    await page.getByLabel("Volume files", { exact: true }).setInputFiles(log);
    await filesRead();
    await page.getByLabel("Period", { exact: true }).selectOption("month");
    await page.getByLabel("Workload key", { exact: true }).selectOption("service");
    // The match report only: without pricing (priced, a log without a model column needs "Price requests as").
    await page.getByLabel("Price the tokens (AI Prices)", { exact: true }).setChecked(false);
    const status = await importNow();
    expect(status).toContain("500 inferences have no key (a request log without a key column): they are counted under (no key) and matched to no cost");
    const snap = await snapshot();
    const ue = tableRows(sheet(snap, "Unit Economics"), "UnitEconomics");
    // No row pairs the 500 keyless inferences with some cost: no cost per inference of 0.000000 or of anything else from them.
    expect(ue.filter((r) => r.Inferences !== "" && r.Inferences !== 0)).toEqual([]);
    expect(ue.some((r) => typeof r["Cost per inference"] === "number")).toBe(false);
    const checks = tableRows(sheet(snap, "Data Checks"), "DataChecks");
    expect(checks.find((r) => r.Key === "(no key)")).toMatchObject({ Source: "trace-2024-09.csv", Inferences: 500 });
  });

  it("33 keys: the status and Data Checks report the trailing-space key (merged) and the key without cost; counts agree with the sheets", async () => {
    await removeAllFiles();
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(FOCUS);
    await page.getByLabel("Volume files", { exact: true }).setInputFiles(volumePath);
    await filesRead();
    await page.getByLabel("Period", { exact: true }).selectOption("month");
    await page.getByLabel("Workload key", { exact: true }).selectOption("service");
    const status = await importNow();
    expect(status).toContain(`volume-33-keys.csv: “${spaced} ”: 1 row merged into ${spaced} (surrounding spaces removed).`);
    expect(status).toMatch(/volume-33-keys\.csv: 1 key matches no cost: llama-local \(77 inferences\)\./);

    const engine = await summarize([fileInput(FOCUS, "billing"), fileInput(volumePath, "volume")], { period: "month", key: "service", cost: "billed" });
    const m = matchReport(engine);
    const snap = await snapshot();
    const ue = tableRows(sheet(snap, "Unit Economics"), "UnitEconomics");
    const spacedRow = ue.find((r) => r.Key === spaced)!;
    expect(spacedRow.Inferences).toBe(1000 + 3 * 137);
    // The upper-case spelling: merged into the billing's key (one row, its inferences), and said so.
    expect(cased.toUpperCase()).not.toBe(cased);
    expect(status).toContain(`volume-33-keys.csv: ${cased.toUpperCase()}: 1 row merged into ${cased} (Excel compares text ignoring case).`);
    expect(ue.filter((r) => String(r.Key).toLowerCase() === cased.toLowerCase()).map((r) => [r.Key, r.Inferences])).toEqual([[cased, 1000 + 5 * 137]]);
    const blanks = ue.filter((r) => r.Inferences === "").length;
    const checks = tableRows(sheet(snap, "Data Checks"), "DataChecks");
    const noVolume = checks.filter((r) => r.Check === "Cost without volume").reduce((a, r) => a + Number(r["Rows or keys"]), 0);
    expect(noVolume).toBe(blanks);
    expect(noVolume).toBe(m.totals.groupsWithoutVolume);
    if (blanks > 0) expect(status).toContain(`${blanks} ${blanks === 1 ? "group has" : "groups have"} cost and no volume data`);
    else expect(status).not.toMatch(/no volume data/);
    expect(checks.find((r) => r.Check === "Key merged" && r.Key === `${spaced} `)).toMatchObject({ Source: "volume-33-keys.csv", "Rows or keys": 1 });
    expect(checks.find((r) => r.Check === "Key merged" && r.Key === cased.toUpperCase())).toMatchObject({ Source: "volume-33-keys.csv", "Rows or keys": 1 });
    expect(checks.find((r) => r.Check === "Key without cost")).toMatchObject({ Key: "llama-local", Inferences: 77 });
    // One money format: every cost on the data and figure sheets reads with 2 decimals and the ISO code
    // (the sample's credits included: never -0.0007180008 USD beside 1,312.865034 USD).
    for (const name of ["AI Cost Data", "Unit Economics", "Comparison"]) {
      const texts = await shownTexts(page, name);
      const h = texts.findIndex((r) => r.includes("Cost") && r.includes("Currency"));
      const c = texts[h].indexOf("Cost");
      // The first table under its header, to its first blank row.
      const body = texts.slice(h + 1);
      const end = body.findIndex((r) => r.every((t) => t === ""));
      const costs = (end < 0 ? body : body.slice(0, end)).map((r) => r[c]);
      expect(costs.length, name).toBeGreaterThanOrEqual(33);
      for (const t of costs.slice(0, 40)) expect(t, name).toMatch(/^-?\d{1,3}(,\d{3})*\.\d\d USD$/);
      expect(costs.filter((t) => t === "-0.00 USD"), name).toEqual([]);
    }
    const share = checks.find((r) => r.Check === "Unattributed share" && r.Period === "2024-09")!;
    expect(Number(share.Share)).toBeCloseTo(Number(m.periods[0].unattributedShare ?? 0), 12);
  });

  it("33 keys: Comparison and Trend draw the top 12 and Other, legends that fit, distinct colours, currency on the axes, above the tables, in view at 1366 × 768", async () => {
    const snap = await snapshot();
    const comp = sheet(snap, "Comparison");
    expect(comp.charts[0].series[0].values).toHaveLength(13);
    const top = tableRows(comp, "ModelComparisonTop");
    expect(top.map((r) => r["Chart key"]).slice(-1)).toEqual(["Other (21 keys)"]);
    const trend = sheet(snap, "Trend");
    const line = trend.charts.find((c) => c.title === "Cost per inference over time")!;
    expect(line.series.map((s) => s.name).slice(-1)).toEqual(["Other (21 keys)"]);
    expect(line.series.length).toBeLessThanOrEqual(13);
    const scatter = trend.charts.find((c) => c.title === "Cost against volume")!;
    // Only groups with volume: every x is a number.
    for (const s of scatter.series) expect(s.values.every((v) => typeof v === "number")).toBe(true);

    for (const [name, shot] of [
      ["Comparison", "screenshot-comparison.png"],
      ["Trend", "screenshot-trend.png"],
    ] as const) {
      await showSheet(name);
      const geo = await page.evaluate(() => {
        const charts = [...document.querySelectorAll<HTMLElement>(".wb-chart")].map((c) => {
          const r = c.getBoundingClientRect();
          const svg = c.querySelector("svg")!;
          const legend = [...svg.querySelectorAll(".wb-legend-item")].map((g) => {
            const b = (g as SVGGElement).getBBox();
            return { x: b.x, y: b.y, w: b.width, h: b.height, fill: g.querySelector("rect")!.getAttribute("fill") };
          });
          const ticks = [...svg.querySelectorAll(".wb-tick")].map((t) => t.textContent ?? "");
          return { top: r.top, left: r.left, bottom: r.bottom, right: r.right, w: r.width, h: r.height, legend, ticks, labels: svg.querySelectorAll(".wb-data-label").length };
        });
        const firstTableCell = document.querySelector<HTMLElement>('table.wb-grid td[data-cell="A20"]')!.getBoundingClientRect();
        const pane = document.querySelector<HTMLElement>(".wb-side")!.getBoundingClientRect();
        return { charts, tableTop: firstTableCell.top, paneLeft: pane.left, vh: window.innerHeight };
      });
      expect(geo.charts).toHaveLength(2);
      for (const c of geo.charts) {
        // Above the tables (the header row is row 20), within the grid and the window: no scrolling.
        expect(c.bottom).toBeLessThanOrEqual(geo.tableTop);
        expect(c.right).toBeLessThanOrEqual(geo.paneLeft);
        expect(c.bottom).toBeLessThanOrEqual(geo.vh);
        expect(c.top).toBeGreaterThanOrEqual(0);
        // Every legend entry inside the chart, none over another, each its own colour.
        for (const l of c.legend) {
          expect(l.x + l.w).toBeLessThanOrEqual(c.w + 0.5);
          expect(l.y + l.h).toBeLessThanOrEqual(c.h + 0.5);
        }
        for (let i = 0; i < c.legend.length; i++)
          for (let j = i + 1; j < c.legend.length; j++) {
            const a = c.legend[i];
            const b = c.legend[j];
            expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
          }
        expect(new Set(c.legend.map((l) => l.fill)).size).toBe(c.legend.length);
        // Currency on the value axis (or a multiple on the ROI chart), in round figures: never a long decimal or a -0.00.
        expect(c.ticks.some((t) => /USD|×/.test(t))).toBe(true);
        expectRoundTicks(c.ticks);
      }
      if (name === "Trend") expect(geo.charts[0].legend).toHaveLength(line.series.length);
      // Value labels beside the bars of the ROI chart only when there is a value (none here); never over each other on the columns.
      if (name === "Comparison") expect(geo.charts[0].labels).toBe(0);
      const file = await wb.screenshot(shot);
      // The README's pictures: refreshed on request only, so that a test run never changes tracked files.
      if (process.env.UPDATE_SCREENSHOTS === "1") copyFileSync(file, path.join(ROOT, "docs", shot));
    }
    expect(wb.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });

  it("33 keys: the Quarterly Review's title, chart and table header in view without scrolling, the chart's keys the 12 costliest, its axis in USD in round figures; screenshots of the top and the totals", async () => {
    const snap = await snapshot();
    const review = sheet(snap, "Quarterly Review");
    expect(String(review.values[0][0])).toBe("Quarterly Review: 2024-Q3 against 2024-Q2");
    expect(review.values.slice(1, 5).map((r) => String(r[0]).replace(/^'/, ""))).toContain("2024-Q3: partial: 1 of 3 months (2024-09)");
    expect(review.charts.map((c) => c.title)).toEqual(["Cost per inference by key (the 12 costliest of 33)"]);
    // One column per key and quarter for the 12 costliest of the FOCUS sample's 33 keys: the table's first rows.
    expect(review.charts[0].series.map((s) => s.values.length)).toEqual([12, 12]);
    const t = review.tables.find((x) => x.name === "QuarterlyReview")!;
    const headerRow = Number(/\d+/.exec(t.address)![0]);
    const header = review.values[headerRow - 1].map(String);
    const body = review.values.slice(headerRow, headerRow + 33);
    const costQ3 = body.map((r) => Number(r[header.indexOf("Cost 2024-Q3")]));
    expect(costQ3).toEqual([...costQ3].sort((a, b) => b - a));
    await showSheet("Quarterly Review");
    const geo = await page.evaluate((row) => {
      const c = document.querySelector<HTMLElement>(".wb-chart")!.getBoundingClientRect();
      const headerCell = document.querySelector<HTMLElement>(`table.wb-grid td[data-cell="A${row}"]`)!.getBoundingClientRect();
      const titleCell = document.querySelector<HTMLElement>('table.wb-grid td[data-cell="A1"]')!.getBoundingClientRect();
      const pane = document.querySelector<HTMLElement>(".wb-side")!.getBoundingClientRect();
      return { top: c.top, bottom: c.bottom, right: c.right, header: headerCell, title: titleCell, paneLeft: pane.left, vh: window.innerHeight };
    }, headerRow);
    // Title, chart and the table's header row all on screen at 1366 × 768 beside the pane; the chart over no table cell.
    expect(geo.title.top).toBeGreaterThanOrEqual(0);
    expect(geo.top).toBeGreaterThanOrEqual(geo.title.bottom);
    expect(geo.bottom).toBeLessThanOrEqual(geo.header.top);
    expect(geo.header.bottom).toBeLessThanOrEqual(geo.vh);
    expect(geo.right).toBeLessThanOrEqual(geo.paneLeft);
    const [chart] = await chartGeometry();
    expect(chart.title).toBe("Cost per inference by key (the 12 costliest of 33)");
    expect(chart.ticks.every((t) => / USD$/.test(t))).toBe(true);
    expectRoundTicks(chart.ticks);
    const top = await wb.screenshot("screenshot-review.png");
    await page.evaluate(() => [...document.querySelectorAll<HTMLElement>("table.wb-grid td")].find((td) => td.textContent === "Total")!.scrollIntoView({ block: "center" }));
    await page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));
    const totals = await wb.screenshot("screenshot-review-totals.png");
    if (process.env.UPDATE_SCREENSHOTS === "1") {
      copyFileSync(top, path.join(ROOT, "docs", "screenshot-review.png"));
      copyFileSync(totals, path.join(ROOT, "docs", "screenshot-review-totals.png"));
    }
    expect(wb.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });

});
