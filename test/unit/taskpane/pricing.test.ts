/**
 * The task pane's pricing choices (src/taskpane/pricing.ts) over files inspected by the real
 * engine: the real Azure traces (request logs without a model column), a request log with a
 * model column and a counts file; the defaults, the Import blockers and what goes to the worker
 * and the writer.
 */
import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { inspect } from "../../../src/import/index";
import { fileInput } from "../../../src/import/node";
import type { ImportInput, SourceKind } from "../../../src/import/types";
import type { FileEntry } from "../../../src/taskpane/model";
import { defaultChoices } from "../../../src/taskpane/model";
import { pricesOn, pricingBlocker, pricingPlan, requestRowsReason, tailLines, tokenFacts } from "../../../src/taskpane/pricing";
import { LongTailCollector } from "../../../src/import/tail-rows";
import { shippedPrices } from "../../../src/import/prices/table";

const VOLUME = path.resolve(__dirname, "../../../../shared/data/volume");
let nextId = 1;
function textInput(name: string, text: string, kind: SourceKind): ImportInput {
  const bytes = new TextEncoder().encode(text);
  return { name, kind, size: bytes.length, open: () => new Blob([bytes]).stream() };
}
async function entry(input: ImportInput): Promise<FileEntry> {
  const got = await inspect(input, { asKind: input.kind });
  return { id: nextId++, kind: input.kind, name: input.name, size: 0, status: "ready", report: got.report };
}

let code: FileEntry;
let conv: FileEntry;
let keyed: FileEntry;
let counts: FileEntry;
beforeAll(async () => {
  code = await entry(fileInput(path.join(VOLUME, "azure_llm_inference_trace_code_2023.csv"), "volume"));
  conv = await entry(fileInput(path.join(VOLUME, "azure_llm_inference_trace_conv_2023.csv"), "volume"));
  keyed = await entry(textInput("keyed.csv", "timestamp,model,input_tokens,output_tokens\n2024-01-02,gpt-4o,100,20\n2024-01-02,mystery-model,5,5\n", "volume"));
  counts = await entry(textInput("counts.csv", "date,key,requests\n2024-01-02,a,10\n", "volume"));
});

describe("pricing choices", () => {
  it("reads what the files hold: token columns, request logs, the ones without a model column, the requests", () => {
    const f = tokenFacts([code, conv, keyed, counts]);
    expect(f.tokens).toBe(true);
    expect(f.requestLogs.map((e) => e.name)).toEqual([code.name, conv.name, "keyed.csv"]);
    expect(f.keyless.map((e) => e.name)).toEqual([code.name, conv.name]);
    expect(f.requests).toBe(8819 + 19366 + 2);
    expect(requestRowsReason(f)).toBeNull();
    expect(requestRowsReason({ ...f, requests: 100_001 })).toBe("100,001 requests: more than the 100,000 rows AI Requests takes. Long Tail gets the exact figures as values.");
    expect(tokenFacts([counts]).tokens).toBe(false);
  });

  it("on by default with token counts and AIECON formulas; off without tokens or with native formulas unless asked", () => {
    const c = defaultChoices();
    expect(pricesOn(c, tokenFacts([keyed]))).toBe(true);
    expect(pricesOn(c, tokenFacts([counts]))).toBe(false);
    expect(pricesOn({ ...c, formulas: "native" }, tokenFacts([keyed]))).toBe(false);
    expect(pricesOn({ ...c, formulas: "native", prices: true }, tokenFacts([keyed]))).toBe(true);
    expect(pricesOn({ ...c, prices: false }, tokenFacts([keyed]))).toBe(false);
  });

  it("a log without a model column needs Price requests as; a model or candidate not in the table is refused", () => {
    const c = defaultChoices();
    expect(pricingBlocker([code], c)).toBe(`Choose a model under "Price requests as": ${code.name} has no model column, so its requests cannot be priced otherwise.`);
    expect(pricingBlocker([code], { ...c, prices: false })).toBeNull();
    expect(pricingBlocker([keyed], c)).toBeNull();
    expect(pricingBlocker([code], { ...c, priceModel: "gpt-4o" })).toBeNull();
    expect(pricingBlocker([code], { ...c, priceModel: "prod-chat" })).toMatch(/^"Price requests as": prod-chat is not in the price table \(no price entry by any rule\)/);
    expect(pricingBlocker([keyed], { ...c, candidates: "gpt-4o-mini; nope-1" })).toMatch(/^Scenarios candidate nope-1 is not in the price table/);
  });

  it("the plan: prices, the matched model and candidates to the writer; the tail to the worker with the rows while they fit", () => {
    const c = { ...defaultChoices(), priceModel: "GPT-4o", candidates: "gpt-4o-mini-2024-07-18" };
    const p = pricingPlan([code, conv], c);
    expect(p.tail).toEqual({ model: "gpt-4o", rows: true });
    expect(p.write.priceModel).toBe("gpt-4o");
    expect(p.write.scenarioCandidates).toEqual(["gpt-4o-mini-2024-07-18"]);
    expect(p.write.prices?.rows.length).toBeGreaterThan(2000);
    expect(pricingPlan([code], { ...c, requestRows: false }).tail).toEqual({ model: "gpt-4o", rows: false });
    expect(pricingPlan([counts], defaultChoices())).toEqual({ write: {} });
    expect(pricingPlan([keyed], defaultChoices()).tail).toEqual({ rows: true });
  });

  it("the status lines name the requests priced and the keys left unpriced", () => {
    const lt = new LongTailCollector(shippedPrices(), undefined, 0);
    lt.add("2024-01", "gpt-4o", 100, 20);
    lt.add("2024-01", "mystery-model", 5, 5);
    expect(tailLines(lt.result())).toEqual([
      "Long Tail: 1 requests priced, the figures written as values.",
      'Not priced: mystery-model (1 requests): no price entry by any rule. Choose a model under "Price requests as".',
    ]);
  });
});
