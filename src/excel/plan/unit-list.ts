/**
 * Unit Economics' list-price columns, where the volume data has token counts and a price
 * table is given: *Priced as* (the key's AI Prices model, matched by src/import/prices/match.ts;
 * an editable cell), *Input tokens* / *Output tokens* (summed from AI Volume Data), *Token
 * cost (list)* (live: those tokens × that model's AI Prices row, through AIECON.TOKENCOST and INDEX/MATCH) and
 * *Billed − list* (cost − token cost: discounts, commitments, or cost the tokens do not
 * explain). Blank where the key has no price entry, the row is not in USD (the table's
 * currency), or a volume row of the period × key lacks a token count.
 */
import { safeText } from "../safeText";
import { COUNT_FORMAT } from "../formats";
import { foldKey } from "../../import/keys";
import { isMatch, PriceMatcher } from "../../import/prices/match";
import type { PriceRow, PriceTable } from "../../import/prices/convert";
import type { ImportResult } from "../../import/types";
import type { Column, RowRefs } from "./columns";
import { countNumbersWhere, countWhere, periodCond, sumWhere, type Cond } from "./criteria";
import { moneyOf } from "./figures";
import type { Triple } from "./model";
import { priceOf, type PricesData } from "./requests";
import type { VolumeData } from "./volume";

/** The price table's currency. */
export const LIST_CURRENCY = "USD";

export interface UnitList {
  prices: PricesData;
  /** The AI Prices model of a key (folded), or null. */
  modelOf(key: string): string | null;
}

/**
 * Keys of volume records with both token counts matched to price rows: the rows AI Prices needs
 * and the key → model map. `model` (the pane's *Price requests as*): every such key is priced
 * as that model (matched by the same rules) instead of being matched itself.
 */
export function listModels(result: ImportResult, table: PriceTable, model?: string): { rows: PriceRow[]; byKey: Map<string, string> } {
  const matcher = new PriceMatcher(table);
  const fixed = model === undefined ? null : matcher.match(model);
  const byKey = new Map<string, string>();
  const rows = new Map<string, PriceRow>();
  const seen = new Set<string>();
  for (const r of result.volumeRecords) {
    if (r.inputTokens === null || r.outputTokens === null) continue;
    const k = foldKey(r.key);
    if (seen.has(k)) continue;
    seen.add(k);
    const m = fixed ?? matcher.match(r.key);
    if (!isMatch(m)) continue;
    byKey.set(k, m.row.model);
    rows.set(m.row.model, m.row);
  }
  return { rows: [...rows.values()], byKey };
}

interface ListSources {
  volume: VolumeData;
  list?: UnitList;
}

type ListKey = "inputTokens" | "outputTokens" | "pricedAs" | "tokenCost" | "billedMinusList";
type Refs = "period" | "key" | "cost" | ListKey;

/** The row's tokens summed from AI Volume Data; blank unless every volume row of the period × key has that count. */
function tokensCell(t: Triple, at: RowRefs<Refs>, s: ListSources, col: "inputTokens" | "outputTokens"): string {
  const v = s.volume;
  const conds: Cond[] = [periodCond(v.range("period"), at.fixed("period")), { range: v.range("key"), cell: at.fixed("key"), text: t.key }];
  const n = countWhere(conds);
  return `=IF(OR(${n}=0,${n}<>${countNumbersWhere(v.range(col), conds)}),"",${sumWhere(v.range(col), conds)})`;
}

function tokenCostCell(at: RowRefs<Refs>, s: ListSources): string {
  const list = s.list;
  if (list === undefined) return "";
  const [i, o, model] = [at.cell("inputTokens"), at.cell("outputTokens"), at.fixed("pricedAs")];
  return `=IF(OR(${model}="",${i}="",${o}=""),"",AIECON.TOKENCOST(${i},${o},${priceOf(list.prices, "input", model)},${priceOf(list.prices, "output", model)}))`;
}

/** The five columns (appended to Unit Economics only when a price table is given). */
export function listColumns<C extends ListSources>(): Column<Refs, Triple, C>[] {
  return [
    { key: "inputTokens", header: "Input tokens", cell: (t, at, s) => tokensCell(t, at, s, "inputTokens"), format: COUNT_FORMAT, minWidth: 90 },
    { key: "outputTokens", header: "Output tokens", cell: (t, at, s) => tokensCell(t, at, s, "outputTokens"), format: COUNT_FORMAT, minWidth: 90 },
    {
      key: "pricedAs",
      header: "Priced as",
      cell: (t, _, s) => (s.list === undefined || t.currency !== LIST_CURRENCY ? "" : safeText(s.list.modelOf(t.key) ?? "")),
      minWidth: 110,
    },
    { key: "tokenCost", header: "Token cost (list)", cell: (_, at, s) => tokenCostCell(at, s), format: moneyOf, minWidth: 100 },
    {
      key: "billedMinusList",
      header: "Billed − list",
      cell: (_, at) => `=IF(OR(${at.cell("tokenCost")}="",${at.cell("cost")}=""),"",${at.cell("cost")}-${at.cell("tokenCost")})`,
      format: moneyOf,
      minWidth: 100,
    },
  ];
}
