/**
 * The built `aiecon` command (dist/cli/aiecon.js), spawned as users run it:
 * JSON equals the engine's result; exit statuses 0, 1, 2 and 3.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { inspect, summarize } from "../../../src/import/index";
import { fileInput } from "../../../src/import/node";
import { BUILD_TIMEOUT, DIST, ensureBuilt, ROOT } from "../../support/ensure-built";

const BUILT = join(DIST, "cli/aiecon.js");
const tmp = mkdtempSync(join(tmpdir(), "aiecon-cli-"));
/** A private copy of the built command: other tests' full builds clean dist/ while these run. */
const CLI = join(tmp, "aiecon.js");
const DATA = resolve(ROOT, "../shared/data");
const FOCUS = join(DATA, "focus/focus_1.0_sample_1000.csv");

beforeAll(async () => {
  await ensureBuilt();
  copyFileSync(BUILT, CLI);
}, BUILD_TIMEOUT);

function aiecon(...args: string[]): { status: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

function file(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

describe("aiecon summarize / inspect", () => {
  it("exit 0: summarize --json equals the engine's result (round trip)", async () => {
    const vol = join(DATA, "volume/azure_llm_inference_trace_code_2023.csv");
    const r = aiecon("summarize", "--billing", FOCUS, "--volume", vol, "--period", "quarter", "--fiscal-start", "7", "--key", "tag:application", "--json");
    expect(r.err).toBe("");
    expect(r.status).toBe(0);
    const engine = await summarize([fileInput(FOCUS, "billing"), fileInput(vol, "volume")], {
      period: "quarter",
      fiscalStartMonth: 7,
      key: "tag:application",
      cost: "billed",
    });
    // The volume has tokens but no key column: --json adds the list-price table, and its keyless
    // inferences (key "(no key)", src/import/match.ts) are listed as unpriced (test/unit/cli/tail.test.ts).
    const { listPrices, ...result } = JSON.parse(r.out);
    expect(result).toEqual(JSON.parse(JSON.stringify(engine)));
    expect(listPrices).toMatchObject({ date: "2026-07-24", currency: "USD", unmatched: [{ key: "(no key)", reason: "no price entry by any rule" }] });
    const j = JSON.parse(r.out);
    expect(j.groups[0]).toHaveProperty("costPerInference");
    expect(j.sources.map((s: { kind: string }) => s.kind)).toEqual(["billing", "volume"]);
    expect(j.groups[0].period).toBe("FY2025-Q1");
  });

  it("exit 0: inspect --json equals the engine's inspect; the table names format and totals", async () => {
    const r = aiecon("inspect", FOCUS, "--json");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.out)).toEqual(JSON.parse(JSON.stringify(await inspect(fileInput(FOCUS, "billing")))));
    const t = aiecon("inspect", FOCUS);
    expect(t.status).toBe(0);
    expect(t.out).toMatch(/format focus; rows read 1000, used 1000/);
    expect(t.out).toMatch(/total USD 20\.52022672899/);
    const s = aiecon("summarize", "--billing", FOCUS, "--cost", "effective");
    expect(s.status).toBe(0);
    expect(s.out).toMatch(/Period\s+Key\s+Currency\s+Cost\s+Inferences/);
    expect(s.out).toMatch(/key: tag:application|key: service|key: tag:model/);
  });

  it("--map reads a generic file with a fixed currency and a key column", () => {
    const p = file("generic.csv", "Day;Model;Amount\n01/09/2024x;a;1\n2024-09-01;gpt;\"1.234,5\"\n2024-09-02;gpt;(0,5)\n");
    const r = aiecon("summarize", "--billing", p, "--map", "date=Day,cost=Amount,currency=EUR,key=Model", "--json");
    expect(r.status).toBe(3); // line 2's date cannot be read
    const j = JSON.parse(r.out);
    expect(j.totals).toEqual({ EUR: "1234" });
    expect(j.key).toBe("column:Model"); // a generic file's key is its mapped key column
    expect(j.groups).toMatchObject([{ period: "2024-09", key: "gpt", currency: "EUR", cost: "1234" }]);
    expect(j.sources[0].rejected).toEqual([{ line: 2, reason: "Day is not a date: '01/09/2024x'" }]);
  });

  it("exit 1: input errors name the file (and the line where there is one)", () => {
    const missing = aiecon("summarize", "--billing", join(tmp, "nope.csv"));
    expect(missing.status).toBe(1);
    expect(missing.err).toMatch(/nope\.csv: the file cannot be read \(ENOENT\)/);
    const p = file("nocur.csv", "BilledCost,ChargePeriodStart,ServiceName\n1,2024-09-01,x\n");
    const r = aiecon("summarize", "--billing", p);
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/nocur\.csv: looks like a focus export but required column\(s\) are missing: BillingCurrency; expected .*; found BilledCost, ChargePeriodStart, ServiceName/);
    const q = file("quote.csv", 'BilledCost,ChargePeriodStart,BillingCurrency\n1,2024-09-01,USD\n2,"2024-09-01,USD\n');
    const u = aiecon("inspect", q);
    expect(u.status).toBe(1);
    expect(u.err).toMatch(/quote\.csv, line 3: unterminated quoted field/);
    const e = aiecon("inspect", file("empty.csv", ""));
    expect(e.status).toBe(1);
    expect(e.err).toMatch(/empty\.csv: the file is empty/);
  });

  it("exit 2: usage errors", () => {
    for (const args of [[], ["frobnicate"], ["summarize"], ["summarize", "--billing", FOCUS, "--period", "year"], ["summarize", "--billing", FOCUS, "--map", "nonsense"], ["summarize", "--billing"], ["inspect"], ["summarize", "--billing", FOCUS, "--key", "team"], ["summarize", "--billing", FOCUS, "--fiscal-start", "13"], ["summarize", "--billing", FOCUS, "--bogus"]]) {
      const r = aiecon(...args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.err).toMatch(/usage:/);
    }
    expect(aiecon("--help").status).toBe(0);
  });

  it("exit 3: finished, but rows were rejected (output still complete)", () => {
    const p = file("bad.csv", "BilledCost,ChargePeriodStart,BillingCurrency\n1.5,2024-09-01,USD\nabc,2024-09-01,USD\n2,2024-09-01\n2.5,2024-09-02,USD\n");
    const r = aiecon("summarize", "--billing", p, "--json");
    expect(r.status).toBe(3);
    const j = JSON.parse(r.out);
    expect(j.sources[0]).toMatchObject({ rowsRead: 4, rowsUsed: 2, rowsRejected: 2, totals: { USD: "4" } });
    expect(j.sources[0].rejected).toEqual([
      { line: 3, reason: "BilledCost is not a number: 'abc'" },
      { line: 4, reason: "the row has 2 fields, the header has 3" },
    ]);
    const t = aiecon("summarize", "--billing", p);
    expect(t.status).toBe(3);
    expect(t.out).toMatch(/rejected line 3: BilledCost is not a number: 'abc'/);
    expect(aiecon("inspect", p).status).toBe(3);
  });

  it("keys that differ only in case: one key, the first spelling; each file's merge is printed as a sentence", () => {
    const a = file("case-a.csv", "Day,Amount,Model\n2024-09-01,1.5,GPT-4o\n2024-09-02,2,gpt-4o\n");
    const b = file("case-b.csv", "Day,Amount,Model\n2024-09-03,0.25,gpt-4o\n2024-09-04,1,gpt-4o\n2024-09-05,3,Claude\n");
    const args = ["summarize", "--billing", a, "--billing", b, "--map", "date=Day,cost=Amount,currency=USD,key=Model"];
    const t = aiecon(...args);
    expect(t.err).toBe("");
    expect(t.status).toBe(0);
    const lines = t.out.split("\n");
    const at = (name: string): number => lines.findIndex((l) => l.startsWith(name + ":"));
    expect(lines[at("case-a.csv") + 1]).toBe("  gpt-4o: 1 row merged into GPT-4o (Excel compares text ignoring case)");
    expect(lines[at("case-b.csv") + 1]).toBe("  gpt-4o: 2 rows merged into GPT-4o (Excel compares text ignoring case)");
    expect(t.out).toMatch(/^2024-09 +GPT-4o +USD +4\.75 /m);
    expect(t.out).not.toMatch(/^2024-09 +gpt-4o /m);
    expect(t.out).toMatch(/^total USD 7\.75$/m);
    const j = JSON.parse(aiecon(...args, "--json").out);
    expect(j.sources.map((s: { caseMerges: unknown }) => s.caseMerges)).toEqual([
      [{ spelling: "gpt-4o", mergedInto: "GPT-4o", rows: 1 }],
      [{ spelling: "gpt-4o", mergedInto: "GPT-4o", rows: 2 }],
    ]);
  });

  it("one --map with currency=Cur (a column) fits each file: generic billing reads it, a value file without it is in the billing currency", () => {
    const bill = file("cur-bill.csv", "Day,Amount,Cur,Model\n2024-09-01,10,eur,gpt\n2024-09-02,5,EUR,gpt\n");
    const counts = file("cur-counts.csv", "date,model,requests\n2024-09-03,gpt,5\n");
    const value = file("cur-value.csv", "date,model,value\n2024-09-05,gpt,30\n");
    const gain = file("cur-gain.csv", "Day,Model,Gain\n2024-09-05,gpt,15\n");
    const r = aiecon(
      "summarize", "--billing", bill, "--volume", counts, "--value", value, "--value", gain,
      "--map", "date=Day,cost=Amount,currency=Cur,key=Model,value=Gain", "--json",
    );
    expect(r.err).toBe("");
    expect(r.status).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.totals).toEqual({ EUR: "15" });
    expect(j.groups).toEqual([expect.objectContaining({ period: "2024-09", key: "gpt", currency: "EUR", cost: "15", inferences: 5, value: "45" })]);
    expect(j.sources.map((s: { totals: unknown }) => s.totals)).toEqual([{ EUR: "15" }, {}, { EUR: "30" }, { EUR: "15" }]);
    // with two billing currencies, the value file without a currency column is refused, never given "CUR"
    const two = file("cur-bill2.csv", "Day,Amount,Cur,Model\n2024-09-01,10,eur,gpt\n2024-09-02,5,USD,gpt\n");
    const e = aiecon("summarize", "--billing", two, "--value", value, "--map", "date=Day,cost=Amount,currency=Cur,key=Model", "--json");
    expect(e.status).toBe(1);
    expect(e.err).toMatch(/cur-value\.csv has no currency, and the billing data has several currencies \(EUR, USD\)/);
  });
});
