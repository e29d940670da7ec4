/**
 * The task pane's pricing choices as the planner takes them: Scenarios candidates typed in the
 * pane after the data's three cheapest models (their rows added to AI Prices, a name the table
 * does not have left out), and *Price requests as* pricing every volume key with tokens.
 */
import { describe, expect, it } from "vitest";
import { planWorkbook } from "../../../src/excel/plan";
import type { SheetPlan } from "../../../src/excel/plan/types";
import { shippedPrices } from "../../../src/import/prices/table";
import { sampleResult } from "./fixtures";

const OPTS = { period: "month" as const, fiscalStartMonth: 1, prices: shippedPrices() };
const sheet = (sheets: SheetPlan[], name: string): SheetPlan => {
  const s = sheets.find((x) => x.name === name);
  if (s === undefined) throw new Error(`no sheet ${name}`);
  return s;
};
const column = (s: SheetPlan, col: number): unknown[] => s.blocks.flatMap((b) => b.cells.map((r) => r[col]));
const candidates = (s: SheetPlan): unknown[] => s.blocks[0].cells.filter((r) => String(r[0]).startsWith("Candidate model")).map((r) => r[1]);

describe("pane choices in the plan", () => {
  it("Scenarios compares the data's cheapest models, then the typed ones (matched by the rules), which join AI Prices", () => {
    const plain = planWorkbook(sampleResult(), OPTS).sheets;
    expect(candidates(sheet(plain, "Scenarios"))).toEqual(["gpt-4o"]);
    const typed = planWorkbook(sampleResult(), { ...OPTS, scenarioCandidates: ["GPT-4o-mini", "gpt-4o", "no-such-model"] }).sheets;
    expect(candidates(sheet(typed, "Scenarios"))).toEqual(["gpt-4o", "gpt-4o-mini"]);
    expect(column(sheet(typed, "AI Prices"), 0)).toEqual(["Model", "gpt-4o", "gpt-4o-mini"]);
  });

  it("priceModel prices every volume key with tokens as that model", () => {
    const plan = planWorkbook(sampleResult(), { ...OPTS, priceModel: "gpt-4o-mini-2024-07-18" }).sheets;
    expect(column(sheet(plan, "AI Prices"), 0)).toEqual(["Model", "gpt-4o-mini-2024-07-18"]);
    const ue = sheet(plan, "Unit Economics");
    const head = ue.blocks[0].cells[0];
    const pricedAs = head.indexOf("Priced as");
    const gpt = ue.blocks[0].cells.find((r) => r.includes("gpt-4o"));
    expect(gpt?.[pricedAs]).toBe("gpt-4o-mini-2024-07-18");
  });
});
