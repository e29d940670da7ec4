/**
 * Issue 11 part 2, the workbook side: Trend's forecast table (`CostPerInferenceForecast`) and
 * the dashed forecast series of its line chart. The plan (periods, formulas, which series are
 * dashed and why), then the workbook built in the workbench host: the forecast cells equal an
 * independent log-linear fit (test/support/loglinear.ts), spend = cost per inference × inferences,
 * and a key without a forecast shows a blank with the summary's note, never #N/A or #NUM!.
 */
import { describe, expect, it } from "vitest";
import { planWorkbook, type SheetPlan } from "../../../src/excel/plan";
import { writeWorkbook } from "../../../src/excel/index";
import { canForecast } from "../../../src/excel/plan/trend-forecast";
import type { Snapshot } from "../../../src/workbench/host/index";
import type { CostRecord, VolumeRecord } from "../../../src/import/types";
import { logLinearForecast } from "../../support/loglinear";
import { HYPERLINK, largeResult, resultOf, sampleResult } from "./fixtures";
import { newHost } from "./workbenchHost";

const OPTS = { period: "month" as const, fiscalStartMonth: 1 };
type SnapshotSheet = Snapshot["sheets"][number];

function trendOf(plan: ReturnType<typeof planWorkbook>): SheetPlan {
  return plan.sheets.find((s) => s.name === "Trend")!;
}
function forecastBlock(s: SheetPlan) {
  const t = s.tables.find((x) => x.name === "CostPerInferenceForecast")!;
  const b = s.blocks.find((x) => x.row === t.row)!;
  return { t, header: b.cells[0].map(String), rows: b.cells.slice(1) };
}
function tableRows(sheet: SnapshotSheet, name: string): Record<string, unknown>[] {
  const t = sheet.tables.find((x) => x.name === name)!;
  const [from, to] = t.address.split(":").map((a) => Number(/\d+/.exec(a)![0]));
  const header = sheet.values[from - 1].map(String);
  return sheet.values.slice(from, to).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

describe("Trend forecast: the plan", () => {
  const plan = planWorkbook(sampleResult(), OPTS);
  const s = trendOf(plan);
  const { t, header, rows } = forecastBlock(s);

  it("has a row per actual period and per period to the fiscal year end and one quarter beyond", () => {
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ...["2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"].map((p) => ["'" + p, "Actual"]),
      ...["2025-01", "2025-02", "2025-03"].map((p) => ["'" + p, "Forecast"]),
    ]);
    // April fiscal year: 2024-12 is in FY2025 (to 2025-03), then a quarter: to 2025-06.
    const april = forecastBlock(trendOf(planWorkbook(sampleResult(), { ...OPTS, fiscalStartMonth: 4 })));
    expect(april.rows.filter((r) => r[1] === "Forecast").map((r) => r[0])).toEqual(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"].map((p) => "'" + p));
    // Below the cost-against-volume table, two rows apart.
    const cv = s.tables.find((x) => x.name === "CostAgainstVolume")!;
    expect(t.row).toBe(cv.row + cv.rowCount + 1);
  });

  it("five columns per plotted key (keys with volume and Other), every forecast a live FORECASTUNITCOST formula", () => {
    // no-volume has no inferences: no forecast columns.
    expect(header).toEqual([
      "Period",
      "Kind",
      ...["claude-3", "gpt-4o", "'" + HYPERLINK].flatMap((k) => ["inferences", "spend", "forecast", "lower", "upper"].map((p) => `${k} ${p}`)),
    ]);
    expect(header.some((h) => h.includes("no-volume"))).toBe(false);
    // claude-3 is Trend's column B (rows 21–26); this table's header is on row t.row + 1.
    const first = t.row + 2;
    const fit = (range: string, k: number, col: number) =>
      `=IF(OR(COUNT(${range})<3,COUNTIF(${range},"<=0")>0),"",INDEX(AIECON.FORECASTUNITCOST(${range},3,"exponential"),${k},${col}))`;
    const forecastRow = rows[6];
    expect(forecastRow[4]).toBe(fit("B21:B26", 1, 1));
    expect(forecastRow[5]).toBe(fit("B21:B26", 1, 2));
    expect(forecastRow[6]).toBe(fit("B21:B26", 1, 3));
    expect(rows[8][4]).toBe(fit("B21:B26", 3, 1));
    // Inferences: the fit of the column's own actual rows; spend: forecast × inferences.
    expect(forecastRow[2]).toBe(fit(`C${first}:C${first + 5}`, 1, 1));
    expect(forecastRow[3]).toBe(`=IF(AND(ISNUMBER(E${first + 6}),ISNUMBER(C${first + 6})),E${first + 6}*C${first + 6},"")`);
    // Actual rows: inferences and cost from Unit Economics; the cost per inference only on the last
    // actual row (where the dashed lines start), empty cells above (a gap in the chart).
    expect(String(rows[0][2])).toMatch(/^=IF\(N\('Unit Economics'!E\d+\)>0,'Unit Economics'!E\d+,""\)$/);
    expect(String(rows[0][3])).toMatch(/^='Unit Economics'!D\d+$/);
    expect(rows.slice(0, 5).map((r) => r.slice(4, 7))).toEqual(new Array(5).fill(["", "", ""]));
    expect(rows[5].slice(4, 7)).toEqual(new Array(3).fill("=IF(ISNUMBER(B26),B26,\"\")"));
    // Every forecast-row figure is a formula.
    for (const r of rows.slice(6)) for (const c of r.slice(2)) expect(String(c).startsWith("=")).toBe(true);
  });

  it("draws the forecast dashed and its band dotted, in the colour of the key's line, after the actual lines", () => {
    const line = s.charts.find((c) => c.type === "Line")!;
    expect(line.series.map((x) => [x.name, x.lineStyle ?? "solid"])).toEqual([
      ["claude-3", "solid"],
      ["gpt-4o", "solid"],
      [HYPERLINK, "solid"],
      ...["claude-3", "gpt-4o", HYPERLINK].flatMap((k) => [
        [`${k} forecast`, "Dash"],
        [`${k} lower`, "RoundDot"],
        [`${k} upper`, "RoundDot"],
      ]),
    ]);
    for (const x of line.series.slice(3)) expect(x.color).toBe(line.series.find((a) => x.name.startsWith(a.name + " "))!.color);
    // Every series on the same categories: the forecast table's periods.
    const periods = { row: t.row + 1, col: 0, rowCount: 9, colCount: 1 };
    for (const x of line.series) expect(x.xValues).toEqual(periods);
    expect(line.legend).toBe("Right");
    // The summary says what the forecast is, per column, as a formula.
    const summary = s.blocks[2].cells;
    expect(summary[3][0]).toBe("Forecast");
    expect(summary[3][1]).toBe('=IF(COUNT(B21:B26)<3,"No forecast: fewer than 3 periods with a cost per inference",IF(COUNTIF(B21:B26,"<=0")>0,"No forecast: a cost per inference of 0 or less","Exponential fit, 80% band"))');
    expect(summary[3][3]).toBe('="No forecast: no volume data"');
  });

  it("keeps the chart readable: 12 keys and Other draw no forecast (the legend would not fit), the table still has them all", () => {
    const big = trendOf(planWorkbook(largeResult(20 * 12 * 2, 20), OPTS));
    const line = big.charts.find((c) => c.type === "Line")!;
    expect(line.series.length).toBe(13);
    expect(line.series.every((x) => x.lineStyle === undefined)).toBe(true);
    expect(line.series.map((x) => x.name).slice(-1)[0]).toMatch(/^Other/);
    expect(forecastBlock(big).header.length).toBe(2 + 13 * 5);
    // Four keys: 4 lines + 3 forecasts × 3 = 13 ≤ 14; the fourth key's forecast is in the table only.
    const four = trendOf(planWorkbook(largeResult(4 * 12 * 2, 4), OPTS)).charts.find((c) => c.type === "Line")!;
    expect(four.series.filter((x) => x.lineStyle === "Dash").length).toBe(3);
    expect(four.series.length).toBe(13);
  });

  it("draws a forecast only where one exists at build time: 3 figures or more, all above 0, one in the last period", () => {
    expect(canForecast([1, 2, 3])).toBe(true);
    expect(canForecast([1, null, 2, 3])).toBe(true);
    expect(canForecast([1, 2])).toBe(false);
    expect(canForecast([1, 2, 3, null])).toBe(false);
    expect(canForecast([1, -2, 3, 4])).toBe(false);
    expect(canForecast([1, 0, 3, 4])).toBe(false);
  });
});

