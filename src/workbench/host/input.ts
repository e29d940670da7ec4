/**
 * How Excel reads a value written through `range.values` / `range.formulas` (as if typed):
 * "=..." is a formula; a leading apostrophe makes the rest literal text; numeric text becomes
 * a number; TRUE/FALSE become booleans; ISO dates become date serials; a cell formatted as
 * Text ("@") keeps any string as text. DOM-free.
 */
import { HostError } from "./errors";

export type Scalar = number | string | boolean;

/** What a cell holds after input: nothing, a constant, or a formula (text with its leading "="). */
export type CellInput =
  | { kind: "empty" }
  | { kind: "value"; value: Scalar; autoFormat?: string }
  | { kind: "formula"; formula: string };

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const PERCENT = /^[+-]?(\d+(\.\d*)?|\.\d+)%$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** Excel serial date (1900 system) of a UTC calendar date. */
export function dateSerial(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86400000 + 25569;
}

/** Parses one input element the way Excel does. `textFormat`: the cell's number format is "@". */
export function parseInput(raw: unknown, textFormat: boolean, where: string): CellInput | undefined {
  if (raw === null || raw === undefined) return undefined; // Excel ignores null: the cell keeps its content
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) throw new HostError("InvalidArgument", `${where}: ${raw} is not a finite number.`);
    return { kind: "value", value: raw };
  }
  if (typeof raw === "boolean") return { kind: "value", value: raw };
  if (typeof raw !== "string") {
    throw new HostError("InvalidArgument", `${where}: a cell value must be a number, string or boolean, got ${typeof raw}.`);
  }
  const s = raw;
  if (s === "") return { kind: "empty" };
  if (textFormat) return { kind: "value", value: s };
  if (s.startsWith("'")) return s.length === 1 ? { kind: "empty" } : { kind: "value", value: s.slice(1) };
  if (s.startsWith("=") && s.length > 1) return { kind: "formula", formula: s };
  const t = s.trim();
  if (NUMERIC.test(t)) return { kind: "value", value: Number(t) };
  if (THOUSANDS.test(t)) return { kind: "value", value: Number(t.replace(/,/g, "")) };
  if (PERCENT.test(t)) return { kind: "value", value: Number(t.slice(0, -1)) / 100, autoFormat: "0%" };
  if (/^(true|false)$/i.test(t)) return { kind: "value", value: t.toUpperCase() === "TRUE" };
  let m = ISO_DATE.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) {
      let v = dateSerial(y, mo, d);
      if (m[4] !== undefined) v += (Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6] ?? 0)) / 86400;
      return { kind: "value", value: v, autoFormat: m[4] !== undefined ? "yyyy-mm-dd hh:mm" : "yyyy-mm-dd" };
    }
  }
  m = ISO_MONTH.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    return { kind: "value", value: dateSerial(Number(m[1]), Number(m[2]), 1), autoFormat: "mmm-yy" };
  }
  // Typed text that starts with + - or @ is read by Excel as a formula (the CSV-injection vector).
  if ((s[0] === "+" || s[0] === "-") && s.length > 1) return { kind: "formula", formula: "=" + s };
  if (s[0] === "@" && s.length > 1) return { kind: "formula", formula: "=" + s.slice(1) };
  return { kind: "value", value: s };
}

/** Text as it must be typed to come back as that same text (shown in `formulas` and the formula bar). */
export function quoteText(text: string): string {
  const p = parseInput(text, false, "");
  return p && p.kind === "value" && p.value === text ? text : "'" + text;
}
