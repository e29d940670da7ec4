/**
 * The match report of an import: what of each source matched nothing on the other side.
 * Computed from the engine's result alone (no engine code here: the task pane's main bundle,
 * the workbook planner and the command line import it), so its figures are the engine's:
 *  - per source, the keys and the periods that matched nothing on the other side, with their
 *    inferences (volume), value (value) or cost (billing);
 *  - the keys merged because they differed only by case or surrounding spaces;
 *  - per period, the groups with cost and no volume, and the volume with no cost;
 *  - per period and currency, the share of cost that is unattributed.
 * Money stays exact (decimal strings).
 */
import { Decimal } from "../core/decimal";
import { NO_KEY, UNATTRIBUTED } from "./keys";
import type { ImportResult, SourceKind } from "./types";

export interface UnmatchedKey {
  key: string;
  /** Billing and value: currency → exact amount. */
  amounts: Record<string, string>;
  /** Volume: inferences. */
  inferences: number;
}

export interface UnmatchedPeriod {
  period: string;
  amounts: Record<string, string>;
  inferences: number;
}

export interface SourceMatch {
  file: string;
  kind: SourceKind;
  /** Billing: keys that no volume file has in any period; volume and value: keys no cost has. */
  unmatchedKeys: UnmatchedKey[];
  /** Billing: periods no volume file has; volume and value: periods without any cost. */
  unmatchedPeriods: UnmatchedPeriod[];
  /** Keys merged into another spelling (case or surrounding spaces). */
  merges: { spelling: string; mergedInto: string; rows: number; how: "case" | "spaces" }[];
}

export interface PeriodMatch {
  period: string;
  currency: string;
  /** Exact cost of the period in this currency, and the part of it on `(unattributed)`. */
  cost: string;
  unattributedCost: string;
  /** unattributedCost ÷ cost, exact to 24 digits; null when the cost is 0. */
  unattributedShare: string | null;
  /** Groups (keys) of the period with cost and no volume, and their cost. */
  groupsWithoutVolume: number;
  costWithoutVolume: string;
}

