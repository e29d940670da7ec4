/** The shipped price table (scripts/build-prices.ts) and the model-name matching rules. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildText, DEFAULT_FROM, DEFAULT_OUT } from "../../../scripts/build-prices";
import { perMillion, rowsFromLiteLLM } from "../../../src/import/prices/convert";
import { isMatch, PriceMatcher, reduced } from "../../../src/import/prices/match";
import { parsePriceText, shippedPrices } from "../../../src/import/prices/table";

const RAW = JSON.parse(readFileSync(DEFAULT_FROM, "utf8")) as Record<string, Record<string, unknown>>;

describe("price table build", () => {
  it("the shipped file equals a fresh build of the LiteLLM map", () => {
    expect(readFileSync(DEFAULT_OUT, "utf8")).toBe(buildText());
  });

  it("keeps its licence notice beside it", () => {
    const notice = readFileSync(join(DEFAULT_OUT, "../LICENSE-litellm.txt"), "utf8");
    expect(notice).toContain("MIT License");
    expect(notice).toContain("Copyright (c) 2023 Berri AI");
    expect(shippedPrices().licence).toContain("LICENSE-litellm.txt");
  });

  it("known entries, checked by hand against the map", () => {
    const t = shippedPrices();
    expect(t.date).toBe("2026-07-24");
    const row = (id: string) => t.rows.find((r) => r.model === id);
    // gpt-4o: 0.0000025 / 0.00001 per token, cache read 0.00000125, batches 0.00000125 / 0.000005.
    expect(row("gpt-4o")).toEqual({ model: "gpt-4o", provider: "openai", mode: "chat", input: "2.5", output: "10", cachedInput: "1.25", batchInput: "1.25", batchOutput: "5" });
    expect(row("anthropic.claude-3-5-sonnet-20240620-v1:0")).toMatchObject({ provider: "bedrock", input: "3", output: "15", cachedInput: "0.3", batchInput: null });
    expect(row("azure/gpt-4o")).toMatchObject({ provider: "azure", input: "2.5", output: "10", cachedInput: "1.25", batchInput: null, batchOutput: null });
    // 2e-7 × 1e6 is 0.19999999999999998 in binary64; the table says 0.2.
    expect(2e-7 * 1e6).not.toBe(0.2);
    expect(row("ai21.jamba-1-5-mini-v1:0")).toMatchObject({ input: "0.2", output: "0.4" });
    expect(row("sample_spec")).toBeUndefined();
    // Image-only entries (no token price) are left out; every token-priced entry is in.
    expect(row("1024-x-1024/dall-e-2")).toBeUndefined();
    const tokenPriced = Object.entries(RAW).filter(([k, v]) => k !== "sample_spec" && (typeof v.input_cost_per_token === "number" || typeof v.output_cost_per_token === "number"));
    expect(t.rows.length).toBe(tokenPriced.length);
  });

  it("every price is the map's per-token number × 1e6, exactly", () => {
    for (const r of shippedPrices().rows) {
      const e = RAW[r.model];
      for (const [col, field] of [["input", "input_cost_per_token"], ["output", "output_cost_per_token"], ["cachedInput", "cache_read_input_token_cost"]] as const) {
        const v = e[field];
        if (typeof v !== "number") expect(r[col]).toBeNull();
        // Independent: shift the decimal point of the shortest form by six places in BigInt.
        else expect(r[col]).toBe(shiftSix(String(v)));
      }
    }
  });

  it("perMillion refuses what is not a price; a user table is checked", () => {
    expect(perMillion(1.5e-7)).toBe("0.15");
    expect(perMillion(0)).toBe("0");
    expect(() => perMillion(-1e-6)).toThrow(RangeError);
    expect(() => parsePriceText("{", "p.json")).toThrow(/p\.json: not JSON/);
    expect(() => parsePriceText('{"columns":["model","provider","mode","input","output","cachedInput","batchInput","batchOutput"],"rows":[["m","","","=1",null,null,null,null]]}', "p.json")).toThrow(/m: input is not a price/);
    const lite = parsePriceText('{"my-model":{"input_cost_per_token":3e-6,"output_cost_per_token":1.5e-5,"litellm_provider":"x"}}', "mine.json");
    expect(lite.rows).toEqual(rowsFromLiteLLM({ "my-model": { input_cost_per_token: 3e-6, output_cost_per_token: 1.5e-5, litellm_provider: "x" } }));
    expect(lite.rows[0]).toMatchObject({ model: "my-model", input: "3", output: "15" });
  });
});

/** The decimal text of a number's shortest form × 10^6, by string and BigInt arithmetic. */
function shiftSix(s: string): string {
  const [mant, exp = "0"] = s.split("e");
  const [int, frac = ""] = mant.split(".");
  const e = Number(exp) + 6 - frac.length; // value = (int frac) × 10^e
  const digits = BigInt(int + frac);
  if (e >= 0) return (digits * 10n ** BigInt(e)).toString();
  const str = digits.toString().padStart(-e + 1, "0");
  const out = `${str.slice(0, e)}.${str.slice(e)}`.replace(/0+$/, "").replace(/\.$/, "");
  return out;
}

