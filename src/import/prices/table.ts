/**
 * The price table: the one shipped with the add-in (litellm-prices.json, built by
 * scripts/build-prices.ts; the add-in never fetches prices), or one the user gives, either in
 * the same compact form or as a LiteLLM model price map.
 */
import shipped from "./litellm-prices.json";
import { ImportError } from "../types";
import { PRICE_COLUMNS, PRICE_UNIT, type PriceRow, type PriceTable, rowsFromLiteLLM } from "./convert";

export type { PriceRow, PriceTable } from "./convert";

function bad(what: string, message: string): ImportError {
  return new ImportError("bad-json", `${what}: ${message}`, what);
}

const PRICE = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function cell(v: unknown, column: string, model: string, what: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== "string" || !PRICE.test(v)) throw bad(what, `${model}: ${column} is not a price per million tokens: ${JSON.stringify(v)}`);
  return v;
}

/** A compact table (as litellm-prices.json) read and checked; `what` names it in messages. */
export function tableFromCompact(j: unknown, what: string): PriceTable {
  const o = j as { source?: unknown; licence?: unknown; date?: unknown; unit?: unknown; columns?: unknown; rows?: unknown };
  if (!Array.isArray(o.rows) || !Array.isArray(o.columns)) throw bad(what, `not a price table (no columns and rows)`);
  const cols = o.columns as unknown[];
  if (cols.length !== PRICE_COLUMNS.length || PRICE_COLUMNS.some((c, i) => cols[i] !== c)) {
    throw bad(what, `the columns must be ${PRICE_COLUMNS.join(", ")}`);
  }
  const rows: PriceRow[] = (o.rows as unknown[]).map((r, i) => {
    if (!Array.isArray(r) || r.length !== PRICE_COLUMNS.length || typeof r[0] !== "string" || r[0] === "") throw bad(what, `row ${i + 1} is not a price row`);
    const model = r[0];
    return {
      model,
      provider: typeof r[1] === "string" ? r[1] : "",
      mode: typeof r[2] === "string" ? r[2] : "",
      input: cell(r[3], "input", model, what),
      output: cell(r[4], "output", model, what),
      cachedInput: cell(r[5], "cachedInput", model, what),
      batchInput: cell(r[6], "batchInput", model, what),
      batchOutput: cell(r[7], "batchOutput", model, what),
    };
  });
  const str = (v: unknown): string => (typeof v === "string" ? v : "");
  return { source: str(o.source) || what, licence: str(o.licence), date: str(o.date), unit: str(o.unit) || PRICE_UNIT, rows };
}

let cache: PriceTable | null = null;

/** The table shipped with the add-in. */
export function shippedPrices(): PriceTable {
  cache ??= tableFromCompact(shipped, "litellm-prices.json");
  return cache;
}

/**
 * A price file's text: a compact table, or a LiteLLM map (a JSON object of models with
 * `input_cost_per_token`…, converted by the same rule as the shipped table; its date is
 * unknown, given as "").
 */
export function parsePriceText(text: string, what: string): PriceTable {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (e) {
    throw bad(what, `not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (j !== null && typeof j === "object" && !Array.isArray(j) && "rows" in j) return tableFromCompact(j, what);
  let rows: PriceRow[];
  try {
    rows = rowsFromLiteLLM(j);
  } catch (e) {
    throw bad(what, e instanceof Error ? e.message : String(e));
  }
  if (rows.length === 0) throw bad(what, `holds no token prices`);
  return { source: what, licence: "", date: "", unit: PRICE_UNIT, rows };
}