export interface MatchReport {
  sources: SourceMatch[];
  periods: PeriodMatch[];
  /** Inferences of periods that have volume and no cost at all (every volume file). */
  volumeWithoutCost: { period: string; inferences: number }[];
  /** Inferences counted under `(no key)`: a request log without keys, not matched to cost. */
  noKeyInferences: number;
  totals: {
    groups: number;
    groupsWithoutVolume: number;
    unmatchedKeys: number;
    unmatchedPeriods: number;
    merges: number;
  };
  /** Whether any volume file was imported (without one, no key has volume). */
  hasVolume: boolean;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const SEP = "\u0000";

function addAmount(m: Map<string, Decimal>, currency: string, amount: string): void {
  m.set(currency, (m.get(currency) ?? new Decimal(0)).plus(amount));
}

function amountsOf(m: Map<string, Decimal> | undefined): Record<string, string> {
  if (m === undefined) return {};
  return Object.fromEntries([...m.entries()].sort((a, b) => cmp(a[0], b[0])).map(([c, d]) => [c, d.toFixed()]));
}

/** Per source name: key or period → currency → amount (or inferences). */
class Tally {
  readonly amounts = new Map<string, Map<string, Map<string, Decimal>>>();
  readonly counts = new Map<string, Map<string, number>>();
  add(source: string, at: string, currency: string, amount: string): void {
    let s = this.amounts.get(source);
    if (!s) this.amounts.set(source, (s = new Map()));
    let a = s.get(at);
    if (!a) s.set(at, (a = new Map()));
    addAmount(a, currency, amount);
  }
  count(source: string, at: string, n: number): void {
    let s = this.counts.get(source);
    if (!s) this.counts.set(source, (s = new Map()));
    s.set(at, (s.get(at) ?? 0) + n);
  }
  /** Every `at` of a source, sorted. */
  keysOf(source: string): string[] {
    return [...new Set([...(this.amounts.get(source)?.keys() ?? []), ...(this.counts.get(source)?.keys() ?? [])])].sort(cmp);
  }
}

export function matchReport(result: ImportResult): MatchReport {
  const fold = (k: string): string => k.toLowerCase();
  const costKeys = new Set(result.costRecords.map((r) => fold(r.key)));
  const costPeriods = new Set(result.costRecords.map((r) => r.period));
  const volumeKeys = new Set(result.volumeRecords.map((r) => fold(r.key)));
  const volumePeriods = new Set(result.volumeRecords.map((r) => r.period));
  const hasVolume = result.sources.some((s) => s.kind === "volume") || result.volumeRecords.length > 0;

  const byKey = new Tally();
  const byPeriod = new Tally();
  for (const r of result.costRecords) {
    byKey.add(r.source, r.key, r.currency, r.cost);
    byPeriod.add(r.source, r.period, r.currency, r.cost);
  }
  for (const r of result.volumeRecords) {
    byKey.count(r.source, r.key, r.inferences);
    byPeriod.count(r.source, r.period, r.inferences);
  }
  for (const r of result.valueRecords) {
    if (r.method !== "imported") continue; // assumptions are computed over the volume, never unmatched
    byKey.add(r.source, r.key, r.currency, r.value);
    byPeriod.add(r.source, r.period, r.currency, r.value);
  }

  const sources: SourceMatch[] = result.sources.map((s) => {
    const otherKeys = s.kind === "billing" ? volumeKeys : costKeys;
    const otherPeriods = s.kind === "billing" ? volumePeriods : costPeriods;
    const checkOther = s.kind !== "billing" || hasVolume;
    const keyAmounts = byKey.amounts.get(s.file);
    const periodAmounts = byPeriod.amounts.get(s.file);
    const unmatchedKeys: UnmatchedKey[] = checkOther
      ? byKey
          .keysOf(s.file)
          .filter((k) => !otherKeys.has(fold(k)))
          .map((k) => ({ key: k, amounts: amountsOf(keyAmounts?.get(k)), inferences: byKey.counts.get(s.file)?.get(k) ?? 0 }))
      : [];
    const unmatchedPeriods: UnmatchedPeriod[] = checkOther
      ? byPeriod
          .keysOf(s.file)
          .filter((p) => !otherPeriods.has(p))
          .map((p) => ({ period: p, amounts: amountsOf(periodAmounts?.get(p)), inferences: byPeriod.counts.get(s.file)?.get(p) ?? 0 }))
      : [];
    return {
      file: s.file,
      kind: s.kind,
      unmatchedKeys,
      unmatchedPeriods,
      merges: s.caseMerges.map((m) => ({ spelling: m.spelling, mergedInto: m.mergedInto, rows: m.rows, how: m.spaces ? "spaces" : "case" })),
    };
  });

  // Per period × currency: cost, unattributed cost, groups without volume.
  const per = new Map<string, { period: string; currency: string; cost: Decimal; un: Decimal; n: number; noVol: Decimal }>();
  for (const g of result.groups) {
    const id = g.period + SEP + g.currency;
    let p = per.get(id);
    if (!p) per.set(id, (p = { period: g.period, currency: g.currency, cost: new Decimal(0), un: new Decimal(0), n: 0, noVol: new Decimal(0) }));
    p.cost = p.cost.plus(g.cost);
    if (g.key === UNATTRIBUTED) p.un = p.un.plus(g.cost);
    if (g.inferences === null) {
      p.n++;
      p.noVol = p.noVol.plus(g.cost);
    }
  }
  const periods: PeriodMatch[] = [...per.values()]
    .sort((a, b) => cmp(a.period, b.period) || cmp(a.currency, b.currency))
    .map((p) => ({
      period: p.period,
      currency: p.currency,
      cost: p.cost.toFixed(),
      unattributedCost: p.un.toFixed(),
      unattributedShare: p.cost.isZero() ? null : p.un.div(p.cost).toSignificantDigits(24).toFixed(),
      groupsWithoutVolume: p.n,
      costWithoutVolume: p.noVol.toFixed(),
    }));

  const vwc = new Map<string, number>();
  let noKeyInferences = 0;
  for (const r of result.volumeRecords) {
    if (!costPeriods.has(r.period)) vwc.set(r.period, (vwc.get(r.period) ?? 0) + r.inferences);
    if (r.key === NO_KEY) noKeyInferences += r.inferences;
  }
  const volumeWithoutCost = [...vwc.entries()].sort((a, b) => cmp(a[0], b[0])).map(([period, inferences]) => ({ period, inferences }));

  return {
    sources,
    periods,
    volumeWithoutCost,
    noKeyInferences,
    totals: {
      groups: result.groups.length,
      groupsWithoutVolume: periods.reduce((a, p) => a + p.groupsWithoutVolume, 0),
      unmatchedKeys: sources.reduce((a, s) => a + s.unmatchedKeys.length, 0),
      unmatchedPeriods: sources.reduce((a, s) => a + s.unmatchedPeriods.length, 0),
      merges: sources.reduce((a, s) => a + s.merges.length, 0),
    },
    hasVolume,
  };
}
