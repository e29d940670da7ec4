/**
 * `AI Prices` (table `AiPrices`): the column table of the price rows (placed by ./requests.ts;
 * the Long Tail's columns are in ./tail.ts).
 */
import type { PriceRow } from "../../import/prices/convert";
import { safeText } from "../safeText";
import { amountFormat } from "../formats";
import { columns } from "./columns";
import { toCellNumber } from "./model";

/** A price per million, or blank when not given. */
const price = (v: string | null): number | string => (v === null ? "" : toCellNumber(v));

/** The price rows of the models in the data; each price cell is an input the user may type over. */
export const AI_PRICES = columns<PriceRow>()([
  { key: "model", header: "Model", cell: (r) => safeText(r.model), minWidth: 160 },
  { key: "provider", header: "Provider", cell: (r) => safeText(r.provider) },
  { key: "input", header: "Input per 1M tokens", cell: (r) => price(r.input), format: amountFormat("USD") },
  { key: "output", header: "Output per 1M tokens", cell: (r) => price(r.output), format: amountFormat("USD") },
  { key: "cachedInput", header: "Cached input per 1M tokens", cell: (r) => price(r.cachedInput), format: amountFormat("USD") },
  { key: "batchInput", header: "Batch input per 1M tokens", cell: (r) => price(r.batchInput), format: amountFormat("USD") },
  { key: "batchOutput", header: "Batch output per 1M tokens", cell: (r) => price(r.batchOutput), format: amountFormat("USD") },
]);
