/**
 * Reads the add-in's data tables, import log and AI Prices back from the workbook (two syncs), for a
 * refresh: the records as they stand now, with the user's edits and typed rows. Amounts
 * come back as doubles and become their shortest decimal text (the value the cell shows).
 */
import { Decimal } from "../core/decimal";
import type { LogEntry, DataRecords } from "../import/importlog";
import type { CostRecord, SourceKind, ValueMethod, ValueRecord, VolumeRecord } from "../import/types";
import { TABLE_NAMES } from "./plan";
import { parseTotals, LOG } from "./plan/log";
import { COST } from "./plan/cost";
import { VOLUME } from "./plan/volume";
import { VALUE } from "./plan/value";
import type { Cell } from "./plan";
import { AI_PRICES } from "./plan/prices";
import type { PriceRow } from "../import/prices/convert";

export interface WorkbookData extends DataRecords {
  log: LogEntry[];
  /** Columns the user added to each data table: headers and each body row's formulas. */
  extras: { cost: Extra; volume: Extra; value: Extra };
  /** The rows of `AI Prices` as they stand (a negotiated price typed over a list price), or none. */
  prices: PriceRow[];
}

export interface Extra {
  headers: string[];
  rows: Cell[][];
}

type Row = Record<string, unknown>;

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v));
function amount(v: unknown): string {
  if (typeof v === "number") return new Decimal(String(v)).toFixed();
  const t = text(v).trim();
  return t === "" ? "0" : new Decimal(t).toFixed();
}
const count = (v: unknown): number | null => (typeof v === "number" ? v : text(v).trim() === "" ? null : Number(v));

function rowsOf(values: unknown[][] | null): Row[] {
  if (values === null || values.length === 0) return [];
  const [header, ...body] = values;
  return body
    .filter((r) => r.some((c) => text(c) !== ""))
    .map((r) => Object.fromEntries(header.map((h, i) => [text(h), r[i]])));
}

/** Not an AIECON workbook: no `AiCostData` table. */
export class NotAnAieconWorkbook extends Error {
  constructor() {
    super("This workbook has no AIECON data tables (AiCostData): import first, then refresh.");
    this.name = "NotAnAieconWorkbook";
  }
}

export async function readWorkbookData(ctx: Excel.RequestContext): Promise<WorkbookData> {
  const ids = ["cost", "volume", "value", "log", "prices"] as const;
  // Which tables exist (AI Prices is optional; a workbook without AiCostData is not the add-in's),
  // then the ranges of those that do: a null object's range cannot be asked for.
  const tables = ids.map((id) => {
    const t = ctx.workbook.tables.getItemOrNullObject(TABLE_NAMES[id]);
    t.load("name");
    return t;
  });
  await ctx.sync();
  const ranges = tables.map((t) => {
    if (t.isNullObject) return null;
    const r = t.getRange();
    r.load("values,formulas");
    return r;
  });
  await ctx.sync();
  const got = ranges.map((r) => (r === null ? null : (r.values as unknown[][])));
  const formulas = ranges.map((r) => (r === null ? null : (r.formulas as Cell[][])));
  const known = [COST, VOLUME, VALUE, LOG].map((c) => new Set(c.columns.map((x) => (typeof x.header === "string" ? x.header : ""))));
  const extraOf = (i: number): Extra => {
    const v = got[i];
    const f = formulas[i];
    if (v === null || f === null || v.length === 0) return { headers: [], rows: [] };
    const cols = v[0].map((h, c) => ({ h: text(h), c })).filter((x) => !known[i].has(x.h));
    const body = f.slice(1).filter((_, r) => v[r + 1].some((c) => text(c) !== ""));
    return { headers: cols.map((x) => x.h), rows: body.map((row) => cols.map((x) => row[x.c])) };
  };
  if (got[0] === null) throw new NotAnAieconWorkbook();
  const [cost, volume, value, log, prices] = got.map(rowsOf);
  const header = (k: (typeof AI_PRICES.columns)[number]["key"]): string => String(AI_PRICES.columns.find((c) => c.key === k)!.header);
  const price = (v: unknown): string | null => (text(v).trim() === "" ? null : amount(v));
  return {
    prices: prices.map(
      (r): PriceRow => ({
        model: text(r[header("model")]),
        provider: text(r[header("provider")]),
        mode: "",
        input: price(r[header("input")]),
        output: price(r[header("output")]),
        cachedInput: price(r[header("cachedInput")]),
        batchInput: price(r[header("batchInput")]),
        batchOutput: price(r[header("batchOutput")]),
      }),
    ),
    extras: { cost: extraOf(0), volume: extraOf(1), value: extraOf(2) },
    cost: cost.map(
      (r): CostRecord => ({
        period: text(r["Period"]),
        key: text(r["Key"]),
        provider: text(r["Provider"]),
        service: text(r["Service"]),
        chargeCategory: text(r["Charge category"]),
        currency: text(r["Currency"]),
        cost: amount(r["Cost"]),
        source: text(r["Source"]),
      }),
    ),
    volume: volume.map(
      (r): VolumeRecord => ({
        period: text(r["Period"]),
        key: text(r["Key"]),
        inferences: count(r["Inferences"]) ?? 0,
        inputTokens: count(r["Input tokens"]),
        outputTokens: count(r["Output tokens"]),
        source: text(r["Source"]),
      }),
    ),
    value: value.map(
      (r): ValueRecord => ({
        period: text(r["Period"]),
        key: text(r["Key"]),
        value: amount(r["Value"]),
        currency: text(r["Currency"]),
        method: (text(r["Method"]) || "imported") as ValueMethod,
        source: text(r["Source"]),
      }),
    ),
    log: log.map(
      (r): LogEntry => ({
        file: text(r["File"]),
        bytes: count(r["Bytes"]) ?? 0,
        sha256: text(r["SHA-256"]),
        kind: text(r["Kind"]) as SourceKind,
        format: text(r["Format"]),
        provider: text(r["Provider"]),
        periods: text(r["Periods"]).split(",").map((p) => p.trim()).filter((p) => p !== ""),
        rowsUsed: count(r["Rows used"]) ?? 0,
        totals: parseTotals(text(r["Totals"])),
        imported: text(r["Imported"]),
      }),
    ),
  };
}
