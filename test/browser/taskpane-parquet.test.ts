/**
 * End-to-end: a Parquet export (the FOCUS sample written by DuckDB as ZSTD Parquet with
 * DECIMAL amounts, in two parts) chosen in the real task pane of the workbench: the Web
 * Worker reads it through `File.slice`, and the Unit Economics table holds the groups the
 * engine computes, in node, from the CSV twin.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { summarize } from "../../src/import/index";
import { fileInput } from "../../src/import/node";
import type { ImportResult } from "../../src/import/types";
import { duck, SAMPLES, writeTwin } from "../unit/import/parquet-twins";
import { tableRows, BUILD_TIMEOUT, ensureBuilt, openWorkbench, type Snap, type Workbench } from "./harness";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const FOCUS = path.resolve(repo, "../shared/data/focus/focus_1.0_sample_1000.csv");

let wb: Workbench;
let parts: string[] = [];
let engine: ImportResult;

beforeAll(async () => {
  await ensureBuilt();
  const tmp = mkdtempSync(path.join(tmpdir(), "aiecon-pane-parquet-"));
  mkdirSync(tmp, { recursive: true });
  const whole = await writeTwin(tmp, SAMPLES[0], "zstd", "decimal", 200);
  const c = await duck();
  parts = [0, 1].map((p) => path.join(tmp, `part-0000${p + 1}.zstd.parquet`));
  for (const [p, out] of parts.entries()) {
    await c.run(`COPY (SELECT * FROM read_parquet('${whole}') WHERE Id::INTEGER % 2 = ${p}) TO '${out}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 128)`);
  }
  engine = await summarize([fileInput(FOCUS, "billing")], { period: "month", cost: "billed", key: "service" });
  wb = await openWorkbench();
}, BUILD_TIMEOUT);

afterAll(async () => {
  await wb?.close();
  (await duck()).closeSync();
});


describe("task pane: Parquet", () => {
  it("imports two Parquet parts as the engine imports the CSV twin", async () => {
    const page = wb.page;
    await page.getByLabel("Billing files", { exact: true }).setInputFiles(parts);
    await page.waitForFunction(() => !document.querySelector(".aiecon-pane")?.textContent?.includes("Reading…"), undefined, { timeout: 60_000 });
    const pane = (await page.locator(".aiecon-pane").textContent()) ?? "";
    expect(pane).not.toMatch(/could not be read|not recognised/i);
    await page.getByLabel("Period", { exact: true }).selectOption("month");
    await page.getByLabel("Workload key", { exact: true }).selectOption("service");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.waitForFunction(() => /Import complete/.test(document.querySelector('[role="status"]')?.textContent ?? ""), undefined, { timeout: 120_000 });
    const snap = (await page.evaluate(() => window.workbench.snapshot())) as unknown as Snap;
    const ue = tableRows(snap.sheets.find((s) => s.name === "Unit Economics")!, "UnitEconomics");
    expect(ue.length).toBe(engine.groups.length);
    for (const g of engine.groups) {
      const row = ue.find((r) => r.Period === g.period && r.Key === g.key && r.Currency === g.currency);
      expect(row, `${g.period} ${g.key}`).toBeDefined();
      // The cell may be a formula over the cost table, computed in doubles: a few units in the last place.
      const a = Number(row!.Cost);
      const b = Number(g.cost);
      expect(Math.abs(a - b), `${g.period} ${g.key}: ${a} vs ${b}`).toBeLessThanOrEqual(8 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b), 1e-300));
    }
    expect(wb.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
