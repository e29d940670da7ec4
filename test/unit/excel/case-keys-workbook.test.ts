/**
 * Keys that differ only in case, end to end: the real FOCUS sample with its service names
 * re-spelled in mixed case goes through the engine and the writer into the workbench
 * (HyperFormula, which like Excel compares text ignoring case in SUMIFS and `=`). Each key
 * is one Unit Economics row per period and currency, and the sheet's figures equal the
 * engine's: nothing is counted twice.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { writeWorkbook } from "../../../src/excel/index";
import { summarize } from "../../../src/import/index";
import type { ImportResult } from "../../../src/import/types";
import type { Snapshot, SnapshotSheet } from "../../../src/workbench/host/index";
import { DATA, D, memInput } from "../import/helpers";
import { newHost } from "./workbenchHost";
import { resultOf } from "./fixtures";

const OPTS = { period: "month" as const, fiscalStartMonth: 1 };
const FOCUS = join(DATA, "focus/focus_1.0_sample_1000.csv");

/** The FOCUS sample with ServiceName as given, lower-cased or upper-cased, by turns. */
function mixedCaseFocus(): { text: string; original: string } {
  const original = readFileSync(FOCUS, "utf8");
  const parsed = Papa.parse<Record<string, string>>(original, { header: true, skipEmptyLines: true });
  const rows = parsed.data.map((r, i) => {
    const s = r.ServiceName;
    return { ...r, ServiceName: i % 3 === 1 ? s.toLowerCase() : i % 3 === 2 ? s.toUpperCase() : s };
  });
  return { text: Papa.unparse(rows, { columns: parsed.meta.fields }), original };
}

async function workbook(result: ImportResult): Promise<Snapshot> {
  const host = await newHost();
  await writeWorkbook(host.run, result, OPTS);
  return host.snapshot();
}

