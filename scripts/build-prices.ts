/**
 * Builds src/import/prices/litellm-prices.json, the price table shipped with the add-in, from
 * the LiteLLM model price map (MIT; its notice is src/import/prices/LICENSE-litellm.txt).
 *
 *   npx tsx scripts/build-prices.ts [--from FILE] [--date YYYY-MM-DD] [--out FILE] [--check]
 *
 * --from   the LiteLLM map (default ../shared/data/prices/litellm_model_prices_and_context_window.json)
 * --date   the date of its prices (default: the mirror commit date of the copy in ../shared/data,
 *          see ../shared/data/SOURCES.md; the map itself carries no date)
 * --check  build in memory and exit 1 when the file on disk differs
 * The conversion is src/import/prices/convert.ts. The add-in never fetches prices.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PRICE_UNIT, type PriceTable, rowsFromLiteLLM, tableText } from "../src/import/prices/convert";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_FROM = join(ROOT, "../shared/data/prices/litellm_model_prices_and_context_window.json");
export const DEFAULT_OUT = join(ROOT, "src/import/prices/litellm-prices.json");
export const DEFAULT_DATE = "2026-07-24";
export const SOURCE = "BerriAI/litellm model_prices_and_context_window.json (mirror RoCry/llm-api-price, commit 8442b939a6ea)";
export const LICENCE = "MIT, Copyright (c) 2023 Berri AI; see LICENSE-litellm.txt beside this file";

export function buildTable(mapText: string, date: string): PriceTable {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`--date must be YYYY-MM-DD, not '${date}'`);
  return { source: SOURCE, licence: LICENCE, date, unit: PRICE_UNIT, rows: rowsFromLiteLLM(JSON.parse(mapText)) };
}

export function buildText(from = DEFAULT_FROM, date = DEFAULT_DATE): string {
  return tableText(buildTable(readFileSync(from, "utf8"), date));
}

function main(): void {
  const { values } = parseArgs({ options: { from: { type: "string" }, date: { type: "string" }, out: { type: "string" }, check: { type: "boolean" } } });
  const out = values.out ?? DEFAULT_OUT;
  const text = buildText(values.from ?? DEFAULT_FROM, values.date ?? DEFAULT_DATE);
  if (values.check) {
    const same = readFileSync(out, "utf8") === text;
    process.stdout.write(same ? `${out} is up to date\n` : `${out} differs from a fresh build\n`);
    process.exitCode = same ? 0 : 1;
    return;
  }
  writeFileSync(out, text);
  process.stdout.write(`${out}: ${(JSON.parse(text) as { rows: unknown[] }).rows.length} models\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
