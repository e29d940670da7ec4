/**
 * Shared helper for browser tests: builds if needed (test/support/ensure-built.ts), serves
 * dist-workbench/ over dist/ with scripts/serve.mjs on a free port, launches Debian's headless Chromium through playwright-core (never a
 * downloaded browser), opens the workbench and collects console errors.
 */
import { existsSync, mkdirSync } from "node:fs";
import type { Server } from "node:http";
import { resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { DIST, DIST_WORKBENCH, ensureBuilt, ROOT } from "../support/ensure-built";

export { BUILD_TIMEOUT, ensureBuilt, ROOT } from "../support/ensure-built";

export const RESULTS = resolve(ROOT, "test-results");
export const CHROMIUM = process.env.AIECON_CHROMIUM ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A cell of `window.workbench.snapshot()`. */
export type Cell = string | number | boolean | null;
/** One sheet of `window.workbench.snapshot()`: computed values, formulas, tables, charts. */
export interface SnapSheet {
  name: string;
  values: Cell[][];
  formulas: Cell[][];
  tables: { name: string; address: string }[];
  charts: { title: string; type: string; series: { name: string; values: Cell[]; lineStyle?: string }[] }[];
}
export interface Snap {
  sheets: SnapSheet[];
}

export interface Workbench {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Base URL of the server, ending in "/". */
  url: string;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

type ServeFn = (o: { root: string | string[]; port?: number; host?: string }) => Promise<{ server: Server; url: string }>;

export async function startServer(): Promise<{ server: Server; url: string }> {
  const mod = (await import(resolve(ROOT, "scripts/serve.mjs"))) as { serve: ServeFn };
  return mod.serve({ root: [DIST_WORKBENCH, DIST], port: 0 });
}

/**
 * Opens the workbench (or another page of the site) in headless Chromium and waits until it is
 * ready. Builds when stale: call it from a `beforeAll` with BUILD_TIMEOUT, or after one.
 */
export async function openWorkbench(options: { page?: string; viewport?: { width: number; height: number } } = {}): Promise<Workbench> {
  await ensureBuilt();
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium).`);
  const { server, url } = await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1500, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  // Offline: anything not served by our server is refused (no CDN).
  await context.route((u) => !u.toString().startsWith(url), (route) => {
    errors.push(`blocked network request: ${route.request().url()}`);
    return route.abort();
  });
  const pageName = options.page ?? "workbench.html";
  await page.goto(url + pageName);
  if (pageName === "workbench.html") {
    await page.waitForFunction(() => document.body.dataset.ready === "true", undefined, { timeout: 60_000 });
  }
  return {
    browser,
    context,
    page,
    url,
    errors,
    async screenshot(name: string) {
      mkdirSync(RESULTS, { recursive: true });
      const file = resolve(RESULTS, name.endsWith(".png") ? name : `${name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      return file;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

/** Types a formula into a cell through the formula bar (Cell box, Enter, Formula box, Enter). */
export async function enterFormula(page: Page, address: string, text: string): Promise<void> {
  const cell = page.getByLabel("Cell", { exact: true });
  await cell.fill(address);
  await cell.press("Enter");
  await page.waitForFunction((a) => (document.getElementById("wb-cell") as HTMLInputElement).value === a, address.toUpperCase());
  const before = await page.evaluate(() => Number(document.getElementById("workbench")!.dataset.committed ?? "0"));
  const formula = page.getByLabel("Formula", { exact: true });
  await formula.fill(text);
  await formula.press("Enter");
  // Committed (through the host API) and re-rendered.
  await page.waitForFunction((n) => Number(document.getElementById("workbench")!.dataset.committed ?? "0") > n, before);
}

/** The text a grid cell shows. */
export async function cellText(page: Page, address: string): Promise<string> {
  return (await page.locator(`table.wb-grid td[data-cell="${address}"]`).textContent()) ?? "";
}

/** What every cell of a sheet's used range shows (range.text), through the host API. */
export async function shownTexts(page: Page, sheet: string): Promise<string[][]> {
  return page.evaluate(async (name) => {
    return window.workbench.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem(name).getUsedRange();
      r.load("text");
      await ctx.sync();
      return r.text as string[][];
    });
  }, sheet);
}

/** Waits until the grid has redrawn after a change made through the API (it redraws on the next animation frame). */
export async function nextFrame(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));
}

/** The task pane's status, cards and file list, for a page that a test opens in its beforeAll. */
export interface PaneHelpers {
  statusText(): Promise<string>;
  /** Waits until the status region's text matches, and returns it. */
  waitForStatus(re: RegExp, timeout?: number): Promise<string>;
  /** Waits until no file card says "Reading…". */
  filesRead(): Promise<void>;
  /** Removes every file card. */
  removeAllFiles(): Promise<void>;
}

export function paneHelpers(pageOf: () => Page): PaneHelpers {
  const statusText = (): Promise<string> => pageOf().getByRole("status").innerText();
  return {
    statusText,
    async waitForStatus(re, timeout = 120_000) {
      await pageOf().waitForFunction(
        (src) => {
          const el = document.querySelector('[role="status"]');
          return !!el && new RegExp(src.source, src.flags).test(el.textContent ?? "");
        },
        { source: re.source, flags: re.flags },
        { timeout },
      );
      return statusText();
    },
    async filesRead() {
      await pageOf().waitForFunction(() => !document.querySelector(".aiecon-pane")?.textContent?.includes("Reading…"), undefined, { timeout: 60_000 });
    },
    async removeAllFiles() {
      for (;;) {
        const btn = pageOf().getByRole("button", { name: /^Remove .+\.(csv|gz|json|parquet)$/ }).first();
        if ((await btn.count()) === 0) return;
        await btn.click();
      }
    },
  };
}

/** The rows of a table in a snapshot, by header: its values (or its formulas). */
export function tableRows(sh: SnapSheet, table: string, kind: "values" | "formulas" = "values"): Array<Record<string, Cell>> {
  const t = sh.tables.find((x) => x.name === table);
  if (!t) throw new Error(`no table ${table} on ${sh.name}`);
  const m = /^(?:.*!)?\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(t.address);
  if (!m) throw new Error(`table address ${t.address}`);
  const col = (s: string) => [...s].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const c0 = col(m[1]);
  const r0 = Number(m[2]) - 1;
  const c1 = col(m[3]);
  const r1 = Number(m[4]) - 1;
  const grid = sh[kind];
  const header = sh.values[r0].slice(c0, c1 + 1).map(String);
  const out: Array<Record<string, Cell>> = [];
  for (let r = r0 + 1; r <= r1; r++) {
    const row = grid[r] ?? [];
    out.push(Object.fromEntries(header.map((h, i) => [h, row[c0 + i] ?? ""])));
  }
  return out;
}

/** The workbench's workbook as the test reads it. */
export async function snapshotOf(page: Page): Promise<Snap> {
  return (await page.evaluate(() => window.workbench.snapshot())) as unknown as Snap;
}

/** A sheet of a snapshot, by name (an error naming the sheets there when it is missing). */
export function sheetOf(s: Snap, name: string): SnapSheet {
  const found = s.sheets.find((x) => x.name === name);
  if (!found) throw new Error(`no sheet ${name}; sheets: ${s.sheets.map((x) => x.name).join(", ")}`);
  return found;
}
