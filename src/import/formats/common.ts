/** Shared pieces of the per-format mappers. */
import { type CsvRecord, detach } from "../csv";
import type { BillingFormat, ColumnMap, CostBasis } from "../types";
import { ImportError } from "../types";
import { type KeySpec, parseStrictDecimal } from "../../core/grammar";

/**
 * The workload key of a row for formats whose model is named only by a tag: `service`,
 * `resource` and `sku` read their column (-1 = the format has none); `tag:NAME`, `model` and
 * the default read the tag through `tag()`.
 */
export function rowKey(
  k: KeySpec,
  rec: CsvRecord,
  service: string,
  resourceCol: number,
  skuCol: number,
  tag: () => string | null,
): string | null {
  switch (k.kind) {
    case "service":
      return present(service);
    case "resource":
      return resourceCol >= 0 ? present(rec.get(resourceCol)) : null;
    case "sku":
      return skuCol >= 0 ? present(rec.get(skuCol)) : null;
    default:
      return tag();
  }
}

/** One billing row in normalized form; the mapper fills it, the engine reads it. */
export interface BillingOut {
  /** Date or timestamp text (or Unix seconds when the mapper says so). */
  date: string;
  /** Exact decimal text. */
  cost: string;
  currency: string;
  provider: string;
  service: string;
  chargeCategory: string;
  /** Key value for the requested key; null = (unattributed). In default mode, the `model` tag. */
  key: string | null;
}

/** A mapper's output record, reused for every row: what every row of the format shares preset. */
export function billingOut(fixed: Partial<Pick<BillingOut, "provider" | "service" | "chargeCategory">> = {}): BillingOut {
  return { date: "", cost: "", currency: "", provider: "", service: "", chargeCategory: "", key: null, ...fixed };
}

export interface MapperContext {
  file: string;
  columns: string[];
  key: KeySpec;
  basis: CostBasis;
  map?: ColumnMap;
  delimiter: string;
  /** Tag names seen (normalized: without `user:`/`user_`). */
  tagKeys: Set<string>;
}

/** undefined = row used; otherwise a rejected row or a skipped row with its reason. */
export type RowIssue = { reject: string } | { skip: string } | undefined;

/**
 * How a mapper reads a column. A typed source (Parquet) reads only the columns a mapper
 * lists (column projection) and checks that each column's type fits its use.
 */
export type ColumnUse = "amount" | "date" | "text" | "tags";

/** The columns a mapper may read (indices < 0, columns the file lacks, are left out). */
export function reads(...pairs: [number, ColumnUse][]): Map<number, ColumnUse> {
  const m = new Map<number, ColumnUse>();
  for (const [i, use] of pairs) if (i >= 0 && !m.has(i)) m.set(i, use);
  return m;
}

export interface BillingMapper {
  format: BillingFormat;
  /** Every column `map` may read, and how; absent = any column (all are read). */
  reads?: ReadonlyMap<number, ColumnUse>;
  /** Name of the date column, for messages. */
  dateColumn: string;
  /** The date field holds Unix seconds. */
  epochSeconds?: boolean;
  out: BillingOut;
  map(rec: CsvRecord): RowIssue;
  /** The variant of the format, once the rows are read (`FOCUS 1.0`, `EA, amortized`); null when the columns do not tell. */
  variant?(): string | null;
  /** What the rows showed that the variant is told from (a parallel read merges its ranges'). */
  variantFacts?(): string[];
  /** The variant from the facts of several ranges of the file. */
  variantOfFacts?(facts: readonly string[]): string | null;
}

/**
 * A currency code as the engine keys it: trimmed and upper-cased, so `usd`, ` USD`
 * and `USD` are one currency. Codes already in that form are returned as they are.
 */
export function normCurrency(s: string): string {
  if (s.length === 3) {
    const a = s.charCodeAt(0), b = s.charCodeAt(1), c = s.charCodeAt(2);
    if (a >= 65 && a <= 90 && b >= 65 && b <= 90 && c >= 65 && c <= 90) return s;
  }
  return s.trim().toUpperCase();
}

/** NULL, empty and placeholder values are missing. */
export function isMissing(s: string): boolean {
  if (s.length === 0) return true;
  if (s.length > 10) return false;
  const t = s.trim();
  return t === "" || t === "NULL" || t === "null" || t === "Null" || t === "-2" || t === "Unassigned" || t === "None";
}