describe("model-name matching", () => {
  const m = new PriceMatcher(shippedPrices());
  const hit = (name: string) => {
    const r = m.match(name);
    return isMatch(r) ? [r.row.model, r.rule] : ["-", r.reason];
  };
  it("exact id, ignoring case", () => {
    expect(hit("gpt-4o-2024-08-06")).toEqual(["gpt-4o-2024-08-06", "exact"]);
    expect(hit(" GPT-4o ")).toEqual(["gpt-4o", "exact"]);
    expect(hit("anthropic.claude-3-5-sonnet-20240620-v1:0")).toEqual(["anthropic.claude-3-5-sonnet-20240620-v1:0", "exact"]);
    expect(hit("azure/gpt-4o")).toEqual(["azure/gpt-4o", "exact"]);
  });
  it("provider prefix stripped", () => {
    expect(hit("bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0")).toEqual(["anthropic.claude-3-5-sonnet-20240620-v1:0", "provider prefix"]);
    expect(hit("my-proxy/gpt-4o-mini")).toEqual(["gpt-4o-mini", "provider prefix"]);
    expect(hit("bedrock/eu.anthropic.claude-sonnet-4-6")).toEqual(["eu.anthropic.claude-sonnet-4-6", "provider prefix"]);
  });
  it("date suffix stripped", () => {
    expect(hit("gpt-4o-2099-01-01")).toEqual(["gpt-4o", "date suffix"]);
    expect(hit("azure/gpt-4o-20990101")).toEqual(["azure/gpt-4o", "date suffix"]);
    expect(hit("anthropic.claude-sonnet-4-6-v1:0")).toEqual(["anthropic.claude-sonnet-4-6", "date suffix"]);
  });
  it("unmatched names are listed with the reason, never guessed", () => {
    expect(hit("prod-chat")).toEqual(["-", "no price entry by any rule"]);
    expect(hit("Claude4.6Sonnet")).toEqual(["-", "no price entry by any rule"]);
    expect(hit("")).toEqual(["-", "no model name"]);
  });
  it("an ambiguous reduced name is unmatched, its prices listed", () => {
    const t = { source: "t", licence: "", date: "", unit: "", rows: [row("a/model-x-20240101", "1", "2"), row("b/model-x-20250101", "3", "4")] };
    const r = new PriceMatcher(t).match("model-x");
    expect(r).toEqual({ name: "model-x", reason: "ambiguous: 2 entries at 2 prices: 1 / 2 (a/model-x-20240101), 3 / 4 (b/model-x-20250101)" });
    const same = { ...t, rows: [row("a/model-x-20240101", "1", "2"), row("b/model-x-20250101", "1", "2")] };
    expect(new PriceMatcher(same).match("model-x")).toMatchObject({ rule: "same model", row: { model: "a/model-x-20240101" } });
    expect(reduced("bedrock/us.anthropic.claude-3-5-sonnet-20240620-v1:0")).toBe("claude-3-5-sonnet");
  });
});

function row(model: string, input: string, output: string) {
  return { model, provider: "", mode: "chat", input, output, cachedInput: null, batchInput: null, batchOutput: null };
}