/** Two keys over six months: `falling` has a falling cost per inference; `short` has volume in two months only; `credit` a negative month. */
function mixedResult() {
  const months = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"];
  const cost: CostRecord[] = [];
  const volume: VolumeRecord[] = [];
  months.forEach((m, i) => {
    cost.push({ period: m, key: "falling", provider: "OpenAI", service: "API", chargeCategory: "Usage", currency: "USD", cost: String(500 - 37 * i + (i % 2) * 11), source: "c.csv" });
    volume.push({ period: m, key: "falling", inferences: 100000 + 15000 * i + (i % 3) * 700, inputTokens: null, outputTokens: null, source: "v.csv" });
    cost.push({ period: m, key: "short", provider: "OpenAI", service: "API", chargeCategory: "Usage", currency: "USD", cost: "40", source: "c.csv" });
    if (i >= 4) volume.push({ period: m, key: "short", inferences: 2000, inputTokens: null, outputTokens: null, source: "v.csv" });
    cost.push({ period: m, key: "credit", provider: "OpenAI", service: "API", chargeCategory: "Usage", currency: "USD", cost: i === 2 ? "-5" : "30", source: "c.csv" });
    volume.push({ period: m, key: "credit", inferences: 900, inputTokens: null, outputTokens: null, source: "v.csv" });
  });
  return resultOf(cost, volume);
}

