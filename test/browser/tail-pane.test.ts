/**
 * The task pane's Prices section end to end in the workbench (issue 12): the real Azure LLM
 * inference traces (request logs without a model column) with a bill of the same month.
 *  - Price the tokens is on by default when a volume file has token counts, off otherwise;
 *  - a request log without a model column needs "Price requests as" (Import says so), and a
 *    model or a Scenarios candidate the price table does not have is refused with a message;
 *  - the import writes AI Prices, Long Tail (live formulas over AI Requests) whose p95 per file
 *    equals PERCENTILE.INC computed here over costs priced here from the price table, and
 *    Scenarios with the chosen candidates; a price typed in AI Prices moves a Scenarios figure;
 *  - above 100,000 requests "Write the request rows" is off and disabled with the reason, and
 *    the import writes Long Tail as values without AI Requests;
 * and saves the README's screenshots of Long Tail and Scenarios (to docs/ with UPDATE_SCREENSHOTS=1).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { shippedPrices } from "../../src/import/prices/table";
import { snapshotOf, sheetOf, BUILD_TIMEOUT, enterFormula, ensureBuilt, nextFrame, openWorkbench, paneHelpers, ROOT, type Cell, type Snap, type SnapSheet, type Workbench } from "./harness";

const VOLUME = path.resolve(ROOT, "../shared/data/volume");
const dir = path.join(ROOT, "test-results", "tail-pane-data");
/** The real traces, copied under short names: a request log without a key column is keyed by its file's stem. */
const TRACES = [
  { stem: "code", real: path.join(VOLUME, "azure_llm_inference_trace_code_2023.csv"), path: path.join(dir, "code.csv") },
  { stem: "conv", real: path.join(VOLUME, "azure_llm_inference_trace_conv_2023.csv"), path: path.join(dir, "conv.csv") },
];
const VALUE = path.join(dir, "value-2023-11.csv");
const BILLING = path.join(dir, "billing-2023-11.csv");
const COUNTS = path.join(dir, "counts-2023-11.csv");
const BIG = path.join(dir, "big-request-log.csv");
const BIG_ROWS = 100_001;

let wb: Workbench;
let page: Page;
const { filesRead, removeAllFiles, waitForStatus, statusText } = paneHelpers(() => page);

const gpt4o = shippedPrices().rows.find((r) => r.model === "gpt-4o");
if (gpt4o === undefined || gpt4o.input === null || gpt4o.output === null) throw new Error("gpt-4o has no list price in the shipped table");
const [IN_PRICE, OUT_PRICE] = [Number(gpt4o.input), Number(gpt4o.output)];

/** The requests of a trace: input and output tokens, in file order. */
function requests(file: string): Array<[number, number]> {
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => {
      const [, i, o] = l.split(",");
      return [Number(i), Number(o)];
    });
}
/** Independent: each request at the price table's gpt-4o row (USD per million tokens). */
const costs = (file: string): number[] => requests(file).map(([i, o]) => (i * IN_PRICE + o * OUT_PRICE) / 1e6);
/** Excel's PERCENTILE.INC, written out. */
function percentileInc(xs: number[], k: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * k;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}
const close = (a: Cell, b: number, where: string): void => {
  expect(typeof a, where).toBe("number");
  expect(Math.abs((a as number) - b), where).toBeLessThanOrEqual(1e-11 * Math.abs(b));
};

const snapshot = (): Promise<Snap> => snapshotOf(page);
const sheet = sheetOf;
/** The rows under the first row whose first cell is `head0`, as objects keyed by that row, until a blank first cell. */
function rowsUnder(s: SnapSheet, head0: string): Array<{ row: number; v: Record<string, Cell>; f: Record<string, Cell> }> {
  const top = s.values.findIndex((r) => r[0] === head0);
  expect(top, `${head0} on ${s.name}`).toBeGreaterThanOrEqual(0);
  const head = s.values[top].map(String);
  const out: Array<{ row: number; v: Record<string, Cell>; f: Record<string, Cell> }> = [];
  for (let r = top + 1; r < s.values.length && s.values[r][0] !== "" && s.values[r][0] !== null; r++) {
    out.push({ row: r, v: Object.fromEntries(head.map((h, c) => [h, s.values[r][c]])), f: Object.fromEntries(head.map((h, c) => [h, s.formulas[r]?.[c] ?? null])) });
  }
  return out;
}
async function showSheet(name: string): Promise<void> {
  await page.getByRole("tab", { name, exact: true }).click();
  await nextFrame(page);
}
/** Type into a text field and leave it (its change event). */
async function typeInto(label: string, text: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(text);
  await input.press("Tab");
}
const check = (label: string) => page.getByLabel(label, { exact: true });
const PRICE = "Price the tokens (AI Prices)";
const ROWS = "Write the request rows (AI Requests)";
const MODEL = "Price requests as";
const CANDS = "Scenarios: also compare";

