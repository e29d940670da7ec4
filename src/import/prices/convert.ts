/**
 * The LiteLLM model price map (BerriAI/litellm `model_prices_and_context_window.json`, MIT)
 * into AIECON's compact price table. One rule, used by scripts/build-prices.ts (which writes
 * the table shipped with the add-in) and by `--prices FILE` when given a LiteLLM map.
 *
 * LiteLLM gives prices per token as JSON numbers (2.5e-06). Each is read as the shortest
 * decimal that round-trips its double ("0.0000025"), then scaled by 1,000,000 exactly in
 * decimal: "2.5" per million tokens, never 2.4999999999999996.
 */
import { Decimal } from "../../core/decimal";

/** USD per 1,000,000 tokens, exact decimal strings; null = not given. */
export interface PriceRow {
  /** The LiteLLM id, e.g. `gpt-4o-2024-08-06`, `azure/gpt-4o`, `anthropic.claude-3-5-sonnet-20240620-v1:0`. */
  model: string;
  /** `litellm_provider`: openai, azure, bedrock, vertex_ai, … ("" when not given). */
  provider: string;
  /** chat, completion, embedding, responses, … ("" when not given). */
  mode: string;
  input: string | null;
  output: string | null;
  /** `cache_read_input_token_cost`. */
  cachedInput: string | null;
  /** `input_cost_per_token_batches`, `output_cost_per_token_batches`. */
  batchInput: string | null;
  batchOutput: string | null;
}

export interface PriceTable {
  source: string;
  licence: string;
  /** The date of the prices (YYYY-MM-DD). */
  date: string;
  unit: string;
  rows: PriceRow[];
}

export const PRICE_COLUMNS = ["model", "provider", "mode", "input", "output", "cachedInput", "batchInput", "batchOutput"] as const;
export const PRICE_UNIT = "USD per 1,000,000 tokens";
const MILLION = new Decimal(1_000_000);

/** A per-token price (a JSON number) as an exact decimal string per million tokens. */
export function perMillion(perToken: number): string {
  if (!Number.isFinite(perToken) || perToken < 0) throw new RangeError(`not a price: ${perToken}`);
  // Decimal reads a number as its shortest round-trip decimal (String(perToken)).
  return new Decimal(String(perToken)).times(MILLION).toFixed();
}

function price(entry: Record<string, unknown>, field: string): string | null {
  const v = entry[field];
  return typeof v === "number" ? perMillion(v) : null;
}

function text(entry: Record<string, unknown>, field: string): string {
  const v = entry[field];
  return typeof v === "string" ? v : "";
}

/**
 * The token-priced entries of a LiteLLM map (those with an input or output price per token),
 * sorted by id. `sample_spec` (the map's field documentation) is left out.
 */
export function rowsFromLiteLLM(map: unknown): PriceRow[] {
  if (map === null || typeof map !== "object" || Array.isArray(map)) throw new TypeError("a LiteLLM price map is a JSON object of models");
  const rows: PriceRow[] = [];
  for (const [model, raw] of Object.entries(map as Record<string, unknown>)) {
    if (model === "sample_spec" || raw === null || typeof raw !== "object" || Array.isArray(raw)) continue;
    const e = raw as Record<string, unknown>;
    const input = price(e, "input_cost_per_token");
    const output = price(e, "output_cost_per_token");
    if (input === null && output === null) continue;
    rows.push({
      model,
      provider: text(e, "litellm_provider"),
      mode: text(e, "mode"),
      input,
      output,
      cachedInput: price(e, "cache_read_input_token_cost"),
      batchInput: price(e, "input_cost_per_token_batches"),
      batchOutput: price(e, "output_cost_per_token_batches"),
    });
  }
  rows.sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  return rows;
}

/** The compact table as the text of its JSON file: one row per line (readable diffs). */
export function tableText(t: PriceTable): string {
  const head = [
    `  "source": ${JSON.stringify(t.source)}`,
    `  "licence": ${JSON.stringify(t.licence)}`,
    `  "date": ${JSON.stringify(t.date)}`,
    `  "unit": ${JSON.stringify(t.unit)}`,
    `  "columns": ${JSON.stringify(PRICE_COLUMNS)}`,
  ];
  const rows = t.rows.map((r) => "    " + JSON.stringify(PRICE_COLUMNS.map((c) => r[c])));
  return `{\n${head.join(",\n")},\n  "rows": [\n${rows.join(",\n")}\n  ]\n}\n`;
}
