/**
 * The billing formats: seeded generated files per format (bad rows rejected with their lines,
 * totals exact); currency codes, column mappings and the model key read by each format.
 */
import { describe, expect, it } from "vitest";
import { ImportError, inspect, summarize } from "../../../src/import/index";
import type { ImportResult } from "../../../src/import/types";
import { type BadKind, GENERATORS, generate } from "./generators";
import { amortizationCsv, D, memInput, sum } from "./helpers";

const FOCUS_HEAD = "BilledCost,ChargePeriodStart,BillingCurrency,ServiceName,Tags\n";

const ALL_BAD: BadKind[] = ["non-numeric", "empty-cost", "null-cost", "bad-date", "ragged", "thousands"];

function groupTotals(r: ImportResult): Record<string, string> {
  const m: Record<string, InstanceType<typeof D>> = {};
  for (const g of r.groups) m[g.currency] = (m[g.currency] ?? new D(0)).plus(g.cost);
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.toFixed()]));
}

function norm(t: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, new D(v).toFixed()]));
}

describe.each(GENERATORS)("generated $format files", (g) => {
  const name = `gen-${g.format}.csv`;
  const opts = { map: g.map };

  it("bad rows of every kind are rejected with their physical lines; totals are the exact sum of the good rows", async () => {
    for (const seed of [1, 2, 3]) {
      const f = generate(g, seed, 300, { currencies: ["USD", "EUR"], bad: ALL_BAD });
      const r = await summarize([memInput(name, f.text, "billing", { ...opts, chunk: 97 })], { period: "month", cost: "billed" });
      const s = r.sources[0];
      expect(s.format).toBe(g.format);
      const expectedBad = [...f.bad.keys()];
      expect(s.rejected.map((x) => x.line)).toEqual(expectedBad);
      expect(s.rowsRejected).toBe(expectedBad.length);
      expect(s.rowsRead).toBe(300);
      expect(s.rowsUsed).toBe(f.good.length);
      expect(s.rowsUsed + s.rowsSkipped + s.rowsRejected).toBe(s.rowsRead);
      for (const rej of s.rejected) {
        const kind = f.bad.get(rej.line);
        if (kind === "ragged") expect(rej.reason).toMatch(/fields, the header has/);
        if (kind === "bad-date") expect(rej.reason).toMatch(/not a date/);
        if (kind === "non-numeric" || kind === "thousands") expect(rej.reason).toMatch(/not a number/);
        if (kind === "empty-cost" || kind === "null-cost") expect(rej.reason).toMatch(/empty/);
      }
      const expected: Record<string, string> = {};
      for (const cur of ["EUR", "USD"]) {
        const rows = f.good.filter((x) => x.currency === cur);
        if (rows.length) expected[cur] = sum(rows.flatMap((x) => x.amounts));
      }
      expect(norm(s.totals)).toEqual(expected);
      expect(norm(r.totals)).toEqual(expected);
      expect(groupTotals(r)).toEqual(expected);
      // never summed across currencies
      expect(new Set(r.groups.map((x) => x.period + x.key + x.currency)).size).toBe(r.groups.length);
    }
  });

  it("a missing required column is an error naming the file, the expected and the found columns", async () => {
    const f = generate(g, 9, 5);
    const lines = f.text.split("\n");
    const cols = g.header;
    const drop = cols.indexOf(g.dateCol);
    const cut = lines.map((l) => (l === "" ? l : l.split(",").filter((_, i) => i !== drop).join(",")));
    // (generated rows of these formats hold no quoted commas in the date column's neighbours except tags; rebuild safely)
    const safe = g.format === "focus" || g.format === "azure" || g.format === "gcp" ? [cols.filter((_, i) => i !== drop).join(","), ""].join("\n") : cut.join("\n");
    const err = await summarize([memInput(name, safe, "billing", opts)], { period: "month", cost: "billed" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    const msg = (err as Error).message;
    expect(msg).toContain(name);
    expect(msg).toMatch(/expected/);
    expect(msg).toMatch(/found/);
    expect(msg).toContain(cols.filter((_, i) => i !== drop)[0]);
  });

  it("a header-only file reports zero rows and is not an error", async () => {
    const header = generate(g, 1, 0).text;
    const ins = await inspect(memInput(name, header, "billing", opts));
    expect(ins.rowsRead).toBe(0);
    expect(ins.totals).toEqual({});
    expect(ins.periodRange).toBeNull();
    const r = await summarize([memInput(name, header, "billing", opts)], { period: "month", cost: "billed" });
    expect(r.groups).toEqual([]);
  });

  it("1-byte chunks and CRLF give the same result", async () => {
    const f = generate(g, 4, 60, { bad: ["ragged", "bad-date"] });
    const a = await summarize([memInput(name, f.text, "billing", opts)], { period: "week", cost: "billed", key: "model" });
    const crlf = f.text.replace(/\n/g, "\r\n");
    const b = await summarize([memInput(name, crlf, "billing", { ...opts, chunk: 1 })], { period: "week", cost: "billed", key: "model" });
    expect(b).toEqual(a);
  });
});

describe("keys, text and numbers", () => {
  it("formula-like tag values stay the exact string; tag:model in every encoding", async () => {
    for (const g of GENERATORS) {
      const f = generate(g, 11, 120);
      const r = await summarize([memInput(`k-${g.format}.csv`, f.text, "billing", { map: g.map })], { period: "month", cost: "billed", key: g.format === "generic" ? undefined : "tag:model" });
      const keys = new Set(r.groups.map((x) => x.key));
      if (g.format !== "openai-costs") expect(keys.has("gpt-4o")).toBe(true);
      if (["focus", "aws-cur2", "generic"].includes(g.format)) expect(keys.has('=HYPERLINK("http://evil","x")')).toBe(true);
    }
  });

  it("default key is tag:model when the tag exists, else service", async () => {
    const g = GENERATORS[0];
    const f = generate(g, 5, 50);
    const r = await summarize([memInput("a.csv", f.text)], { period: "month", cost: "billed" });
    expect(r.key).toBe("tag:model");
    expect(r.groups.some((x) => x.key === "(unattributed)")).toBe(true);
    const noTags = f.text.replace(/"\{.*?\}"/g, "NULL");
    const s = await summarize([memInput("a.csv", noTags)], { period: "month", cost: "billed" });
    expect(s.key).toBe("service");
    expect(new Set(s.groups.map((x) => x.key))).toEqual(new Set(["Amazon Bedrock", "Amazon EC2"]));
  });

  it("model keys from Bedrock usage types and OpenAI line items", async () => {
    const aws = generate(GENERATORS[1], 3, 20);
    const r = await summarize([memInput("cur.csv", aws.text)], { period: "month", cost: "billed", key: "model" });
    // rows with a model tag use it; the others fall back to the model in the usage type
    expect(new Set(r.groups.map((x) => x.key))).toContain("Claude4.6Sonnet");
    const oa = generate(GENERATORS[6], 3, 20);
    const o = await summarize([memInput("oa.csv", oa.text)], { period: "month", cost: "billed", key: "model" });
    expect(new Set(o.groups.map((x) => x.key))).toEqual(new Set(["gpt-4o-2024-08-06", "claude-sonnet-4-2024-08-06"]));
  });

  it("huge fields and exact sums of many 11-decimal amounts", async () => {
    const big = "x".repeat(3_000_000);
    const rows = ["BilledCost,ChargePeriodStart,BillingCurrency,ServiceName,ChargeDescription"];
    const amounts: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const a = `${i % 97}.${String((i * 7919) % 100000000000).padStart(11, "0")}`;
      amounts.push(a);
      rows.push(`${a},2024-09-18T00:00:00Z,USD,Svc,"${i === 10 ? big : "a, b"}"`);
    }
    const r = await summarize([memInput("big.csv", rows.join("\n"), "billing", { chunk: 65536 })], { period: "month", cost: "billed" });
    expect(r.totals.USD).toBe(sum(amounts));
    expect(r.sources[0].rowsUsed).toBe(5000);
  });

  it("thousands separators are rejected outside generic; generic reads symbols, (x) negatives and decimal commas", async () => {
    const text = 'Day;Amount;Model\n2024-09-01;"1.234,50 €";a\n2024-09-02;(12,25);a\n2024-09-03;$ 7;b\n2024-09-04;1 000,5;b\n2024-09-05;abc;b\n';
    const r = await summarize([memInput("g.csv", text, "billing", { map: { date: "Day", cost: "Amount", currency: "EUR", key: "Model" } })], {
      period: "month",
      cost: "billed",
    });
    expect(r.totals).toEqual({ EUR: new D("1234.50").minus("12.25").plus(7).plus("1000.5").toFixed() });
    expect(r.sources[0].rejected).toEqual([{ line: 6, reason: "Amount is not a number: 'abc'" }]);
    expect(r.key).toBe("column:Model"); // spec: for a generic file the key is the mapped key column
    expect(r.groups.map((g) => g.key)).toEqual(["a", "b"]);
  });
});

describe("AWS amortized (effective) cost by line item type", () => {
  it("follows AWS's documented amortization", async () => {
    const text = amortizationCsv(() => "AmazonEC2");
    const billed = await summarize([memInput("cur.csv", text)], { period: "month", cost: "billed" });
    const eff = await summarize([memInput("cur.csv", text)], { period: "month", cost: "effective" });
    expect(billed.totals.USD).toBe(sum(["10", "100", "-10", "1000", "0", "50", "300", "7", "0.125"]));
    expect(eff.totals.USD).toBe(sum(["3.5", "20", "0", "0", "0.75", "3.75", "0", "7", "0.125"]));
  });
});

describe("currency codes are upper-cased and trimmed in every format", () => {
  it("USD, usd and ' Usd ' are one currency in FOCUS, AWS CUR, generic and value files", async () => {
    const focus = FOCUS_HEAD + "1,2024-09-01,USD,S,NULL\n2,2024-09-01,usd,S,NULL\n4,2024-09-02, Usd ,S,NULL\n";
    const cur =
      "lineItem/UsageStartDate,lineItem/UnblendedCost,lineItem/CurrencyCode,lineItem/ProductCode\n" +
      "2024-09-01T00:00:00Z,8,usd,S\n2024-09-01T00:00:00Z,16,USD,S\n";
    const generic = "Day,Amount,Cur,Model\n2024-09-01,32,usd,S\n2024-09-01,64,USD,S\n";
    const value = "date,key,value,currency\n2024-09-01,S,1,usd\n2024-09-01,S,2, USD\n";
    const r = await summarize(
      [
        memInput("f.csv", focus),
        memInput("c.csv", cur),
        memInput("g.csv", generic, "billing", { map: { date: "Day", cost: "Amount", currency: "Cur", key: "Model" } }),
        memInput("v.csv", value, "value"),
      ],
      { period: "month", cost: "billed", key: "service" },
    );
    expect(r.sources.map((s) => s.totals)).toEqual([{ USD: "7" }, { USD: "24" }, { USD: "96" }, { USD: "3" }]);
    expect(r.totals).toEqual({ USD: "127" });
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]).toMatchObject({ period: "2024-09", key: "S", currency: "USD", cost: "127", value: "3" });
  });
});

