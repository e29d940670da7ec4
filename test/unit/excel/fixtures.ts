/** Small ImportResults for the writer's tests, with exact groups computed in decimal as the engine does. */
import { Decimal } from "../../../src/core/decimal";
import { bandFor } from "../../../src/core/bands";
import type { CostRecord, Group, ImportResult, ValueRecord, VolumeRecord } from "../../../src/import/types";

export const HYPERLINK = '=HYPERLINK("http://x","y")';

function ratio(a: Decimal, b: Decimal): string {
  return a.div(b).toSignificantDigits(24).toFixed();
}

/** Groups of period × key × currency, computed exactly from the records. */
export function groupsOf(cost: CostRecord[], volume: VolumeRecord[], value: ValueRecord[]): Group[] {
  const id = (p: string, k: string, c: string): string => `${p}\u0000${k}\u0000${c}`;
  const costs = new Map<string, Decimal>();
  const triples = new Map<string, { period: string; key: string; currency: string }>();
  for (const r of cost) {
    const i = id(r.period, r.key, r.currency);
    costs.set(i, (costs.get(i) ?? new Decimal(0)).plus(r.cost));
    triples.set(i, { period: r.period, key: r.key, currency: r.currency });
  }
  const inf = new Map<string, number>();
  for (const v of volume) inf.set(`${v.period}\u0000${v.key}`, (inf.get(`${v.period}\u0000${v.key}`) ?? 0) + v.inferences);
  const vals = new Map<string, Decimal>();
  for (const v of value) {
    const i = id(v.period, v.key, v.currency);
    vals.set(i, (vals.get(i) ?? new Decimal(0)).plus(v.value));
    triples.set(i, { period: v.period, key: v.key, currency: v.currency });
  }
  return [...triples.entries()].map(([i, t]) => {
    const c = costs.get(i) ?? new Decimal(0);
    const n = inf.get(`${t.period}\u0000${t.key}`) ?? null;
    const v = vals.get(i) ?? null;
    const cpi = n !== null && n > 0 ? ratio(c, new Decimal(n)) : null;
    const vpi = n !== null && n > 0 && v !== null ? ratio(v, new Decimal(n)) : null;
    const roi = v !== null && !c.isZero() ? ratio(v, c) : null;
    return {
      ...t,
      cost: c.toFixed(),
      inferences: n,
      value: v === null ? null : v.toFixed(),
      costPerInference: cpi,
      valuePerInference: vpi,
      roiMultiple: roi,
      band: roi === null ? null : bandFor(new Decimal(roi)),
    };
  });
}

export function resultOf(cost: CostRecord[], volume: VolumeRecord[] = [], value: ValueRecord[] = []): ImportResult {
  const totals: Record<string, string> = {};
  for (const r of cost) totals[r.currency] = new Decimal(totals[r.currency] ?? 0).plus(r.cost).toFixed();
  return {
    sources: [],
    groups: groupsOf(cost, volume, value),
    totals,
    key: "tag:model",
    period: "month",
    costRecords: cost,
    volumeRecords: volume,
    valueRecords: value,
    tagKeys: ["model"],
  };
}

const MONTHS = ["2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"];

/**
 * Six months (2024-Q3 and 2024-Q4), four keys:
 *  - gpt-4o: cost, volume, value (ROI high);
 *  - claude-3: cost, volume, value (ROI < 1 in Q4: remediation);
 *  - no-volume: cost and value, no volume;
 *  - HYPERLINK formula text as a key: cost and volume only.
 */
export function sampleResult(): ImportResult {
  const cost: CostRecord[] = [];
  const volume: VolumeRecord[] = [];
  const value: ValueRecord[] = [];
  MONTHS.forEach((m, i) => {
    cost.push({ period: m, key: "gpt-4o", provider: "Microsoft", service: "Azure OpenAI", chargeCategory: "Usage", currency: "USD", cost: (10 + i * 0.1).toFixed(2), source: "focus.csv" });
    cost.push({ period: m, key: "gpt-4o", provider: "Microsoft", service: "Azure OpenAI", chargeCategory: "Tax", currency: "USD", cost: "0.0000123", source: "focus.csv" });
    cost.push({ period: m, key: "claude-3", provider: "Anthropic", service: "-cmd|' /C calc'!A0", chargeCategory: "Usage", currency: "USD", cost: (20 + i).toFixed(2), source: "@evil.csv" });
    cost.push({ period: m, key: "no-volume", provider: "AWS", service: "Bedrock", chargeCategory: "Usage", currency: "USD", cost: "3.3", source: "cur.csv" });
    cost.push({ period: m, key: HYPERLINK, provider: "OpenAI", service: "+SUM(1,2)", chargeCategory: "Usage", currency: "USD", cost: "1.1", source: "=cmd.csv" });
    volume.push({ period: m, key: "gpt-4o", inferences: 1000 + i * 10, inputTokens: 50000, outputTokens: 20000, source: "volume.csv" });
    volume.push({ period: m, key: "claude-3", inferences: 3000, inputTokens: null, outputTokens: null, source: "volume.csv" });
    volume.push({ period: m, key: HYPERLINK, inferences: 70, inputTokens: null, outputTokens: null, source: "volume.csv" });
    value.push({ period: m, key: "gpt-4o", value: "300", currency: "USD", method: "imported", source: "value.csv" });
    value.push({ period: m, key: "claude-3", value: i < 3 ? "45" : "15", currency: "USD", method: "per-inference value", source: "value.csv" });
    value.push({ period: m, key: "no-volume", value: "12.5", currency: "USD", method: "time saved", source: "value.csv" });
  });
  return resultOf(cost, volume, value);
}

/** `n` cost records over 12 months × `keys` keys (the benchmark's shape). */
export function largeResult(n: number, keys = 20): ImportResult {
  const cost: CostRecord[] = [];
  const volume: VolumeRecord[] = [];
  for (let i = 0; i < n; i++) {
    const m = `2024-${String((i % 12) + 1).padStart(2, "0")}`;
    const k = `model-${Math.floor(i / 12) % keys}`;
    cost.push({
      period: m,
      key: k,
      provider: "Microsoft",
      service: "Azure OpenAI",
      chargeCategory: "Usage",
      currency: "USD",
      cost: `0.${String((i * 7919) % 1000000).padStart(6, "0")}123`,
      source: `billing-${i % 3}.csv`,
    });
  }
  for (let m = 1; m <= 12; m++) {
    for (let k = 0; k < keys; k++) {
      volume.push({ period: `2024-${String(m).padStart(2, "0")}`, key: `model-${k}`, inferences: 1000 + k * 37 + m, inputTokens: null, outputTokens: null, source: "volume.csv" });
    }
  }
  return resultOf(cost, volume, []);
}