export function present(s: string): string | null {
  return isMissing(s) ? null : s;
}

/** Case-insensitive column lookup: first of `names` found, or -1. */
export function findCol(columns: string[], ...names: string[]): number {
  for (const n of names) {
    const i = columns.indexOf(n);
    if (i >= 0) return i;
  }
  const lower = columns.map((c) => c.toLowerCase());
  for (const n of names) {
    const i = lower.indexOf(n.toLowerCase());
    if (i >= 0) return i;
  }
  return -1;
}

/** A header column a format looks for: one name, or alternatives (any one of them). */
export type ColumnSig = string | readonly string[];

/**
 * One billing format, declared once: the header columns that tell it (detection), the further
 * columns a file of it has (with the first, the signature named in "looks like X but misses
 * Y"), and its mapper (field reads, key rules, amortization). Detection and signatures are
 * derived from these in formats/index.ts, in the order of its SPECS.
 */
export interface FormatSpec {
  readonly format: Exclude<BillingFormat, "generic">;
  /** Every one of these is in the header (names compared ignoring case). */
  readonly detect: readonly ColumnSig[];
  /** Further columns a file of this format has (not needed to tell it). */
  readonly expected?: readonly string[];
  readonly mapper: (ctx: MapperContext) => BillingMapper;
}

/** The header has every column of `sig` (a list: any of its names). */
export function headerHas(columns: string[], sig: readonly ColumnSig[]): boolean {
  return sig.every((c) => (typeof c === "string" ? findCol(columns, c) >= 0 : findCol(columns, ...c) >= 0));
}

export function missingColumns(file: string, expected: string[], columns: string[]): ImportError {
  return new ImportError(
    "missing-columns",
    `${file}: required column(s) missing: expected ${expected.join(", ")}; found ${columns.length ? columns.join(", ") : "(none)"}`,
    file,
  );
}

/** Index of a required column, or an ImportError naming file, expected and found columns. */
export function requireCol(ctx: MapperContext, ...names: string[]): number {
  const i = findCol(ctx.columns, ...names);
  if (i < 0) throw missingColumns(ctx.file, [names.join(" or ")], ctx.columns);
  return i;
}

/** A cost field: exact decimal text, or a rejection reason. */
export function costOf(rec: CsvRecord, i: number, column: string): string | { reject: string } {
  const s = rec.get(i);
  const v = parseStrictDecimal(s);
  if (v !== null) return v;
  if (isMissing(s)) return { reject: `${column} is empty` + (s.trim() === "" ? "" : ` ('${s}')`) };
  return { reject: `${column} is not a number: '${clip(s)}'` };
}

/** Into `out`, the row's cost (exact text) and its date text; or why the row is rejected. */
export function costAndDate(rec: CsvRecord, out: BillingOut, cCost: number, costColumn: string, cDate: number): RowIssue {
  const c = costOf(rec, cCost, costColumn);
  if (typeof c !== "string") return c;
  out.cost = c;
  out.date = rec.get(cDate);
  return undefined;
}

export function clip(s: string, n = 60): string {
  return s.length > n ? s.slice(0, n) + "…" : s;
}

/** Tag name without AWS's `user:` / `user_` prefix. */
export function normalTagName(k: string): string {
  // Surrounding spaces are no part of a tag's name: ` org` and `org` are one tag key.
  const t = k.trim();
  if (t.startsWith("user:") || t.startsWith("user_")) return t.slice(5).trim();
  return t;
}

/** Find tag `name` in a tag map: exact, `user:NAME`, `user_NAME`, then case-insensitive. */
export function findTag(tags: Record<string, string>, name: string): string | null {
  let v = tags[name] ?? tags["user:" + name] ?? tags["user_" + name];
  if (v === undefined) {
    const ln = name.toLowerCase();
    for (const k of Object.keys(tags)) {
      if (normalTagName(k).toLowerCase() === ln || k.toLowerCase() === ln) {
        v = tags[k];
        break;
      }
    }
  }
  if (v === undefined || v === null) return null;
  const s = typeof v === "string" ? v : String(v);
  return isMissing(s) ? null : s;
}

