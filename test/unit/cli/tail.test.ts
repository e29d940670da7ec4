/**
 * `aiecon tail` and summarize's listCost, run in-process (src/cli/run.ts): figures against
 * independent integer arithmetic on the real Azure traces, keys, models, usage errors.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../../src/cli/run";
import { parseTailArgs } from "../../../src/cli/tail";

const DATA = resolve(__dirname, "../../../../shared/data");
const CODE = join(DATA, "volume/azure_llm_inference_trace_code_2023.csv");
const CONV = join(DATA, "volume/azure_llm_inference_trace_conv_2023.csv");
const tmp = mkdtempSync(join(tmpdir(), "aiecon-tail-"));

async function aiecon(...args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const status = await run(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { status, out, err };
}

/** Tokens of a trace, and its total cost at input / output prices per million in tenths of a cent-millionth (integers). */
function tokens(path: string): [number, number][] {
  return readFileSync(path, "utf8").trim().split("\n").slice(1).map((l) => {
    const [, i, o] = l.split(",");
    return [Number(i), Number(o)];
  });
}

describe("aiecon tail", () => {
  it("prices the Azure traces at --model; totals, max and request counts equal integer arithmetic here", async () => {
    const r = await aiecon("tail", "--volume", CODE, "--volume", CONV, "--model", "gpt-4o", "--period", "day", "--json");
    expect(r.err).toBe("");
    expect(r.status).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.tail.groups.map((g: { key: string }) => g.key)).toEqual(["azure_llm_inference_trace_code_2023", "azure_llm_inference_trace_conv_2023"]);
    for (const [g, path] of [[j.tail.groups[0], CODE], [j.tail.groups[1], CONV]] as const) {
      // gpt-4o: 2.5 and 10 per million tokens = 25 and 100 per 10^7.
      const t = tokens(path);
      const costs = t.map(([i, o]) => BigInt(i) * 25n + BigInt(o) * 100n);
      const total = costs.reduce((a, b) => a + b, 0n);
      const max = costs.reduce((a, b) => (b > a ? b : a), 0n);
      expect(g.requests).toBe(t.length);
      expect(g.cost).toBe(tenMillionths(total));
      expect(g.max).toBe(tenMillionths(max));
      expect(g).toMatchObject({ model: "gpt-4o", rule: "exact", inputPrice: "2.5", outputPrice: "10" });
    }
    expect(j.sources.map((s: { rowsRejected: number }) => s.rowsRejected)).toEqual([0, 0]);
  });

  it("the table, keys from --key, and unpriced keys listed (never guessed)", async () => {
    const t = await aiecon("tail", "--volume", CODE, "--model", "azure/gpt-4o", "--key", "code-assistant");
    expect(t.status).toBe(0);
    expect(t.out).toMatch(/Period\s+Key\s+Model\s+Requests\s+Cost\s+p50\s+p90\s+p95\s+p99\s+Max\s+Tail ratio\s+Top 5% share/);
    expect(t.out).toMatch(/2023-11\s+code-assistant\s+azure\/gpt-4o\s+8819\s+47\.608895\s/);
    const log = join(tmp, "log.csv");
    writeFileSync(log, "timestamp,deployment,input_tokens,output_tokens\n2024-03-01T10:00:00,prod-chat,10,10\n2024-03-01T10:00:01,gpt-4o-mini-2024-07-18,1000,1000\nnot a date,gpt-4o-mini,1,1\n");
    const u = await aiecon("tail", "--volume", log);
    expect(u.status).toBe(3); // one row rejected
    expect(u.out).toContain("rejected line 4: timestamp is not a date: 'not a date'");
    expect(u.out).toContain("unpriced key prod-chat (1 requests): no price entry by any rule; name its model with --model");
    expect(u.out).toMatch(/2024-03\s+gpt-4o-mini-2024-07-18\s+gpt-4o-mini-2024-07-18\s+1\s+0\.00075\s/); // 1000 × 0.15 + 1000 × 0.6 per million
  });

  it("usage and input errors", async () => {
    expect((await aiecon("tail")).status).toBe(2);
    expect((await aiecon("tail", "--volume", CODE, "--period", "hour")).err).toContain("--period must be");
    expect((await aiecon("tail", "--volume", CODE, "--bogus", "1")).err).toContain("unknown option '--bogus'");
    expect((await aiecon("tail", "--volume", CODE, "--model")).err).toContain("--model needs a value");
    const m = await aiecon("tail", "--volume", CODE, "--model", "prod-chat");
    expect(m).toMatchObject({ status: 1, err: "aiecon: model 'prod-chat': no price entry by any rule\n" });
    const p = await aiecon("tail", "--volume", CODE, "--model", "x", "--prices", join(tmp, "none.json"));
    expect(p.status).toBe(1);
    expect(p.err).toContain("none.json: the file cannot be read (ENOENT)");
    expect(parseTailArgs(["--volume=a.csv", "--prices=p.json", "--json"])).toEqual({ files: ["a.csv"], prices: "p.json", period: "month", json: true });
  });

  it("--prices: a user's table (a LiteLLM map) prices the requests", async () => {
    const prices = join(tmp, "negotiated.json");
    writeFileSync(prices, JSON.stringify({ "my-gpt": { input_cost_per_token: 2e-6, output_cost_per_token: 8e-6, litellm_provider: "azure" } }));
    const r = await aiecon("tail", "--volume", CODE, "--model", "my-gpt", "--prices", prices, "--json");
    expect(r.status).toBe(0);
    const g = JSON.parse(r.out).tail.groups[0];
    const total = tokens(CODE).reduce((a, [i, o]) => a + BigInt(i) * 2n + BigInt(o) * 8n, 0n);
    expect(g).toMatchObject({ model: "my-gpt", inputPrice: "2", outputPrice: "8", cost: millionths(total) });
  });
});

