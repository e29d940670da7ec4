/**
 * The Long Tail, AI Requests and AI Prices sheets built from the real Azure LLM inference traces
 * and evaluated in the workbench host: every figure against an independent computation here
 * (per-request cost from the price table's gpt-4o row, then PERCENTILE.INC, TOPSHARE and the
 * bin counts written out below), live and as values, and an edited price flowing through.
 */
import { join, resolve } from "node:path";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { summarize } from "../../../src/import/index";
import { fileInput } from "../../../src/import/node";
import { shippedPrices } from "../../../src/import/prices/table";
import { LongTailCollector, type LongTailData } from "../../../src/import/tail-rows";
import { writeWorkbook } from "../../../src/excel/index";
import { getCell, setCell, type SnapshotSheet, type WorkbenchHost } from "../../../src/workbench/host/index";
import { newHost } from "./workbenchHost";

const DATA = resolve(__dirname, "../../../../shared/data/volume");
const FILES = [
  { path: join(DATA, "azure_llm_inference_trace_code_2023.csv"), key: "code" },
  { path: join(DATA, "azure_llm_inference_trace_conv_2023.csv"), key: "conv" },
];
const OPTS = { period: "month" as const, fiscalStartMonth: 1 };

async function longTail(limit?: number): Promise<{ lt: LongTailData; result: Awaited<ReturnType<typeof summarize>> }> {
  const c = new LongTailCollector(shippedPrices(), "gpt-4o", limit);
  const result = await summarize(
    FILES.map((f) => fileInput(f.path, "volume", { fixedKey: f.key })),
    { ...OPTS, cost: "billed", onRequest: c.add },
  );
  return { lt: c.result(), result };
}

/** Independent: cost per request at gpt-4o's list price (2.5 and 10 USD per million), in file order. */
function costs(path: string, inPrice = 2.5, outPrice = 10): number[] {
  return readFileSync(path, "utf8").trim().split("\n").slice(1).map((l) => {
    const [, i, o] = l.split(",");
    return (Number(i) * inPrice + Number(o) * outPrice) / 1e6;
  });
}
function percentileInc(xs: number[], k: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * k;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}
function topShare(xs: number[], share: number): number {
  const s = [...xs].sort((a, b) => b - a);
  const k = Math.ceil(Math.round(share * s.length * 1e9) / 1e9);
  const sum = (a: number[]): number => a.reduce((x, y) => x + y, 0);
  return sum(s.slice(0, k)) / sum(s);
}
const close = (a: unknown, b: number, where: string): void => {
  expect(typeof a, where).toBe("number");
  expect(Math.abs((a as number) - b), where).toBeLessThanOrEqual(1e-11 * Math.abs(b));
};

function rowsOf(s: SnapshotSheet): Record<string, unknown>[] {
  const head = s.values[0] as string[];
  const out: Record<string, unknown>[] = [];
  for (let r = 1; r < s.values.length && s.values[r][0] !== "" && s.values[r][0] !== null; r++) {
    out.push(Object.fromEntries(head.map((h, c) => [h, s.values[r][c]])));
  }
  return out;
}
const sheetOf = (host: WorkbenchHost, name: string): SnapshotSheet => {
  const s = host.snapshot().sheets.find((x) => x.name === name);
  if (s === undefined) throw new Error(`no sheet ${name}`);
  return s;
};

function expectFigures(rows: Record<string, unknown>[], inPrice = 2.5, outPrice = 10): void {
  expect(rows.map((r) => r.Key)).toEqual(["code", "conv"]);
  FILES.forEach((f, i) => {
    const xs = costs(f.path, inPrice, outPrice);
    const r = rows[i];
    expect(r.Requests).toBe(xs.length);
    close(r["Cost (list)"], xs.reduce((a, b) => a + b, 0), `${f.key} cost`);
    for (const [h, k] of [["p50", 0.5], ["p90", 0.9], ["p95", 0.95], ["p99", 0.99]] as const) close(r[h], percentileInc(xs, k), `${f.key} ${h}`);
    close(r.Max, Math.max(...xs), `${f.key} max`);
    close(r["Tail ratio (p95 / p50)"], percentileInc(xs, 0.95) / percentileInc(xs, 0.5), `${f.key} tail ratio`);
    close(r["Top 5% share of cost"], topShare(xs, 0.05), `${f.key} top share`);
  });
}