/** Parse a tag cell (JSON object, JSON without braces, or list of {key,value}); cached by text. */
export class TagParser {
  private cache = new Map<string, Record<string, string>>();
  /** Keyed by raw text of fields that hold doubled quotes. */
  private escCache = new Map<string, Record<string, string>>();
  constructor(private readonly tagKeys: Set<string>) {}
  /** Tags of field i of a record (cached by the field's raw text: no unescaping per row). */
  field(rec: CsvRecord, i: number): Record<string, string> {
    const raw = rec.raw(i);
    const cache = rec.escaped(i) ? this.escCache : this.cache;
    let t = cache.get(raw);
    if (t !== undefined) return t;
    t = this.parse(rec.get(i));
    if (cache.size > 20000) cache.clear();
    cache.set(detach(raw), t);
    return t;
  }
  parse(text: string): Record<string, string> {
    let t = this.cache.get(text);
    if (t !== undefined) return t;
    t = parseTagText(text);
    for (const k of Object.keys(t)) this.tagKeys.add(normalTagName(k));
    if (this.cache.size > 20000) this.cache.clear();
    this.cache.set(detach(text), t);
    return t;
  }
}

const EMPTY: Record<string, string> = Object.freeze({}) as Record<string, string>;

export function parseTagText(raw: string): Record<string, string> {
  const s = raw.trim();
  if (isMissing(s) || s === "{}" || s === "[]") return EMPTY;
  let v: unknown = tryJson(s);
  if (v === undefined && !s.startsWith("{") && !s.startsWith("[")) v = tryJson("{" + s + "}");
  if (v === undefined && (s.startsWith("[") || s.startsWith("{"))) v = tryJson(pythonReprToJson(s));
  if (v === undefined || v === null || typeof v !== "object") return EMPTY;
  const out: Record<string, string> = {};
  if (Array.isArray(v)) {
    for (const item of v) {
      if (item && typeof item === "object") {
        const o = item as Record<string, unknown>;
        const k = o.key ?? o.name;
        if (typeof k === "string" && o.value !== undefined && o.value !== null) out[k] = String(o.value);
      }
    }
    return out;
  }
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (val === null || val === undefined) continue;
    out[k] = typeof val === "string" ? val : JSON.stringify(val);
  }
  return out;
}

function tryJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** Python repr (`[{'key': 'a', 'value': None}]`) → JSON. Strings keep their text. */
export function pythonReprToJson(s: string): string {
  let out = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === "'" || c === '"') {
      const q = c;
      let j = i + 1;
      let str = "";
      while (j < s.length && s[j] !== q) {
        if (s[j] === "\\" && j + 1 < s.length) {
          const n = s[j + 1];
          str += n === "'" ? "'" : n === '"' ? '"' : n === "\\" ? "\\" : n === "n" ? "\n" : n === "t" ? "\t" : "\\" + n;
          j += 2;
          continue;
        }
        str += s[j];
        j++;
      }
      out += JSON.stringify(str);
      i = j + 1;
      continue;
    }
    if (s.startsWith("None", i)) {
      out += "null";
      i += 4;
      continue;
    }
    if (s.startsWith("True", i)) {
      out += "true";
      i += 4;
      continue;
    }
    if (s.startsWith("False", i)) {
      out += "false";
      i += 5;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** The model named in a usage type such as `USE1-Claude4.6Sonnet-input-tokens`; null when none. */
export function modelFromUsageType(u: string): string | null {
  const m = /^(?:[A-Z]{2,5}\d?-)?(.+?)-(?:(?:cache-?(?:read|write)-?)?(?:input|output)|cache-?(?:read|write))(?:-?tokens?)(?:-count)?(?:-[a-z]+)*$/i.exec(
    u,
  );
  if (m) return m[1];
  return null;
}

/** The model before the comma of an OpenAI line item (`gpt-4o-2024-08-06, input`). */
export function modelFromLineItem(s: string): string | null {
  if (isMissing(s)) return null;
  const i = s.indexOf(",");
  const m = (i >= 0 ? s.slice(0, i) : s).trim();
  return m === "" ? null : m;
}

export function checkDuplicates(file: string, columns: string[]): void {
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new ImportError("bad-header", `${file}: duplicate column name '${c}' in the header`, file, 1);
    seen.add(c);
  }
}
