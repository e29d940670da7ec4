/**
 * Keyboard and accessibility of the workbench and the task pane, in headless Chromium:
 * the grid is no keyboard trap (Tab/Shift+Tab leave it at its edges, F6 cycles grid →
 * formula bar → task pane), the Cell box moves the formula bar with the selection, the sheet
 * tabs follow the ARIA tabs pattern, and an axe-core scan finds no serious or critical
 * violation, before and after an import.
 */
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT, openWorkbench, type Workbench } from "./harness";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

let wb: Workbench;

beforeAll(async () => {
  wb = await openWorkbench({ viewport: { width: 1366, height: 768 } });
}, BUILD_TIMEOUT);
afterAll(async () => {
  await wb?.close();
});

/** Where focus is: "grid", "cell box", "formula", "tabs", "pane" or the active element's tag. */
function focusRegion(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a) return "none";
    if (a.id === "wb-sheetpanel") return "grid";
    if (a.id === "wb-cell") return "cell box";
    if (a.id === "wb-formula") return "formula";
    if (a.closest('[role="tablist"]')) return "tabs";
    if (a.closest("aside")) return "pane";
    return a.tagName.toLowerCase();
  });
}

const selected = (page: Page): Promise<string | null> => page.locator("td.wb-sel").getAttribute("data-cell");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return found.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.join(", ")}`);
}

describe("the grid is no keyboard trap", () => {
  it("Tab moves along the row, and Shift+Tab at column A leaves the grid", async () => {
    const { page } = wb;
    await page.locator('table.wb-grid td[data-cell="A1"]').click();
    await expect(focusRegion(page)).resolves.toBe("grid");
    await page.keyboard.press("Tab");
    await expect(selected(page)).resolves.toBe("B1");
    await expect(focusRegion(page)).resolves.toBe("grid");
    await page.keyboard.press("Shift+Tab");
    await expect(selected(page)).resolves.toBe("A1");
    await expect(focusRegion(page)).resolves.toBe("grid");
    await page.keyboard.press("Shift+Tab");
    await expect(focusRegion(page)).resolves.not.toBe("grid");
    await expect(selected(page)).resolves.toBe("A1");
  });

  it("Tab at the last drawn column leaves the grid", async () => {
    const { page } = wb;
    const last = await page.locator("table.wb-grid thead th").last().textContent();
    await page.locator(`table.wb-grid td[data-cell="${last}3"]`).click();
    await page.keyboard.press("Tab");
    await expect(focusRegion(page)).resolves.not.toBe("grid");
    await expect(selected(page)).resolves.toBe(`${last}3`);
  });

  it("F6 cycles grid → formula bar → task pane → grid, Shift+F6 the other way; Escape does not hold focus", async () => {
    const { page } = wb;
    await page.locator('table.wb-grid td[data-cell="B2"]').click();
    await page.keyboard.press("F6");
    await expect(focusRegion(page)).resolves.toBe("cell box");
    await page.keyboard.press("F6");
    await expect(focusRegion(page)).resolves.toBe("pane");
    await page.keyboard.press("F6");
    await expect(focusRegion(page)).resolves.toBe("grid");
    await page.keyboard.press("Shift+F6");
    await expect(focusRegion(page)).resolves.toBe("pane");
    await page.keyboard.press("Shift+F6");
    await expect(focusRegion(page)).resolves.toBe("cell box");
    await page.locator('table.wb-grid td[data-cell="B2"]').click();
    await page.keyboard.press("Escape");
    await expect(focusRegion(page)).resolves.toBe("grid");
    await page.keyboard.press("Shift+Tab");
    await expect(selected(page)).resolves.toBe("A2");
    await page.keyboard.press("Shift+Tab");
    await expect(focusRegion(page)).resolves.not.toBe("grid");
  });
});

describe("the formula bar follows the selection", () => {
  it("the Cell box selects a cell and the Formula box shows that cell's formula", async () => {
    const { page } = wb;
    await page.evaluate(async () => {
      await window.workbench.setCell("C5", "=AIECON.COSTPERINFERENCE(30,1000)");
      await window.workbench.setCell("D7", "plain text");
    });
    const cell = page.getByLabel("Cell", { exact: true });
    const formula = page.getByLabel("Formula", { exact: true });
    await page.locator('table.wb-grid td[data-cell="A1"]').click();
    await cell.fill("C5");
    await cell.press("Enter");
    await expect(selected(page)).resolves.toBe("C5");
    await page.waitForFunction(() => (document.getElementById("wb-formula") as HTMLInputElement).value !== "");
    await expect(formula.inputValue()).resolves.toBe("=AIECON.COSTPERINFERENCE(30,1000)");
    await expect(focusRegion(page)).resolves.toBe("formula");
    await cell.fill("d7");
    await cell.press("Enter");
    await page.waitForFunction(() => (document.getElementById("wb-formula") as HTMLInputElement).value === "plain text");
    await expect(cell.inputValue()).resolves.toBe("D7");
    // Arrow keys in the grid move the bar too.
    await page.locator('table.wb-grid td[data-cell="C4"]').click();
    await page.keyboard.press("ArrowDown");
    await page.waitForFunction(() => (document.getElementById("wb-formula") as HTMLInputElement).value.startsWith("=AIECON"));
    await expect(cell.inputValue()).resolves.toBe("C5");
  });
});

describe("sheet tabs follow the ARIA tabs pattern", () => {
  it("one tab stop; arrows, Home and End move between tabs and show the sheet", async () => {
    const { page } = wb;
    await page.evaluate(() =>
      window.workbench.run(async (ctx) => {
        ctx.workbook.worksheets.add("Second");
        ctx.workbook.worksheets.add("Third");
        await ctx.sync();
      }),
    );
    await page.locator('[role="tab"][data-sheet="Sheet1"]').click();
    const tabs = page.getByRole("tab");
    await expect(tabs.count()).resolves.toBe(3);
    const state = () =>
      page.evaluate(() => {
        const list = [...document.querySelectorAll('[role="tab"]')];
        const panel = document.querySelector('[role="tabpanel"]')!;
        return {
          selected: list.filter((t) => t.getAttribute("aria-selected") === "true").map((t) => t.textContent),
          tabStops: list.filter((t) => t.getAttribute("tabindex") === "0").map((t) => t.textContent),
          controls: [...new Set(list.map((t) => t.getAttribute("aria-controls")))],
          panelLabel: document.getElementById(panel.getAttribute("aria-labelledby") ?? "")?.textContent,
          panelId: panel.id,
          grid: document.querySelector("table.wb-grid")?.getAttribute("data-sheet"),
          focused: document.activeElement?.textContent,
        };
      });
    await expect(state()).resolves.toMatchObject({ selected: ["Sheet1"], tabStops: ["Sheet1"], controls: ["wb-sheetpanel"], panelLabel: "Sheet1", panelId: "wb-sheetpanel", grid: "Sheet1" });
    await page.keyboard.press("ArrowRight");
    await expect(state()).resolves.toMatchObject({ selected: ["Second"], tabStops: ["Second"], panelLabel: "Second", grid: "Second", focused: "Second" });
    await page.keyboard.press("End");
    await expect(state()).resolves.toMatchObject({ selected: ["Third"], grid: "Third", focused: "Third" });
    await page.keyboard.press("ArrowRight");
    await expect(state()).resolves.toMatchObject({ selected: ["Sheet1"], grid: "Sheet1", focused: "Sheet1" });
    await page.keyboard.press("ArrowLeft");
    await expect(state()).resolves.toMatchObject({ selected: ["Third"], focused: "Third" });
    await page.keyboard.press("Home");
    await expect(state()).resolves.toMatchObject({ selected: ["Sheet1"], tabStops: ["Sheet1"], focused: "Sheet1" });
    // Tab from the tab list leaves it (one tab stop), it does not walk the tabs.
    await page.keyboard.press("Tab");
    await expect(focusRegion(page)).resolves.not.toBe("tabs");
  });
});

describe("axe-core accessibility scan", () => {
  it("the scan sees a planted violation (it can fail)", async () => {
    const { page } = wb;
    await page.evaluate(() => {
      const img = document.createElement("img");
      img.id = "planted";
      img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
      document.body.append(img);
    });
    const found = await seriousViolations(page);
    await page.evaluate(() => document.getElementById("planted")?.remove());
    expect(found.some((v) => v.includes("image-alt") && v.includes("#planted"))).toBe(true);
  });

  it("finds no serious or critical violation in the workbench and the task pane before an import", async () => {
    await expect(seriousViolations(wb.page)).resolves.toEqual([]);
  });

  it("finds none with files on the cards and after an import", async () => {
    const { page } = wb;
    await page.evaluate(() => window.workbench.reset());
    await page.getByRole("button", { name: "Load sample data" }).click();
    await page.getByRole("listitem", { name: "sample-value-2025H1.csv" }).waitFor();
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const done = page.getByRole("status").filter({ hasText: "Import complete" });
    const replace = page.getByRole("button", { name: "Replace", exact: true });
    await Promise.race([done.waitFor({ timeout: 100_000 }), replace.waitFor({ timeout: 100_000 }).then(() => replace.click())]);
    await done.waitFor({ timeout: 100_000 });
    await page.locator('[role="tab"][data-sheet="Unit Economics"]').click();
    await expect(seriousViolations(page)).resolves.toEqual([]);
    expect(wb.errors).toEqual([]);
  });
});
