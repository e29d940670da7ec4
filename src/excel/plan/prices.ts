/**
 * `AI Prices` (table `AiPrices`) and `Long Tail` (table `LongTail`): the column tables, ready
 * for the planner to place (issue 12). Not yet wired into planWorkbook: the sheet ids, the
 * pane choice and the Unit Economics columns *Token cost (list)* / *Billed − list* (live
 * AIECON.TOKENCOST over the AiPrices row via INDEX/MATCH) are still to do.
 */
import type { PriceRow } from "../../import/prices/convert";
import type { TailGroup } from "../../import/tail";
import { safeText } from "../safeText";
import { COUNT_FORMAT, RATIO_FORMAT, amountFormat } from "../formats";
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

/** One row per key × period of request logs: the long-tail figures (values: computed at import). */
export const LONG_TAIL = columns<TailGroup>()([
  { key: "period", header: "Period", cell: (r) => safeText(r.period) },
  { key: "key", header: "Key", cell: (r) => safeText(r.key) },
  { key: "model", header: "Priced as", cell: (r) => safeText(r.model), minWidth: 120 },
  { key: "requests", header: "Requests", cell: (r) => r.requests, format: COUNT_FORMAT },
  { key: "cost", header: "Cost (list)", cell: (r) => toCellNumber(r.cost), format: amountFormat("USD") },
  { key: "p50", header: "p50", cell: (r) => toCellNumber(r.p50), format: amountFormat("USD") },
  { key: "p90", header: "p90", cell: (r) => toCellNumber(r.p90), format: amountFormat("USD") },
  { key: "p95", header: "p95", cell: (r) => toCellNumber(r.p95), format: amountFormat("USD") },
  { key: "p99", header: "p99", cell: (r) => toCellNumber(r.p99), format: amountFormat("USD") },
  { key: "max", header: "Max", cell: (r) => toCellNumber(r.max), format: amountFormat("USD") },
  { key: "tailRatio", header: "Tail ratio (p95 / p50)", cell: (r) => (r.tailRatio === null ? "" : toCellNumber(r.tailRatio)), format: RATIO_FORMAT },
  { key: "topShare", header: "Top 5% share of cost", cell: (r) => (r.topShare === null ? "" : toCellNumber(r.topShare)), format: "0.00%" },
]);
