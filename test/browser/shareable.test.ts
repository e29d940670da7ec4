/**
 * End-to-end, through the task pane only: *Formulas: AIECON functions / native Excel* and
 * *Make shareable* in the workbench (headless Chromium). The workbook is read through
 * `window.workbench.snapshot()`; every figure of every add-in sheet is compared cell by cell.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { BUILD_TIMEOUT, ensureBuilt, enterFormula, openWorkbench, type Cell, type Snap, type SnapSheet, type Workbench } from "./harness";

beforeAll(() => ensureBuilt(), BUILD_TIMEOUT);


/** The sheets the add-in writes (../shared/spec/workbook.md). */
const ADDIN_SHEETS = ["AI Cost Data", "AI Volume Data", "AI Value Data", "Unit Economics", "Comparison", "Trend", "Quarterly Review", "Cost Bridge", "Data Checks", "AI Import Log"];
/** The sheets two builds of the same files must hold cell for cell: all but the import log, which records when each build was. */
const BUILT_SHEETS = ADDIN_SHEETS.filter((n) => n !== "AI Import Log");
/** The figure sheets, built from the data sheets. */
const FIGURE_SHEETS = ["Unit Economics", "Trend", "Comparison", "Quarterly Review", "Cost Bridge"];

const opened: Workbench[] = [];
afterEach(async () => {
  while (opened.length > 0) await opened.pop()!.close();
});

async function fresh(): Promise<Page> {
  const wb = await openWorkbench();
  opened.push(wb);
  return wb.page;
}

/** Console errors and uncaught exceptions of the pages opened in this test. */
function pageErrors(): string[] {
  return opened.flatMap((wb) => wb.errors.filter((e) => !/favicon/.test(e)));
}

function snapshot(page: Page): Promise<Snap> {
  return page.evaluate(() => window.workbench.snapshot()) as unknown as Promise<Snap>;
}

function sheetOf(s: Snap, name: string): SnapSheet {
  const found = s.sheets.find((x) => x.name === name);
  if (!found) throw new Error(`no sheet ${name}; sheets: ${s.sheets.map((x) => x.name).join(", ")}`);
  return found;
}

async function waitForStatus(page: Page, re: RegExp, timeout = 60_000): Promise<string> {
  await page.waitForFunction(
    (src) => new RegExp(src.source, src.flags).test(document.querySelector('[role="status"]')?.textContent ?? ""),
    { source: re.source, flags: re.flags },
    { timeout },
  );
  return page.getByRole("status").innerText();
}

/** Sample files in, month × model, the Formulas radio as asked, Import (Replace if asked). */
async function build(page: Page, formulas: "AIECON functions" | "Native Excel"): Promise<void> {
  if ((await page.getByRole("listitem", { name: "sample-value-2025H1.csv" }).count()) === 0) {
    await page.getByRole("button", { name: "Load sample data" }).click();
    await page.getByRole("listitem", { name: "sample-value-2025H1.csv" }).waitFor();
  }
  await page.waitForFunction(() => !document.querySelector(".aiecon-pane")?.textContent?.includes("Reading…"), undefined, { timeout: 60_000 });
  await page.getByLabel("Period", { exact: true }).selectOption("month");
  await page.getByLabel("Workload key", { exact: true }).selectOption("tag:model");
  await page.getByLabel(formulas, { exact: true }).check();
  // The sample has token counts: its pricing sheets (AI Prices, Scenarios) have no native form yet (README, Known limitations).
  await page.getByLabel("Price the tokens (AI Prices)", { exact: true }).setChecked(false);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const replace = page.getByRole("button", { name: "Replace", exact: true });
  const done = page.getByRole("status").filter({ hasText: "Import complete" });
  await replace.or(done).first().waitFor({ timeout: 60_000 });
  if (await replace.isVisible()) await replace.click();
  await waitForStatus(page, /Import complete/);
}

/** The Make shareable line: the live region the button is described by. */
async function makeShareable(page: Page): Promise<string> {
  const button = page.getByRole("button", { name: "Make shareable", exact: true });
  const id = await button.getAttribute("aria-describedby");
  expect(id).toBeTruthy();
  const line = page.locator(`[id="${id}"]`);
  await expect(line.getAttribute("aria-live")).resolves.toBe("polite");
  await button.click();
  // Done when the button is enabled again and the line no longer says it is working.
  await page.waitForFunction(
    (i) => {
      const b = document.querySelector(`[aria-describedby="${i}"]`) as HTMLButtonElement | null;
      const t = document.getElementById(i)?.textContent ?? "";
      return !!b && !b.disabled && t !== "" && !t.endsWith("…");
    },
    id!,
    { timeout: 60_000 },
  );
  return line.innerText();
}

