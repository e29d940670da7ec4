/**
 * The workbench in headless Chromium: AIECON formulas typed into the formula bar are
 * computed by the real functions.js, errors show as Excel text, spills spill, the snapshot
 * has the spec's shape, and a screenshot is saved to test-results/workbench.png.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT, cellText, enterFormula, openWorkbench, type Workbench } from "./harness";

let wb: Workbench;

beforeAll(async () => {
  wb = await openWorkbench();
}, BUILD_TIMEOUT);
afterAll(async () => {
  await wb?.close();
});

describe("workbench page", () => {
  it("starts with the AIECON functions registered and the task pane mounted", async () => {
    const state = await wb.page.evaluate(() => ({ functions: window.workbench.functions, errors: window.workbench.errors }));
    expect(state.errors).toEqual([]);
    expect(state.functions).toContain("AIECON.COSTPERINFERENCE");
    await expect(wb.page.getByRole("button", { name: "Import" }).count()).resolves.toBeGreaterThan(0);
    await expect(wb.page.getByRole("button", { name: "Load sample data" }).count()).resolves.toBe(1);
  });

  it("computes AIECON formulas typed into the formula bar", async () => {
    await enterFormula(wb.page, "A1", "=AIECON.COSTPERINFERENCE(1250,500000)");
    await enterFormula(wb.page, "A2", "=AIECON.ROIMULTIPLE(0.03,0.0025)");
    await enterFormula(wb.page, "A3", "=AIECON.BENCHMARKBAND(A2)");
    expect(await wb.page.evaluate(() => window.workbench.getCell("A1"))).toMatchObject({ value: 0.0025, formula: "=AIECON.COSTPERINFERENCE(1250,500000)" });
    expect(await cellText(wb.page, "A1")).toBe("0.0025");
    expect(await cellText(wb.page, "A2")).toBe("12");
    expect(await cellText(wb.page, "A3")).toBe("Excellent");
  });

  it("shows errors as Excel text", async () => {
    await enterFormula(wb.page, "B1", "=AIECON.COSTPERINFERENCE(1250,0)");
    await enterFormula(wb.page, "B2", '=AIECON.COSTPERINFERENCE("abc",10)');
    expect(await cellText(wb.page, "B1")).toBe("#DIV/0!");
    expect(await cellText(wb.page, "B2")).toBe("#VALUE!");
    const v = await wb.page.evaluate(async () => [(await window.workbench.getCell("B1")).value, (await window.workbench.getCell("B2")).value]);
    expect(v).toEqual(["#DIV/0!", "#VALUE!"]);
  });

  it("spills a range result into neighbouring cells", async () => {
    await wb.page.evaluate(() =>
      window.workbench.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("D1:E3").values = [[10, 100], [20, 400], [30, 1000]];
      }),
    );
    await enterFormula(wb.page, "F1", "=AIECON.COSTPERINFERENCE(D1:D3,E1:E3)");
    expect([await cellText(wb.page, "F1"), await cellText(wb.page, "F2"), await cellText(wb.page, "F3")]).toEqual(["0.1", "0.05", "0.03"]);
    const f2 = await wb.page.evaluate(() => window.workbench.getCell("F2"));
    expect(f2.value).toBe(0.05);
  });

  it("edits from the keyboard: click a cell, type, Enter; arrows move the selection", async () => {
    await wb.page.locator('table.wb-grid td[data-cell="C10"]').click();
    await wb.page.keyboard.type("=AIECON.CASCADECOST(0.0004,0.01,0.2)");
    await wb.page.keyboard.press("Enter");
    await expect.poll(() => cellText(wb.page, "C10")).toBe("0.0024");
    await expect(wb.page.getByLabel("Cell", { exact: true }).inputValue()).resolves.toBe("C11");
    await wb.page.locator('table.wb-grid td[data-cell="C10"]').click();
    await wb.page.keyboard.press("ArrowRight");
    await wb.page.keyboard.press("ArrowDown");
    await expect(wb.page.getByLabel("Cell", { exact: true }).inputValue()).resolves.toBe("D11");
    await wb.page.evaluate(() => window.workbench.setCell("C10", null));
  });

  it("snapshot() has the spec's shape", async () => {
    const snap = await wb.page.evaluate(() => window.workbench.snapshot());
    expect(Object.keys(snap)).toEqual(["sheets"]);
    const s = snap.sheets[0];
    expect(Object.keys(s).sort()).toEqual(["charts", "formulas", "name", "tables", "values"]);
    expect(s.name).toBe("Sheet1");
    expect(s.values[0][0]).toBe(0.0025);
    expect(s.formulas[0][0]).toBe("=AIECON.COSTPERINFERENCE(1250,500000)");
    expect(s.values[0][2]).toBe(""); // blank cell
    expect(s.values[0][1]).toBe("#DIV/0!");
    expect(s.formulas[1][5]).toBe(0.05); // a spilled cell holds its value, not a formula
  });

  it("draws a chart added through the API as an SVG of its type", async () => {
    await wb.page.evaluate(async () => {
      await window.workbench.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Sheet1");
        ws.getRange("H1:I4").values = [["Model", "Cost per inference"], ["gpt-4o", 0.004], ["claude", 0.006], ["llama", 0.012]];
        const c = ws.charts.add("ColumnClustered", ws.getRange("H1:I4"), "Columns");
        c.title.text = "Cost per inference by model";
        c.setPosition("H6", "N20");
        await ctx.sync();
      });
    });
    const svg = wb.page.locator('.wb-chart svg[data-chart-type="ColumnClustered"]');
    await svg.waitFor(); // the grid redraws on the next animation frame after a sync
    await expect(svg.count()).resolves.toBe(1);
    await expect(svg.locator(".wb-bar").count()).resolves.toBe(3);
    await expect(svg.locator(".wb-chart-title").textContent()).resolves.toBe("Cost per inference by model");
    const snap = await wb.page.evaluate(() => window.workbench.snapshot());
    expect(snap.sheets[0].charts).toEqual([
      { title: "Cost per inference by model", type: "ColumnClustered", series: [{ name: "Cost per inference", values: [0.004, 0.006, 0.012] }] },
    ]);
  });

  it("saves a screenshot and logged no console errors", async () => {
    const file = await wb.screenshot("workbench");
    expect(file).toMatch(/test-results\/workbench\.png$/);
    expect(wb.errors).toEqual([]);
  });
});

describe("the product in the workbench: sample data imported by the real task pane", () => {
  const CONTRACT_SHEETS = ["AI Cost Data", "AI Volume Data", "AI Value Data", "Unit Economics", "Comparison", "Trend", "Quarterly Review"];

  it("imports the sample files with one click each and writes the contract sheets, tables and charts", async () => {
    await wb.page.getByRole("button", { name: "New workbook" }).click();
    await wb.page.getByRole("button", { name: "Load sample data" }).click();
    await wb.page.getByText("sample-value-2025H1.csv", { exact: false }).first().waitFor();
    await wb.page.getByRole("button", { name: "Import" }).click();
    await wb.page.waitForFunction(() => window.workbench.snapshot().sheets.some((s) => s.name === "Quarterly Review" && s.values.length > 1), undefined, { timeout: 90_000 });
    const snap = await wb.page.evaluate(() => window.workbench.snapshot());
    const names = snap.sheets.map((s) => s.name);
    for (const n of CONTRACT_SHEETS) expect(names).toContain(n);
    const ue = snap.sheets.find((s) => s.name === "Unit Economics")!;
    expect(ue.tables[0].name).toBe("UnitEconomics");
    expect(ue.formulas.flat().some((f) => typeof f === "string" && f.includes("AIECON.COSTPERINFERENCE("))).toBe(true);
    expect(ue.values[1][0]).toBe("2025-01"); // period labels are text
    const cmp = snap.sheets.find((s) => s.name === "Comparison")!;
    // The Comparison's table stands below its title and charts: header on row 20.
    const band = cmp.values[19].indexOf("Band");
    expect(new Set(cmp.values.slice(20, 24).map((r) => r[band]))).toEqual(new Set(["Excellent", "Good", "Marginal", "Unsustainable"]));
    expect(cmp.charts.map((c) => c.type)).toEqual(["ColumnClustered", "BarClustered"]);
    const trend = snap.sheets.find((s) => s.name === "Trend")!;
    expect(trend.charts.map((c) => c.type).sort()).toEqual(["Line", "XYScatter"]);
    // Every formula the writer wrote is understood by the engine (#N/A is the functions' own "not enough data").
    const broken = snap.sheets.flatMap((sh) =>
      sh.values.flatMap((row, r) => row.flatMap((v, c) => (typeof v === "string" && /^#(NAME\?|ERROR!|REF!|SPILL!|VALUE!|NUM!|DIV\/0!|CYCLE!)$/.test(v) ? [`${sh.name}!R${r + 1}C${c + 1}=${v}`] : []))),
    );
    expect(broken).toEqual([]);
    expect(wb.errors).toEqual([]);
  });

  it("the Quarterly Review, built by the pane: totals equal sums of Unit Economics, the unattributed share, a reason column for every key, the print layout", async () => {
    const snap = await wb.page.evaluate(() => window.workbench.snapshot());
    const sheetOf = (n: string) => snap.sheets.find((s) => s.name === n)!;
    const rowsOf = (n: string, table: string): Array<Record<string, unknown>> => {
      const sh = sheetOf(n);
      const t = sh.tables.find((x) => x.name === table)!;
      const [from, to] = t.address.split(":").map((a) => Number(/\d+/.exec(a)![0]));
      const header = sh.values[from - 1].map(String);
      return sh.values.slice(from, to).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    };
    const review = sheetOf("Quarterly Review");
    const title = String(review.values[0][0]);
    const m = /^Quarterly Review: (\d{4}-Q\d) against (\d{4}-Q\d)$/.exec(title);
    expect(m, title).not.toBeNull();
    const current = m![1];
    const header = review.values.find((r) => r.includes("Remediation"))!.map(String);
    const keys = rowsOf("Quarterly Review", "QuarterlyReview");
    expect(keys.length).toBeGreaterThanOrEqual(4);
    // Every key has a remediation cell: a formula's text (reasons) or blank, never an error.
    for (const k of keys) expect(typeof k.Remediation === "string" && !/^#/.test(k.Remediation as string), String(k.Key)).toBe(true);
    expect(keys.some((k) => k.Remediation !== "")).toBe(true);
    // The Total row of the current quarter equals sums of Unit Economics' rows of its months.
    const [year, q] = current.split("-Q").map(Number);
    const months = [0, 1, 2].map((i) => `${year}-${String((q - 1) * 3 + 1 + i).padStart(2, "0")}`);
    const ue = rowsOf("Unit Economics", "UnitEconomics").filter((r) => months.includes(String(r.Period)));
    expect(ue.length).toBeGreaterThan(0);
    const total = review.values.find((r) => r[0] === "Total")!;
    const at = (h: string) => Number(total[header.indexOf(h)]);
    const sum = (h: string) => ue.reduce((s, r) => s + (typeof r[h] === "number" ? (r[h] as number) : 0), 0);
    expect(at(`Cost ${current}`)).toBeCloseTo(sum("Cost"), 6);
    expect(at(`Inferences ${current}`)).toBe(sum("Inferences"));
    expect(at(`Cost per inference ${current}`)).toBeCloseTo(sum("Cost") / sum("Inferences"), 12);
    const share = review.values.find((r) => r[0] === "Unattributed share of cost")!;
    const unattributed = ue.filter((r) => r.Key === "(unattributed)").reduce((s, r) => s + (r.Cost as number), 0);
    expect(Number(share[header.indexOf(`Cost ${current}`)])).toBeCloseTo(unattributed / sum("Cost"), 12);
    // Print layout: landscape, one page wide, the header row repeated, read back through the API.
    const layout = await wb.page.evaluate(() =>
      window.workbench.run(async (ctx) => {
        const pl = ctx.workbook.worksheets.getItem("Quarterly Review").pageLayout;
        pl.load("orientation,zoom");
        const titles = pl.getPrintTitleRowsOrNullObject();
        titles.load("address");
        await ctx.sync();
        return { orientation: pl.orientation, fit: pl.zoom.horizontalFitToPages, titles: titles.isNullObject ? null : titles.address };
      }),
    );
    const headerRow = review.values.findIndex((r) => r.includes("Remediation")) + 1;
    expect(layout).toEqual({ orientation: "Landscape", fit: 1, titles: `'Quarterly Review'!${headerRow}:${headerRow}` });
  });

  it("shows the charts as pictures and saves a screenshot of the comparison", async () => {
    await wb.page.getByRole("tab", { name: "Comparison" }).click();
    await wb.page.locator('.wb-chart svg[data-chart-type="BarClustered"]').waitFor();
    await expect(wb.page.locator('.wb-chart svg[data-chart-type="ColumnClustered"] .wb-bar').count()).resolves.toBeGreaterThanOrEqual(4);
    await expect(wb.page.locator('.wb-chart svg[data-chart-type="BarClustered"] .wb-bar').count()).resolves.toBeGreaterThanOrEqual(4);
    // The Band column is wide enough for its longest word: no "Unsustainable" cut.
    const bands = await wb.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>("table.wb-grid td")].filter((td) => td.textContent === "Unsustainable").map((td) => ({ sw: td.scrollWidth, cw: td.clientWidth })),
    );
    expect(bands.length).toBeGreaterThan(0);
    for (const b of bands) expect(b.sw).toBeLessThanOrEqual(b.cw);
    await wb.screenshot("workbench-comparison");
    await wb.page.getByRole("tab", { name: "Trend" }).click();
    await expect(wb.page.locator('.wb-chart svg[data-chart-type="Line"] .wb-line').count()).resolves.toBeGreaterThanOrEqual(4);
    await expect(wb.page.locator('.wb-chart svg[data-chart-type="XYScatter"] .wb-point').count()).resolves.toBeGreaterThan(10);
    await wb.screenshot("workbench-trend");
  });

  it("keeps figures live: a cost edited in the data table flows into Unit Economics", async () => {
    const before = await wb.page.evaluate(() => window.workbench.snapshot().sheets.find((s) => s.name === "Unit Economics")!.values[1][3]);
    await wb.page.getByRole("tab", { name: "AI Cost Data" }).click();
    const row2 = await wb.page.evaluate(() => window.workbench.snapshot().sheets.find((s) => s.name === "AI Cost Data")!.values[1]);
    await enterFormula(wb.page, "G2", String((row2[6] as number) + 1000));
    const after = await wb.page.evaluate(() => window.workbench.snapshot().sheets.find((s) => s.name === "Unit Economics")!.values[1][3]);
    expect(after as number).toBeCloseTo((before as number) + 1000, 6);
  });
});
