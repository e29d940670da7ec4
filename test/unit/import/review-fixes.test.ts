/** Regression tests for defects a reviewer found: impossible dates, currency case, --map scope, model keys. */
import { describe, expect, it } from "vitest";
import { ImportError, inspect, summarize } from "../../../src/import/index";
import { isValidLabel, parseTimestamp } from "../../../src/core/period";
import { memInput } from "./helpers";

const FOCUS_HEAD = "BilledCost,ChargePeriodStart,BillingCurrency,ServiceName,Tags\n";

describe("impossible dates are rejected rows, never periods", () => {
  it("billing: 2024-02-30T00:00:00Z, 2024-09-31, 2024-13-01, 2023-02-29, US 02/30/2024 and bad clock times", async () => {
    const bill =
      FOCUS_HEAD +
      "1,2024-09-01T00:00:00Z,USD,S,NULL\n" +
      "2,2024-02-30T00:00:00Z,USD,S,NULL\n" +
      "3,2024-09-31,USD,S,NULL\n" +
      "4,2024-13-01,USD,S,NULL\n" +
      "5,2023-02-29,USD,S,NULL\n" +
      "6,02/30/2024,USD,S,NULL\n" +
      "7,2024-09-01 24:30:00,USD,S,NULL\n" +
      "8,2024-09-01T12:60:00Z,USD,S,NULL\n" +
      "9,09/01/2024 13:00 PM,USD,S,NULL\n" +
      "10,2024-02-29,USD,S,NULL\n";
    for (const period of ["quarter", "month", "day", "week"] as const) {
      const r = await summarize([memInput("b.csv", bill)], { period, cost: "billed" });
      const s = r.sources[0];
      expect(s.rowsUsed).toBe(2);
      expect(s.rejected.map((x) => x.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
      expect(s.rejected[0].reason).toBe("ChargePeriodStart holds a date that cannot be read: '2024-02-30T00:00:00Z'");
      expect(s.rejected[1].reason).toBe("ChargePeriodStart holds a date that cannot be read: '2024-09-31'");
      for (const x of s.rejected) expect(x.reason).toMatch(/date that cannot be read/);
      for (const g of r.groups) expect(isValidLabel(g.period)).toBe(true);
      expect(r.totals).toEqual({ USD: "11" });
    }
  });

  it("volume and value files: impossible day and month labels are rejected with their lines", async () => {
    const bill = FOCUS_HEAD + "1,2024-09-01,USD,S,NULL\n";
    const counts = "period,model,requests\n2024-09,S,5\n2024-13,S,7\n2024-02-30,S,9\n";
    const value = "date,model,value\n2024-09-02,S,3\n2023-02-29,S,4\n2024-09-31,S,5\n";
    const r = await summarize([memInput("b.csv", bill), memInput("c.csv", counts, "volume"), memInput("v.csv", value, "value")], {
      period: "quarter",
      cost: "billed",
      key: "service",
    });
    expect(r.sources[1].rejected).toEqual([
      { line: 3, reason: "period holds a date that cannot be read: '2024-13'" },
      { line: 4, reason: "period holds a date that cannot be read: '2024-02-30'" },
    ]);
    expect(r.sources[2].rejected).toEqual([
      { line: 3, reason: "date holds a date that cannot be read: '2023-02-29'" },
      { line: 4, reason: "date holds a date that cannot be read: '2024-09-31'" },
    ]);
    expect(r.groups.map((g) => g.period)).toEqual(["2024-Q3"]);
    expect(r.groups[0]).toMatchObject({ inferences: 5, value: "3" });
  });

  it("parseTimestamp and isValidLabel check every part's range", () => {
    expect(parseTimestamp("2024-09-01T23:59:60Z")).not.toBeNaN();
    expect(parseTimestamp("2024-09-01T24:00:00Z")).toBe(Date.UTC(2024, 8, 2));
    expect(parseTimestamp("2024-09-01T24:00:01Z")).toBeNaN();
    expect(parseTimestamp("09/01/2024 25:00")).toBeNaN();
    expect(parseTimestamp("09/01/2024 0:00 AM")).toBeNaN();
    expect(parseTimestamp("01.09.2024 10:61")).toBeNaN();
    expect(parseTimestamp("2024/02/30")).toBeNaN();
    expect(isValidLabel("2024-02-29")).toBe(true);
    expect(isValidLabel("2023-02-29")).toBe(false);
    expect(isValidLabel("2024-00")).toBe(false);
    expect(isValidLabel("2020-W53")).toBe(true);
    expect(isValidLabel("2024-W53")).toBe(false);
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

describe("the result's key names what keyed the groups", () => {
  it("a generic file reports its mapped key column; mixed with a recognised format, both", async () => {
    const g = "Day,Amount,Model\n2024-09-01,1,gpt\n";
    const map = { date: "Day", cost: "Amount", currency: "USD", key: "model" };
    const only = await summarize([memInput("g.csv", g, "billing", { map })], { period: "month", cost: "billed", key: "service" });
    expect(only.key).toBe("column:Model");
    expect(only.groups[0].key).toBe("gpt");
    const none = await summarize([memInput("g.csv", g, "billing", { map: { date: "Day", cost: "Amount", currency: "USD" } })], { period: "month", cost: "billed" });
    expect(none.key).toBe("(none)");
    const mixed = await summarize([memInput("g.csv", g, "billing", { map }), memInput("f.csv", FOCUS_HEAD + "1,2024-09-01,USD,S,NULL\n")], {
      period: "month",
      cost: "billed",
    });
    expect(mixed.key).toBe("service; generic files: column:Model");
  });
});

describe("invalid UTF-8 names the line and the exact byte offset", () => {
  it("whatever the chunk size, at the file's end too", async () => {
    const enc = (t: string): number[] => [...new TextEncoder().encode(t)];
    const cases: { bytes: number[]; line: number; offset: number; byte: string }[] = [
      { bytes: [...enc("a,b\n1,2\n"), 0xff, 0x41, 0x0a], line: 3, offset: 8, byte: "ff" },
      { bytes: [...enc("a,b\n1,\u00e9\u20ac\n2,x"), 0xe2, 0x41, 0x0a], line: 3, offset: 15, byte: "e2" },
      { bytes: [...enc("\ufeffa,b\n1,2\n3,4\n5,"), 0xe2, 0x82], line: 4, offset: 17, byte: "e2" },
      { bytes: [...enc("a,b\n"), 0xed, 0xa0, 0x80, 0x0a], line: 2, offset: 4, byte: "ed" },
    ];
    for (const c of cases) {
      for (const chunk of [1, 2, 3, 5, 65536]) {
        const err = await inspect(memInput("bad.csv", new Uint8Array(c.bytes), "billing", { chunk })).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ImportError);
        expect((err as ImportError).line).toBe(c.line);
        expect((err as Error).message).toBe(
          `bad.csv, line ${c.line}: the file is not valid UTF-8 text (byte 0x${c.byte} at byte offset ${c.offset}); save it as UTF-8 CSV`,
        );
      }
    }
  });
});

describe("JSON rejected rows name the line on which the result object starts", () => {
  it("OpenAI Costs pages (a page and an array of pages) and the Anthropic cost report", async () => {
    const page = (value: string): string =>
      [
        "{",
        '  "object": "page",',
        '  "data": [',
        "    {",
        '      "object": "bucket", "start_time": 1730419200, "end_time": 1730505600,',
        '      "results": [',
        "        {",
        '          "object": "organization.costs.result",',
        '          "amount": { "value": 0.06, "currency": "usd" },',
        '          "line_item": "gpt-4o, input", "project_id": null',
        "        },",
        `        { "object": "organization.costs.result", "amount": { "value": ${value}, "currency": "usd" }, "line_item": "gpt-4o, output", "project_id": "p\\"x" }`,
        "      ]",
        "    }",
        "  ]",
        "}",
      ].join("\n");
    const one = await summarize([memInput("oa.json", page('"x"'))], { period: "month", cost: "billed" });
    expect(one.sources[0].rejected).toEqual([{ line: 12, reason: "amount.value is not a number: 'x'" }]);
    const two = await summarize([memInput("oa.json", "[\n" + page("1") + ",\n" + page('"y"') + "\n]\n")], { period: "month", cost: "billed" });
    // the second page starts on line 18 (after "[" and the first page's 16 lines); its second result on line 18 + 11
    expect(two.sources[0].rejected).toEqual([{ line: 29, reason: "amount.value is not a number: 'y'" }]);
    const an = [
      '{"data": [{"starting_at": "2025-08-01T00:00:00Z", "ending_at": "2025-08-02T00:00:00Z", "results": [',
      '  {"currency": "USD", "amount": "100", "model": "claude", "cost_type": "tokens"},',
      "",
      '  {"currency": "USD", "amount": "abc",',
      '   "model": "claude", "cost_type": "tokens"}',
      "]}], \"has_more\": false}",
    ].join("\n");
    const a = await summarize([memInput("an.json", an)], { period: "month", cost: "billed" });
    expect(a.sources[0].rejected.map((x) => x.line)).toEqual([4]);
  });
});
