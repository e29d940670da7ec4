/**
 * The long tail: every request of a request log priced at list price, and per key × period
 * the exact distribution of cost per request: p50, p90, p95, p99, max, TAILRATIO (p95 ÷
 * median) and TOPSHARE (the share of cost from the costliest 5 % of requests).
 *
 * Exact: a request's cost is input × input price + output × output price per token. With
 * prices per million tokens of at most d decimals, cost × 10^(6+d) is an integer, kept in a
 * Float64Array while it is a safe integer (it always is for real prices and token counts; a
 * request past 2^53 fails the import rather than round). Percentiles are the core's
 * PERCENTILE.INC and TOPSHARE over the sorted integers (src/core/stats.ts, topshare.ts), and
 * divided by 10^(6+d) in decimal: scaling does not change ranks, interpolation or shares.
 *
 * Memory: 8 bytes per request while reading (chunks of 65,536), and while one key × period is
 * sorted its chunks and the sorted copy: 16 bytes per request of that group at the peak. At
 * most LIMITS_TAIL.maxRequests priced requests per import (10 million: 80 MB of costs, 160 MB at
 * the peak); past that the import fails with `too-large` (exact figures or none): split the
 * files by period or key.
 */
import { Decimal, ratioToString } from "../core/decimal";
import { DEFAULT_TAIL_K, percentileIncOfSorted } from "../core/stats";
import { DEFAULT_TOP_SHARE, topShareOfSorted } from "../core/topshare";
import { foldKey } from "./keys";
import { isMatch, PriceMatcher, type Match, type MatchRule } from "./prices/match";
import type { PriceRow, PriceTable } from "./prices/convert";
import { ImportError } from "./types";
import { tailShape, type TailShape } from "./tail-shape";

export const LIMITS_TAIL = { maxRequests: 10_000_000 };
const CHUNK = 65536;

export interface TailGroup {
  period: string;
  key: string;
  /** The price entry's id and the rule that matched it. */
  model: string;
  rule: MatchRule;
  /** Input and output price per million tokens used. */
  inputPrice: string;
  outputPrice: string;
  requests: number;
  /** USD, exact decimal strings. */
  cost: string;
  p50: string;
  p90: string;
  p95: string;
  p99: string;
  max: string;
  /** p95 ÷ median; null when the median is 0. */
  tailRatio: string | null;
  /** Share of cost from the costliest 5 %; null when the total is 0. */
  topShare: string | null;
  /** Bins on a log scale and the Pareto curve (./tail-shape.ts), when the collector was asked for them. */
  shape?: TailShape;
}

export interface TailResult {
  priceTable: { source: string; date: string };
  groups: TailGroup[];
  /** Keys whose model has no price entry (never guessed), with their request counts. */
  unpriced: { key: string; reason: string; requests: number }[];
  /** Requests without an input or output token count (not priced). */
  requestsWithoutTokens: number;
}

interface Pricing {
  match: Match;
  /** Price per million × 10^d, exact integers. */
  inScaled: number;
  outScaled: number;
  /** 10^-(6+d). */
  unit: Decimal;
}

interface Unpriced {
  reason: string;
  key: string;
  requests: number;
}

interface Group {
  period: string;
  key: string;
  pricing: Pricing;
  chunks: Float64Array[];
  n: number;
}

function scaledPricing(match: Match): Pricing {
  const row: PriceRow = match.row;
  const inP = new Decimal(row.input ?? "0");
  const outP = new Decimal(row.output ?? "0");
  const d = Math.max(inP.decimalPlaces(), outP.decimalPlaces());
  const inS = inP.times(new Decimal(10).pow(d));
  const outS = outP.times(new Decimal(10).pow(d));
  return { match, inScaled: inS.toNumber(), outScaled: outS.toNumber(), unit: new Decimal(`1e-${6 + d}`) };
}

export class TailCollector {
  private readonly matcher: PriceMatcher;
  private readonly fixed: Pricing | null;
  private readonly byKey = new Map<string, Pricing | Unpriced>();
  private readonly byFold = new Map<string, Map<string, Group>>();
  private readonly spelling = new Map<string, string>();
  private total = 0;
  private withoutTokens = 0;

  /** `model`: price every request at this model (matched by the rules); else each key is matched as a model name. */
  constructor(
    private readonly table: PriceTable,
    model?: string,
    private readonly options: { shape?: boolean } = {},
  ) {
    this.matcher = new PriceMatcher(table);
    this.fixed = null;
    if (model !== undefined) {
      const m = this.matcher.match(model);
      if (!isMatch(m)) throw new ImportError("bad-option", `model '${model}': ${m.reason}`);
      this.fixed = scaledPricing(m);
    }
  }

