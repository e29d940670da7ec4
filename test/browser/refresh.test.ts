/**
 * Refresh in the real task pane (workbench, headless Chromium): build January–June from the
 * sample generator, refresh with July, refuse July a second time, replace a re-issued July on
 * confirmation; the user's edited value cell and own sheet survive.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { sampleFiles } from "../../src/workbench/samples";
import { julyFiles, type TextFile } from "../unit/import/july";
import { snapshotOf, BUILD_TIMEOUT, ensureBuilt, openWorkbench, RESULTS, type Snap, type Workbench } from "./harness";

const dir = path.join(RESULTS, "refresh-data");
let wb: Workbench;
let page: Page;

function saved(files: TextFile[]): Record<TextFile["kind"], string[]> {
  const out: Record<TextFile["kind"], string[]> = { billing: [], volume: [], value: [] };
  for (const f of files) {
    const p = path.join(dir, f.name);
    writeFileSync(p, f.text);
    out[f.kind].push(p);
  }
  return out;
}

async function choose(files: TextFile[]): Promise<void> {
  for (;;) {
    const btn = page.getByRole("button", { name: /^Remove .+\.csv$/ }).first();
    if ((await btn.count()) === 0) break;
    await btn.click();
  }
  const paths = saved(files);
  if (paths.billing.length) await page.getByLabel("Billing files", { exact: true }).setInputFiles(paths.billing);
  if (paths.volume.length) await page.getByLabel("Volume files", { exact: true }).setInputFiles(paths.volume);
  if (paths.value.length) await page.getByLabel("Value files", { exact: true }).setInputFiles(paths.value);
  await page.waitForFunction(() => !document.querySelector(".aiecon-pane")?.textContent?.includes("Reading…"), undefined, { timeout: 60_000 });
}

async function press(name: string, re: RegExp): Promise<string> {
  await page.evaluate(() => {
    const el = document.querySelector('[role="status"]');
    if (el) el.textContent = "";
  });
  await page.getByRole("button", { name, exact: true }).click();
  await page.waitForFunction(
    (src) => new RegExp(src.source, src.flags).test(document.querySelector('[role="status"]')?.textContent ?? ""),
    { source: re.source, flags: re.flags },
    { timeout: 90_000 },
  );
  return page.getByRole("status").innerText();
}

const snapshot = (): Promise<Snap> => snapshotOf(page);

/** Cost rows of AI Cost Data (header Period … Source). */
async function costRows(): Promise<Array<{ period: string; cost: number; source: string }>> {
  const s = (await snapshot()).sheets.find((x) => x.name === "AI Cost Data")!;
  const [header, ...rows] = s.values;
  const at = (h: string) => header.indexOf(h);
  return rows.filter((r) => r[0] !== "" && r[0] !== null).map((r) => ({ period: String(r[at("Period")]), cost: Number(r[at("Cost")]), source: String(r[at("Source")]) }));
}

beforeAll(async () => {
  await ensureBuilt();
  mkdirSync(dir, { recursive: true });
  wb = await openWorkbench();
  page = wb.page;
}, BUILD_TIMEOUT);

afterAll(async () => {
  await wb?.close();
});

describe("Refresh in the task pane", () => {
  it("January–June, then July; July again refused; a re-issued July replaced on confirmation; edits kept", async () => {
    await choose(sampleFiles());
    expect(await press("Import", /Import complete/)).toMatch(/× 6 periods/);
    // The user edits a value and adds a sheet of their own.
    await page.evaluate(async () => {
      await window.workbench.setCell("C2", 1234.5, "AI Value Data");
      await window.workbench.run(async (ctx) => {
        ctx.workbook.worksheets.add("My notes").getRange("A1").values = [["keep me"]];
        // An added column: the table widened by one column headed "Note".
        const t = ctx.workbook.tables.getItem("AiCostData");
        const r = t.getRange();
        r.load("rowCount");
        await ctx.sync();
        t.convertToRange();
        const ws = ctx.workbook.worksheets.getItem("AI Cost Data");
        ws.getRange("I1:I2").values = [["Note"], ["checked"]];
        ws.tables.add(`A1:I${r.rowCount}`, true).name = "AiCostData";
        await ctx.sync();
      });
    });
    const before = await costRows();

    await choose(julyFiles());
    expect(await press("Refresh", /Import complete/)).toMatch(/× 7 periods/);
    const afterJuly = await costRows();
    expect(afterJuly.slice(0, before.length)).toEqual(before);
    const julyTotal = afterJuly.filter((r) => r.period === "2025-07").reduce((a, r) => a + r.cost, 0);
    expect(julyTotal).toBeGreaterThan(0);

    // July again: refused, naming the earlier import; the workbook unchanged.
    const snapBefore = JSON.stringify(await snapshot());
    await choose(julyFiles());
    expect(await press("Refresh", /already imported/)).toContain("sample-focus-billing-2025-07.csv was already imported");
    expect(JSON.stringify(await snapshot())).toBe(snapBefore);

    // A re-issued July billing file: asks, and replaces July on confirmation.
    await choose(julyFiles(true).filter((f) => f.kind === "billing"));
    await page.getByRole("button", { name: "Refresh", exact: true }).click();
    await page.getByRole("button", { name: "Replace the periods", exact: true }).click();
    await page.waitForFunction(() => /Import complete/.test(document.querySelector('[role="status"]')?.textContent ?? ""), undefined, { timeout: 90_000 });
    const rows = await costRows();
    const july = rows.filter((r) => r.period === "2025-07");
    expect(july.every((r) => r.source === "sample-focus-billing-2025-07-reissued.csv")).toBe(true);
    expect(july.reduce((a, r) => a + r.cost, 0)).toBeCloseTo(julyTotal + 1, 6);
    expect(rows.filter((r) => r.period !== "2025-07")).toEqual(before);

    const snap = await snapshot();
    const value = snap.sheets.find((x) => x.name === "AI Value Data")!;
    expect(value.values[1][2]).toBe(1234.5);
    expect(snap.sheets.find((x) => x.name === "My notes")!.values[0][0]).toBe("keep me");
    const cost = snap.sheets.find((x) => x.name === "AI Cost Data")!;
    expect(cost.values[0][8]).toBe("Note");
    expect(cost.values[1][8]).toBe("checked");
    expect(cost.tables[0].address).toMatch(new RegExp(`A1:I${rows.length + 1}$`));
    await wb.screenshot("refresh");
  }, 300_000);
});
