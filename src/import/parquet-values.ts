/**
 * Parquet values → the text a CSV export of the same data holds, so that a Parquet file
 * goes through the same mappers as its CSV twin:
 *  - DECIMAL (INT32, INT64, FIXED_LEN_BYTE_ARRAY, BYTE_ARRAY): its exact decimal, from the
 *    unscaled integer and the scale (never through a binary float);
 *  - DOUBLE: the shortest decimal that reads back as the same double (what Athena, pandas and
 *    a CSV export print; core/arith's shortestDecimal); FLOAT: the same for a 32-bit float;
 *  - TIMESTAMP (millis, micros, nanos; INT96): ISO 8601 in UTC. A timestamp adjusted to UTC
 *    is an instant; one that is not is a wall-clock time, which the engine takes as UTC, as
 *    it takes a CSV timestamp without an offset;
 *  - DATE: `YYYY-MM-DD`; integers: their digits; BOOLEAN: `true`/`false`;
 *  - MAP, STRUCT, LIST (CUR 2.0's `resource_tags`, `product`, `cost_category`): JSON text;
 *  - null: "" (a missing value, as an empty CSV field).
 */
import type { ParquetParsers, SchemaElement } from "hyparquet";
import { DIGITS, EXP, shortestDecimal } from "../core/arith";
import type { ColumnUse } from "./formats/common";

const utf8 = new TextDecoder();

/** Plain decimal text of `digits` × 10^exp (digits without sign). */
function plain(neg: boolean, digits: string, exp: number): string {
  let s: string;
  if (exp >= 0) s = digits === "0" ? "0" : digits + "0".repeat(exp);
  else {
    const n = -exp;
    const pad = digits.length <= n ? "0".repeat(n - digits.length + 1) + digits : digits;
    s = pad.slice(0, pad.length - n) + "." + pad.slice(pad.length - n);
  }
  return neg && s !== "0" ? "-" + s : s;
}

/** The shortest decimal of a double, in plain notation ("NaN"/"Infinity" stay as they are: not numbers). */
export function doubleText(x: number): string {
  if (x !== x || x === Infinity || x === -Infinity) return String(x);
  if (x === 0) return "0";
  shortestDecimal(x);
  return plain(x < 0, DIGITS, EXP);
}

/** The shortest decimal that reads back as the same 32-bit float. */
export function floatText(x: number): string {
  if (x !== x || x === Infinity || x === -Infinity || x === 0) return doubleText(x);
  for (let p = 1; p <= 9; p++) {
    const t = x.toPrecision(p);
    if (Math.fround(Number(t)) === x) return doubleText(Number(t));
  }
  return doubleText(x);
}

/** The exact decimal of an unscaled integer and a scale. */
export function decimalText(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString();
  return plain(neg, digits, -scale);
}

