/**
 * The workbook plan, cell for cell, against a committed golden file: every sheet, block, cell
 * value and formula, number format, table, chart, conditional format and width of
 * `planWorkbook` for the sample fixtures and option variants (formulas aiecon/native, grains,
 * fiscal years, comparison periods, staging names, empty input, criterion-unsafe keys, several
 * currencies, labels that are not periods). A refactor of the planner must keep it green.
 *
 * The golden file is never created by the test: a missing file fails. To regenerate it after
 * an intended change of the workbook: `UPDATE_PLAN_GOLDEN=1 npx vitest run --project unit
 * test/unit/excel/plan-golden.test.ts`, and review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planWorkbook, type WorkbookPlan } from "../../../src/excel/plan";
import { nativePlan } from "../../../src/excel/native";
import { stagingNames } from "../../../src/excel/writer";
import type { WriteOptions } from "../../../src/excel/types";
import type { CostRecord, ImportResult, ValueRecord, VolumeRecord } from "../../../src/import/types";
import { largeResult, resultOf, sampleResult } from "./fixtures";
import { LongTailCollector } from "../../../src/import/tail-rows";
import { shippedPrices } from "../../../src/import/prices/table";

const GOLDEN = join(__dirname, "__snapshots__", "plan-golden.json");

const MONTH: WriteOptions = { period: "month", fiscalStartMonth: 1 };

/** The sample with its six months relabelled (`2024-07` … `2024-12` → `labels[i]`). */
function relabelled(labels: string[]): ImportResult {
  const s = sampleResult();
  const months = ["2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"];
  const map = (p: string): string => labels[months.indexOf(p)] ?? p;
  return resultOf(
    s.costRecords.map((r) => ({ ...r, period: map(r.period) })),
    s.volumeRecords.map((r) => ({ ...r, period: map(r.period) })),
    s.valueRecords.map((r) => ({ ...r, period: map(r.period) })),
  );
}

/** Keys SUMIFS cannot match as they are (wildcards, a number, a long text), and two currencies. */
function awkwardResult(): ImportResult {
  const long = "k".repeat(300);
  const keys = ["*wild?", "123", long, "plain", "~tilde"];
  const cost: CostRecord[] = [];
  const volume: VolumeRecord[] = [];
  const value: ValueRecord[] = [];
  ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07"].forEach((m, i) => {
    keys.forEach((k, j) => {
      const currency = j % 2 === 0 ? "USD" : "EUR";
      cost.push({ period: m, key: k, provider: "P", service: "S", chargeCategory: "Usage", currency, cost: `${j + 1}.${i}5`, source: "a.csv" });
      if (j !== 3) volume.push({ period: m, key: k, inferences: i === 2 && j === 0 ? 0 : 100 * (j + 1) + i, inputTokens: j, outputTokens: null, source: "v.csv" });
      if (j !== 1) value.push({ period: m, key: k, value: `${(j + 2) * (i + 1)}`, currency, method: "imported", source: "w.csv" });
    });
  });
  cost.push({ period: "2024-03", key: "plain", provider: "P", service: "S", chargeCategory: "Usage", currency: "weird$", cost: "2", source: "a.csv" });
  return resultOf(cost, volume, value);
}

/** More keys than the Trend sheet draws (the costliest first). */
function manyKeys(): ImportResult {
  const cost: CostRecord[] = [];
  const volume: VolumeRecord[] = [];
  for (const m of ["2024-05", "2024-06"]) {
    for (let k = 0; k < 56; k++) {
      const key = `model-${String(k).padStart(2, "0")}${"x".repeat(k % 7 === 0 ? 40 : 0)}`;
      cost.push({ period: m, key, provider: "P", service: "S", chargeCategory: "Usage", currency: "USD", cost: `${(k * 37) % 101}.${k}`, source: "a.csv" });
      if (k % 3 !== 0) volume.push({ period: m, key, inferences: 10 + k, inputTokens: null, outputTokens: null, source: "v.csv" });
    }
  }
  return resultOf(cost, volume);
}

/** Labels that are not periods (no quarters): the review is empty, the comparison shows the last label. */
function freeLabels(): ImportResult {
  const cost: CostRecord[] = ["Sprint 1", "Sprint 2", "Sprint 3"].map((p, i) => ({
    period: p, key: "m", provider: "P", service: "S", chargeCategory: "Usage", currency: "USD", cost: `${i + 1}`, source: "a.csv",
  }));
  return resultOf(cost, [{ period: "Sprint 2", key: "m", inferences: 10, inputTokens: null, outputTokens: null, source: "v.csv" }]);
}

