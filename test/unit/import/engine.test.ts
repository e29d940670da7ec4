/** summarize across sources: impossible dates are rejected rows, and the result names what keyed its groups. */
import { describe, expect, it } from "vitest";
import { summarize } from "../../../src/import/index";
import { isValidLabel } from "../../../src/core/period";
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
