/**
 * Volume files (counts per period, or a request log with one row per request) and
 * value files (value per period). Columns are found by their usual names or from the
 * user's mapping (`date`, `count`, `value`, `currency`, `key`).
 */
import { parseLenientDecimal } from "../../core/grammar";
import { readCount } from "../../core/excel-number";
import type { CsvRecord } from "../csv";
import { ImportError } from "../types";
import { type RowIssue, clip, findCol, isMissing, missingColumns, present } from "./common";

export const DATE_NAMES = ["date", "day", "period", "month", "week", "quarter", "timestamp", "time", "datetime", "start_time", "starting_at", "usage_date", "usage_start_time", "ChargePeriodStart"];
export const COUNT_NAMES = ["inferences", "requests", "invocations", "num_model_requests", "request_count", "requests_count", "num_requests", "calls", "count", "invocation_count"];
export const KEY_NAMES = ["key", "model", "model_id", "model_name", "endpoint", "deployment", "workload", "use_case"];
export const IN_TOKEN_NAMES = ["input_tokens", "ContextTokens", "prompt_tokens", "context_tokens", "tokens_in", "input_token_count"];
export const OUT_TOKEN_NAMES = ["output_tokens", "GeneratedTokens", "completion_tokens", "generated_tokens", "tokens_out", "output_token_count"];
export const VALUE_NAMES = ["value", "value_amount", "business_value", "benefit", "revenue", "amount"];

/** Synthetic columns of the OpenAI usage JSON (counts). */
export const OPENAI_USAGE_COLUMNS = ["start_time", "model", "num_model_requests", "input_tokens", "output_tokens", "project_id"];

export interface VolumeOut {
  date: string;
  key: string | null;
  count: number;
  inTok: number | null;
  outTok: number | null;
}

export interface VolumeMapper {
  format: "counts" | "request-log";
  dateColumn: string;
  out: VolumeOut;
  map(rec: CsvRecord): RowIssue;
}

export function isVolume(cols: string[]): boolean {
  return findCol(cols, ...DATE_NAMES) >= 0 && (findCol(cols, ...COUNT_NAMES) >= 0 || findCol(cols, ...IN_TOKEN_NAMES) >= 0);
}
/** What a volume file's columns hold (the task pane's pricing choices): both token counts, and a key column (a model, a deployment…). */
export function volumeShape(columns: readonly string[], map?: { key?: string }): { tokens: boolean; keyed: boolean } {
  const cols = [...columns];
  const keyed = (map?.key !== undefined && findCol(cols, map.key) >= 0) || findCol(cols, ...KEY_NAMES) >= 0;
  return { tokens: findCol(cols, ...IN_TOKEN_NAMES) >= 0 && findCol(cols, ...OUT_TOKEN_NAMES) >= 0, keyed };
}
export function isValue(cols: string[]): boolean {
  return findCol(cols, ...DATE_NAMES) >= 0 && findCol(cols, ...VALUE_NAMES) >= 0 && findCol(cols, ...COUNT_NAMES) < 0;
}

interface Ctx {
  file: string;
  columns: string[];
  map?: { date?: string; count?: string; key?: string; value?: string; currency?: string };
  delimiter: string;
}

function col(ctx: Ctx, mapped: string | undefined, names: string[], required: string | null): number {
  if (mapped) {
    // A mapping given for several files applies where the file has that column.
    const i = findCol(ctx.columns, mapped);
    if (i >= 0) return i;
  }
  const i = findCol(ctx.columns, ...names);
  if (i < 0 && required !== null) throw missingColumns(ctx.file, [required], ctx.columns);
  return i;
}

export function volumeMapper(ctx: Ctx): VolumeMapper {
  const cDate = col(ctx, ctx.map?.date, DATE_NAMES, `a date or period column (${DATE_NAMES.slice(0, 8).join(", ")}, …)`);
  const cCount = col(ctx, ctx.map?.count, COUNT_NAMES, null);
  const cKey = col(ctx, ctx.map?.key, KEY_NAMES, null);
  const cIn = findCol(ctx.columns, ...IN_TOKEN_NAMES);
  const cOut = findCol(ctx.columns, ...OUT_TOKEN_NAMES);
  const out: VolumeOut = { date: "", key: null, count: 1, inTok: null, outTok: null };
  const tok = (rec: CsvRecord, i: number): number | null | string => {
    if (i < 0) return null;
    const s = rec.get(i);
    if (isMissing(s)) return null;
    const v = readCount(s, ctx.columns[i]);
    return typeof v === "number" ? v : v.problem;
  };
  return {
    format: cCount >= 0 ? "counts" : "request-log",
    dateColumn: ctx.columns[cDate],
    out,
    map(rec: CsvRecord): RowIssue {
      out.date = rec.get(cDate);
      if (cCount >= 0) {
        const s = rec.get(cCount);
        if (isMissing(s)) return { reject: `${ctx.columns[cCount]} is empty` };
        const v = readCount(s, ctx.columns[cCount]);
        if (typeof v !== "number") return { reject: v.problem };
        out.count = v;
      } else out.count = 1;
      const a = tok(rec, cIn);
      if (typeof a === "string") return { reject: a };
      const b = tok(rec, cOut);
      if (typeof b === "string") return { reject: b };
      out.inTok = a;
      out.outTok = b;
      out.key = cKey >= 0 ? present(rec.get(cKey)) : null;
      return undefined;
    },
  };
}

export interface ValueOut {
  date: string;
  key: string | null;
  value: string;
  /** "" = the billing currency. */
  currency: string;
}

export interface ValueMapper {
  format: "value";
  dateColumn: string;
  out: ValueOut;
  map(rec: CsvRecord): RowIssue;
}

export function valueMapper(ctx: Ctx): ValueMapper {
  const cDate = col(ctx, ctx.map?.date, DATE_NAMES, `a date or period column (${DATE_NAMES.slice(0, 8).join(", ")}, …)`);
  const cVal = col(ctx, ctx.map?.value, VALUE_NAMES, `a value column (${VALUE_NAMES.join(", ")})`);
  const cKey = col(ctx, ctx.map?.key, KEY_NAMES, null);
  // The currency is a column of this file: the mapped one when the header has it (exact case),
  // else one named `currency`. A value file without one is in the billing currency: a fixed
  // code in a mapping is for generic billing files only, never taken as this file's currency.
  const mc = ctx.map?.currency;
  let cCur = mc ? ctx.columns.indexOf(mc) : -1;
  if (cCur < 0) cCur = findCol(ctx.columns, "currency");
  const decimalComma = ctx.delimiter === ";";
  const name = ctx.columns[cVal];
  const out: ValueOut = { date: "", key: null, value: "", currency: "" };
  return {
    format: "value",
    dateColumn: ctx.columns[cDate],
    out,
    map(rec: CsvRecord): RowIssue {
      out.date = rec.get(cDate);
      const s = rec.get(cVal);
      const v = parseLenientDecimal(s, decimalComma);
      if (v === null) return { reject: isMissing(s) ? `${name} is empty` : `${name} is not a number: '${clip(s)}'` };
      out.value = v;
      if (cCur >= 0) {
        const c = rec.get(cCur).trim();
        out.currency = isMissing(c) ? "" : c.toUpperCase();
      } else out.currency = "";
      out.key = cKey >= 0 ? present(rec.get(cKey)) : null;
      return undefined;
    },
  };
}

export function notRecognised(file: string, kind: string, columns: string[]): ImportError {
  return new ImportError("not-recognised", `${file}: not a recognised ${kind} file; columns found: ${columns.join(", ")}`, file);
}