  /** Per key as spelled: its fold, its pricing (or why none) and its groups by period. */
  private readonly byRaw = new Map<string, { pricing: Pricing | Unpriced; groups: Map<string, Group>; canon: string }>();

  private keyOf(key: string): { pricing: Pricing | Unpriced; groups: Map<string, Group>; canon: string } {
    const folded = foldKey(key);
    let canon = this.spelling.get(folded);
    if (canon === undefined) this.spelling.set(folded, (canon = key));
    let p = this.fixed ?? this.byKey.get(folded);
    if (p === undefined) {
      const m = this.matcher.match(canon);
      p = isMatch(m) ? scaledPricing(m) : { reason: m.reason, key: canon, requests: 0 };
      this.byKey.set(folded, p);
    }
    let groups = this.byFold.get(folded);
    if (groups === undefined) this.byFold.set(folded, (groups = new Map()));
    const k = { pricing: p, groups, canon };
    this.byRaw.set(key, k);
    return k;
  }

  /** One request (the engine's onRequest). */
  readonly add = (period: string, key: string, inTok: number | null, outTok: number | null): void => {
    const k = this.byRaw.get(key) ?? this.keyOf(key);
    const p = k.pricing;
    if (!("match" in p)) {
      p.requests++;
      return;
    }
    if (inTok === null || outTok === null) {
      this.withoutTokens++;
      return;
    }
    const c = inTok * p.inScaled + outTok * p.outScaled;
    if (!Number.isSafeInteger(c)) throw new ImportError("too-large", `a request of ${inTok} input and ${outTok} output tokens costs more than the exact range of the long tail`);
    if (++this.total > LIMITS_TAIL.maxRequests) {
      throw new ImportError("too-large", `more than ${LIMITS_TAIL.maxRequests} priced requests: exact percentiles keep every request's cost; split the files by period or key`);
    }
    let g = k.groups.get(period);
    if (g === undefined) k.groups.set(period, (g = { period, key: k.canon, pricing: p, chunks: [], n: 0 }));
    const i = g.n % CHUNK;
    if (i === 0) g.chunks.push(new Float64Array(CHUNK));
    g.chunks[g.chunks.length - 1][i] = c;
    g.n++;
  };

  /** The figures per key × period (sorted by period, then key); the collector is emptied. */
  result(): TailResult {
    const groups: TailGroup[] = [];
    const ordered = [...this.byFold.values()].flatMap((m) => [...m.values()]).sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const g of ordered) groups.push(figures(g, this.options.shape === true));
    this.byFold.clear();
    this.byRaw.clear();
    const unpriced: TailResult["unpriced"] = [];
    for (const v of this.byKey.values()) if (!("match" in v)) unpriced.push({ key: v.key, reason: v.reason, requests: v.requests });
    unpriced.sort((a, b) => (a.key < b.key ? -1 : 1));
    return { priceTable: { source: this.table.source, date: this.table.date }, groups, unpriced, requestsWithoutTokens: this.withoutTokens };
  }
}

const money = (scaled: Decimal, unit: Decimal): string => scaled.times(unit).toFixed();

function figures(g: Group, withShape: boolean): TailGroup {
  const sorted = new Float64Array(g.n);
  for (let c = 0; c < g.chunks.length; c++) {
    const chunk = g.chunks[c];
    const off = c * CHUNK;
    sorted.set(off + CHUNK <= g.n ? chunk : chunk.subarray(0, g.n - off), off);
  }
  g.chunks.length = 0;
  sorted.sort();
  const { unit, match } = g.pricing;
  const pct = (k: string): Decimal => percentileIncOfSorted(sorted, new Decimal(k));
  const p50 = pct("0.5");
  const p95 = percentileIncOfSorted(sorted, DEFAULT_TAIL_K);
  let total = new Decimal(0);
  // The exact total: safe-integer partial sums flushed into a Decimal.
  let part = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    if (part + v > Number.MAX_SAFE_INTEGER) {
      total = total.plus(part);
      part = 0;
    }
    part += v;
  }
  total = total.plus(part);
  return {
    period: g.period,
    key: g.key,
    model: match.row.model,
    rule: match.rule,
    inputPrice: match.row.input ?? "0",
    outputPrice: match.row.output ?? "0",
    requests: g.n,
    cost: money(total, unit),
    p50: money(p50, unit),
    p90: money(pct("0.9"), unit),
    p95: money(p95, unit),
    p99: money(pct("0.99"), unit),
    max: money(new Decimal(sorted[sorted.length - 1]), unit),
    tailRatio: p50.isZero() ? null : ratioToString(p95.div(p50)),
    topShare: total.isZero() ? null : ratioToString(topShareOfSorted(sorted, DEFAULT_TOP_SHARE)),
    ...(withShape ? { shape: tailShape(sorted, unit) } : {}),
  };
}
