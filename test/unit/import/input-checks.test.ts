/**
 * Early, precise input checks (docs/input-checks.md): an amount Excel cannot hold is a rejected
 * row with its line; one Excel would round is used exactly, with a warning and its line; counts
 * say why they are not counts.
 */
import { describe, expect, it } from "vitest";
import { inspect, summarize } from "../../../src/import/index";
import { checkAmount, readCount } from "../../../src/core/excel-number";
import { D, memInput } from "./helpers";

const HEAD = "BilledCost,ChargePeriodStart,BillingCurrency,ServiceName\n";
const row = (cost: string) => `${cost},2024-09-02 00:00:00,USD,Bedrock\n`;

describe("amounts against what a cell holds", () => {
  it("rejects 1e400 and -1e308 with file and line; the total leaves them out", async () => {
    const text = HEAD + row("10") + row("1e400") + row("-1e308") + row("9.99999999999999E+307");
    const r = await inspect(memInput("big.csv", text), { asKind: "billing" });
    expect(r.report.rejected).toEqual([
      { line: 3, reason: "the cost 1e400 is beyond what Excel can hold (±9.99999999999999E+307)" },
      { line: 4, reason: "the cost -1e308 is beyond what Excel can hold (±9.99999999999999E+307)" },
    ]);
    expect(r.report.rowsUsed).toBe(2);
    expect(r.report.totals.USD).toBe(new D("9.99999999999999e307").plus(10).toFixed());
  });

  it("uses an amount with more than 15 significant digits exactly, with a warning naming the line", async () => {
    const text = HEAD + row("0.1234567890123456789") + row("1234567890.12345") + row("100.000000000000000000");
    const s = await summarize([memInput("long.csv", text)], { period: "month", cost: "billed" });
    const src = s.sources[0];
    expect(src.rowsRejected).toBe(0);
    expect(src.rowsWarned).toBe(1);
    expect(src.warnings).toEqual([
      { line: 2, reason: "the cost 0.1234567890123456789 has 19 significant digits; Excel keeps 15 (0.123456789012346); the totals stay exact" },
    ]);
    expect(s.totals.USD).toBe(new D("0.1234567890123456789").plus("1234567890.12345").plus(100).toFixed());
  });

  it("the same rule for value files, and plain short amounts are never parsed", () => {
    expect(checkAmount("12.5", "the value")).toBeNull();
    expect(checkAmount("-0.0007180008", "the cost")).toBeNull();
    expect(checkAmount("5.64902E-05", "the cost")).toBeNull();
    expect(checkAmount("1e-400", "the value")).toEqual({ warn: "the value 1e-400 is below Excel's smallest number: the cell holds 0 (the totals stay exact)" });
  });
});

describe("counts", () => {
  it("say 'must not be negative', 'too large' or 'not a whole number'", () => {
    expect(readCount("-5", "requests")).toEqual({ problem: "requests must not be negative: '-5'" });
    expect(readCount("1e23", "requests")).toEqual({ problem: "requests is too large (over 2^53): '1e23'" });
    expect(readCount("9007199254740992", "requests")).toEqual({ problem: "requests is too large (over 2^53): '9007199254740992'" });
    expect(readCount("1.5", "requests")).toEqual({ problem: "requests is not a whole number: '1.5'" });
    expect(readCount("abc", "requests")).toEqual({ problem: "requests is not a whole number: 'abc'" });
    expect(readCount("9007199254740991", "requests")).toBe(9007199254740991);
    expect(readCount("1.2E+3", "requests")).toBe(1200);
    expect(readCount(" 12.0 ", "requests")).toBe(12);
  });

  it("reach the file's rejected rows with their lines", async () => {
    const vol = "date,key,requests\n2024-09-01,a,-5\n2024-09-01,a,1e23\n2024-09-01,a,1.5\n2024-09-01,a,7\n";
    const r = await inspect(memInput("v.csv", vol, "volume"), { asKind: "volume" });
    expect(r.report.rejected).toEqual([
      { line: 2, reason: "requests must not be negative: '-5'" },
      { line: 3, reason: "requests is too large (over 2^53): '1e23'" },
      { line: 4, reason: "requests is not a whole number: '1.5'" },
    ]);
    expect(r.report.inferences).toBe(7);
  });
});
