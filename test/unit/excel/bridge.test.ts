/**
 * The Cost Bridge sheet through the workbench host's formula engine: on the real FOCUS sample
 * (one month of cost, so new keys and no volume data; no file of /work/shared/data holds cost in
 * two consecutive quarters) and on the writer's sample (continuing keys too), every line of the evaluated sheet
 * equals src/core/bridge.ts `reviewBridge` over the sheet's own per-key inputs to the last digit
 * (AIECON.COSTBRIDGE's five lines; the no-volume line, a SUMIFS in doubles, to 15 digits),
 * the per-key inputs equal the engine's groups, the engine's lines sum to the change in cost
 * exactly, each currency on its own, and the waterfall chart is a stacked column with an invisible base;
 * the Quarterly Review repeats the lines and writes a commentary per key from its own cells.
 */
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "../../../src/core/decimal";
import { reviewBridge, type BridgeKey } from "../../../src/core/bridge";
import { writeWorkbook } from "../../../src/excel/index";
import { planWorkbook } from "../../../src/excel/plan";
import { quarterOf } from "../../../src/excel/periods";
import { summarize } from "../../../src/import/index";
import { fileInput } from "../../../src/import/node";
import type { ImportInput, ImportResult } from "../../../src/import/types";
import type { Snapshot, SnapshotSheet } from "../../../src/workbench/host/index";
import { DATA } from "../import/helpers";
import { newHost, registerAiecon } from "./workbenchHost";
import { sampleResult } from "./fixtures";

const OPTS = { period: "month" as const, fiscalStartMonth: 1, costBasis: "billed" as const };

function textInput(name: string, kind: ImportInput["kind"], text: string): ImportInput {
  return { name, kind, open: () => new Blob([text]).stream() as ReadableStream<Uint8Array> };
}

