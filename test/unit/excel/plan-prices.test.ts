/** The AI Prices and Long Tail column tables (src/excel/plan/prices.ts), placed as the planner will place them. */
import { describe, expect, it } from "vitest";
import { AI_PRICES } from "../../../src/excel/plan/prices";
import { LONG_TAIL } from "../../../src/excel/plan/tail";
import { shippedPrices } from "../../../src/import/prices/table";
import type { TailGroup } from "../../../src/import/tail";

describe("AI Prices and Long Tail column tables", () => {
  it("AI Prices: one row per price entry, blanks where a price is not given, model names made safe", () => {
    const rows = shippedPrices().rows.filter((r) => r.model === "gpt-4o" || r.model === "azure/gpt-4o");
    const b = AI_PRICES.place("AI Prices", [...rows, { ...rows[0], model: "=cmd()" }], undefined).block("values");
    expect(b.cells[0]).toEqual(["Model", "Provider", "Input per 1M tokens", "Output per 1M tokens", "Cached input per 1M tokens", "Batch input per 1M tokens", "Batch output per 1M tokens"]);
    expect(b.cells[1]).toEqual(["azure/gpt-4o", "azure", 2.5, 10, 1.25, "", ""]);
    expect(b.cells[2]).toEqual(["gpt-4o", "openai", 2.5, 10, 1.25, 1.25, 5]);
    expect(b.cells[3][0]).not.toMatch(/^=/);
  });

  it("Long Tail: the figures as numbers, a missing ratio blank, a date-like period kept as text", () => {
    const g: TailGroup = { period: "2023-11-16", key: "code", model: "gpt-4o", rule: "exact", inputPrice: "2.5", outputPrice: "10", requests: 8819, cost: "47.608895", p50: "0.0039475", p90: "0.013513", p95: "0.01860775", p99: "0.01889615", max: "0.02264", tailRatio: null, topShare: "0.1746" };
    const b = LONG_TAIL.place("Long Tail", [{ g, range: null }], { unit: "0.00" }).block("values");
    expect(b.cells[0][10]).toBe("Tail ratio (p95 / p50)");
    expect(b.cells[1]).toEqual(["'2023-11-16", "code", "gpt-4o", 8819, 47.608895, 0.0039475, 0.013513, 0.01860775, 0.01889615, 0.02264, "", 0.1746]);
  });
});
