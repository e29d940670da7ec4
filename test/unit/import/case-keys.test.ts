/**
 * Keys that differ only in case are one key (Excel's SUMIFS, COUNTIFS and `=` ignore case):
 * the first spelling met is kept, in file order then row order, and each file reports the
 * rows it merged. Totals reconcile exactly.
 */
import { describe, expect, it } from "vitest";
import { ImportError, inspect, summarize } from "../../../src/import/index";
import { memInput, sum } from "./helpers";

const MAP = { date: "Day", cost: "Amount", currency: "USD", key: "Model" };
const bill = (rows: [string, string, string][]): string => "Day,Amount,Model\n" + rows.map((r) => r.join(",")).join("\n") + "\n";

describe("keys that differ only in case", () => {
  it("one file: GPT-4o and gpt-4o are one key GPT-4o with the summed cost, and the merge is reported", async () => {
    const text = bill([
      ["2024-09-01", "1.10", "GPT-4o"],
      ["2024-09-02", "2.20", "gpt-4o"],
      ["2024-09-03", "0.000000001", "Gpt-4O"],
      ["2024-09-04", "3.30", "gpt-4o"],
      ["2024-09-05", "5", "claude"],
    ]);
    const r = await summarize([memInput("b.csv", text, "billing", { map: MAP })], { period: "month", cost: "billed" });
    expect(r.groups.map((g) => [g.key, g.cost])).toEqual([
      ["GPT-4o", "6.600000001"],
      ["claude", "5"],
    ]);
    expect(new Set(r.costRecords.map((c) => c.key))).toEqual(new Set(["GPT-4o", "claude"]));
    expect(r.sources[0].caseMerges).toEqual([
      { spelling: "gpt-4o", mergedInto: "GPT-4o", rows: 2 },
      { spelling: "Gpt-4O", mergedInto: "GPT-4o", rows: 1 },
    ]);
    // Nothing lost: the totals reconcile to the last digit.
    expect(r.totals).toEqual({ USD: sum(["1.10", "2.20", "0.000000001", "3.30", "5"]) });
    expect(r.sources[0].totals).toEqual(r.totals);
    expect(sum(r.groups.map((g) => g.cost))).toBe(r.totals.USD);
    expect(sum(r.costRecords.map((c) => c.cost))).toBe(r.totals.USD);
  });

  it("the first spelling met in row order wins, whatever the period", async () => {
    const text = bill([
      ["2024-10-01", "1", "gpt-4o"],
      ["2024-09-01", "2", "GPT-4o"],
    ]);
    const r = await summarize([memInput("b.csv", text, "billing", { map: MAP })], { period: "month", cost: "billed" });
    expect(r.groups.map((g) => [g.period, g.key, g.cost])).toEqual([
      ["2024-09", "gpt-4o", "2"],
      ["2024-10", "gpt-4o", "1"],
    ]);
    expect(r.sources[0].caseMerges).toEqual([{ spelling: "GPT-4o", mergedInto: "gpt-4o", rows: 1 }]);
  });

  it("across files the first file's spelling wins; only the later file reports a merge", async () => {
    const a = memInput("a.csv", bill([["2024-09-01", "1", "GPT-4o"]]), "billing", { map: MAP });
    const b = memInput("b.csv", bill([["2024-09-02", "2", "gpt-4o"], ["2024-09-03", "4", "gpt-4o"]]), "billing", { map: MAP });
    const r = await summarize([a, b], { period: "month", cost: "billed" });
    expect(r.groups.map((g) => [g.key, g.cost])).toEqual([["GPT-4o", "7"]]);
    expect(r.sources[0].caseMerges).toEqual([]);
    expect(r.sources[1].caseMerges).toEqual([{ spelling: "gpt-4o", mergedInto: "GPT-4o", rows: 2 }]);
    // Per-file totals are as each file gave them.
    expect(r.sources.map((s) => s.totals)).toEqual([{ USD: "1" }, { USD: "6" }]);
    const rev = await summarize([b, a], { period: "month", cost: "billed" });
    expect(rev.groups.map((g) => [g.key, g.cost])).toEqual([["gpt-4o", "7"]]);
    expect(rev.sources[1].caseMerges).toEqual([{ spelling: "GPT-4o", mergedInto: "gpt-4o", rows: 1 }]);
  });

  it("volume and value files fold into the same key: one group, inferences and value summed", async () => {
    const billing = memInput("b.csv", bill([["2024-09-01", "10", "GPT-4o"]]), "billing", { map: MAP });
    const counts = memInput("c.csv", "period,model,requests\n2024-09,gpt-4o,100\n2024-09,GPT-4O,50\n2024-09,GPT-4o,25\n", "volume");
    const value = memInput("v.csv", "date,model,value\n2024-09-02,gpt-4o,30\n2024-09-03,GPT-4o,5\n", "value");
    const r = await summarize([billing, counts, value], { period: "month", cost: "billed" });
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]).toMatchObject({ key: "GPT-4o", cost: "10", inferences: 175, value: "35", roiMultiple: "3.5" });
    expect(r.volumeRecords).toEqual([{ period: "2024-09", key: "GPT-4o", inferences: 175, inputTokens: null, outputTokens: null, source: "c.csv" }]);
    expect(r.valueRecords.map((v) => [v.key, v.value])).toEqual([["GPT-4o", "35"]]);
    expect(r.sources[1].caseMerges).toEqual([
      { spelling: "gpt-4o", mergedInto: "GPT-4o", rows: 1 },
      { spelling: "GPT-4O", mergedInto: "GPT-4o", rows: 1 },
    ]);
    expect(r.sources[1].inferences).toBe(175);
    expect(r.sources[2].caseMerges).toEqual([{ spelling: "gpt-4o", mergedInto: "GPT-4o", rows: 1 }]);
  });

  it("a volume file read before the billing file gives its spelling", async () => {
    const counts = memInput("c.csv", "period,model,requests\n2024-09,gpt-4o,100\n", "volume");
    const billing = memInput("b.csv", bill([["2024-09-01", "10", "GPT-4o"]]), "billing", { map: MAP });
    const r = await summarize([counts, billing], { period: "month", cost: "billed" });
    expect(r.groups.map((g) => [g.key, g.inferences])).toEqual([["gpt-4o", 100]]);
    expect(r.sources[1].caseMerges).toEqual([{ spelling: "GPT-4o", mergedInto: "gpt-4o", rows: 1 }]);
  });

  it("the service key and the model tag fold too (default key of a recognised format)", async () => {
    const head = "BilledCost,ChargePeriodStart,BillingCurrency,ServiceName,Tags\n";
    const bySvc = head + "1,2024-09-01,USD,Amazon Bedrock,NULL\n2,2024-09-02,USD,amazon bedrock,NULL\n";
    const s = await summarize([memInput("f.csv", bySvc)], { period: "month", cost: "billed" });
    expect(s.key).toBe("service");
    expect(s.groups.map((g) => [g.key, g.cost])).toEqual([["Amazon Bedrock", "3"]]);
    // The Service column keeps each spelling (it is not a criterion of any formula).
    expect(s.costRecords.map((c) => [c.key, c.service])).toEqual([
      ["Amazon Bedrock", "Amazon Bedrock"],
      ["Amazon Bedrock", "amazon bedrock"],
    ]);
    expect(s.sources[0].caseMerges).toEqual([{ spelling: "amazon bedrock", mergedInto: "Amazon Bedrock", rows: 1 }]);
    const byTag = head + '1,2024-09-01,USD,S,"{""model"":""Claude""}"\n2,2024-09-02,USD,S,"{""model"":""CLAUDE""}"\n';
    const t = await summarize([memInput("f.csv", byTag)], { period: "month", cost: "billed" });
    expect(t.key).toBe("tag:model");
    expect(t.groups.map((g) => [g.key, g.cost])).toEqual([["Claude", "3"]]);
  });

  it("inspect reports the merges within the file", async () => {
    const text =
      "BilledCost,ChargePeriodStart,BillingCurrency,ServiceName,Tags\n" +
      '1,2024-09-01,USD,S,"{""model"":""GPT-4o""}"\n2,2024-09-02,USD,S,"{""model"":""gpt-4o""}"\n';
    const r = await inspect(memInput("f.csv", text));
    expect(r.format).toBe("focus");
    expect(r.caseMerges).toEqual([{ spelling: "gpt-4o", mergedInto: "GPT-4o", rows: 1 }]);
    expect(r.totals).toEqual({ USD: "3" });
  });

  it("keys that differ in accents or spaces stay apart (Excel tells them apart too)", async () => {
    const text = bill([
      ["2024-09-01", "1", "café"],
      ["2024-09-02", "2", "cafe"],
      ["2024-09-03", "4", "CAFÉ"],
    ]);
    const r = await summarize([memInput("b.csv", text, "billing", { map: MAP })], { period: "month", cost: "billed" });
    expect(r.groups.map((g) => [g.key, g.cost])).toEqual([
      ["cafe", "2"],
      ["café", "5"],
    ]);
  });

  it("a value assumption names its key ignoring case; two for the same key are refused", async () => {
    const billing = memInput("b.csv", bill([["2024-09-01", "10", "GPT-4o"]]), "billing", { map: MAP });
    const counts = memInput("c.csv", "period,model,requests\n2024-09,GPT-4o,100\n", "volume");
    const r = await summarize([billing, counts], {
      period: "month",
      cost: "billed",
      assumptions: [{ key: "gpt-4o", valuePerInference: "0.2" }],
    });
    expect(r.groups[0]).toMatchObject({ key: "GPT-4o", value: "20" });
    expect(r.valueRecords).toEqual([{ period: "2024-09", key: "GPT-4o", value: "20", currency: "USD", method: "per-inference value", source: "assumption" }]);
    const twice = summarize([billing, counts], {
      period: "month",
      cost: "billed",
      assumptions: [
        { key: "gpt-4o", valuePerInference: "0.2" },
        { key: "GPT-4O", valuePerInference: "0.3" },
      ],
    });
    await expect(twice).rejects.toThrow(ImportError);
    await expect(twice).rejects.toThrow(/'gpt-4o' and 'GPT-4O' are for the same key/);
  });
});