describe("a mapping's currency: a column when the header has it, else a fixed code for generic billing only", () => {
  it("generic billing: exact-case column first, else a three-letter code; value files never take the fixed code", async () => {
    const g = "Day,Amount,Cur\n2024-09-01,1,eur\n";
    const col = await summarize([memInput("g.csv", g, "billing", { map: { date: "Day", cost: "Amount", currency: "Cur" } })], { period: "month", cost: "billed" });
    expect(col.totals).toEqual({ EUR: "1" });
    const fixed = await summarize([memInput("g.csv", g, "billing", { map: { date: "Day", cost: "Amount", currency: "GBP" } })], { period: "month", cost: "billed" });
    expect(fixed.totals).toEqual({ GBP: "1" });
    // the same mapping given to an unrecognised value file without a Cur column: billing currency (EUR), not "CUR"
    const map = { date: "Day", cost: "Amount", currency: "Cur", value: "Gain" };
    const r = await summarize(
      [memInput("g.csv", g, "billing", { map }), memInput("v.csv", "Day,Gain\n2024-09-02,4\n", "value", { map: { ...map, currency: "USD" } })],
      { period: "month", cost: "billed" },
    );
    expect(Object.keys(r.totals)).toEqual(["EUR"]);
    expect(r.groups.map((x) => [x.currency, x.cost, x.value])).toEqual([["EUR", "1", "4"]]);
  });

  it("a recognised volume file ignores a mapping naming a date column it lacks", async () => {
    const r = await summarize(
      [memInput("b.csv", FOCUS_HEAD + "1,2024-09-01,USD,S,NULL\n"), memInput("c.csv", "date,key,requests\n2024-09-02,S,3\n", "volume", { map: { date: "Day", count: "Calls" } })],
      { period: "month", cost: "billed", key: "service" },
    );
    expect(r.groups[0]).toMatchObject({ key: "S", inferences: 3 });
  });
});

