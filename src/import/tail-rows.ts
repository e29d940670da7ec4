/**
 * The long tail as the workbook takes it: the engine's figures per key × period
 * (./tail.ts, with the chart shapes), the price rows of the models used, and the requests
 * themselves while they fit a sheet (at most `limit`, default 100,000: a pane choice). Past
 * the limit the rows are dropped and the workbook gets the figures as values.
 */
import { foldKey, UNATTRIBUTED } from "./keys";
import type { PriceRow, PriceTable } from "./prices/convert";
import { TailCollector, type TailResult } from "./tail";

export const REQUEST_ROWS_LIMIT = 100_000;

/** A file's name without its folder and its extension (`.csv`, `.csv.gz`, …): the long-tail key of a request log without a key column. */
export function fileStem(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  return name.replace(/\.(csv|tsv|txt|json)(\.gz)?$/i, "");
}

/** The long-tail key of a request: its key, or for a request log without a key column its file's stem. */
export function tailKey(key: string, file: string): string {
  return key === UNATTRIBUTED ? fileStem(file) : key;
}

export interface PricedRequest {
  period: string;
  key: string;
  inputTokens: number;
  outputTokens: number;
  /** Index of its key × period in `tail.groups` (rows are ordered by it). */
  group: number;
}

export interface LongTailData {
  tail: TailResult;
  /** The price rows of the models the groups were priced at, in the order first used. */
  prices: PriceRow[];
  /** Every priced request, grouped in the order of `tail.groups`; null when they did not fit (or were not asked for). */
  requests: PricedRequest[] | null;
  /** The most request rows the workbook would take. */
  limit: number;
}

type Raw = Omit<PricedRequest, "group">;

export class LongTailCollector {
  private readonly tail: TailCollector;
  private rows: Raw[] | null;

  /** `limit`: most request rows kept (0: none). */
  constructor(
    private readonly table: PriceTable,
    model?: string,
    private readonly limit = REQUEST_ROWS_LIMIT,
  ) {
    this.tail = new TailCollector(table, model, { shape: true });
    this.rows = limit > 0 ? [] : null;
  }

  /** One request (the engine's onRequest). */
  readonly add = (period: string, key: string, inTok: number | null, outTok: number | null): void => {
    this.tail.add(period, key, inTok, outTok);
    if (this.rows === null || inTok === null || outTok === null) return;
    if (this.rows.length >= this.limit) this.rows = null;
    else this.rows.push({ period, key, inputTokens: inTok, outputTokens: outTok });
  };

  result(): LongTailData {
    const tail = this.tail.result();
    const byGroup = new Map<string, number>();
    tail.groups.forEach((g, i) => byGroup.set(`${g.period}\u001f${foldKey(g.key)}`, i));
    let requests: PricedRequest[] | null = null;
    if (this.rows !== null) {
      const priced: PricedRequest[] = [];
      for (const r of this.rows) {
        const group = byGroup.get(`${r.period}\u001f${foldKey(r.key)}`);
        if (group !== undefined) priced.push({ ...r, key: tail.groups[group].key, group });
      }
      requests = priced.sort((a, b) => a.group - b.group); // stable: file order within a group
    }
    const used = [...new Set(tail.groups.map((g) => g.model))];
    const prices = used.map((m) => this.table.rows.find((r) => r.model === m)).filter((r): r is PriceRow => r !== undefined);
    return { tail, prices, requests, limit: this.limit };
  }
}
