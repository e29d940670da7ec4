/**
 * End-to-end: the real task pane in the workbench, in headless Chromium.
 * Files go in through the labelled file inputs (as a user would choose them); the
 * workbook is checked through `window.workbench.snapshot()` against the spec
 * (`../shared/spec/workbook.md`) and against the import engine run here, in node.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { summarize } from "../../src/import/index";
import { fileInput } from "../../src/import/node";
import type { Group, ImportResult } from "../../src/import/types";
import { snapshotOf, sheetOf, tableRows, BUILD_TIMEOUT, ensureBuilt, openWorkbench, paneHelpers, type Snap, type Workbench } from "./harness";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const FOCUS = path.resolve(repo, "../shared/data/focus/focus_1.0_sample_1000.csv");
const results = path.join(repo, "test-results");
const dataDir = path.join(results, "taskpane-data");


const SPEC_SHEETS: Array<[sheet: string, table: string]> = [
  ["AI Cost Data", "AiCostData"],
  ["AI Volume Data", "AiVolumeData"],
  ["AI Value Data", "AiValueData"],
  ["Unit Economics", "UnitEconomics"],
  ["Comparison", "ModelComparison"],
  ["Trend", "CostPerInferenceTrend"],
  ["Quarterly Review", "QuarterlyReview"],
];
const SPEC_CHARTS: Array<[sheet: string, title: string, type: RegExp]> = [
  ["Comparison", "Cost per inference by service", /^ColumnClustered$/],
  ["Comparison", "ROI multiple by service", /^BarClustered$/],
  ["Trend", "Cost per inference over time", /^Line/],
  ["Trend", "Cost against volume", /^XYScatter/],
];

// ---------------------------------------------------------------------------
// Test data: a volume and a value file made to match the FOCUS sample's services.

const PERIOD = "week";
const KEY = "service";
let volumePath = "";
let valuePath = "";
let engine: ImportResult;

/** Monday (UTC) of the ISO week label `2024-W36`. */
function mondayOf(label: string): string {
  const y = Number(label.slice(0, 4));
  const w = Number(label.slice(6, 8));
  const jan4 = Date.UTC(y, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7;
  return new Date(jan4 - dow * 86400000 + (w - 1) * 7 * 86400000).toISOString().slice(0, 10);
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function makeData(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const billingOnly = await summarize([fileInput(FOCUS, "billing")], { period: PERIOD, key: KEY, cost: "billed" });
  const groups = billingOnly.groups;
  expect(groups.length).toBeGreaterThan(20);
  const keys = [...new Set(groups.map((g) => g.key))].sort();
  // Requests: deterministic, different per key and week.
  const vol = ["date,key,requests"];
  groups.forEach((g, i) => vol.push(`${mondayOf(g.period)},${csvField(g.key)},${1000 + ((i * 7919) % 50000)}`));
  volumePath = path.join(dataDir, "volume-by-service.csv");
  writeFileSync(volumePath, vol.join("\n") + "\n");
  // Value for every other key (the rest have no value data: blank value, ROI and band).
  const val = ["date,key,value,currency"];
  keys.forEach((k, i) => {
    if (i % 2 === 0) for (const g of groups.filter((x) => x.key === k)) val.push(`${mondayOf(g.period)},${csvField(k)},${(Math.abs(Number(g.cost)) * (0.5 + i)).toFixed(4)},USD`);
  });
  valuePath = path.join(dataDir, "value-by-service.csv");
  writeFileSync(valuePath, val.join("\n") + "\n");
  engine = await summarize([fileInput(FOCUS, "billing"), fileInput(volumePath, "volume"), fileInput(valuePath, "value")], {
    period: PERIOD,
    key: KEY,
    cost: "billed",
  });
}

// ---------------------------------------------------------------------------
// Page helpers

let wb: Workbench;
let page: Page;
const { filesRead, removeAllFiles, waitForStatus } = paneHelpers(() => page);

const snapshot = (): Promise<Snap> => snapshotOf(page);

const sheet = sheetOf;

/** Rows of a table as objects keyed by its header (the table starts at the sheet's first row with that header). */

async function chooseMainFiles(): Promise<void> {
  await removeAllFiles();
  await page.getByLabel("Billing files", { exact: true }).setInputFiles(FOCUS);
  await page.getByLabel("Volume files", { exact: true }).setInputFiles(volumePath);
  await page.getByLabel("Value files", { exact: true }).setInputFiles(valuePath);
  await filesRead();
  await page.getByLabel("Period", { exact: true }).selectOption(PERIOD);
  await page.getByLabel("Workload key", { exact: true }).selectOption(KEY);
}

/** Record, in the page, whether Cancel was shown and every value of the progress bar. */
async function watchImport(): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __seen: { cancelShown: boolean; progress: number[] }; __obs?: MutationObserver };
    w.__obs?.disconnect();
    w.__seen = { cancelShown: false, progress: [] };
    const pane = document.querySelector(".aiecon-pane")!;
    const look = () => {
      const cancel = [...pane.querySelectorAll("button")].find((b) => b.textContent === "Cancel" && !b.hidden);
      if (cancel) w.__seen.cancelShown = true;
      const bar = pane.querySelector('[role="progressbar"]');
      const v = Number(bar?.getAttribute("aria-valuenow") ?? NaN);
      if (!Number.isNaN(v) && w.__seen.progress[w.__seen.progress.length - 1] !== v) w.__seen.progress.push(v);
    };
    w.__obs = new MutationObserver(look);
    w.__obs.observe(pane, { subtree: true, attributes: true, childList: true });
  });
}

