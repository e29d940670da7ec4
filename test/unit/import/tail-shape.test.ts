/** Bins and Pareto points of the long tail (src/import/tail-shape.ts) on hand-checked requests. */
import { describe, expect, it } from "vitest";
import { binEdge, PARETO_SHARES } from "../../../src/import/tail-shape";
import { LongTailCollector } from "../../../src/import/tail-rows";
import { shippedPrices } from "../../../src/import/prices/table";

describe("tail shape", () => {
  it("edges: 1, 1.78, 3.16, 5.62 per decade, exact decimals", () => {
    expect([-12, -11, -10, -9, -8, 0, 3].map((j) => binEdge(j).toFixed())).toEqual(["0.001", "0.00178", "0.00316", "0.00562", "0.01", "1", "5.62"]);
    expect(PARETO_SHARES[0]).toBe("0.05");
    expect(PARETO_SHARES[19]).toBe("1");
  });

  it("a cost on an edge is in the bin it opens; zero-cost requests are in none; Pareto is the exact top share", () => {
    // gpt-4o: 2.5 and 10 per million. 400 input tokens = 0.001 exactly; 0 tokens = 0; 1000 output = 0.01.
    const c = new LongTailCollector(shippedPrices(), "gpt-4o");
    c.add("2024-01", "k", 400, 0);
    c.add("2024-01", "k", 0, 0);
    c.add("2024-01", "k", 0, 1000);
    c.add("2024-01", "k", 711, 0); // 0.0017775: below 0.00178
    const g = c.result().tail.groups[0];
    expect(g.shape?.zero).toBe(1);
    expect(g.shape?.bins).toEqual([{ bin: -12, count: 2 }, { bin: -8, count: 1 }]);
    // n = 4: ceil(q × 4) requests; the top one is 0.01 of 0.0127775.
    expect(g.shape?.pareto[0]).toBe(g.shape?.pareto[4]); // 5 % and 25 %: one request each
    expect(Number(g.shape?.pareto[0])).toBeCloseTo(0.01 / 0.0127775, 15);
    expect(g.shape?.pareto[19]).toBe("1");
  });
});
