/**
 * The long tail over the real Azure LLM inference traces (../shared/data/volume), against an
 * independent computation here: each request's cost from the price table's row in decimal,
 * then PERCENTILE.INC, TAILRATIO and TOPSHARE written out on sorted Decimals.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { summarize } from "../../../src/import/index";
import { fileInput } from "../../../src/import/node";
import { shippedPrices } from "../../../src/import/prices/table";
import { LIMITS_TAIL, TailCollector } from "../../../src/import/tail";
import { DATA, D, memInput } from "./helpers";

type Dec = InstanceType<typeof D>;
const FILES = ["azure_llm_inference_trace_code_2023.csv", "azure_llm_inference_trace_conv_2023.csv"];

function percentileInc(sorted: Dec[], k: string): Dec {
  const h = new D(k).times(sorted.length - 1);
  const lo = h.floor().toNumber();
  const frac = h.minus(lo);
  if (lo >= sorted.length - 1) return sorted[sorted.length - 1];
  return sorted[lo].plus(frac.times(sorted[lo + 1].minus(sorted[lo])));
}

function independent(file: string, model: string) {
  const row = shippedPrices().rows.find((r) => r.model === model)!;
  const perTokIn = new D(row.input!).div(1e6);
  const perTokOut = new D(row.output!).div(1e6);
  const lines = readFileSync(join(DATA, "volume", file), "utf8").trim().split(/\r?\n/).slice(1);
  const costs = lines.map((l) => {
    const [, i, o] = l.split(",");
    return new D(i).times(perTokIn).plus(new D(o).times(perTokOut));
  });
  costs.sort((a, b) => a.cmp(b));
  const total = costs.reduce((s, c) => s.plus(c), new D(0));
  const k = Math.ceil(0.05 * costs.length);
  const top = costs.slice(costs.length - k).reduce((s, c) => s.plus(c), new D(0));
  const p50 = percentileInc(costs, "0.5");
  const p95 = percentileInc(costs, "0.95");
  return {
    requests: costs.length,
    cost: total.toFixed(),
    p50: p50.toFixed(),
    p90: percentileInc(costs, "0.9").toFixed(),
    p95: p95.toFixed(),
    p99: percentileInc(costs, "0.99").toFixed(),
    max: costs[costs.length - 1].toFixed(),
    tailRatio: p95.div(p50).toSignificantDigits(24).toFixed(),
    topShare: top.div(total).toSignificantDigits(24).toFixed(),
  };
}

async function tail(model: string | undefined, inputs = FILES.map((f) => fileInput(join(DATA, "volume", f), "volume", { fixedKey: f.replace(/\.csv$/, "") }))) {
  const c = new TailCollector(shippedPrices(), model);
  const r = await summarize(inputs, { period: "day", cost: "billed", onRequest: c.add });
  return { import: r, tail: c.result() };
}

describe("long tail over the real Azure traces", () => {
  for (const model of ["gpt-4o", "gpt-4o-mini", "anthropic.claude-3-5-sonnet-20240620-v1:0"]) {
    it(`priced at ${model}: every figure equals the independent computation`, async () => {
      const { import: r, tail: t } = await tail(model);
      expect(r.sources.map((s) => s.rowsRejected)).toEqual([0, 0]);
      expect(t.groups.map((g) => [g.period, g.key])).toEqual([
        ["2023-11-16", "azure_llm_inference_trace_code_2023"],
        ["2023-11-16", "azure_llm_inference_trace_conv_2023"],
      ]);
      expect(t.groups.map((g) => g.requests)).toEqual([8819, 19366]);
      for (const g of t.groups) {
        const want = independent(`${g.key}.csv`, model);
        expect({ requests: g.requests, cost: g.cost, p50: g.p50, p90: g.p90, p95: g.p95, p99: g.p99, max: g.max, tailRatio: g.tailRatio, topShare: g.topShare }).toEqual(want);
        expect(g).toMatchObject({ model, rule: "exact" });
      }
      expect(t.unpriced).toEqual([]);
      expect(t.priceTable.date).toBe("2026-07-24");
    });
  }

  it("a figure checked by hand: the code trace's max request at gpt-4o", async () => {
    const { tail: t } = await tail("gpt-4o");
    const lines = readFileSync(join(DATA, "volume", FILES[0]), "utf8").trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
    // The costliest request by input × 2.5 + output × 10 (per million), found in integers.
    const best = lines.reduce((a, b) => (b[1] * 25 + b[2] * 100 > a[1] * 25 + a[2] * 100 ? b : a));
    expect(t.groups[0].max).toBe(new D(best[1] * 25 + best[2] * 100).div(1e7).toFixed());
  });
});

describe("keys, unmatched models and limits", () => {
  const log = "timestamp,model,input_tokens,output_tokens\n2024-01-01,gpt-4o,1000,100\n2024-01-01,GPT-4o,2000,0\n2024-01-02,prod-chat,5,5\n2024-01-02,gpt-4o,,10\n2024-02-01,azure/gpt-4o-mini,100,100\n";
  it("each key is matched as a model; an unmatched one is listed with its requests; missing tokens are counted", async () => {
    const c = new TailCollector(shippedPrices());
    await summarize([memInput("log.csv", log, "volume")], { period: "month", cost: "billed", onRequest: c.add });
    const t = c.result();
    expect(t.groups.map((g) => [g.period, g.key, g.model, g.requests, g.cost])).toEqual([
      ["2024-01", "gpt-4o", "gpt-4o", 2, "0.0085"], // 1000×2.5+100×10 = 3500, 2000×2.5 = 5000 (per million)
      ["2024-02", "azure/gpt-4o-mini", "azure/gpt-4o-mini", 1, "0.0000825"], // 100×0.165+100×0.66 = 82.5
    ]);
    expect(t.groups[0]).toMatchObject({ p50: "0.00425", max: "0.005", topShare: new D(5000).div(8500).toSignificantDigits(24).toFixed() });
    expect(t.unpriced).toEqual([{ key: "prod-chat", reason: "no price entry by any rule", requests: 1 }]);
    expect(t.requestsWithoutTokens).toBe(1);
  });

  it("a model that matches no entry is refused; a counts file gives no requests", async () => {
    expect(() => new TailCollector(shippedPrices(), "prod-chat")).toThrow(/model 'prod-chat': no price entry/);
    const c = new TailCollector(shippedPrices(), "gpt-4o");
    await summarize([memInput("counts.csv", "period,model,requests,input_tokens,output_tokens\n2024-09,claude,3000,10,20\n", "volume")], { period: "month", cost: "billed", onRequest: c.add });
    expect(c.result().groups).toEqual([]);
  });

  it("past the request limit the import fails, naming the limit", async () => {
    const saved = LIMITS_TAIL.maxRequests;
    LIMITS_TAIL.maxRequests = 3;
    try {
      const c = new TailCollector(shippedPrices(), "gpt-4o");
      const four = "timestamp,input_tokens,output_tokens\n" + "2024-01-01,1,1\n".repeat(4);
      await expect(summarize([memInput("log.csv", four, "volume")], { period: "month", cost: "billed", onRequest: c.add })).rejects.toMatchObject({ code: "too-large", message: expect.stringContaining("more than 3 priced requests") });
    } finally {
      LIMITS_TAIL.maxRequests = saved;
    }
  });
});