/** A big-endian two's complement integer (DECIMAL in FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY). */
function bytesToBigInt(b: Uint8Array): bigint {
  if (b.length === 0) return 0n;
  let v = 0n;
  for (let i = 0; i < b.length; i++) v = (v << 8n) | BigInt(b[i]);
  if (b[0] & 0x80) v -= 1n << BigInt(b.length * 8);
  return v;
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

/** ISO 8601 UTC text of milliseconds since the epoch (`…T00:00:00Z` when there is no fraction). */
function isoOfMillis(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  const y = d.getUTCFullYear();
  const date = `${y < 0 || y > 9999 ? String(y) : String(y).padStart(4, "0")}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  const f = d.getUTCMilliseconds();
  return `${date}T${time}${f === 0 ? "" : "." + String(f).padStart(3, "0")}Z`;
}

/** Floor division of a bigint (toward −∞, so 23:59:59.9999 stays on its day). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/** hyparquet's parsers, giving text: timestamps and dates as ISO 8601, JSON as its text. */
/** Exports repeat their timestamps (hourly or daily usage): the text of the last few thousand is kept. */
const isoCache = new Map<number, string>();
function isoCached(ms: number): string {
  let t = isoCache.get(ms);
  if (t === undefined) {
    t = isoOfMillis(ms);
    if (isoCache.size > 20000) isoCache.clear();
    isoCache.set(ms, t);
  }
  return t;
}

export const TEXT_PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (v: bigint) => isoCached(Number(v)),
  timestampFromMicroseconds: (v: bigint) => isoCached(Number(floorDiv(v, 1000n))),
  timestampFromNanoseconds: (v: bigint) => isoCached(Number(floorDiv(v, 1000000n))),
  dateFromDays: (days: number) => isoOfMillis(days * 86400000).slice(0, 10),
  jsonFromBytes: (b: Uint8Array | undefined) => (b === undefined ? undefined : utf8.decode(b)),
};

/** The kind of values a top-level column holds, from its schema element (and whether it has children). */
export type ValueKind = "decimal" | "double" | "float" | "integer" | "boolean" | "text" | "binary" | "temporal" | "nested";

export function valueKind(e: SchemaElement, nested: boolean): ValueKind {
  if (nested) return "nested";
  const lt = e.logical_type?.type;
  if (e.converted_type === "DECIMAL" || lt === "DECIMAL") return "decimal";
  if (lt === "TIMESTAMP" || lt === "DATE" || lt === "TIME" || e.type === "INT96") return "temporal";
  const ct = e.converted_type;
  if (ct === "DATE" || ct === "TIMESTAMP_MILLIS" || ct === "TIMESTAMP_MICROS" || ct === "TIME_MILLIS" || ct === "TIME_MICROS") return "temporal";
  if (lt === "STRING" || lt === "JSON" || lt === "ENUM" || lt === "UUID" || ct === "UTF8" || ct === "JSON" || ct === "ENUM") return "text";
  switch (e.type) {
    case "DOUBLE":
      return "double";
    case "FLOAT":
      return "float";
    case "INT32":
    case "INT64":
      return "integer";
    case "BOOLEAN":
      return "boolean";
    default:
      return "binary";
  }
}

/** The value kinds each use of a column accepts (text is always accepted: a CSV exported as Parquet keeps it). */
const FITS: Record<ColumnUse, ReadonlySet<ValueKind>> = {
  amount: new Set<ValueKind>(["decimal", "double", "float", "integer", "text"]),
  date: new Set<ValueKind>(["temporal", "text", "integer"]),
  text: new Set<ValueKind>(["text", "decimal", "double", "float", "integer", "boolean", "temporal"]),
  tags: new Set<ValueKind>(["nested", "text"]),
};

export function fits(use: ColumnUse, kind: ValueKind): boolean {
  return FITS[use].has(kind);
}

/** Whether a schema element is a DECIMAL (its annotation is taken off before reading, see parquet.ts). */
export function isDecimal(e: SchemaElement): boolean {
  return e.converted_type === "DECIMAL" || e.logical_type?.type === "DECIMAL";
}

/** A map of text to text (tags, as most are): serialized natively, without a replacer's call per key. */
function flatStrings(v: unknown): boolean {
  if (typeof v !== "object" || v === null || Array.isArray(v) || v instanceof Uint8Array) return false;
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (typeof x !== "string" && x !== null) return false;
  }
  return true;
}

function jsonReplacer(_k: string, v: unknown): unknown {
  if (typeof v === "bigint") return v.toString();
  if (v instanceof Uint8Array) return utf8.decode(v);
  return v;
}

/**
 * A function from one decoded value of a column to its text. `scale` is the DECIMAL
 * scale (the column is read unannotated: raw unscaled integers).
 */
export function textOf(kind: ValueKind, scale: number): (v: unknown) => string {
  switch (kind) {
    case "decimal":
      return (v) =>
        v === null || v === undefined
          ? ""
          : decimalText(typeof v === "bigint" ? v : v instanceof Uint8Array ? bytesToBigInt(v) : BigInt(v as number), scale);
    case "double":
      return (v) => (v === null || v === undefined ? "" : doubleText(v as number));
    case "float":
      return (v) => (v === null || v === undefined ? "" : floatText(v as number));
    case "nested":
      return (v) => (v === null || v === undefined ? "" : flatStrings(v) ? JSON.stringify(v) : JSON.stringify(v, jsonReplacer));
    case "binary":
      return (v) => (v === null || v === undefined ? "" : v instanceof Uint8Array ? utf8.decode(v) : String(v));
    default:
      return (v) => (v === null || v === undefined ? "" : typeof v === "string" ? v : String(v));
  }
}
