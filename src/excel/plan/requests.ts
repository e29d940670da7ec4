/**
 * `AI Prices` (table `AiPrices`) and `AI Requests` (table `AiRequests`): the price rows of the
 * models used, editable, and one row per priced request whose cost is a live
 * `AIECON.TOKENCOST` over its tokens and its model's AiPrices row (INDEX/MATCH), so a price
 * typed over a list price flows into every request and every figure over them.
 */
import type { LongTailData, PricedRequest } from "../../import/tail-rows";
import type { PriceRow } from "../../import/prices/convert";
import { safeText } from "../safeText";
import { COUNT_FORMAT, unitMoneyFormat } from "../formats";
import { sheetColumnRange } from "../a1";
import { columns, type KeyOf, type PlacedTable } from "./columns";
import { AI_PRICES } from "./prices";
import { tableSheet } from "./sheet";
import type { PlanNames, SheetPlan } from "./types";

export type PricesData = PlacedTable<KeyOf<typeof AI_PRICES>, PriceRow, void>;

/** `INDEX(AiPrices[price],MATCH(model,AiPrices[model],0))`: a model's price per million from AI Prices. */
export function priceOf(prices: PricesData, price: "input" | "output" | "cachedInput" | "batchInput" | "batchOutput", model: string): string {
  return `INDEX(${prices.range(price)},MATCH(${model},${prices.range("model")},0))`;
}

interface RequestCtx {
  tail: LongTailData["tail"];
  prices: PricesData;
}

export const AI_REQUESTS = columns<PricedRequest, RequestCtx>()([
  { key: "period", header: "Period", cell: (r) => safeText(r.period) },
  { key: "key", header: "Key", cell: (r) => safeText(r.key) },
  { key: "model", header: "Priced as", cell: (r, _, c) => safeText(c.tail.groups[r.group].model), minWidth: 120 },
  { key: "inputTokens", header: "Input tokens", cell: (r) => r.inputTokens, format: COUNT_FORMAT },
  { key: "outputTokens", header: "Output tokens", cell: (r) => r.outputTokens, format: COUNT_FORMAT },
  {
    key: "cost",
    header: "Cost (list)",
    cell: (_, at, c) =>
      `=AIECON.TOKENCOST(${at.cell("inputTokens")},${at.cell("outputTokens")},${priceOf(c.prices, "input", at.fixed("model"))},${priceOf(c.prices, "output", at.fixed("model"))})`,
    format: unitMoneyFormat("USD", 8),
    minWidth: 100,
  },
]);

export type RequestsData = PlacedTable<KeyOf<typeof AI_REQUESTS>, PricedRequest, RequestCtx>;

export function planPricesSheet(rows: readonly PriceRow[], names: PlanNames): { sheet: SheetPlan; data: PricesData } {
  const data = AI_PRICES.place(names.sheets.prices, rows, undefined);
  return { sheet: tableSheet("data", "prices", names, data), data };
}

export function planRequestsSheet(lt: LongTailData, requests: readonly PricedRequest[], prices: PricesData, names: PlanNames): { sheet: SheetPlan; data: RequestsData } {
  const data = AI_REQUESTS.place(names.sheets.requests, requests, { tail: lt.tail, prices });
  return { sheet: tableSheet("figures", "requests", names, data), data };
}

/** The cost cells of each key × period on AI Requests (`'AI Requests'!$F$2:$F$8820`), by group index; null for a group with none. */
export function groupRanges(data: RequestsData, groups: number): (string | null)[] {
  const first = new Array<number>(groups).fill(-1);
  const count = new Array<number>(groups).fill(0);
  data.rows.forEach((r, i) => {
    if (first[r.group] < 0) first[r.group] = i;
    count[r.group]++;
  });
  const col = data.table.index("cost");
  return first.map((f, g) => (f < 0 ? null : sheetColumnRange(data.sheet, col, data.top + 1 + f, data.top + f + count[g])));
}