function expectShape(s: SnapshotSheet): void {
  const top = s.values.findIndex((r) => r[0] === "Cost per request (USD)");
  expect(top).toBeGreaterThan(0);
  const xs = FILES.map((f) => costs(f.path));
  const counted = [0, 0];
  for (let r = top + 1; typeof s.values[r]?.[1] === "number"; r++) {
    const [lo, hi] = [s.values[r][1] as number, s.values[r][2] as number];
    expect(hi / lo).toBeGreaterThan(1.7);
    xs.forEach((x, j) => {
      const n = x.filter((c) => c >= lo && c < hi).length;
      expect(s.values[r][3 + j], `bin ${lo}`).toBe(n);
      counted[j] += n;
    });
  }
  expect(counted).toEqual(xs.map((x) => x.filter((c) => c > 0).length));
  const p = s.values.findIndex((r) => r[0] === "Costliest share of requests");
  for (let i = 1; i <= 20; i++) xs.forEach((x, j) => close(s.values[p + i][1 + j], topShare(x, i / 20), `pareto ${i} ${j}`));
  expect(s.charts.map((c) => c.type)).toEqual(["ColumnClustered", "Line"]);
}

describe("Long Tail from the real Azure traces", () => {
  let live: WorkbenchHost;
  let lt: LongTailData;
  beforeAll(async () => {
    const got = await longTail();
    lt = got.lt;
    live = await newHost();
    await writeWorkbook(live.run, got.result, { ...OPTS, longTail: lt });
  }, 300_000);

  it("writes AI Prices, the requests on AI Requests and live figures equal to PERCENTILE.INC over independently priced requests", () => {
    expect(lt.requests?.length).toBe(8819 + 19366);
    const names = live.snapshot().sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["AI Prices", "Long Tail", "AI Requests"]));
    const lts = sheetOf(live, "Long Tail");
    expect(String(lts.formulas[1][5])).toMatch(/^=AIECON\.COSTPERCENTILE\('AI Requests'!\$F\$2:\$F\$8820,0\.5\)$/);
    expect(String(lts.formulas[2][11])).toContain("AIECON.TOPSHARE('AI Requests'!$F$8821:$F$28186,0.05)");
    expect(String(lts.values[4][0])).toMatch(/^Live: every figure is an AIECON formula over the 28185 requests/);
    expectFigures(rowsOf(lts));
  });

  it("the histogram counts every priced request in four log bins per decade, and the Pareto curve is TOPSHARE", () => {
    expectShape(sheetOf(live, "Long Tail"));
  });

  it("a price typed over gpt-4o's list price in AI Prices flows into every request and every figure", async () => {
    const prices = sheetOf(live, "AI Prices");
    const row = prices.values.findIndex((r) => r[0] === "gpt-4o");
    await setCell(live, "AI Prices", `C${row + 1}`, 2);
    await setCell(live, "AI Prices", `D${row + 1}`, 8);
    expect((await getCell(live, "Long Tail", "A2")).value).toBe("2023-11");
    expectFigures(rowsOf(sheetOf(live, "Long Tail")), 2, 8);
  }, 120_000);

  it("past the request limit: no AI Requests, the engine's exact figures as values and a note saying so", async () => {
    const got = await longTail(1000);
    expect(got.lt.requests).toBeNull();
    const host = await newHost();
    await writeWorkbook(host.run, got.result, { ...OPTS, longTail: got.lt });
    expect(host.snapshot().sheets.map((s) => s.name)).not.toContain("AI Requests");
    const s = sheetOf(host, "Long Tail");
    expect(s.formulas.flat().some((f) => String(f).startsWith("="))).toBe(false);
    expect(String(s.values[4][0])).toContain("are more than the 1000 rows AI Requests takes (a pane choice), so these figures are the import's exact values");
    expectFigures(rowsOf(s));
    expectShape(s);
  }, 300_000);
});