/** Every cell formula containing "AIECON." on the given sheets, as "Sheet!R1C1 =…". */
function aiecon(s: Snap, sheets: readonly string[]): string[] {
  return s.sheets
    .filter((sh) => sheets.includes(sh.name))
    .flatMap((sh) => sh.formulas.flatMap((row, r) => row.flatMap((f, c) => (typeof f === "string" && f.toUpperCase().includes("AIECON.") ? [`${sh.name}!R${r + 1}C${c + 1} ${f}`] : []))));
}

interface Difference {
  cell: string;
  before: Cell;
  after: Cell;
  formulaBefore: Cell;
  formulaAfter: Cell;
}

/**
 * Native formulas compute in binary64, the AIECON functions in decimal (README, known
 * limitations): a quotient can differ in its last bit, and a growth rate `b/a-1` carries that
 * bit on the scale of its factor 1+g. Texts, bands, errors and blanks must be identical.
 */
const REL = 1e-12;
/** A FORECASTUNITCOST band goes through T.INV, which HyperFormula computes to about 1.5e-8 only (Excel to binary64). */
const REL_TINV = 1e-8;

function sameValue(a: Cell, b: Cell, formula: Cell, after: Cell = ""): boolean {
  if (typeof a !== "number" || typeof b !== "number") return a === b;
  if (a === b) return true;
  const growth = typeof formula === "string" && /COSTGROWTH|-1\b/i.test(formula);
  const scale = Math.max(Math.abs(a), Math.abs(b)) + (growth ? 1 : 0);
  return Math.abs(a - b) <= (typeof after === "string" && after.includes("T.INV(") ? REL_TINV : REL) * scale;
}

/** Cells of `sheets` whose value differs between `a` and `b` (see `sameValue`). */
function differences(a: Snap, b: Snap, sheets: readonly string[]): Difference[] {
  const out: Difference[] = [];
  for (const name of sheets) {
    const sa = sheetOf(a, name);
    const sb = sheetOf(b, name);
    const rows = Math.max(sa.values.length, sb.values.length);
    for (let r = 0; r < rows; r++) {
      const cols = Math.max(sa.values[r]?.length ?? 0, sb.values[r]?.length ?? 0);
      for (let c = 0; c < cols; c++) {
        const va = sa.values[r]?.[c] ?? "";
        const vb = sb.values[r]?.[c] ?? "";
        const fa = sa.formulas[r]?.[c] ?? "";
        if (!sameValue(va, vb, fa, sb.formulas[r]?.[c] ?? "")) out.push({ cell: `${name}!${colName(c)}${r + 1}`, before: va, after: vb, formulaBefore: fa, formulaAfter: sb.formulas[r]?.[c] ?? "" });
      }
    }
  }
  return out;
}

/** Numbers that are not bit-identical (for the record: the binary64 gap). */
function inexact(a: Snap, b: Snap, sheets: readonly string[]): number {
  let n = 0;
  for (const name of sheets) {
    const va = sheetOf(a, name).values.flat();
    const vb = sheetOf(b, name).values.flat();
    va.forEach((v, i) => {
      if (typeof v === "number" && v !== vb[i]) n++;
    });
  }
  return n;
}

/** Tables and charts (titles, types, series names; series values as the cells above). */
function shapes(s: Snap, sheets: readonly string[]): unknown {
  return s.sheets
    .filter((sh) => sheets.includes(sh.name))
    .map((sh) => ({ name: sh.name, tables: sh.tables, charts: sh.charts.map((c) => ({ title: c.title, type: c.type, series: c.series.map((x) => [x.name, x.values.length]) })) }));
}

function colName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Numbers, texts and errors of the figure sheets, to be sure the comparison compares something. */
function census(s: Snap): { numbers: number; texts: number; errors: number } {
  const cells = s.sheets.filter((sh) => FIGURE_SHEETS.includes(sh.name)).flatMap((sh) => sh.values.flat());
  return {
    numbers: cells.filter((v) => typeof v === "number").length,
    texts: cells.filter((v) => typeof v === "string" && v !== "" && !v.startsWith("#")).length,
    errors: cells.filter((v) => typeof v === "string" && v.startsWith("#")).length,
  };
}

function report(d: Difference[]): string {
  return d
    .slice(0, 20)
    .map((x) => `${x.cell}: ${JSON.stringify(x.before)} -> ${JSON.stringify(x.after)}\n  before ${x.formulaBefore}\n  after  ${x.formulaAfter}`)
    .join("\n");
}