async function watched(): Promise<{ cancelShown: boolean; progress: number[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __seen: { cancelShown: boolean; progress: number[] }; __obs?: MutationObserver };
    w.__obs?.disconnect();
    return w.__seen;
  });
}

function close(a: number, b: number): boolean {
  // Double precision: a few units in the last place of the larger magnitude.
  return Math.abs(a - b) <= 8 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b));
}

// ---------------------------------------------------------------------------

beforeAll(async () => {
  await ensureBuilt();
  mkdirSync(results, { recursive: true });
  await makeData();
  wb = await openWorkbench();
  page = wb.page;
}, BUILD_TIMEOUT);

afterAll(async () => {
  await wb?.close();
});

/** No console error or uncaught exception on the page (checked last). */
function pageErrors(): string[] {
  return wb.errors.filter((e) => !/favicon/.test(e));
}

describe("task pane in the workbench", () => {
  it("has the accessible controls of the spec and reads each file before import", async () => {
    // Keyboard: the file inputs are in the tab order of the pane.
    const order: string[] = [];
    await page.locator(".aiecon-pane").focus().catch(() => undefined);
    await page.evaluate(() => (document.querySelector(".aiecon-pane") as HTMLElement).querySelector("h1")?.setAttribute("tabindex", "-1"));
    await page.evaluate(() => (document.querySelector(".aiecon-pane h1") as HTMLElement).focus());
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      order.push(await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent ?? ""));
    }
    expect(order.slice(0, 3)).toEqual(["Billing files", "Volume files", "Value files"]);
    for (const name of ["Billing files", "Volume files", "Value files"]) {
      const input = page.getByLabel(name, { exact: true });
      await expect(input.getAttribute("type")).resolves.toBe("file");
      await expect(input.getAttribute("multiple")).resolves.not.toBeNull();
    }
    await expect(page.getByRole("button", { name: "Import", exact: true }).count()).resolves.toBe(1);
    await expect(page.getByRole("status").count()).resolves.toBe(1);
    await chooseMainFiles();
    const pane = await page.locator(".aiecon-pane").innerText();
    expect(pane).toContain("focus_1.0_sample_1000.csv");
    expect(pane).toMatch(/FOCUS/);
    expect(pane).toMatch(/1,000 read, 1,000 used/);
    expect(pane).toContain("2024-09");
    expect(pane).toMatch(/USD 20\.52/);
    // The key chooser offers the tags found in the file, and the built-in keys.
    const keys = await page.getByLabel("Workload key", { exact: true }).locator("option").allTextContents();
    expect(keys).toEqual(expect.arrayContaining(["Tag: application", "Tag: business_unit", "Service", "Resource", "SKU"]));
  });

  it("takes files dropped on a file area", async () => {
    await page.evaluate(() => {
      const input = [...document.querySelectorAll<HTMLInputElement>('input[type="file"]')].find((i) => i.getAttribute("aria-label") === "Volume files")!;
      const zone = input.closest("label")!;
      const dt = new DataTransfer();
      dt.items.add(new File(["date,key,requests\n2024-09-02,Svc A,10\n"], "dropped-volume.csv", { type: "text/csv" }));
      zone.dispatchEvent(new DragEvent("dragenter", { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    const card = page.getByRole("listitem", { name: "dropped-volume.csv" });
    await card.waitFor();
    await filesRead();
    await expect(card.innerText()).resolves.toMatch(/Counts[\s\S]*10 inferences/);
    await page.getByRole("button", { name: "Remove dropped-volume.csv" }).click();
  });

  it("imports the FOCUS sample with volume and value: every sheet, table and chart of the spec, figures equal to the engine's", async () => {
    const before = await snapshot();
    expect(before.sheets.map((s) => s.name)).not.toContain("Unit Economics");
    await chooseMainFiles();
    await watchImport();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const status = await waitForStatus(/Import complete/, 90_000);
    // While importing there was a Cancel button and a progress bar that moved to 100.
    const seen = await watched();
    expect(seen.cancelShown).toBe(true);
    expect(seen.progress.length).toBeGreaterThan(1);
    expect(Math.max(...seen.progress)).toBe(100);
    expect(status).toMatch(new RegExp(`${engine.groups.length} groups written`));
    expect(status).toMatch(/USD 20\.52/);
    expect(status).toMatch(/live/);
    await expect(page.getByRole("button", { name: "Cancel" }).isVisible()).resolves.toBe(false);

    const snap = await snapshot();
    for (const [s, t] of SPEC_SHEETS) {
      expect(sheet(snap, s).tables.map((x) => x.name), s).toContain(t);
    }
    for (const [s, title, type] of SPEC_CHARTS) {
      const c = sheet(snap, s).charts.find((x) => x.title === title);
      expect(c, `${title} on ${s}`).toBeDefined();
      expect(c!.type).toMatch(type);
      expect(c!.series.length).toBeGreaterThan(0);
    }

    // Unit Economics: one row per period × key × currency, figures live and equal to the engine's.
    const ue = sheet(snap, "Unit Economics");
    const rows = tableRows(ue, "UnitEconomics");
    const formulas = tableRows(ue, "UnitEconomics", "formulas");
    expect(rows).toHaveLength(engine.groups.length);
    const byId = new Map(rows.map((r, i) => [`${r.Period}|${r.Key}|${r.Currency}`, { v: r, f: formulas[i] }]));
    const cpiCol = Object.keys(rows[0]).find((h) => /cost per inference/i.test(h))!;
    const roiCol = Object.keys(rows[0]).find((h) => /roi/i.test(h))!;
    const bandCol = Object.keys(rows[0]).find((h) => /^band$/i.test(h))!;
    expect(cpiCol && roiCol && bandCol).toBeTruthy();
    let checked = 0;
    let withValue = 0;
    let negative = 0;
    for (const g of engine.groups) {
      const row = byId.get(`${g.period}|${g.key}|${g.currency}`);
      expect(row, `${g.period} ${g.key}`).toBeDefined();
      const { v, f } = row!;
      expect(String(f.Cost)).toMatch(/^=.*SUM(IFS|PRODUCT)\(/);
      expect(String(f[cpiCol])).toMatch(/^=.*AIECON\.COSTPERINFERENCE\(/i);
      expect(close(Number(v.Cost), Number(g.cost)), `cost ${g.key}: ${v.Cost} vs ${g.cost}`).toBe(true);
      expect(close(Number(v[cpiCol]), Number(g.costPerInference)), `cost per inference ${g.key}: ${v[cpiCol]} vs ${g.costPerInference}`).toBe(true);
      if (g.value !== null && Number(g.cost) <= 0) {
        // A net credit: functions.md says ROIMULTIPLE(value, cost < 0) is #NUM! and there is no
        // band; the engine gives no multiple and no band either.
        expect(g.roiMultiple).toBeNull();
        expect(g.band).toBeNull();
        expect(v[roiCol]).toBe(Number(g.cost) === 0 ? "" : "#NUM!");
        expect(v[bandCol]).toBe("");
        if (Number(g.cost) < 0) negative++;
      } else if (g.roiMultiple === null) {
        expect(v[roiCol]).toBe("");
        expect(v[bandCol]).toBe("");
      } else {
        expect(close(Number(v[roiCol]), Number(g.roiMultiple)), `ROI ${g.key}: ${v[roiCol]} vs ${g.roiMultiple}`).toBe(true);
        expect(v[bandCol]).toBe(g.band);
        withValue++;
      }
      checked++;
    }
    expect(checked).toBe(engine.groups.length);
    expect(withValue).toBeGreaterThan(10);
    expect(negative).toBeLessThan(5);
  });

  it("follows an edit of a cost cell through every figure", async () => {
    const snap = await snapshot();
    const costSheet = sheet(snap, "AI Cost Data");
    const t = costSheet.tables.find((x) => x.name === "AiCostData")!;
    const header = costSheet.values[Number(/(\d+):/.exec(t.address)![1]) - 1].map(String);
    const costCol = header.indexOf("Cost");
    const keyCol = header.indexOf("Key");
    const periodCol = header.indexOf("Period");
    expect(costCol).toBeGreaterThanOrEqual(0);
    // A data row of the costliest key (the Trend draws the costliest keys): its key and period, and the Unit Economics row that sums it.
    const totals = new Map<string, number>();
    for (const x of engine.groups) totals.set(x.key, (totals.get(x.key) ?? 0) + Math.abs(Number(x.cost)));
    const costliest = engine.groups.filter((x) => x.inferences !== null).sort((a, b) => totals.get(b.key)! - totals.get(a.key)!)[0].key;
    const r = costSheet.values.findIndex((row, i) => i > 0 && typeof row[costCol] === "number" && row[keyCol] === costliest);
    const key = String(costSheet.values[r][keyCol]);
    const period = String(costSheet.values[r][periodCol]);
    const old = costSheet.values[r][costCol] as number;
    const g = engine.groups.find((x) => x.key === key && x.period === period) as Group;
    const address = String.fromCharCode(65 + costCol) + (r + 1);
    await page.evaluate(([a, v]) => window.workbench.setCell(a as string, v as number, "AI Cost Data"), [address, old + 1000] as const);
    const after = await snapshot();
    const ue = tableRows(sheet(after, "Unit Economics"), "UnitEconomics");
    const cpiCol = Object.keys(ue[0]).find((h) => /cost per inference/i.test(h))!;
    const row = ue.find((x) => x.Key === key && x.Period === period)!;
    const expected = (Number(g.cost) + 1000) / (g.inferences as number);
    expect(Math.abs(Number(row[cpiCol]) - expected) / expected).toBeLessThan(1e-12);
    expect(Math.abs(Number(row.Cost) - (Number(g.cost) + 1000))).toBeLessThan(1e-9);
    // The Trend table (periods down, keys across) follows too.
    const trend = tableRows(sheet(after, "Trend"), "CostPerInferenceTrend");
    const trendRow = trend.find((x) => Object.values(x)[0] === period);
    expect(trendRow, JSON.stringify(trend[0])).toBeDefined();
    expect(Math.abs(Number(trendRow![key]) - expected) / expected).toBeLessThan(1e-12);
    // And so does the line chart's series of that key.
    const line = sheet(after, "Trend").charts.find((c) => c.title === "Cost per inference over time")!;
    const series = line.series.find((x) => x.name === key);
    expect(series, line.series.map((x) => x.name).join(", ")).toBeDefined();
    expect(series!.values.some((v) => typeof v === "number" && Math.abs(v - expected) / expected < 1e-12)).toBe(true);
    // Put it back.
    await page.evaluate(([a, v]) => window.workbench.setCell(a as string, v as number, "AI Cost Data"), [address, old] as const);
    const back = tableRows(sheet(await snapshot(), "Unit Economics"), "UnitEconomics").find((x) => x.Key === key && x.Period === period)!;
    expect(close(Number(back[cpiCol]), Number(g.costPerInference))).toBe(true);
  });

  it("shows a clear message for a bad file and leaves the workbook unchanged", async () => {
    const before = await snapshot();
    await removeAllFiles();
    const bad = path.join(dataDir, "not-a-bill.csv");
    writeFileSync(bad, "colour,shape\nred,square\nblue,circle\n");
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(bad);
    await filesRead();
    const msg = await waitForStatus(/not-a-bill\.csv/);
    expect(msg).toMatch(/not-a-bill\.csv/);
    // The mapping step appears for an unrecognised billing file, and Import is not possible yet.
    await expect(page.getByRole("button", { name: "Import", exact: true }).getAttribute("aria-disabled")).resolves.toBe("true");
    const empty = path.join(dataDir, "empty.csv");
    writeFileSync(empty, "");
    await removeAllFiles();
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(empty);
    await filesRead();
    const msg2 = await waitForStatus(/empty\.csv/);
    expect(msg2).toMatch(/empty\.csv.*empty/i);
    await expect(page.getByRole("button", { name: "Import", exact: true }).getAttribute("aria-disabled")).resolves.toBe("true");
    expect(await snapshot()).toEqual(before);

    // A file that reads well alone but cannot be imported with the others: the error shows on Import.
    await removeAllFiles();
    const twoCurrencies = path.join(dataDir, "focus-usd-eur.csv");
    writeFileSync(
      twoCurrencies,
      "BilledCost,EffectiveCost,ChargePeriodStart,BillingCurrency,ServiceName,ProviderName,ChargeCategory,Tags\n" +
        "1.25,1.25,2024-09-02 00:00:00,USD,Svc A,AWS,Usage,\n" +
        "2.50,2.50,2024-09-03 00:00:00,EUR,Svc B,AWS,Usage,\n",
    );
    const noCurrency = path.join(dataDir, "value-no-currency.csv");
    writeFileSync(noCurrency, "date,key,value\n2024-09-02,Svc A,10\n");
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(twoCurrencies);
    await page.getByLabel("Value files", { exact: true }).setInputFiles(noCurrency);
    await filesRead();
    await page.getByLabel("Workload key", { exact: true }).selectOption("service");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const msg3 = await waitForStatus(/left as it was/);
    expect(msg3).toMatch(/value-no-currency\.csv/);
    expect(msg3).toMatch(/currenc/i);
    await expect(page.getByRole("status").getAttribute("data-tone")).resolves.toBe("error");
    expect(await snapshot()).toEqual(before);
  });

  it("writes a tag value that looks like a formula as text", async () => {
    const before = await snapshot();
    const evil = '=HYPERLINK("http://x","y")';
    const file = path.join(dataDir, "focus-formula-tag.csv");
    const tags = JSON.stringify({ model: evil });
    writeFileSync(
      file,
      "BilledCost,EffectiveCost,ChargePeriodStart,BillingCurrency,ServiceName,ProviderName,ChargeCategory,Tags\n" +
        `1.25,1.25,2024-09-02 00:00:00,USD,Amazon Bedrock,AWS,Usage,${csvField(tags)}\n` +
        `2.50,2.50,2024-09-03 00:00:00,USD,Amazon Bedrock,AWS,Usage,${csvField(JSON.stringify({ model: "plain-model" }))}\n`,
    );
    await removeAllFiles();
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(file);
    await filesRead();
    await page.getByLabel("Period", { exact: true }).selectOption("month");
    await page.getByLabel("Workload key", { exact: true }).selectOption("tag:model");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    // When an earlier import's sheets exist, the pane asks before replacing them.
    const dialog = page.getByRole("alertdialog");
    const done = page.getByRole("status").filter({ hasText: "Import complete" });
    await dialog.or(done).first().waitFor();
    if (await dialog.isVisible()) await page.getByRole("button", { name: "Replace", exact: true }).click();
    await waitForStatus(/Import complete/);
    const snap = await snapshot();
    const cost = tableRows(sheet(snap, "AI Cost Data"), "AiCostData");
    const evilRow = cost.find((r) => r.Key === evil);
    expect(evilRow, JSON.stringify(cost)).toBeDefined();
    const ueRows = tableRows(sheet(snap, "Unit Economics"), "UnitEconomics");
    expect(ueRows.map((r) => r.Key)).toContain(evil);
    // Nowhere did it become a HYPERLINK formula: wherever the text appears, the cell's value is the text itself
    // (a formula would compute to "y").
    let seen = 0;
    for (const s of snap.sheets) {
      s.formulas.forEach((row, r) =>
        row.forEach((c, i) => {
          if (!/HYPERLINK/i.test(String(c))) return;
          expect(s.values[r][i], `${s.name} row ${r + 1}`).toBe(evil);
          expect(c).toBe(evil);
          seen++;
        }),
      );
      for (const row of s.values) expect(row).not.toContain("y");
    }
    expect(seen).toBeGreaterThanOrEqual(2);
    expect(before.sheets.length).toBeGreaterThan(0);
  });

  it("applies value assumptions (per inference, and minutes saved × hourly rate) as the engine does", async () => {
    const keys = [...new Set(engine.groups.map((g) => g.key))].sort();
    const special = keys[0];
    const assumptions = [
      { key: "*", valuePerInference: "0.0005" },
      { key: special, minutesSaved: "0.5", hourlyRate: "48" },
    ];
    const expected = await summarize([fileInput(FOCUS, "billing"), fileInput(volumePath, "volume")], { period: PERIOD, key: KEY, cost: "billed", assumptions });
    await removeAllFiles();
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(FOCUS);
    await page.getByLabel("Volume files", { exact: true }).setInputFiles(volumePath);
    await filesRead();
    await page.getByLabel("Period", { exact: true }).selectOption(PERIOD);
    await page.getByLabel("Workload key", { exact: true }).selectOption(KEY);
    const add = page.getByRole("button", { name: "+ Add value assumption" });
    await add.click();
    const first = page.getByRole("listitem", { name: "Value assumption 1" });
    await first.getByLabel("Value per inference").fill("0.0005");
    await add.click();
    const second = page.getByRole("listitem", { name: "Value assumption 2" });
    await second.getByLabel("Key (* = all others)").fill(special);
    await second.getByLabel("Method").selectOption("time-saved");
    await page.getByRole("listitem", { name: "Value assumption 2" }).getByLabel("Minutes saved").fill("0.5");
    await page.getByRole("listitem", { name: "Value assumption 2" }).getByLabel("Hourly rate").fill("48");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const dialog = page.getByRole("alertdialog");
    const done = page.getByRole("status").filter({ hasText: "Import complete" });
    await dialog.or(done).first().waitFor();
    if (await dialog.isVisible()) await page.getByRole("button", { name: "Replace", exact: true }).click();
    await waitForStatus(/Import complete/);
    const snap = await snapshot();
    const methods = new Set(tableRows(sheet(snap, "AI Value Data"), "AiValueData").map((r) => r.Method));
    expect(methods).toEqual(new Set(["per-inference value", "time saved"]));
    const ue = tableRows(sheet(snap, "Unit Economics"), "UnitEconomics");
    let n = 0;
    for (const g of expected.groups) {
      if (g.value === null) continue;
      const row = ue.find((r) => r.Period === g.period && r.Key === g.key && r.Currency === g.currency)!;
      expect(close(Number(row.Value), Number(g.value)), `${g.key} ${row.Value} vs ${g.value}`).toBe(true);
      n++;
    }
    expect(n).toBe(expected.groups.filter((g) => g.inferences !== null).length);
    // Remove the assumptions for the tests that follow.
    await page.getByRole("button", { name: "Remove value assumption 2" }).click();
    await page.getByRole("button", { name: "Remove value assumption 1" }).click();
  });

  it("lists rejected rows with file and line, and asks before importing without them", async () => {
    const file = path.join(dataDir, "focus-with-bad-rows.csv");
    writeFileSync(
      file,
      "BilledCost,EffectiveCost,ChargePeriodStart,BillingCurrency,ServiceName,ProviderName,ChargeCategory,Tags\n" +
        "1.25,1.25,2024-09-02 00:00:00,USD,Svc A,AWS,Usage,\n" +
        "abc,1,2024-09-03 00:00:00,USD,Svc A,AWS,Usage,\n" +
        "2.00,2.00,2024-09-04 00:00:00,USD,Svc B,AWS,Usage,\n",
    );
    await removeAllFiles();
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(file);
    await filesRead();
    const card = page.getByRole("listitem", { name: "focus-with-bad-rows.csv" });
    await card.getByText("1 rejected row").click();
    await expect(card.innerText()).resolves.toMatch(/focus-with-bad-rows\.csv, line 3: .*BilledCost.*abc/);
    const before = await snapshot();
    await page.getByLabel("Workload key", { exact: true }).selectOption("service");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toMatch(/focus-with-bad-rows\.csv, line 3/);
    await page.getByRole("button", { name: "Don't import" }).click();
    await waitForStatus(/Nothing was imported/);
    expect(await snapshot()).toEqual(before);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await dialog.waitFor();
    await page.getByRole("button", { name: "Import without them" }).click();
    const replace = page.getByRole("button", { name: "Replace", exact: true });
    const done = page.getByRole("status").filter({ hasText: "Import complete" });
    await replace.or(done).first().waitFor();
    if (await replace.isVisible()) await replace.click();
    const status = await waitForStatus(/Import complete/);
    expect(status).toMatch(/1 rejected row was left out/);
    expect(status).toMatch(/USD 3\.25/);
  });

  it("maps the columns of a generic file, with a preview, and imports it", async () => {
    const file = path.join(dataDir, "team-costs.csv");
    writeFileSync(file, "Day;Team;Spend\n2024-09-02;search;1.234,50\n2024-09-03;search;10,25\n2024-09-04;chat;(2,00)\n");
    await removeAllFiles();
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(file);
    await filesRead();
    const group = page.getByRole("group", { name: "Map the columns of team-costs.csv" });
    await group.waitFor();
    // The first rows are shown beside the mapping.
    const preview = await group.getByRole("table").innerText();
    expect(preview).toContain("1.234,50");
    expect(preview).toContain("chat");
    await expect(page.getByRole("button", { name: "Import", exact: true }).getAttribute("aria-disabled")).resolves.toBe("true");
    // Date and cost are guessed from the names; the currency is a fixed code; the key is the Team column.
    await group.getByLabel("Currency").selectOption("EUR");
    await filesRead();
    await page.getByRole("group", { name: "Map the columns of team-costs.csv" }).getByLabel("Workload key column (optional)").selectOption("Team");
    await filesRead();
    await page.waitForFunction(() => document.querySelector(".aiecon-pane")?.textContent?.includes("EUR 1,242.75"), undefined, { timeout: 30_000 });
    await expect(page.getByRole("button", { name: "Import", exact: true }).getAttribute("aria-disabled")).resolves.toBe("false");
    await page.getByLabel("Period", { exact: true }).selectOption("month");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const dialog = page.getByRole("alertdialog");
    const done = page.getByRole("status").filter({ hasText: "Import complete" });
    await dialog.or(done).first().waitFor();
    if (await dialog.isVisible()) await page.getByRole("button", { name: "Replace", exact: true }).click();
    const status = await waitForStatus(/Import complete/);
    expect(status).toMatch(/EUR 1,242\.75/);
    const ue = tableRows(sheet(await snapshot(), "Unit Economics"), "UnitEconomics");
    expect(ue.map((r) => [r.Period, r.Key, r.Currency, r.Cost])).toEqual(
      expect.arrayContaining([
        ["2024-09", "search", "EUR", 1244.75],
        ["2024-09", "chat", "EUR", -2],
      ]),
    );
  });

  it("Cancel midway leaves the workbook unchanged", async () => {
    // A large billing file so that reading it takes a while.
    const big = path.join(dataDir, "focus-large.csv");
    const lines = ["BilledCost,EffectiveCost,ChargePeriodStart,BillingCurrency,ServiceName,ProviderName,ChargeCategory,Tags"];
    for (let i = 0; i < 400_000; i++) {
      const day = 1 + (i % 28);
      lines.push(`${(i % 997) / 1000},${(i % 991) / 1000},2024-08-${String(day).padStart(2, "0")} 00:00:00,USD,Service ${i % 40},AWS,Usage,"{""model"": ""m${i % 12}""}"`);
    }
    writeFileSync(big, lines.join("\n") + "\n");
    const before = await snapshot();
    await removeAllFiles();
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(big);
    await filesRead();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const cancel = page.getByRole("button", { name: "Cancel" });
    await cancel.waitFor();
    // Midway: once the progress bar has moved.
    await page.waitForFunction(() => Number(document.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow") ?? 0) > 0, undefined, { timeout: 60_000 });
    await cancel.click();
    const msg = await waitForStatus(/cancelled/i);
    expect(msg).toMatch(/left as it was/);
    expect(await snapshot()).toEqual(before);
    await expect(page.getByRole("button", { name: "Import", exact: true }).isEnabled()).resolves.toBe(true);
  });

  it("keeps a sheet the user made through a re-import, and a finished workbook looks right", async () => {
    await page.evaluate(() =>
      window.workbench.run(async (ctx) => {
        const s = ctx.workbook.worksheets.add("My notes");
        s.getRange("A1:B1").values = [["Note", "Budget"]];
        await ctx.sync();
      }),
    );
    await page.evaluate(() => window.workbench.setCell("B2", 1234, "My notes"));
    await chooseMainFiles();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    const listed = await dialog.innerText();
    expect(listed).toContain("Unit Economics");
    expect(listed).not.toContain("My notes");
    await page.getByRole("button", { name: "Replace", exact: true }).click();
    await waitForStatus(/Import complete/);
    const snap = await snapshot();
    const mine = sheet(snap, "My notes");
    expect(mine.values[0]).toEqual(["Note", "Budget"]);
    expect(mine.values[1][1]).toBe(1234);
    for (const [s] of SPEC_SHEETS) sheet(snap, s);
    // Cancel pressed in the writing stage (while the replace question shows) leaves everything as it was.
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("alertdialog").waitFor();
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await waitForStatus(/cancelled/i);
    expect(await snapshot()).toEqual(snap);
    // A re-import that the user declines (from the keyboard) leaves everything as it was.
    await page.getByRole("button", { name: "Import", exact: true }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("alertdialog").waitFor();
    // The confirmation takes the focus; Escape answers no.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Replace");
    await page.keyboard.press("Escape");
    await waitForStatus(/kept/);
    expect(await snapshot()).toEqual(snap);
  });

  it("imports effective (amortized) cost when that basis is chosen", async () => {
    const effective = await summarize([fileInput(FOCUS, "billing")], { period: "month", key: KEY, cost: "effective" });
    expect(effective.totals.USD).not.toBe(engine.totals.USD);
    await removeAllFiles();
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(FOCUS);
    await filesRead();
    await page.getByLabel("Period", { exact: true }).selectOption("month");
    await page.getByLabel("Workload key", { exact: true }).selectOption(KEY);
    await page.getByLabel("Effective cost (amortized)").check();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const replace = page.getByRole("button", { name: "Replace", exact: true });
    const done = page.getByRole("status").filter({ hasText: "Import complete" });
    await replace.or(done).first().waitFor();
    if (await replace.isVisible()) await replace.click();
    const status = await waitForStatus(/Import complete/);
    expect(status).toMatch(/USD 14\.98/);
    const ue = tableRows(sheet(await snapshot(), "Unit Economics"), "UnitEconomics");
    for (const g of effective.groups) {
      const row = ue.find((r) => r.Period === g.period && r.Key === g.key && r.Currency === g.currency)!;
      expect(close(Number(row.Cost), Number(g.cost)), `${g.key}: ${row.Cost} vs ${g.cost}`).toBe(true);
    }
    await page.getByLabel("Billed cost").check();
  });

  it("follows the fiscal year and the comparison period chosen", async () => {
    await removeAllFiles();
    await page.getByRole("button", { name: "Load sample data" }).click();
    await filesRead();
    await page.getByLabel("Period", { exact: true }).selectOption("quarter");
    await page.getByLabel("Fiscal year start", { exact: true }).selectOption({ label: "July" });
    await page.getByLabel("Workload key", { exact: true }).selectOption("tag:model");
    // January–June 2025 with a fiscal year from July: FY2025 Q3 and Q4.
    const offered = await page.getByLabel("Comparison period", { exact: true }).locator("option").allTextContents();
    expect(offered).toEqual(["Latest quarter with cost (default)", "FY2025-Q4", "FY2025-Q3"]);
    await page.getByLabel("Comparison period", { exact: true }).selectOption("FY2025-Q3");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const replace = page.getByRole("button", { name: "Replace", exact: true });
    const done = page.getByRole("status").filter({ hasText: "Import complete" });
    await replace.or(done).first().waitFor();
    if (await replace.isVisible()) await replace.click();
    await waitForStatus(/Import complete/);
    const snap = await snapshot();
    const ue = tableRows(sheet(snap, "Unit Economics"), "UnitEconomics");
    expect(new Set(ue.map((r) => r.Period))).toEqual(new Set(["FY2025-Q3", "FY2025-Q4"]));
    const cmp = tableRows(sheet(snap, "Comparison"), "ModelComparison");
    expect(new Set(cmp.map((r) => r.Period))).toEqual(new Set(["FY2025-Q3"]));
    const review = sheet(snap, "Quarterly Review");
    expect(JSON.stringify(review.values)).toContain("FY2025-Q4");
    // Back to calendar months for the tests that follow.
    await page.getByLabel("Fiscal year start", { exact: true }).selectOption({ label: "January" });
  });

  it("imports the workbench's sample data into a new workbook, for the screenshot of a finished workbook", async () => {
    await page.evaluate(() => window.workbench.reset());
    await removeAllFiles();
    await page.getByRole("button", { name: "Load sample data" }).click();
    await filesRead();
    await page.getByLabel("Period", { exact: true }).selectOption("month");
    await page.getByLabel("Workload key", { exact: true }).selectOption("tag:model");
    const status = await (async () => {
      await page.getByRole("button", { name: "Import", exact: true }).click();
      return waitForStatus(/Import complete/);
    })();
    expect(status).toMatch(/Figures are live/);
    const snap = await snapshot();
    for (const [s, t] of SPEC_SHEETS) expect(sheet(snap, s).tables.map((x) => x.name)).toContain(t);
    const bands = tableRows(sheet(snap, "Unit Economics"), "UnitEconomics").map((r) => r.Band);
    expect(new Set(bands.filter((b) => b !== ""))).toEqual(new Set(["Excellent", "Good", "Marginal", "Unsustainable"]));
    await page.setViewportSize({ width: 1760, height: 940 });
    await page.evaluate(() => window.workbench.select("A1", "Unit Economics"));
    await page.waitForTimeout(300);
    const shot = path.join(results, "workbook.png");
    await page.screenshot({ path: shot });
    await page.evaluate(() => window.workbench.select("A1", "Comparison"));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(results, "workbook-comparison.png") });
    if (process.env.AIECON_UPDATE_SCREENSHOT) copyFileSync(shot, path.join(repo, "docs", "screenshot-workbook.png"));
    expect(pageErrors()).toEqual([]);
  });

  it("a workbook in manual calculation: the status says it was calculated once after writing", async () => {
    await page.evaluate(() => window.workbench.reset());
    await page.evaluate(() =>
      window.workbench.run(async (ctx) => {
        ctx.workbook.application.calculationMode = "Manual";
      }),
    );
    await removeAllFiles();
    await page.getByRole("button", { name: "Load sample data" }).click();
    await filesRead();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const status = await waitForStatus(/Import complete/);
    expect(status).toMatch(/The workbook is in manual calculation: calculated once after writing\./);
    expect(status).not.toMatch(/Figures are live/);
    await page.evaluate(() =>
      window.workbench.run(async (ctx) => {
        ctx.workbook.application.calculationMode = "Automatic";
      }),
    );
    expect(pageErrors()).toEqual([]);
  });
});

describe("taskpane.html outside Excel", () => {
  it("loads office.js from dist/ (no CDN) and points to the workbench", async () => {
    const tp = await openWorkbench({ page: "taskpane.html" });
    try {
      await tp.page.waitForFunction(() => document.body.innerText.includes("workbench"), undefined, { timeout: 30_000 });
      const text = await tp.page.locator("#app").innerText();
      expect(text).toMatch(/runs in Excel|not running inside Excel/);
      await expect(tp.page.getByRole("link", { name: /workbench/i }).getAttribute("href")).resolves.toBe("workbench.html");
      const scripts = await tp.page.evaluate(() => [...document.scripts].map((s) => s.getAttribute("src")));
      expect(scripts).toEqual(expect.arrayContaining(["office-js/office.js", "functions.js", "taskpane.js"]));
      expect(tp.errors.filter((e) => /blocked network request/.test(e))).toEqual([]);
    } finally {
      await tp.close();
    }
  });
});