/** A small request log at gpt-4o's list price: two keys, one month (AI Prices, Long Tail, AI Requests, Scenarios). */
function pricedSample(limit?: number): WriteOptions {
  const c = new LongTailCollector(shippedPrices(), "gpt-4o", limit);
  for (let i = 0; i < 40; i++) c.add("2024-12", i % 3 === 0 ? "code" : "chat", 10 * ((i * 7919) % 997), 1 + ((i * 104729) % 251));
  return { ...MONTH, prices: shippedPrices(), longTail: c.result() };
}

const CASES: Record<string, () => WorkbookPlan> = {
  "sample with prices and a long tail": () => planWorkbook(sampleResult(), pricedSample()),
  "sample with prices and a long tail as values": () => planWorkbook(sampleResult(), pricedSample(10)),
  "sample month aiecon": () => planWorkbook(sampleResult(), MONTH),
  "sample month native": () => nativePlan(planWorkbook(sampleResult(), { ...MONTH, formulas: "native" })),
  "sample fiscal April": () => planWorkbook(sampleResult(), { ...MONTH, fiscalStartMonth: 4 }),
  "sample comparison 2024-08": () => planWorkbook(sampleResult(), { ...MONTH, comparisonPeriod: "2024-08" }),
  "sample comparison 2024-Q4": () => planWorkbook(sampleResult(), { ...MONTH, comparisonPeriod: "2024-Q4" }),
  "sample staging names": () => planWorkbook(sampleResult(), MONTH, stagingNames("t0k3n")),
  "weeks aiecon": () =>
    planWorkbook(relabelled(["2024-W27", "2024-W28", "2024-W35", "2024-W40", "2024-W45", "2024-W52"]), { ...MONTH, period: "week" }),
  "days native": () =>
    nativePlan(planWorkbook(relabelled(["2024-07-01", "2024-07-02", "2024-09-30", "2024-10-01", "2024-11-15", "2024-12-31"]), { ...MONTH, period: "day", formulas: "native" })),
  "quarters fiscal July": () =>
    planWorkbook(relabelled(["2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]), { period: "quarter", fiscalStartMonth: 7 }),
  "empty": () => planWorkbook(resultOf([]), MONTH),
  "awkward keys and currencies aiecon": () => planWorkbook(awkwardResult(), MONTH),
  "awkward keys and currencies native": () => nativePlan(planWorkbook(awkwardResult(), { ...MONTH, formulas: "native" })),
  "free labels": () => planWorkbook(freeLabels(), MONTH),
  "many keys": () => planWorkbook(manyKeys(), MONTH),
  // More data rows than the column widths sample (200).
  "large 250 records": () => planWorkbook(largeResult(250, 5), MONTH),
};

function current(): Record<string, WorkbookPlan> {
  const out: Record<string, WorkbookPlan> = {};
  for (const [name, make] of Object.entries(CASES)) out[name] = make();
  return out;
}

describe("planWorkbook golden", () => {
  if (process.env.UPDATE_PLAN_GOLDEN === "1") {
    it("writes the golden file", () => {
      writeFileSync(GOLDEN, JSON.stringify(current(), null, 1) + "\n");
    });
    return;
  }
  it("has its golden file (never created by the test)", () => {
    expect(existsSync(GOLDEN)).toBe(true);
  });
  const golden = existsSync(GOLDEN) ? (JSON.parse(readFileSync(GOLDEN, "utf8")) as Record<string, WorkbookPlan>) : {};
  it("covers exactly the cases of the golden file", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(golden).sort());
  });
  for (const [name, make] of Object.entries(CASES)) {
    it(`plans ${name} as before`, () => {
      // JSON round trip: the golden file holds what JSON holds (no undefined members).
      const plan = JSON.parse(JSON.stringify(make())) as WorkbookPlan;
      const want = golden[name];
      expect(want).toBeDefined();
      expect(plan.sheets.map((s) => s.name)).toEqual(want.sheets.map((s) => s.name));
      plan.sheets.forEach((s, i) => expect(s, `${name} / ${s.name}`).toEqual(want.sheets[i]));
      expect(plan).toEqual(want);
    });
  }
});
