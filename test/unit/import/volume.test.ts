/** Volume, value and assumptions joined to cost: inferences, ratios, ROI and bands. */
import { describe, expect, it } from "vitest";
import { ImportError, inspect, summarize } from "../../../src/import/index";
import { D, memInput } from "./helpers";

const BILLING =
  'BilledCost,ChargePeriodStart,BillingCurrency,ServiceName,Tags\n' +
  '100,2024-09-02 00:00:00,USD,Bedrock,"{""model"":""claude""}"\n' +
  '50.5,2024-09-20 00:00:00,USD,Bedrock,"{""model"":""claude""}"\n' +
  '30,2024-10-01 00:00:00,USD,OpenAI,"{""model"":""gpt-4o""}"\n' +
  '7,2024-10-01 00:00:00,USD,EC2,NULL\n';

describe("volume and value", () => {
  it("counts by period label, request logs by timestamp, value files, exact ratios and bands", async () => {
    const counts = "period,model,requests,input_tokens,output_tokens\n2024-09,claude,3000,10,20\n2024-Q4,gpt-4o,7,,\n";
    const log = "TIMESTAMP,ContextTokens,GeneratedTokens\n2024-10-01 10:00:00.123,5,6\n2024-10-02 11:00:00,1,1\n";
    const value = "date,model,value\n2024-09-15,claude,1507.5\n2024-10-31,gpt-4o,20\n";
    const r = await summarize(
      [
        memInput("bill.csv", BILLING),
        memInput("counts.csv", counts, "volume"),
        memInput("log.csv", log, "volume", { fixedKey: "gpt-4o" }),
        memInput("value.csv", value, "value"),
      ],
      { period: "month", cost: "billed" },
    );
    expect(r.key).toBe("tag:model");
    const claude = r.groups.find((g) => g.key === "claude" && g.period === "2024-09");
    expect(claude).toMatchObject({ cost: "150.5", inferences: 3000, value: "1507.5", currency: "USD" });
    expect(claude?.costPerInference).toBe(new D("150.5").div(3000).toSignificantDigits(24).toFixed());
    expect(claude?.roiMultiple).toBe(new D("1507.5").div("150.5").toSignificantDigits(24).toFixed());
    expect(claude?.band).toBe("Excellent");
    // a 2024-Q4 label cannot be split into months: rejected with its line
    expect(r.sources[1].rejected).toEqual([{ line: 3, reason: "period '2024-Q4' is a quarter and cannot be split into months" }]);
    const gpt = r.groups.find((g) => g.key === "gpt-4o" && g.period === "2024-10");
    expect(gpt).toMatchObject({ cost: "30", inferences: 2, value: "20", costPerInference: "15", valuePerInference: "10", band: "Unsustainable" });
    expect(gpt?.roiMultiple).toBe(new D(20).div(30).toSignificantDigits(24).toFixed());
    const ec2 = r.groups.find((g) => g.key === "(unattributed)");
    expect(ec2).toMatchObject({ inferences: null, value: null, costPerInference: null, roiMultiple: null, band: null });
    expect(r.sources[2]).toMatchObject({ kind: "volume", format: "request-log", inferences: 2 });
    expect(r.volumeRecords.find((v) => v.source === "log.csv")).toMatchObject({ inputTokens: 6, outputTokens: 7 });
    expect(r.valueRecords.every((v) => v.method === "imported" && v.currency === "USD")).toBe(true);
    expect(r.sources[3].totals).toEqual({ USD: "1527.5" });
  });

  it("no ROI multiple or band where a group's cost is a net credit or zero, as AIECON.ROIMULTIPLE", async () => {
    const bill =
      "BilledCost,ChargePeriodStart,BillingCurrency,ServiceName,Tags\n" +
      '-12.5,2024-09-02 00:00:00,USD,Bedrock,"{""model"":""credit""}"\n' +
      '0,2024-09-02 00:00:00,USD,Bedrock,"{""model"":""free""}"\n' +
      '4,2024-09-02 00:00:00,USD,Bedrock,"{""model"":""paid""}"\n';
    const value = "date,model,value\n2024-09-15,credit,100\n2024-09-15,free,100\n2024-09-15,paid,100\n";
    const r = await summarize([memInput("b.csv", bill), memInput("v.csv", value, "value")], { period: "month", cost: "billed" });
    const by = (k: string) => r.groups.find((g) => g.key === k);
    expect(by("credit")).toMatchObject({ cost: "-12.5", value: "100", roiMultiple: null, band: null });
    expect(by("free")).toMatchObject({ cost: "0", value: "100", roiMultiple: null, band: null });
    expect(by("paid")).toMatchObject({ cost: "4", value: "100", roiMultiple: "25", band: "Excellent" });
  });

  it("inspect of a value file without currency says its total is in the billing currency", async () => {
    const r = await inspect(memInput("v.csv", "date,model,value\n2024-09-01,a,1.25\n2024-09-02,b,2\n", "value"));
    expect(r).toMatchObject({ kind: "value", format: "value", rowsUsed: 2, totals: { "(billing currency)": "3.25" }, currencies: [] });
  });

  it("quarters with a fiscal start month relabel counts given by month", async () => {
    const counts = "month,model,inferences\n2024-09,claude,10\n2024-10,gpt-4o,5\n";
    const r = await summarize([memInput("bill.csv", BILLING), memInput("c.csv", counts, "volume")], { period: "quarter", fiscalStartMonth: 10, cost: "billed" });
    expect(r.groups.map((g) => [g.period, g.key, g.inferences])).toEqual([
      ["FY2024-Q4", "claude", 10],
      ["FY2025-Q1", "(unattributed)", null],
      ["FY2025-Q1", "gpt-4o", 5],
    ]);
  });

  it("a value file without currency is refused when billing has several currencies", async () => {
    const two = BILLING + '5,2024-09-02 00:00:00,EUR,Bedrock,"{""model"":""claude""}"\n';
    const err = await summarize([memInput("bill.csv", two), memInput("v.csv", "date,model,value\n2024-09-01,claude,3\n", "value")], {
      period: "month",
      cost: "billed",
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(/v\.csv has no currency, and the billing data has several currencies \(EUR, USD\)/);
    const ok = await summarize([memInput("bill.csv", two), memInput("v.csv", "date,model,value,currency\n2024-09-01,claude,3,eur\n", "value")], {
      period: "month",
      cost: "billed",
    });
    expect(ok.groups.find((g) => g.currency === "EUR")).toMatchObject({ value: "3", cost: "5", roiMultiple: "0.6", band: "Unsustainable" });
    expect(ok.groups.find((g) => g.currency === "USD" && g.key === "claude")?.value).toBeNull();
  });

  it("assumptions: value per inference, or minutes saved × hourly rate", async () => {
    const counts = "date,model,requests\n2024-09-10,claude,1000\n2024-10-10,gpt-4o,300\n";
    const r = await summarize([memInput("bill.csv", BILLING), memInput("c.csv", counts, "volume")], {
      period: "month",
      cost: "billed",
      assumptions: [
        { key: "claude", valuePerInference: "0.5" },
        { key: "*", minutesSaved: "2", hourlyRate: "45" },
      ],
    });
    expect(r.groups.find((g) => g.key === "claude")).toMatchObject({ value: "500", valuePerInference: "0.5" });
    expect(r.groups.find((g) => g.key === "gpt-4o")).toMatchObject({ value: "450", valuePerInference: "1.5", roiMultiple: "15", band: "Excellent" });
    expect(r.valueRecords.map((v) => v.method).sort()).toEqual(["per-inference value", "time saved"]);
  });

  it("a time-saved assumption is AIECON.VALUEFROMTIMESAVED: multiplied first, divided once (1 min × 7/h × 3 = 0.35 exactly)", async () => {
    // Dividing first (1/60 × 7 × 3) gave 0.350…001 at 60 digits; the function gives 0.35.
    const counts = "date,model,requests\n2024-09-10,claude,3\n";
    const r = await summarize([memInput("bill.csv", BILLING), memInput("c.csv", counts, "volume")], {
      period: "month",
      cost: "billed",
      assumptions: [{ key: "claude", minutesSaved: "1", hourlyRate: "7" }],
    });
    const claude = r.groups.find((g) => g.key === "claude");
    expect(claude?.value).toBe("0.35");
    expect(r.valueRecords.find((v) => v.key === "claude")?.method).toBe("time saved");
    expect(claude?.valuePerInference).toBe(new D("0.35").div(3).toSignificantDigits(24).toFixed());
  });

  it("a negative time-saved assumption is refused with its rule", async () => {
    const counts = "date,model,requests\n2024-09-10,claude,3\n";
    await expect(
      summarize([memInput("bill.csv", BILLING), memInput("c.csv", counts, "volume")], {
        period: "month",
        cost: "billed",
        assumptions: [{ key: "claude", minutesSaved: "-1", hourlyRate: "7" }],
      }),
    ).rejects.toThrow(/value assumption for 'claude': minutes_saved is negative/);
  });

  it("an Anthropic cost report JSON: cents ÷ 100, model keys", async () => {
    const doc = {
      data: [
        { starting_at: "2025-08-01T00:00:00Z", ending_at: "2025-08-02T00:00:00Z", results: [
          { currency: "USD", amount: "12345.678", workspace_id: "w1", description: "Claude Sonnet 4 Usage - Input Tokens", cost_type: "tokens", model: "claude-sonnet-4-20250514", token_type: "uncached_input_tokens" },
          { currency: "USD", amount: "0.1", workspace_id: null, description: "x", cost_type: "web_search", model: null, token_type: null },
        ] },
      ],
      has_more: false,
      next_page: null,
    };
    const r = await summarize([memInput("anthropic.json", JSON.stringify(doc))], { period: "day", cost: "billed" });
    expect(r.sources[0].format).toBe("anthropic-cost");
    expect(r.totals).toEqual({ USD: "123.45778" });
    expect(r.groups.map((g) => [g.key, g.cost])).toEqual([["(unattributed)", "0.001"], ["claude-sonnet-4-20250514", "123.45678"]]);
  });

  it("OpenAI cost buckets without results are read and skipped with a reason", async () => {
    const doc = { object: "page", data: [
      { object: "bucket", start_time: 1730419200, results: [] },
      { object: "bucket", start_time: 1730505600, results: [{ object: "organization.costs.result", amount: { value: 0.1000000000000000055511151231257827, currency: "usd" }, line_item: "gpt-4o, input", project_id: "p" }] },
    ] };
    const text = JSON.stringify(doc).replace("0.1", "0.1000000000000000055511151231257827");
    const r = await summarize([memInput("oa.json", text)], { period: "day", cost: "billed" });
    expect(r.sources[0]).toMatchObject({ rowsRead: 2, rowsUsed: 1, rowsSkipped: 1, skipped: { "time bucket without results": 1 } });
    // the amount's source text is kept exactly (no binary float in between)
    expect(r.totals).toEqual({ USD: "0.1000000000000000055511151231257827" });
    expect(r.groups).toMatchObject([{ period: "2024-11-02", key: "gpt-4o", cost: "0.1000000000000000055511151231257827" }]);
  });

  it("a JSON volume export given as billing is an input error", async () => {
    const usage = JSON.stringify({ object: "page", data: [{ start_time: 1730419200, results: [{ object: "organization.usage.completions.result", num_model_requests: 5 }] }] });
    await expect(summarize([memInput("u.json", usage)], { period: "day", cost: "billed" })).rejects.toThrow(/u\.json: this JSON is a volume export/);
  });
});