describe("Make shareable and native formulas through the task pane", () => {
  it("Make shareable keeps every value and leaves no AIECON formula", async () => {
    const page = await fresh();
    await build(page, "AIECON functions");
    const before = await snapshot(page);
    for (const name of ADDIN_SHEETS) sheetOf(before, name);
    const calls = aiecon(before, ADDIN_SHEETS);
    expect(calls.length).toBeGreaterThan(50);
    for (const name of FIGURE_SHEETS) expect(aiecon(before, [name]).length, name).toBeGreaterThan(0);
    const seen = census(before);
    expect(seen.numbers).toBeGreaterThan(100);
    expect(seen.texts).toBeGreaterThan(20);

    const message = await makeShareable(page);
    expect(message).toBe(`${calls.length.toLocaleString("en-US")} formulas rewritten as native Excel on ${ADDIN_SHEETS.length} AIECON sheets.`);
    const after = await snapshot(page);
    expect(after.sheets.map((s) => s.name)).toEqual(before.sheets.map((s) => s.name));
    expect(aiecon(after, after.sheets.map((s) => s.name))).toEqual([]);
    const d = differences(before, after, ADDIN_SHEETS);
    expect(d, report(d)).toEqual([]);
    expect(shapes(after, ADDIN_SHEETS)).toEqual(shapes(before, ADDIN_SHEETS));
    console.log(`Make shareable: ${inexact(before, after, FIGURE_SHEETS)} of ${seen.numbers} figures differ in their last bits (binary64)`);
    expect(pageErrors()).toEqual([]);
  });

  it("Formulas = native Excel writes no AIECON formula and every value equals the AIECON build", async () => {
    const page = await fresh();
    await expect(page.getByLabel("AIECON functions", { exact: true }).isChecked()).resolves.toBe(true);
    await build(page, "AIECON functions");
    const withAiecon = await snapshot(page);
    expect(aiecon(withAiecon, FIGURE_SHEETS).length).toBeGreaterThan(50);

    // Rebuilt over the AIECON sheets (the pane asks to replace them).
    await build(page, "Native Excel");
    await expect(page.getByLabel("Native Excel", { exact: true }).isChecked()).resolves.toBe(true);
    const rebuilt = await snapshot(page);
    expect(aiecon(rebuilt, rebuilt.sheets.map((s) => s.name))).toEqual([]);
    for (const name of FIGURE_SHEETS) {
      expect(sheetOf(rebuilt, name).formulas.flat().some((f) => typeof f === "string" && f.startsWith("=")), `${name} has formulas`).toBe(true);
    }
    const d = differences(withAiecon, rebuilt, BUILT_SHEETS);
    expect(d, report(d)).toEqual([]);
    expect(shapes(rebuilt, ADDIN_SHEETS)).toEqual(shapes(withAiecon, ADDIN_SHEETS));

    // Built native into a new workbook: the same workbook as the rebuild, cell for cell.
    await page.getByRole("button", { name: "New workbook" }).click();
    await page.waitForFunction(() => !window.workbench.snapshot().sheets.some((s) => s.name === "Unit Economics"));
    await build(page, "Native Excel");
    const native = await snapshot(page);
    expect(aiecon(native, native.sheets.map((s) => s.name))).toEqual([]);
    for (const name of BUILT_SHEETS) {
      expect(sheetOf(native, name).formulas, name).toEqual(sheetOf(rebuilt, name).formulas);
      expect(sheetOf(native, name).values, name).toEqual(sheetOf(rebuilt, name).values);
    }

    // Nothing left to rewrite: Make shareable changes nothing.
    const message = await makeShareable(page);
    expect(message).toBe(`Already shareable: no AIECON formula to rewrite on the ${ADDIN_SHEETS.length} AIECON sheets. Nothing was changed.`);
    expect(await snapshot(page)).toEqual(native);
    expect(pageErrors()).toEqual([]);
  });

  it("Make shareable on a workbook with no add-in sheets says so and changes nothing", async () => {
    const page = await fresh();
    // A sheet of the user's own, with an AIECON formula typed in: not the add-in's to rewrite.
    await enterFormula(page, "A1", "=AIECON.COSTPERINFERENCE(1250,500000)");
    const before = await snapshot(page);
    expect(before.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
    const statusBefore = await page.getByRole("status").innerText();
    const message = await makeShareable(page);
    expect(message).toBe("Nothing to make shareable: this workbook has no AIECON sheets (import first). Nothing was changed.");
    expect(await snapshot(page)).toEqual(before);
    expect(await page.evaluate(() => window.workbench.getCell("A1", "Sheet1"))).toMatchObject({ value: 0.0025, formula: "=AIECON.COSTPERINFERENCE(1250,500000)" });
    // The import status is not used for this message.
    await expect(page.getByRole("status").innerText()).resolves.toBe(statusBefore);
    expect(pageErrors()).toEqual([]);
  });
});
