/**
 * List-price cost of the tokens of each period × key: the volume records' input and output
 * tokens × the key's price entry (matched by ./prices/match.ts, or one model named for every
 * key), through the core's TOKENCOST. Exact decimals, in the price table's currency (USD).
 * Tokens are summed before pricing: TOKENCOST is linear, so this is the sum of the requests'
 * costs. A key whose model has no entry, or a period × key without both token counts, has
 * none (never guessed).
 */
import { Decimal } from "../core/decimal";
import { tokenCost } from "../core/metrics";
import { foldKey } from "./keys";
import { isMatch, type Match, PriceMatcher } from "./prices/match";
import type { PriceTable } from "./prices/convert";
import { ImportError, type VolumeRecord } from "./types";

export interface ListCost {
  /** USD, exact decimal string. */
  listCost: string;
  /** The price entry used and the rule that matched it. */
  listModel: string;
  listRule: Match["rule"];
}

export interface ListCosts {
  /** By period + "\u001f" + folded key. */
  byGroup: Map<string, ListCost>;
  unmatched: { key: string; reason: string }[];
}

export const listKey = (period: string, key: string): string => `${period}\u001f${foldKey(key)}`;

export function listCosts(records: readonly VolumeRecord[], table: PriceTable, model?: string): ListCosts {
  const matcher = new PriceMatcher(table);
  let fixed: Match | undefined;
  if (model !== undefined) {
    const m = matcher.match(model);
    if (!isMatch(m)) throw new ImportError("bad-option", `model '${model}': ${m.reason}`);
    fixed = m;
  }
  const matches = new Map<string, Match | { reason: string; key: string }>();
  const tokens = new Map<string, { inTok: number; outTok: number; complete: boolean; match: Match }>();
  for (const r of records) {
    const fk = foldKey(r.key);
    let m: Match | { reason: string; key: string } | undefined = fixed ?? matches.get(fk);
    if (m === undefined) {
      const got = matcher.match(r.key);
      matches.set(fk, (m = isMatch(got) ? got : { reason: got.reason, key: r.key }));
    }
    if (!("row" in m)) continue;
    const gk = listKey(r.period, r.key);
    let t = tokens.get(gk);
    if (t === undefined) tokens.set(gk, (t = { inTok: 0, outTok: 0, complete: true, match: m }));
    if (r.inputTokens === null || r.outputTokens === null) t.complete = false;
    else {
      t.inTok += r.inputTokens;
      t.outTok += r.outputTokens;
    }
  }
  const byGroup = new Map<string, ListCost>();
  for (const [gk, t] of tokens) {
    if (!t.complete) continue;
    const row = t.match.row;
    const c = tokenCost(new Decimal(t.inTok), new Decimal(t.outTok), new Decimal(row.input ?? "0"), new Decimal(row.output ?? "0"));
    byGroup.set(gk, { listCost: c.toFixed(), listModel: row.model, listRule: t.match.rule });
  }
  const unmatched = [...matches.values()].filter((m): m is { reason: string; key: string } => !("row" in m)).map((m) => ({ key: m.key, reason: m.reason }));
  unmatched.sort((a, b) => (a.key < b.key ? -1 : 1));
  return { byGroup, unmatched };
}
