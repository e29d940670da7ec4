/**
 * Issue 10, items 4–6, in the workbench: each problem of the "Why" list reproduced on
 * the real exports of ../shared/data (or a copy of one with a single cell changed), and shown
 * fixed: a 1e400 cost flagged on the card with file and line; -5 and 1e23 counts; the card
 * after choosing the effective cost; the Azure variant names; a 1.23e29 cost not in
 * e-notation; no cost per inference shown as 0.000000; fiscal quarters labelled FY2026-Q1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { inspect, summarize } from "../../src/import/index";
import { fileInput } from "../../src/import/node";
import { formatMoneyText } from "../../src/core/display";
import { BUILD_TIMEOUT, ensureBuilt, openWorkbench, paneHelpers, shownTexts as sharedShownTexts, type Workbench } from "./harness";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const DATA = path.resolve(repo, "../shared/data");
const FOCUS = path.join(DATA, "focus/focus_1.0_sample_1000.csv");
const AZURE = path.join(DATA, "azure");
const dir = path.join(repo, "test-results", "cfo-workbook-data");

let wb: Workbench;
let page: Page;
const { filesRead, removeAllFiles } = paneHelpers(() => page);

/** A copy of the FOCUS sample with the BilledCost (2nd field, unquoted) of one physical line replaced. */
function focusWithCost(name: string, line: number, cost: string, keepLines?: number): string {
  const lines = readFileSync(FOCUS, "utf8").split("\n");
  lines[line - 1] = lines[line - 1].replace(/^([^,]*),([^,]*),/, `$1,${cost},`);
  const out = path.join(dir, name);
  writeFileSync(out, (keepLines ? lines.slice(0, keepLines) : lines).join("\n"));
  return out;
}

async function card(name: string): Promise<string> {
  return page.getByRole("listitem", { name }).innerText();
}

async function importAll(): Promise<void> {
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const confirm = page.getByRole("button", { name: /^(Replace|Import without them)$/ });
  const done = page.getByRole("status").filter({ hasText: "Import complete" });
  for (;;) {
    await confirm.or(done).first().waitFor({ timeout: 120_000 });
    if (await done.count()) return;
    await confirm.first().click();
  }
}

/** What every cell of a sheet's used range shows (range.text). */
const shownTexts = (sheet: string): Promise<string[][]> => sharedShownTexts(page, sheet);

beforeAll(async () => {
  await ensureBuilt();
  mkdirSync(dir, { recursive: true });
  wb = await openWorkbench();
  page = wb.page;
}, BUILD_TIMEOUT);

afterAll(async () => {
  await wb?.close();
});

describe("early, precise input checks on the file card", () => {
  it("a 1e400 cost is flagged on the card with file and line, and the total stays readable", async () => {
    await removeAllFiles();
    const file = focusWithCost("focus-1e400.csv", 6, "1e400");
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(file);
    await filesRead();
    await page.getByRole("listitem", { name: "focus-1e400.csv" }).locator("details summary").click();
    const text = await card("focus-1e400.csv");
    expect(text).toContain("focus-1e400.csv, line 6: the cost 1e400 is beyond what Excel can hold (±9.99999999999999E+307)");
    expect(text).toMatch(/1 rejected row/);
    // The total is the other 999 rows', as the engine has it; no 400-digit number in the pane.
    const engine = await inspect(fileInput(file, "billing"), { asKind: "billing" });
    expect(text).toContain(`USD ${formatMoneyText(engine.report.totals.USD)}`);
    expect(text).not.toMatch(/\d{40}/);
  });

  it("counts -5 and 1e23 say why: must not be negative, too large", async () => {
    await removeAllFiles();
    const vol = path.join(dir, "counts-bad.csv");
    writeFileSync(vol, "date,key,requests\n2024-09-02,a,-5\n2024-09-03,a,1e23\n2024-09-04,a,1.5\n2024-09-05,a,12\n");
    await page.getByLabel("Volume files", { exact: true }).setInputFiles(vol);
    await filesRead();
    await page.getByRole("listitem", { name: "counts-bad.csv" }).locator("details summary").click();
    const text = await card("counts-bad.csv");
    expect(text).toContain("counts-bad.csv, line 2: requests must not be negative: '-5'");
    expect(text).toContain("counts-bad.csv, line 3: requests is too large (over 2^53): '1e23'");
    expect(text).toContain("counts-bad.csv, line 4: requests is not a whole number: '1.5'");
    expect(text).toContain("12 inferences");
  });
});