function tableRows(sheet: SnapshotSheet, name: string): Record<string, unknown>[] {
  const t = sheet.tables.find((x) => x.name === name)!;
  const [from, to] = t.address.split(":").map((a) => Number(/\d+/.exec(a)![0]));
  const header = sheet.values[from - 1].map(String);
  return sheet.values.slice(from, to).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const dec = (v: unknown): Decimal | null => (typeof v === "number" ? new Decimal(v) : null);

/** The engine's bridge keys of a currency: exact sums of its groups in each quarter. */
function engineKeys(r: ImportResult, currency: string, prev: string, cur: string): BridgeKey[] {
  const keys = new Map<string, BridgeKey>();
  for (const g of r.groups) {
    if (g.currency !== currency) continue;
    const q = quarterOf(g.period, 1);
    if (q !== prev && q !== cur) continue;
    let k = keys.get(g.key);
    if (k === undefined) keys.set(g.key, (k = { prior: { cost: new Decimal(0), inferences: null }, current: { cost: new Decimal(0), inferences: null } }));
    const side = q === prev ? k.prior : k.current;
    side.cost = (side.cost as Decimal).plus(g.cost);
    if (g.inferences !== null) side.inferences = (side.inferences ?? new Decimal(0)).plus(g.inferences);
  }
  return [...keys.values()];
}

interface Checked {
  lines: Record<string, unknown>[];
  categories: string[];
  commentaries: string[];
}

async function check(r: ImportResult): Promise<Checked> {
  const plan = planWorkbook(r, OPTS);
  const prev = plan.previousQuarter!;
  const cur = plan.reviewQuarter!;
  const host = await newHost();
  await writeWorkbook(host.run, r, OPTS);
  const snap: Snapshot = host.snapshot();
  const sheet = snap.sheets.find((s) => s.name === "Cost Bridge")!;
  const lines = tableRows(sheet, "CostBridge");
  const detail = tableRows(sheet, "CostBridgeDetail");
  if (process.env.BRIDGE_DEBUG) console.log(prev, cur, JSON.stringify(detail.filter((d) => d["Bridge line"] !== "No volume data").slice(0, 8)), JSON.stringify(lines));
  const currencies = [...new Set(detail.map((d) => String(d.Currency)))];
  expect(currencies.length).toBeGreaterThan(0);
  for (const currency of currencies) {
    const rows = detail.filter((d) => d.Currency === currency);
    // The sheet's own inputs through the engine's bridge: every line equal to the last digit.
    const sheetKeys: BridgeKey[] = rows.map((d) => ({
      prior: { cost: dec(d[`Cost ${prev}`]), inferences: dec(d[`Inferences ${prev}`]) },
      current: { cost: dec(d[`Cost ${cur}`]), inferences: dec(d[`Inferences ${cur}`]) },
    }));
    const b = reviewBridge(sheetKeys);
    const amount = (line: string): unknown => lines.find((l) => l.Currency === currency && l.Line === line)?.Amount;
    expect(amount("Volume")).toBe(b.volume.toNumber());
    expect(amount("Mix")).toBe(b.mix.toNumber());
    expect(amount("Rate")).toBe(b.rate.toNumber());
    expect(amount("New")).toBe(b.new.toNumber());
    expect(amount("Retired")).toBe(b.retired.toNumber());
    // No volume data is a SUMIFS of the keys' cost changes (Excel's double sum): equal to 15 significant digits.
    expect(Number(amount("No volume data")).toPrecision(15)).toBe(b.noVolume.toNumber().toPrecision(15));
    const c0 = sheetKeys.reduce((s, k) => s.plus(k.prior.cost ?? 0), new Decimal(0));
    const c1 = sheetKeys.reduce((s, k) => s.plus(k.current.cost ?? 0), new Decimal(0));
    expect(b.volume.plus(b.mix).plus(b.rate).plus(b.new).plus(b.retired).plus(b.noVolume).eq(c1.minus(c0))).toBe(true);
    // The engine's exact groups: the lines sum to the change in cost exactly; the sheet agrees to 12 digits.
    const exact = reviewBridge(engineKeys(r, currency, prev, cur));
    const e0 = engineKeys(r, currency, prev, cur).reduce((s, k) => s.plus(k.prior.cost ?? 0), new Decimal(0));
    const e1 = engineKeys(r, currency, prev, cur).reduce((s, k) => s.plus(k.current.cost ?? 0), new Decimal(0));
    const sum = exact.volume.plus(exact.mix).plus(exact.rate).plus(exact.new).plus(exact.retired).plus(exact.noVolume);
    expect(sum.eq(e1.minus(e0))).toBe(true);
    expect(Number(amount(`Cost ${prev}`))).toBeCloseTo(e0.toNumber(), 9);
    expect(Number(amount(`Cost ${cur}`))).toBeCloseTo(e1.toNumber(), 9);
    for (const [line, v] of [["Volume", exact.volume], ["Mix", exact.mix], ["Rate", exact.rate], ["New", exact.new], ["Retired", exact.retired], ["No volume data", exact.noVolume]] as const) {
      expect(Number(amount(line))).toBeCloseTo(v.toNumber(), 9);
    }
    // The waterfall's last running total is the latest quarter's cost.
    const own = lines.filter((l) => l.Currency === currency);
    expect(Number(own[own.length - 2]["Running total"])).toBeCloseTo(Number(amount(`Cost ${cur}`)), 9);
  }
  // The Quarterly Review shows the same lines in its cost change column, and a commentary per key.
  const review = snap.sheets.find((s) => s.name === "Quarterly Review")!;
  const reviewTable = review.tables.find((t) => t.name === "QuarterlyReview")!;
  const headerRow = Number(/\d+/.exec(reviewTable.address)![0]) - 1;
  const header = review.values[headerRow].map(String);
  for (const l of lines.filter((x) => !String(x.Line).startsWith("Cost "))) {
    const row = review.values.find((r) => r[0] === `Cost bridge: ${String(l.Line)}` && r[1] === l.Currency);
    expect(row?.[header.indexOf("Cost change")], String(l.Line)).toBe(l.Amount);
  }
  const pct = (x: number): string => `${Math.round(Math.abs(x) * 100)} %`;
  for (const row of tableRows(review, "QuarterlyReview")) {
    const c = row["Cost per inference change %"];
    const v = row["Inferences change %"];
    const band = String(row["Band change"]);
    const rate = typeof c === "number" ? (c === 0 ? "cost per inference unchanged" : `cost per inference ${c < 0 ? "fell" : "rose"} ${pct(c)}`) : "";
    const volume = typeof v === "number" ? (v === 0 ? "unchanged volume" : `a ${pct(v)} volume ${v < 0 ? "fall" : "rise"}`) : "";
    const first = rate !== "" && volume !== "" ? `${rate} on ${volume}` : rate + volume;
    const expected = first + (first !== "" && band !== "" ? "; " : "") + (band !== "" ? `band ${band}` : "");
    expect(row.Commentary, String(row.Key)).toBe(expected);
  }
  const charts = sheet.charts;
  expect(charts.map((c) => c.type)).toEqual(currencies.map(() => "ColumnStacked"));
  return { lines, categories: detail.map((d) => String(d["Bridge line"])), commentaries: tableRows(review, "QuarterlyReview").map((r) => String(r.Commentary)) };
}

describe("Cost Bridge in the workbench host", () => {
  beforeAll(async () => {
    await registerAiecon();
  }, 300_000);

  it("the real FOCUS sample (September 2024) with request counts: lines equal the engine's bridge, sum to the change", async () => {
    const billing = fileInput(path.join(DATA, "focus/focus_1.0_sample_1000.csv"), "billing");
    const volume = textInput(
      "volume.csv",
      "volume",
      "date,model,requests\n2024-09-03,AWS Lambda,1200\n2024-09-10,Amazon Elastic Compute Cloud,777\n2024-09-11,Amazon DynamoDB,3\n" +
        "2024-09-23,AWS Lambda,2500\n",
    );
    const r = await summarize([billing, volume], { period: "month", cost: "billed", key: "service" });
    const { categories } = await check(r);
    // The sample's cost is all in September 2024 (2024-Q3 against an empty 2024-Q2): new keys and no volume data.
    expect(categories).toContain("New");
    expect(categories).toContain("No volume data");
  }, 120_000);

  it("the writer's sample: continuing, new, retired and no-volume keys", async () => {
    const { categories, lines, commentaries } = await check(sampleResult());
    expect(categories).toContain("Continuing");
    expect(categories).toContain("No volume data");
    for (const line of ["Volume", "Mix", "Rate"]) expect(lines.find((l) => l.Line === line)?.Amount).not.toBe(0);
    expect(commentaries.some((c) => / on a \d+ % volume (rise|fall); band /.test(c))).toBe(true);
  }, 120_000);
});