function sheetOf(s: Snapshot, name: string): SnapshotSheet {
  const sheet = s.sheets.find((x) => x.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** Unit Economics rows: period, key, currency, cost, inferences. */
function unitRows(s: Snapshot): { period: string; key: string; currency: string; cost: number; inferences: unknown }[] {
  return sheetOf(s, "Unit Economics")
    .values.slice(1)
    .map((r) => ({ period: String(r[0]), key: String(r[1]), currency: String(r[2]), cost: Number(r[3]), inferences: r[4] }));
}

/** Exact sum of the doubles the sheet shows (the sum itself adds no rounding). */
function exactSum(xs: number[]): number {
  return xs.reduce((a, x) => a.plus(x), new D(0)).toNumber();
}

describe("keys that differ only in case, in the workbook", () => {
  it("the FOCUS sample in mixed case: each key once, Unit Economics totals equal the engine's", async () => {
    const { text, original } = mixedCaseFocus();
    const r = await summarize([memInput("focus-mixed.csv", text)], { period: "month", cost: "billed" });
    const base = await summarize([memInput("focus.csv", original)], { period: "month", cost: "billed" });
    expect(r.key).toBe("service");
    // The engine: the same keys (ignoring case), the same totals, each merge reported.
    expect(r.totals).toEqual(base.totals);
    const fold = (k: string): string => k.toLowerCase();
    expect(new Set(r.groups.map((g) => fold(g.key)))).toEqual(new Set(base.groups.map((g) => fold(g.key))));
    expect(r.groups.length).toBe(base.groups.length);
    const baseCost = new Map(base.groups.map((g) => [g.period + "|" + fold(g.key) + "|" + g.currency, g.cost]));
    for (const g of r.groups) expect(g.cost, g.key).toBe(baseCost.get(g.period + "|" + fold(g.key) + "|" + g.currency));
    const merges = r.sources[0].caseMerges;
    expect(merges.length).toBeGreaterThan(10);
    for (const m of merges) expect(fold(m.spelling)).toBe(fold(m.mergedInto));
    expect(merges.reduce((n, m) => n + m.rows, 0)).toBeLessThan(r.sources[0].rowsUsed);

    const s = await workbook(r);
    const rows = unitRows(s);
    // Each key once per period and currency, ignoring case as Excel does.
    const ids = rows.map((x) => `${x.period}|${fold(x.key)}|${x.currency}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rows.length).toBe(r.groups.length);
    // Each row's cost is the engine's group cost, and the column adds up to the engine's total.
    const groupCost = new Map(r.groups.map((g) => [`${g.period}|${g.key}|${g.currency}`, Number(g.cost)]));
    for (const x of rows) {
      const want = groupCost.get(`${x.period}|${x.key}|${x.currency}`);
      expect(want, x.key).toBeDefined();
      expect(Math.abs(x.cost - want!), x.key).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want!)));
    }
    for (const [cur, total] of Object.entries(r.totals)) {
      const sheetTotal = exactSum(rows.filter((x) => x.currency === cur).map((x) => x.cost));
      expect(Math.abs(sheetTotal - Number(total))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(Number(total))));
    }
    // The Comparison sheet (SUMIFS over Unit Economics) agrees too: its costs add up to the period's.
    // The table's body: from row 21 (below the title and the charts) to the row before its blank separator.
    const all = sheetOf(s, "Comparison").values.slice(20);
    const comp = all.slice(0, all.findIndex((c) => c[0] === "" || c[0] === undefined) >>> 0);
    const compKeys = comp.map((c) => fold(String(c[0])) + "|" + String(c[1]));
    expect(new Set(compKeys).size).toBe(compKeys.length);
  }, 60_000);

  it("keys, volume and value in mixed case across files: one row per key with the engine's figures", async () => {
    const map = { date: "Day", cost: "Amount", currency: "USD", key: "Model" };
    const billA = memInput("a.csv", "Day,Amount,Model\n2024-09-01,10.5,GPT-4o\n2024-09-02,1,claude\n", "billing", { map });
    const billB = memInput("b.csv", "Day,Amount,Model\n2024-09-03,4.25,gpt-4o\n2024-09-04,2,CLAUDE\n2024-10-01,3,Gpt-4O\n", "billing", { map });
    const counts = memInput("c.csv", "period,model,requests\n2024-09,gpt-4o,100\n2024-09,GPT-4O,50\n2024-10,gpt-4o,30\n2024-09,Claude,10\n", "volume");
    const value = memInput("v.csv", "date,model,value\n2024-09-05,gpt-4o,60\n2024-09-06,GPT-4o,15\n", "value");
    const r = await summarize([billA, billB, counts, value], { period: "month", cost: "billed" });
    expect(r.groups.map((g) => [g.period, g.key, g.cost, g.inferences, g.value])).toEqual([
      ["2024-09", "GPT-4o", "14.75", 150, "75"],
      ["2024-09", "claude", "3", 10, null],
      ["2024-10", "GPT-4o", "3", 30, null],
    ]);
    expect(r.sources[1].caseMerges).toEqual([
      { spelling: "gpt-4o", mergedInto: "GPT-4o", rows: 1 },
      { spelling: "CLAUDE", mergedInto: "claude", rows: 1 },
      { spelling: "Gpt-4O", mergedInto: "GPT-4o", rows: 1 },
    ]);
    const rows = sheetOf(await workbook(r), "Unit Economics").values.slice(1);
    expect(rows.map((x) => [x[0], x[1], x[3], x[4], x[5]])).toEqual([
      ["2024-09", "GPT-4o", 14.75, 150, 75],
      ["2024-10", "GPT-4o", 3, 30, ""],
      ["2024-09", "claude", 3, 10, ""],
    ]);
  }, 60_000);

  it("why: a result holding both spellings is counted twice by the workbook's SUMIFS (the old engine's output)", async () => {
    const rec = (key: string, cost: string) => ({
      period: "2024-09",
      key,
      provider: "OpenAI",
      service: "API",
      chargeCategory: "Usage",
      currency: "USD",
      cost,
      source: "b.csv",
    });
    const unfolded = resultOf([rec("GPT-4o", "10"), rec("gpt-4o", "5")]);
    const rows = unitRows(await workbook(unfolded));
    expect(rows.map((x) => [x.key, x.cost])).toEqual([
      ["GPT-4o", 15],
      ["gpt-4o", 15],
    ]);
    expect(exactSum(rows.map((x) => x.cost))).toBe(30); // the engine's total is 15
  }, 60_000);

  it("keys that differ only in accents stay two keys, and the workbench tells them apart as Excel does", async () => {
    const map = { date: "Day", cost: "Amount", currency: "USD", key: "Model" };
    const bill = memInput("b.csv", "Day,Amount,Model\n2024-09-01,1,cafe\n2024-09-02,2,café\n2024-09-03,4,CAFÉ\n", "billing", { map });
    const r = await summarize([bill], { period: "month", cost: "billed" });
    expect(r.groups.map((g) => [g.key, g.cost])).toEqual([
      ["cafe", "1"],
      ["café", "6"],
    ]);
    const rows = unitRows(await workbook(r));
    expect(rows.map((x) => [x.key, x.cost])).toEqual([
      ["cafe", 1],
      ["café", 6],
    ]);
  }, 60_000);
});
