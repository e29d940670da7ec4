/**
 * Issue 11 part 2 in the workbench: the sample data imported by the real task pane; Trend's
 * forecast table read back from the workbook equals an independent log-linear least-squares fit
 * computed here (test/support/loglinear.ts, not the product's code), spend = forecast cost per
 * inference × forecast inferences, no cell shows an error, and the line chart draws the forecast
 * dashed (and its band dotted) in the picture. A screenshot goes to test-results/ (to docs/ with
 * UPDATE_SCREENSHOTS=1).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { logLinearForecast } from "../support/loglinear";
import { tableRows, BUILD_TIMEOUT, openWorkbench, ROOT, type Cell, type Snap, type Workbench } from "./harness";

let wb: Workbench;

beforeAll(async () => {
  wb = await openWorkbench({ viewport: { width: 1366, height: 768 } });
}, BUILD_TIMEOUT);
afterAll(async () => {
  await wb?.close();
});


const relClose = (got: Cell, want: number, what: string): void => {
  expect(typeof got, what).toBe("number");
  expect(Math.abs((got as number) - want) / Math.abs(want), `${what}: ${String(got)} vs ${want}`).toBeLessThan(1e-9);
};

describe("Trend forecast in the workbench (sample data through the task pane)", () => {
  it("forecast rows to the fiscal year end and a quarter beyond equal an independent log-linear fit; dashed series in the chart", async () => {
    const page = wb.page;
    await page.getByRole("button", { name: "Load sample data" }).click();
    await page.getByText("sample-value-2025H1.csv", { exact: false }).first().waitFor();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.waitForFunction(() => window.workbench.snapshot().sheets.some((s) => s.name === "Trend" && s.tables.some((t) => t.name === "CostPerInferenceForecast")), undefined, {
      timeout: 120_000,
    });
    const snap = (await page.evaluate(() => window.workbench.snapshot())) as unknown as Snap;
    const trend = snap.sheets.find((s) => s.name === "Trend")!;
    const actual = tableRows(trend, "CostPerInferenceTrend");
    const fc = tableRows(trend, "CostPerInferenceForecast");
    // January–June 2025 actual, then July 2025 – March 2026 (calendar fiscal year, then one quarter).
    expect(actual.map((r) => r.Period)).toEqual(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]);
    const ahead = fc.filter((r) => r.Kind === "Forecast");
    expect(ahead.map((r) => r.Period)).toEqual(["2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]);
    expect(fc.filter((r) => r.Kind === "Actual").map((r) => r.Period)).toEqual(actual.map((r) => r.Period));

    // Every plotted key: the fit of its Trend column (numbers in order), to 1e-9 relative.
    const keys = Object.keys(fc[0]).filter((h) => h.endsWith(" forecast")).map((h) => h.slice(0, -" forecast".length));
    expect(keys.length).toBeGreaterThanOrEqual(4);
    let checked = 0;
    for (const k of keys) {
      const ys = actual.map((r) => r[k]).filter((v): v is number => typeof v === "number");
      if (ys.length < 3 || ys.some((v) => v <= 0)) {
        for (const r of ahead) expect(r[`${k} forecast`], k).toBe("");
        continue;
      }
      const ref = logLinearForecast(ys, ahead.length, 0.8);
      const infs = fc.filter((r) => r.Kind === "Actual").map((r) => r[`${k} inferences`]).filter((v): v is number => typeof v === "number");
      const infRef = logLinearForecast(infs, ahead.length, 0.8);
      ahead.forEach((r, i) => {
        relClose(r[`${k} forecast`], ref[i].forecast, `${k} forecast ${String(r.Period)}`);
        relClose(r[`${k} lower`], ref[i].lower, `${k} lower ${String(r.Period)}`);
        relClose(r[`${k} upper`], ref[i].upper, `${k} upper ${String(r.Period)}`);
        relClose(r[`${k} inferences`], infRef[i].forecast, `${k} inferences ${String(r.Period)}`);
        relClose(r[`${k} spend`], ref[i].forecast * infRef[i].forecast, `${k} spend ${String(r.Period)}`);
      });
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(4);
    // No error a finance user would read as a bug in the forecast table or the summary's Forecast row.
    const isError = (v: Cell): boolean => typeof v === "string" && /^#/.test(v);
    expect(fc.flatMap((r) => Object.values(r)).filter(isError)).toEqual([]);
    const note = trend.values.find((r) => r[0] === "Forecast")!;
    expect(note.filter(isError)).toEqual([]);
    expect(note.slice(1).filter((v) => v !== "")).toContain("Exponential fit, 80% band");

    // The chart: the forecast dashed and its band dotted, for the keys that fit in the legend.
    const line = trend.charts.find((c) => c.type === "Line")!;
    const dashed = line.series.filter((s) => s.lineStyle === "Dash");
    const dotted = line.series.filter((s) => s.lineStyle === "RoundDot");
    expect(dashed.length).toBeGreaterThanOrEqual(1);
    expect(dotted.length).toBe(2 * dashed.length);
    expect(line.series.length).toBeLessThanOrEqual(14);
    for (const s of dashed) expect(keys).toContain(s.name.slice(0, -" forecast".length));
    await page.getByRole("tab", { name: "Trend", exact: true }).click();
    await page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));
    const drawn = await page.evaluate(() => {
      const svg = document.querySelector('.wb-chart svg[data-chart-type="Line"]')!;
      return {
        dashed: [...svg.querySelectorAll("polyline.wb-dashed")].map((p) => p.getAttribute("stroke-dasharray")),
        legend: svg.querySelectorAll(".wb-legend-item").length,
      };
    });
    expect(drawn.dashed.length).toBe(dashed.length + dotted.length);
    expect(drawn.dashed.every((d) => d !== null && d !== "")).toBe(true);
    expect(drawn.legend).toBe(line.series.length);
    const file = await wb.screenshot("screenshot-trend-forecast.png");
    if (process.env.UPDATE_SCREENSHOTS === "1") copyFileSync(file, path.join(ROOT, "docs", "screenshot-trend-forecast.png"));
    expect(wb.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