describe("the file card", () => {
  it("shows the figures of the chosen cost basis", async () => {
    await removeAllFiles();
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(FOCUS);
    await filesRead();
    const billed = await inspect(fileInput(FOCUS, "billing"), { asKind: "billing", cost: "billed" });
    const effective = await inspect(fileInput(FOCUS, "billing"), { asKind: "billing", cost: "effective" });
    // The FOCUS sample's BilledCost and EffectiveCost differ (USD 20.52 and 14.98).
    expect(billed.report.totals.USD).not.toBe(effective.report.totals.USD);
    const name = "focus_1.0_sample_1000.csv";
    expect(await card(name)).toContain(`Total (billed cost)\nUSD ${formatMoneyText(billed.report.totals.USD)}`);
    await page.getByLabel("Effective cost (amortized)").check();
    await page.waitForFunction(() => document.querySelector(".aiecon-pane")?.textContent?.includes("Total (effective cost)"), undefined, { timeout: 60_000 });
    await filesRead();
    const after = await card(name);
    expect(after).toContain(`Total (effective cost)\nUSD ${formatMoneyText(effective.report.totals.USD)}`);
    expect(after).not.toContain(formatMoneyText(billed.report.totals.USD));
    await page.getByLabel("Billed cost").check();
    await page.waitForFunction(() => !document.querySelector(".aiecon-pane")?.textContent?.includes("Total (effective cost)"), undefined, { timeout: 60_000 });
    await filesRead();
  });

  it("names the Azure variant (EA / MCA / legacy, actual / amortized), not the encoding", async () => {
    await removeAllFiles();
    const files: Array<[string, string]> = [
      ["azure_ea_actualcost_small.csv", "Azure cost export (EA, actual cost)"],
      ["azure_ea_amortizedcost_small.csv", "Azure cost export (EA, amortized cost)"],
      ["azure_mca_camelcase_koku.csv", "Azure cost export (MCA)"],
      ["azure_legacy_costreport_bom_koku.csv", "Azure cost export (legacy)"],
    ];
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(files.map(([f]) => path.join(AZURE, f)));
    await filesRead();
    for (const [f, label] of files) {
      const text = await card(f);
      expect(text).toContain(`Format\n${label}`);
      expect(text).not.toContain("utf-8");
    }
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(FOCUS);
    await filesRead();
    expect(await card("focus_1.0_sample_1000.csv")).toContain("Format\nFOCUS 1.0");
  });

  it("says '1 row' and offers a tag key with a leading space once", async () => {
    await removeAllFiles();
    const one = path.join(dir, "one-row-tags.csv");
    writeFileSync(
      one,
      'BilledCost,ChargePeriodStart,BillingCurrency,ServiceName,Tags\n1.5,2024-09-02,USD,X,"{"" org"":""a"",""org"":""a""}"\n',
    );
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(one);
    await filesRead();
    await expect(page.getByRole("status").innerText()).resolves.toContain("one-row-tags.csv: FOCUS 1.0, 1 row, 2024-09.");
    const keys = await page.getByLabel("Workload key", { exact: true }).locator("option").allTextContents();
    expect(keys.filter((k) => /^Tag:\s*org$/.test(k))).toEqual(["Tag: org"]);
  });
});

describe("one number-format policy in the workbook", () => {
  it("a 1.23e29 cost is written out, never in e-notation, and no cost per inference reads 0.000000", async () => {
    await removeAllFiles();
    const big = focusWithCost("focus-big-cost.csv", 3, "123456789012345678901234567890");
    const vol = path.join(dir, "focus-volume.csv");
    // Many requests per service: costs per inference far below 0.000001 for most services.
    const groups = (await summarize([fileInput(big, "billing")], { period: "month", key: "service", cost: "billed" })).groups;
    writeFileSync(vol, ["date,key,requests", ...groups.map((g, i) => `2024-09-15,"${g.key}",${(i + 1) * 1_000_000_000}`)].join("\n") + "\n");
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(big);
    await page.getByLabel("Volume files", { exact: true }).setInputFiles(vol);
    await filesRead();
    await page.getByLabel("Period", { exact: true }).selectOption("month");
    await page.getByLabel("Workload key", { exact: true }).selectOption("service");
    // The card says Excel keeps 15 of its digits (the engine keeps all 29).
    expect(await card("focus-big-cost.csv")).toContain("focus-big-cost.csv, line 3: the cost 123456789012345678901234567890 has 29 significant digits; Excel keeps 15");
    await importAll();
    for (const sheet of ["AI Cost Data", "Unit Economics", "Comparison", "Trend", "Quarterly Review"]) {
      const texts = (await shownTexts(sheet)).flat();
      expect(texts.filter((t) => /\de[+-]\d/i.test(t)), sheet).toEqual([]);
      expect(texts.filter((t) => /^-?0\.0+( [A-Z]{3})?$/.test(t) && t !== "0.00 USD"), sheet).toEqual([]);
    }
    const ue = await shownTexts("Unit Economics");
    const header = ue[0];
    const cost = header.indexOf("Cost");
    const cpi = header.indexOf("Cost per inference");
    expect(ue.some((r) => r[cost].startsWith("123,456,789,012,346,000,000,000,000,000."))).toBe(true);
    // Every cost per inference shows at least 4 significant digits.
    for (const r of ue.slice(1)) {
      if (r[cpi] === "" || r[cpi] === "0.00 USD") continue;
      expect(r[cpi].replace(/[^0-9]/g, "").replace(/^0+/, "").length, r[cpi]).toBeGreaterThanOrEqual(4);
    }
    await page.getByRole("tab", { name: "Unit Economics" }).click().catch(() => undefined);
    await wb.screenshot("cfo-number-formats");
  });

  it("labels fiscal quarters FY2025-Q2 when the fiscal year starts in April", async () => {
    await removeAllFiles();
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(FOCUS);
    await filesRead();
    await page.getByLabel("Period", { exact: true }).selectOption("quarter");
    await page.getByLabel("Fiscal year start", { exact: true }).selectOption({ label: "April" });
    // September 2024 is in the second quarter of the fiscal year April 2024 – March 2025, FY2025.
    const offered = await page.getByLabel("Comparison period", { exact: true }).locator("option").allTextContents();
    expect(offered).toContain("FY2025-Q2");
    await importAll();
    const ue = await shownTexts("Unit Economics");
    const p = ue[0].indexOf("Period");
    expect(new Set(ue.slice(1).map((r) => r[p]))).toEqual(new Set(["FY2025-Q2"]));
    await page.getByLabel("Fiscal year start", { exact: true }).selectOption({ label: "January" });
  });

  it("leaves no console error", () => {
    expect(wb.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