beforeAll(async () => {
  await ensureBuilt();
  mkdirSync(dir, { recursive: true });
  // A bill of the traces' month with no workload key: the keyless request logs are its volume.
  writeFileSync(BILLING, "Date,Cost,Currency\n2023-11-16,150.00,USD\n");
  writeFileSync(COUNTS, "date,key,requests\n2023-11-16,chat,10\n");
  writeFileSync(VALUE, "date,value,currency\n2023-11-16,600,USD\n");
  for (const t of TRACES) copyFileSync(t.real, t.path);
  // Generated (fixed seed): one request more than AI Requests takes.
  let seed = 12;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const lines = ["timestamp,input_tokens,output_tokens"];
  for (let i = 0; i < BIG_ROWS; i++) lines.push(`2023-11-16 ${String(Math.floor(i / 3600) % 24).padStart(2, "0")}:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")},${100 + (next() % 5000)},${1 + (next() % 800)}`);
  writeFileSync(BIG, lines.join("\n") + "\n");
  wb = await openWorkbench({ viewport: { width: 1600, height: 950 } });
  page = wb.page;
}, BUILD_TIMEOUT);

afterAll(async () => {
  await wb?.close();
});

describe("the task pane's Prices section", () => {
  it("Price the tokens is off without token counts; on with them, and a log without a model column needs Price requests as", async () => {
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(BILLING);
    await page.getByLabel("Volume files", { exact: true }).setInputFiles(COUNTS);
    await filesRead();
    await expect(check(PRICE).isChecked()).resolves.toBe(false);
    await removeAllFiles();
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(BILLING);
    await page.getByLabel("Volume files", { exact: true }).setInputFiles(TRACES.map((t) => t.path));
    await page.getByLabel("Value files", { exact: true }).setInputFiles(VALUE);
    await filesRead();
    await expect(check(PRICE).isChecked()).resolves.toBe(true);
    await expect(check(ROWS).isEnabled()).resolves.toBe(true);
    await expect(check(ROWS).isChecked()).resolves.toBe(true);
    await expect(page.locator(`#${await check(ROWS).getAttribute("aria-describedby")}`).innerText()).resolves.toMatch(/^28,185 requests: written one per row/);
    await expect(check(MODEL).getAttribute("required")).resolves.not.toBeNull();
    // Import is marked disabled (aria-disabled, the reason as its title); pressed, it says why.
    await expect(page.getByRole("button", { name: "Import", exact: true }).getAttribute("aria-disabled")).resolves.toBe("true");
    await page.getByRole("button", { name: "Import", exact: true }).click({ force: true });
    await waitForStatus(/Choose a model under "Price requests as": code\.csv, conv\.csv have no model column/);
    expect((await snapshot()).sheets.map((s) => s.name)).not.toContain("Unit Economics");
  });

  it("a model or a candidate the price table does not have is refused with a message", async () => {
    await typeInto(MODEL, "gpt-4-turbo-ultra-nonexistent");
    const alert = page.getByRole("alert").filter({ hasText: "not in the price table" });
    await expect(alert.innerText()).resolves.toMatch(/"Price requests as": gpt-4-turbo-ultra-nonexistent is not in the price table \(no price entry by any rule\)/);
    await expect(check(MODEL).getAttribute("aria-invalid")).resolves.toBe("true");
    await typeInto(MODEL, "gpt-4o");
    await typeInto(CANDS, "gpt-4o-mini, my-own-model");
    await expect(alert.innerText()).resolves.toMatch(/Scenarios candidate my-own-model is not in the price table/);
    await page.getByRole("button", { name: "Import", exact: true }).click({ force: true });
    await waitForStatus(/Scenarios candidate my-own-model is not in the price table/);
    await typeInto(CANDS, "gpt-4o-mini");
    await expect(page.getByRole("alert").filter({ hasText: "not in the price table" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Import", exact: true }).getAttribute("aria-disabled")).resolves.toBe("false");
  });

  it("imports the traces: Long Tail live over AI Requests, its p95 equal to PERCENTILE.INC of costs priced here; Scenarios with the candidates", async () => {
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const status = await waitForStatus(/Import complete/, 300_000);
    expect(status).toContain("Long Tail: 28,185 requests priced, written to AI Requests with live figures.");
    const snap = await snapshot();
    const names = snap.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["AI Prices", "Long Tail", "AI Requests", "Scenarios"]));
    const tail = rowsUnder(sheet(snap, "Long Tail"), "Period");
    expect(tail.map((r) => r.v.Key)).toEqual(TRACES.map((t) => t.stem));
    for (const [i, t] of TRACES.entries()) {
      const r = tail[i];
      expect(String(r.f.p95)).toMatch(/^=AIECON\.COSTPERCENTILE\('AI Requests'!\$F\$\d+:\$F\$\d+,0\.95\)$/);
      expect(r.v["Priced as"]).toBe("gpt-4o");
      const xs = costs(t.real);
      expect(r.v.Requests).toBe(xs.length);
      close(r.v.p95, percentileInc(xs, 0.95), `${t.stem} p95`);
      close(r.v.p50, percentileInc(xs, 0.5), `${t.stem} p50`);
    }
    expect(sheet(snap, "Long Tail").tables.map((x) => x.name)).toContain("LongTail");
    const inputs = rowsUnder(sheet(snap, "Scenarios"), "Input");
    expect(inputs.filter((r) => String(r.v.Input).startsWith("Candidate model")).map((r) => r.v.Value)).toEqual(["gpt-4o", "gpt-4o-mini"]);
    // Unit Economics priced the bill's tokens as the chosen model.
    const ue = sheet(snap, "Unit Economics");
    const head = ue.values[0].map(String);
    expect(ue.values[1][head.indexOf("Priced as")]).toBe("gpt-4o");
    // The README's pictures.
    for (const [name, shot] of [
      ["Long Tail", "screenshot-long-tail.png"],
      ["Scenarios", "screenshot-scenarios.png"],
    ] as const) {
      await showSheet(name);
      const file = await wb.screenshot(shot);
      if (process.env.UPDATE_SCREENSHOTS === "1") copyFileSync(file, path.join(ROOT, "docs", shot));
    }
  });

  it("a price typed over gpt-4o's in AI Prices changes the Scenarios model swap", async () => {
    const all = TRACES.flatMap((t) => requests(t.real));
    const [inTok, outTok] = all.reduce(([a, b], [i, o]) => [a + i, b + o], [0, 0]);
    const swap = (inPrice: number): number => (inTok * inPrice + outTok * OUT_PRICE) / 1e6 / all.length;
    const lever = (s: Snap): Cell => rowsUnder(sheet(s, "Scenarios"), "Lever").find((r) => r.v.Lever === "Model swap: candidate 1")?.v["Cost per inference"] ?? null;
    const before = await snapshot();
    close(lever(before), swap(IN_PRICE), "swap before");
    const today = rowsUnder(sheet(before, "Scenarios"), "Lever").find((r) => r.v.Lever === "Today")?.v;
    close(today?.["ROI multiple"] ?? null, 600 / 150, "today's ROI");
    expect(today?.Band).toBe("Good");
    const row = sheet(before, "AI Prices").values.findIndex((r) => r[0] === "gpt-4o");
    await showSheet("AI Prices");
    await enterFormula(page, `C${row + 1}`, "1.5");
    const after = await snapshot();
    close(lever(after), swap(1.5), "swap after");
    expect(lever(after)).not.toBe(lever(before));
  }, 120_000);

  it("above 100,000 requests the request rows are off and disabled with the reason; Long Tail is written as values", async () => {
    // A fresh workbook (replacing the 28,185 request rows would only measure HyperFormula).
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.ready === "true", undefined, { timeout: 60_000 });
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(BILLING);
    await page.getByLabel("Volume files", { exact: true }).setInputFiles(BIG);
    await filesRead();
    await expect(check(ROWS).isDisabled()).resolves.toBe(true);
    await expect(check(ROWS).isChecked()).resolves.toBe(false);
    await expect(page.locator(`#${await check(ROWS).getAttribute("aria-describedby")}`).innerText()).resolves.toBe(
      "100,001 requests: more than the 100,000 rows AI Requests takes. Long Tail gets the exact figures as values.",
    );
    await typeInto(MODEL, "gpt-4o-mini");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const status = await waitForStatus(/Import complete/, 300_000);
    expect(status).toContain("Long Tail: 100,001 requests priced, the figures written as values.");
    const snap = await snapshot();
    expect(snap.sheets.map((s) => s.name)).not.toContain("AI Requests");
    const lt = sheet(snap, "Long Tail");
    const r = rowsUnder(lt, "Period")[0];
    expect(r.v.Requests).toBe(BIG_ROWS);
    expect(String(r.f.p95)).not.toMatch(/^=/);
    expect(wb.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
    expect(await statusText()).not.toMatch(/error/i);
  }, 300_000);
});