describe("Trend forecast: the workbook in the workbench host", () => {
  it("equals an independent log-linear fit; spend = forecast × inferences; no forecast is a blank with a note, never an error", async () => {
    const host = await newHost();
    await writeWorkbook(host.run, mixedResult(), OPTS);
    const trend = host.snapshot().sheets.find((s) => s.name === "Trend")!;
    const actual = tableRows(trend, "CostPerInferenceTrend");
    const fc = tableRows(trend, "CostPerInferenceForecast");
    const ahead = fc.filter((r) => r.Kind === "Forecast");
    expect(ahead.map((r) => r.Period)).toEqual(["2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12", "2025-01", "2025-02", "2025-03"]);
    const cpi = actual.map((r) => r.falling as number);
    expect(cpi.every((v) => typeof v === "number" && v > 0)).toBe(true);
    const ref = logLinearForecast(cpi, ahead.length);
    const close = (got: unknown, want: number) => expect(Math.abs((got as number) - want) / want, `${String(got)} vs ${want}`).toBeLessThan(1e-9);
    ahead.forEach((r, k) => {
      close(r["falling forecast"], ref[k].forecast);
      close(r["falling lower"], ref[k].lower);
      close(r["falling upper"], ref[k].upper);
    });
    // The band widens with the horizon and holds the forecast.
    for (const r of ahead) expect((r["falling lower"] as number) < (r["falling forecast"] as number) && (r["falling forecast"] as number) < (r["falling upper"] as number)).toBe(true);
    const infRef = logLinearForecast(fc.filter((r) => r.Kind === "Actual").map((r) => r["falling inferences"] as number), ahead.length);
    ahead.forEach((r, k) => {
      close(r["falling inferences"], infRef[k].forecast);
      close(r["falling spend"], (r["falling forecast"] as number) * (r["falling inferences"] as number));
    });
    // The last actual row carries the actual figure (the dashed line starts there).
    expect(fc.filter((r) => r.Kind === "Actual").slice(-1)[0]["falling forecast"]).toBe(cpi[cpi.length - 1]);
    // short: two figures only; credit: a month below 0. Blank, not #N/A / #NUM!, and the summary says why.
    for (const k of ["short", "credit"]) for (const p of ["forecast", "lower", "upper", "spend"]) for (const r of ahead) expect(r[`${k} ${p}`], `${k} ${p}`).toBe("");
    const note = trend.values.find((r) => r[0] === "Forecast")!;
    const head = trend.values[19].map(String);
    expect(note[head.indexOf("falling")]).toBe("Exponential fit, 80% band");
    expect(note[head.indexOf("short")]).toBe("No forecast: fewer than 3 periods with a cost per inference");
    expect(note[head.indexOf("credit")]).toBe("No forecast: a cost per inference of 0 or less");
    const errors = trend.values.flat().filter((v) => typeof v === "string" && /^#/.test(v));
    expect(errors).toEqual([]);
    // The chart: only `falling` draws a forecast (the others have none at build time).
    const line = trend.charts.find((c) => c.type === "Line")!;
    expect(line.series.filter((x) => x.lineStyle !== undefined).map((x) => [x.name, x.lineStyle])).toEqual([
      ["falling forecast", "Dash"],
      ["falling lower", "RoundDot"],
      ["falling upper", "RoundDot"],
    ]);
  });
});

describe("Trend forecast: Other", () => {
  it("Other's inferences and spend are the rest's with volume; its forecast is the fit of its Trend column", async () => {
    const host = await newHost();
    // Top 1: claude-3, then Other USD (gpt-4o, no-volume, the formula-like key: 3 keys, 2 with volume).
    await writeWorkbook(host.run, sampleResult(), { ...OPTS, topKeys: 1 });
    const trend = host.snapshot().sheets.find((s) => s.name === "Trend")!;
    const actual = tableRows(trend, "CostPerInferenceTrend");
    const fc = tableRows(trend, "CostPerInferenceForecast");
    const other = "Other (3 keys)";
    expect(Object.keys(fc[0])).toContain(`${other} forecast`);
    const rows = fc.filter((r) => r.Kind === "Actual");
    // gpt-4o: 1000 + 10·i inferences, 10 + 0.1·i + 0.0000123 cost; the formula-like key: 70 and 1.1.
    rows.forEach((r, i) => {
      expect(r[`${other} inferences`]).toBe(1000 + 10 * i + 70);
      expect(Math.abs((r[`${other} spend`] as number) - (10 + 0.1 * i + 0.0000123 + 1.1))).toBeLessThan(1e-9);
    });
    const ref = logLinearForecast(actual.map((r) => r[other] as number), 3);
    fc.filter((r) => r.Kind === "Forecast").forEach((r, k) => {
      expect(Math.abs((r[`${other} forecast`] as number) / ref[k].forecast - 1)).toBeLessThan(1e-9);
      expect(Math.abs((r[`${other} upper`] as number) / ref[k].upper - 1)).toBeLessThan(1e-9);
    });
  });
});
