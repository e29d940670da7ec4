/**
 * The sheets of a price table (issue 12): `AI Prices` (the price rows of the models of the
 * long tail and of the volume keys with tokens), Unit Economics' list-price columns, and for
 * request logs `Long Tail` and, when the requests fit, `AI Requests`.
 */
import { foldKey } from "../../import/keys";
import { isMatch, PriceMatcher } from "../../import/prices/match";
import type { PriceRow } from "../../import/prices/convert";
import type { ImportResult } from "../../import/types";
import type { LongTailData } from "../../import/tail-rows";
import type { WriteOptions } from "../types";
import { checkRows } from "./model";
import { groupRanges, planPricesSheet, planRequestsSheet, type PricesData } from "./requests";
import { planLongTailSheet } from "./tail";
import { cheapest } from "./scenarios";
import { listModels, type UnitList } from "./unit-list";
import type { PlanNames, SheetPlan } from "./types";

export interface PricePlan {
  /** Unit Economics' list-price columns, when some volume key with tokens has a price entry. */
  list?: UnitList;
  prices: PricesData;
  /** The Scenarios candidates: the three cheapest models of the data, then the ones asked for. */
  candidates: string[];
  sheets: SheetPlan[];
}

/** The data's three cheapest models, then `options.scenarioCandidates` (their price rows, from `options.prices`, are `extra`); unknown names are left out. */
function scenarioCandidates(data: readonly PriceRow[], options: WriteOptions): { models: string[]; extra: PriceRow[] } {
  const models = cheapest(data, 3);
  const extra: PriceRow[] = [];
  const matcher = options.prices !== undefined ? new PriceMatcher(options.prices) : null;
  for (const name of options.scenarioCandidates ?? []) {
    const m = matcher?.match(name);
    if (m === undefined || !isMatch(m) || models.includes(m.row.model)) continue;
    models.push(m.row.model);
    if (!data.some((r) => r.model === m.row.model)) extra.push(m.row);
  }
  return { models, extra };
}

function tailSheets(lt: LongTailData, prices: PricesData, names: PlanNames): SheetPlan[] {
  if (lt.requests === null || lt.requests.length === 0) return [planLongTailSheet(lt, [], names)];
  checkRows(names.sheets.requests, lt.requests.length, "requests");
  const requests = planRequestsSheet(lt, lt.requests, prices, names);
  return [planLongTailSheet(lt, groupRanges(requests.data, lt.tail.groups.length), names), requests.sheet];
}

/** Null when the options give neither a price table nor a long tail. */
export function planPriceSheets(result: ImportResult, options: WriteOptions, names: PlanNames): PricePlan | null {
  const lt = options.longTail;
  if (lt === undefined && options.prices === undefined) return null;
  const listed = options.prices !== undefined ? listModels(result, options.prices, options.priceModel) : { rows: [], byKey: new Map<string, string>() };
  const rows = new Map<string, PriceRow>();
  for (const r of [...(lt?.prices ?? []), ...listed.rows]) if (!rows.has(r.model)) rows.set(r.model, r);
  const candidates = scenarioCandidates([...rows.values()], options);
  for (const r of candidates.extra) if (!rows.has(r.model)) rows.set(r.model, r);
  const prices = planPricesSheet([...rows.values()], names);
  const list: UnitList | undefined = listed.byKey.size > 0 ? { prices: prices.data, modelOf: (k) => listed.byKey.get(foldKey(k)) ?? null } : undefined;
  return { list, prices: prices.data, candidates: candidates.models, sheets: [prices.sheet, ...(lt !== undefined ? tailSheets(lt, prices.data, names) : [])] };
}