describe("--key model is the model named in a usage type or line item", () => {
  it("AWS CUR and CUR 2.0: the usage type's model wins over the model tag; the tag only when none is named", async () => {
    const cur =
      "lineItem/UsageStartDate,lineItem/UnblendedCost,lineItem/CurrencyCode,lineItem/ProductCode,lineItem/UsageType,resourceTags/user:model\n" +
      "2024-09-01T00:00:00Z,1,USD,AmazonBedrock,USE1-Claude3Sonnet-input-tokens,my-chatbot\n" +
      "2024-09-01T00:00:00Z,2,USD,AmazonBedrock,USE1-Claude3Sonnet-output-tokens,\n" +
      "2024-09-01T00:00:00Z,4,USD,AmazonEC2,BoxUsage:m5.large,my-chatbot\n" +
      "2024-09-01T00:00:00Z,8,USD,AmazonEC2,BoxUsage:m5.large,\n";
    const r = await summarize([memInput("cur.csv", cur)], { period: "month", cost: "billed", key: "model" });
    expect(r.groups.map((g) => [g.key, g.cost])).toEqual([
      ["(unattributed)", "8"],
      ["Claude3Sonnet", "3"],
      ["my-chatbot", "4"],
    ]);
    const cur2 =
      "line_item_usage_start_date,line_item_unblended_cost,line_item_currency_code,line_item_product_code,line_item_usage_type,resource_tags\n" +
      '2024-09-01T00:00:00Z,1,USD,AmazonBedrock,USE1-Claude3Sonnet-input-tokens,"{""user_model"":""my-chatbot""}"\n' +
      '2024-09-01T00:00:00Z,4,USD,AmazonEC2,BoxUsage:m5.large,"{""user_model"":""my-chatbot""}"\n';
    const r2 = await summarize([memInput("cur2.csv", cur2)], { period: "month", cost: "billed", key: "model" });
    expect(r2.groups.map((g) => [g.key, g.cost])).toEqual([
      ["Claude3Sonnet", "1"],
      ["my-chatbot", "4"],
    ]);
    // tag:model still reads the tag
    const t = await summarize([memInput("cur.csv", cur)], { period: "month", cost: "billed", key: "tag:model" });
    expect(t.groups.map((g) => [g.key, g.cost])).toEqual([
      ["(unattributed)", "10"],
      ["my-chatbot", "5"],
    ]);
  });
});