describe("aiecon summarize --json: listCost", () => {
  it("each group with tokens gains its list-price cost; an unmatched key is listed", async () => {
    const counts = join(tmp, "counts.csv");
    writeFileSync(counts, "period,model,requests,input_tokens,output_tokens\n2024-09,gpt-4o,3000,1000000,200000\n2024-09,prod-chat,5,10,10\n2024-10,gpt-4o,7,,\n");
    const bill = join(tmp, "bill.csv");
    writeFileSync(bill, 'BilledCost,ChargePeriodStart,BillingCurrency,ServiceName,Tags\n4.5,2024-09-02 00:00:00,USD,OpenAI,"{""model"":""gpt-4o""}"\n');
    const r = await aiecon("summarize", "--billing", bill, "--volume", counts, "--json");
    expect(r.status).toBe(0);
    const j = JSON.parse(r.out);
    const g = (p: string, k: string) => j.groups.find((x: { period: string; key: string }) => x.period === p && x.key === k);
    // 1,000,000 × 2.5 + 200,000 × 10 per million = 4.5.
    expect(g("2024-09", "gpt-4o")).toMatchObject({ cost: "4.5", listCost: "4.5", listModel: "gpt-4o", listRule: "exact" });
    expect(g("2024-10", "gpt-4o")?.listCost).toBeUndefined(); // no tokens
    expect(g("2024-09", "prod-chat")?.listCost).toBeUndefined();
    expect(j.listPrices).toEqual({ source: expect.stringContaining("BerriAI/litellm"), date: "2026-07-24", currency: "USD", unmatched: [{ key: "prod-chat", reason: "no price entry by any rule" }] });
    // No tokens anywhere: the result is the engine's, unchanged.
    const plain = await aiecon("summarize", "--billing", bill, "--json");
    expect(JSON.parse(plain.out).listPrices).toBeUndefined();
  });
});

function tenMillionths(v: bigint): string {
  return decimalOf(v, 7);
}
function millionths(v: bigint): string {
  return decimalOf(v, 6);
}
function decimalOf(v: bigint, places: number): string {
  const s = v.toString().padStart(places + 1, "0");
  return `${s.slice(0, -places)}.${s.slice(-places)}`.replace(/0+$/, "").replace(/\.$/, "");
}
