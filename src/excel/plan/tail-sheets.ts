/** The sheets of request logs with tokens: AI Prices, Long Tail and (when the requests fit) AI Requests. */
import type { LongTailData } from "../../import/tail-rows";
import { checkRows } from "./model";
import { groupRanges, planPricesSheet, planRequestsSheet } from "./requests";
import { planLongTailSheet } from "./tail";
import type { PlanNames, SheetPlan } from "./types";

export function planTailSheets(lt: LongTailData, names: PlanNames): SheetPlan[] {
  const prices = planPricesSheet(lt.prices, names);
  if (lt.requests === null || lt.requests.length === 0) return [prices.sheet, planLongTailSheet(lt, [], names)];
  checkRows(names.sheets.requests, lt.requests.length, "requests");
  const requests = planRequestsSheet(lt, lt.requests, prices.data, names);
  return [prices.sheet, planLongTailSheet(lt, groupRanges(requests.data, lt.tail.groups.length), names), requests.sheet];
}
