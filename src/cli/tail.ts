/**
 * `aiecon tail --volume FILE... [--prices FILE] [--model NAME] [--key NAME] [--period P]
 *              [--fiscal-start MONTH] [--json]`: the long tail of cost per request.
 *
 * Every request of the request logs is priced at list price (the shipped LiteLLM table, or
 * --prices). The model: --model NAME for every request (the Azure traces have no model
 * column); else each request's key (its model / deployment column) is matched as a model name,
 * and keys with no price entry are listed, not priced. The key: --key NAME for every request;
 * else the file's key column; else the file's name without its extension.
 */
import { Decimal } from "../core/decimal";
import { summarize, UNATTRIBUTED } from "../import/index";
import { fileInput } from "../import/node";
import { TailCollector, type TailResult } from "../import/tail";
import { fileStem } from "../import/tail-rows";
import type { PeriodGrain, SourceReport } from "../import/types";
import { fiscalStartOption, periodOption, readOptions, UsageError, type OptionTable } from "./options";
import { loadPrices } from "./prices";

export interface TailArgs {
  files: string[];
  prices?: string;
  model?: string;
  key?: string;
  period: PeriodGrain;
  fiscal?: number;
  json: boolean;
}

const TAIL_OPTIONS: OptionTable<TailArgs> = {
  volume: { read: (v, a) => a.files.push(v) },
  prices: { read: (v, a) => (a.prices = v) },
  model: { read: (v, a) => (a.model = v) },
  key: { read: (v, a) => (a.key = v) },
  period: { read: (v, a) => (a.period = periodOption(v)) },
  "fiscal-start": { read: (v, a) => (a.fiscal = fiscalStartOption(v)) },
  json: { flag: true, read: (a) => (a.json = true) },
};

export function parseTailArgs(args: string[]): TailArgs {
  const a = readOptions<TailArgs>(args, TAIL_OPTIONS, { files: [], period: "month", json: false }, "give files with --volume");
  if (a.files.length === 0) throw new UsageError("tail needs at least one --volume FILE (a request log)");
  return a;
}

export interface TailRun {
  sources: SourceReport[];
  tail: TailResult;
}

export async function runTail(a: TailArgs): Promise<TailRun> {
  const c = new TailCollector(loadPrices(a.prices), a.model);
  const sources: SourceReport[] = [];
  for (const path of a.files) {
    const stem = fileStem(path);
    const fixed = a.key ?? null;
    const r = await summarize([fileInput(path, "volume", fixed === null ? undefined : { fixedKey: fixed })], {
      period: a.period,
      fiscalStartMonth: a.fiscal,
      cost: "billed",
      onRequest: (p, k, i, o) => c.add(p, k === UNATTRIBUTED && fixed === null ? stem : k, i, o),
    });
    sources.push(...r.sources);
  }
  return { sources, tail: c.result() };
}

const ratio = (s: string | null, dp: number): string => (s === null ? "-" : new Decimal(s).toFixed(dp));
const percent = (s: string | null): string => (s === null ? "-" : `${new Decimal(s).times(100).toFixed(2)}%`);

export function formatTail(r: TailRun, table: (head: string[], rows: string[][], right: Set<number>) => string): string {
  let s = "";
  for (const src of r.sources) {
    s += `${src.file}: ${src.format}; rows read ${src.rowsRead}, used ${src.rowsUsed}, rejected ${src.rowsRejected}\n`;
    for (const x of src.rejected.slice(0, 20)) s += `  rejected line ${x.line}: ${x.reason}\n`;
    if (src.format !== "request-log") s += `  not a request log (one row per request): its rows have no per-request cost\n`;
  }
  const t = r.tail;
  s += `\nprices: ${t.priceTable.source}${t.priceTable.date ? `, ${t.priceTable.date}` : ""}; USD per request\n\n`;
  s += table(
    ["Period", "Key", "Model", "Requests", "Cost", "p50", "p90", "p95", "p99", "Max", "Tail ratio", "Top 5% share"],
    t.groups.map((g) => [g.period, g.key, g.model, String(g.requests), g.cost, g.p50, g.p90, g.p95, g.p99, g.max, ratio(g.tailRatio, 4), percent(g.topShare)]),
    new Set([3, 4, 5, 6, 7, 8, 9, 10, 11]),
  );
  for (const u of t.unpriced) s += `unpriced key ${u.key} (${u.requests} requests): ${u.reason}; name its model with --model\n`;
  if (t.requestsWithoutTokens > 0) s += `${t.requestsWithoutTokens} requests without input or output tokens: not priced\n`;
  return s;
}
