/**
 * The match report: its figures are the engine's, checked against the engine's groups and
 * against sums computed here from the input rows.
 */
import { describe, expect, it } from "vitest";
import { summarize } from "../../../src/import/index";
import { matchReport } from "../../../src/import/match";
import { NO_KEY } from "../../../src/import/keys";
import { D, memInput, sum } from "./helpers";

const MAP = { date: "Day", cost: "Amount", currency: "USD", key: "Model" };
const BILL =
  "Day,Amount,Model\n" +
  "2024-09-01,10.10,gpt-4o\n" +
  "2024-09-02,5.05,claude\n" +
  "2024-09-03,2.5,\n" + // unattributed
  "2024-10-01,7.25,gpt-4o\n" +
  "2024-10-02,0.000000001,mistral\n";
const VOL =
  "date,key,requests\n" +
  "2024-09-01,gpt-4o ,100\n" + // trailing space: trimmed and merged into gpt-4o
  "2024-09-02,Claude,40\n" + // case: merged into claude
  "2024-09-05,llama,7\n" + // a key no cost has
  "2024-11-01,gpt-4o,9\n"; // a period without cost

describe("match report", () => {
  it("lists per source the keys and periods that matched nothing, the merges, and per period the groups without volume and the unattributed share", async () => {
    const r = await summarize([memInput("bill.csv", BILL, "billing", { map: MAP }), memInput("vol.csv", VOL, "volume")], { period: "month", cost: "billed" });
    const m = matchReport(r);
    // Merges: trailing space (trimmed) and case; the volume then matches the cost.
    expect(m.sources[1].merges).toEqual([
      { spelling: "gpt-4o ", mergedInto: "gpt-4o", rows: 1, how: "spaces" },
      { spelling: "Claude", mergedInto: "claude", rows: 1, how: "case" },
    ]);
    expect(r.groups.find((g) => g.period === "2024-09" && g.key === "gpt-4o")?.inferences).toBe(100);
    expect(r.volumeRecords.map((v) => v.key)).not.toContain("gpt-4o ");
    // Volume keys without cost, with their inferences; volume periods without cost.
    expect(m.sources[1].unmatchedKeys).toEqual([{ key: "llama", amounts: {}, inferences: 7 }]);
    expect(m.sources[1].unmatchedPeriods).toEqual([{ period: "2024-11", amounts: {}, inferences: 9 }]);
    expect(m.volumeWithoutCost).toEqual([{ period: "2024-11", inferences: 9 }]);
    // Billing keys and periods without volume, with their cost.
    expect(m.sources[0].unmatchedKeys).toEqual([
      { key: "(unattributed)", amounts: { USD: "2.5" }, inferences: 0 },
      { key: "mistral", amounts: { USD: "0.000000001" }, inferences: 0 },
    ]);
    expect(m.sources[0].unmatchedPeriods).toEqual([{ period: "2024-10", amounts: { USD: sum(["7.25", "0.000000001"]) }, inferences: 0 }]);
    // Per period: cost, unattributed share, groups without volume: equal to the engine's groups.
    for (const p of m.periods) {
      const gs = r.groups.filter((g) => g.period === p.period && g.currency === p.currency);
      expect(p.cost).toBe(sum(gs.map((g) => g.cost)));
      expect(p.groupsWithoutVolume).toBe(gs.filter((g) => g.inferences === null).length);
      expect(p.costWithoutVolume).toBe(sum(gs.filter((g) => g.inferences === null).map((g) => g.cost)));
      expect(p.unattributedCost).toBe(sum(gs.filter((g) => g.key === "(unattributed)").map((g) => g.cost)));
    }
    expect(m.periods.map((p) => [p.period, p.cost, p.unattributedShare, p.groupsWithoutVolume])).toEqual([
      ["2024-09", "17.65", new D("2.5").div("17.65").toSignificantDigits(24).toFixed(), 1],
      ["2024-10", "7.250000001", "0", 2],
    ]);
    expect(m.totals.groupsWithoutVolume).toBe(r.groups.filter((g) => g.inferences === null).length);
    expect(m.totals).toMatchObject({ groups: r.groups.length, unmatchedKeys: 3, unmatchedPeriods: 2, merges: 2 });
  });

  it("a request log without keys is not matched to unattributed cost when cost has keys; it is when all cost is unattributed", async () => {
    const log = "timestamp,input_tokens,output_tokens\n2024-09-01T10:00:00Z,10,2\n2024-09-02T10:00:00Z,12,3\n";
    const r = await summarize([memInput("bill.csv", BILL, "billing", { map: MAP }), memInput("log.csv", log, "volume")], { period: "month", cost: "billed" });
    expect(r.sources[1].format).toBe("request-log");
    const un = r.groups.find((g) => g.period === "2024-09" && g.key === "(unattributed)");
    expect(un).toMatchObject({ cost: "2.5", inferences: null, costPerInference: null });
    expect(r.volumeRecords.map((v) => [v.key, v.inferences])).toEqual([[NO_KEY, 2]]);
    const m = matchReport(r);
    expect(m.noKeyInferences).toBe(2);
    expect(m.sources[1].unmatchedKeys).toEqual([{ key: NO_KEY, amounts: {}, inferences: 2 }]);

    const single = "Day,Amount\n2024-09-01,3\n2024-09-02,1\n";
    const s = await summarize([memInput("b.csv", single, "billing", { map: { date: "Day", cost: "Amount", currency: "USD" } }), memInput("log.csv", log, "volume")], {
      period: "month",
      cost: "billed",
    });
    expect(s.groups).toMatchObject([{ key: "(unattributed)", cost: "4", inferences: 2, costPerInference: "2" }]);
    expect(matchReport(s).noKeyInferences).toBe(0);
  });
});
