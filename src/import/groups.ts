/**
 * Groups (period × key × currency) from the records of the three data tables: the cost, the
 * inferences and the value of each group, and its figures by the core's formulas. One rule,
 * used by `summarize` (the first import) and by `mergeRecords` (a refresh over records read
 * back from the workbook).
 */
import { bandFor } from "../core/bands";
import { Decimal, ratioToString } from "../core/decimal";
import { costPerInference as costPerInferenceOf, roiMultiple as roiMultipleOf, valuePerInference as valuePerInferenceOf } from "../core/metrics";
import type { CostRecord, Group, ValueRecord, VolumeRecord } from "./types";

const SEP = "\u001f";
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function groupsOf(cost: readonly CostRecord[], volume: readonly VolumeRecord[], value: readonly ValueRecord[]): Group[] {
  const inf = new Map<string, number>();
  for (const r of volume) {
    const k = r.period + SEP + r.key;
    inf.set(k, (inf.get(k) ?? 0) + r.inferences);
  }
  const val = new Map<string, Decimal>();
  for (const r of value) {
    const k = r.period + SEP + r.key + SEP + r.currency;
    val.set(k, (val.get(k) ?? new Decimal(0)).plus(r.value));
  }
  const groupCost = new Map<string, { period: string; key: string; currency: string; d: Decimal }>();
  for (const r of cost) {
    const k = r.period + SEP + r.key + SEP + r.currency;
    const g = groupCost.get(k);
    if (g) g.d = g.d.plus(r.cost);
    else groupCost.set(k, { period: r.period, key: r.key, currency: r.currency, d: new Decimal(r.cost) });
  }
  const groups: Group[] = [];
  for (const [k, g] of groupCost) {
    const n = inf.get(g.period + SEP + g.key);
    const v = val.get(k);
    const inferences = n === undefined ? null : n;
    // The core's formulas, as the custom functions compute them (src/core/formulas.ts).
    const count = inferences !== null && inferences > 0 ? new Decimal(inferences) : null;
    const costPerInference = count !== null ? ratioToString(costPerInferenceOf(g.d, count)) : null;
    const valuePerInference = v !== undefined && count !== null ? ratioToString(valuePerInferenceOf(v, count)) : null;
    // As AIECON.ROIMULTIPLE: no multiple (and no band) where the cost is 0 (#DIV/0!) or a net credit (#NUM!).
    const roi = v !== undefined && g.d.gt(0) ? roiMultipleOf(v, g.d) : null;
    groups.push({
      period: g.period,
      key: g.key,
      currency: g.currency,
      cost: g.d.toFixed(),
      inferences,
      value: v === undefined ? null : v.toFixed(),
      costPerInference,
      valuePerInference,
      roiMultiple: roi === null ? null : ratioToString(roi),
      band: roi === null ? null : bandFor(roi),
    });
  }
  groups.sort((a, b) => cmp(a.period, b.period) || cmp(a.key, b.key) || cmp(a.currency, b.currency));
  return groups;
}
