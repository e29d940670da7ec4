/**
 * The text grammars of AIECON, each written once: numbers and workload keys. (The
 * period grains and month names are in ./period.ts, with the periods they name.)
 *
 * There are three number grammars because three kinds of text are read, and they
 * genuinely accept different inputs:
 * - `parseStrictDecimal`: the spec's plain decimal number (shared/spec/functions.md: "a
 *   string that is a plain decimal number after trimming spaces ... counts as that number"),
 *   used for a custom function's text arguments and for the amounts of known billing formats;
 * - `parseLenientDecimal`: amounts of a generic file a person exported (currency symbols,
 *   group separators, `(12.34)` negatives, a decimal comma in a `;` file);
 * - `parseUserDecimal`: a non-negative number typed into the task pane (`1,250`, `12,5`;
 *   no sign, no currency symbol).
 * All three end in the same plain-decimal rule, `DECIMAL_TEXT`.
 */
import { Decimal } from "./decimal";
import { readCount } from "./excel-number";

// ---------------------------------------------------------------------------------------
// Numbers

/** A plain decimal number: `12`, `-3.5`, `1e3`, `+5`, `.5`, `7.` (no spaces, no separators). */
export const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** `DECIMAL_TEXT` without a sign. */
function isUnsignedDecimal(t: string): boolean {
  return DECIMAL_TEXT.test(t) && !/^[+-]/.test(t);
}

/**
 * Strict: plain or scientific notation (`12.5`, `-7.0E-10`, `5.64902E-05`), surrounding
 * spaces allowed. No thousands separators, no currency symbols. Returns the number text
 * ready for Decimal, or null when it is not a number.
 */
export function parseStrictDecimal(s: string): string | null {
  if (DECIMAL_TEXT.test(s)) return s;
  const t = s.trim();
  if (t !== s && DECIMAL_TEXT.test(t)) return t;
  return null;
}

const SYMBOLS_RE = /[$€£¥₹₩₽₺₪₫฿₴₦₱¢]|\b(?:USD|EUR|GBP|JPY|CHF|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|INR|CNY|BRL|MXN|ZAR|SGD|HKD)\b/g;
const SPACES_RE = /[\s\u00a0\u202f\u2009']/g;

/**
 * Lenient (generic files from a user): currency symbols and codes, spaces and `'` as
 * group separators, thousands separators, `(12.34)` as negative, a trailing minus, and a
 * decimal comma when `decimalComma` is set (the file's delimiter is `;`).
 * Returns normalised decimal text or null.
 */
export function parseLenientDecimal(s: string, decimalComma: boolean): string | null {
  let t = s.trim();
  if (t === "") return null;
  let neg = false;
  if (t.startsWith("(") && t.endsWith(")")) {
    neg = true;
    t = t.slice(1, -1);
  }
  t = t.replace(SYMBOLS_RE, "").replace(SPACES_RE, "");
  if (t.endsWith("-")) {
    neg = !neg;
    t = t.slice(0, -1);
  }
  if (t.startsWith("-")) {
    neg = !neg;
    t = t.slice(1);
  } else if (t.startsWith("+")) t = t.slice(1);
  if (decimalComma) {
    // 1.234.567,89 → 1234567.89
    if (/^\d{1,3}(\.\d{3})+(,\d*)?$/.test(t)) t = t.replace(/\./g, "");
    t = t.replace(",", ".");
    if (t.includes(",")) return null;
  } else {
    // 1,234,567.89 → 1234567.89
    if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) t = t.replace(/,/g, "");
  }
  if (!isUnsignedDecimal(t)) return null;
  return neg ? "-" + t : t;
}

/**
 * A non-negative decimal typed by the user ("0.05", "1,250", "12.5", "12,5"), as an exact
 * decimal string; null when it is not one. A comma is a thousands separator in groups of
 * three (`1,250.75`), else a decimal comma (`12,5`); spaces are dropped.
 */
export function parseUserDecimal(text: string): string | null {
  const t = text.trim().replace(/[\s\u00a0]/g, "");
  if (t === "") return null;
  let s = t;
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  else if (/^\d+,\d+$/.test(s)) s = s.replace(",", ".");
  if (!isUnsignedDecimal(s)) return null;
  return new Decimal(s).toFixed();
}

/** A non-negative whole count (`12`, `12.0`, `1.2E+3`) up to 2^53 − 1; null otherwise (why: `readCount` in ./excel-number.ts). */
export function parseCount(s: string): number | null {
  const v = readCount(s, "count");
  return typeof v === "number" ? v : null;
}

// ---------------------------------------------------------------------------------------
// Workload keys

/** The keys that read a column of the billing data (rather than a tag). */
export const KEY_KINDS = ["service", "resource", "sku", "model"] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/** The workload key the user asked for. `default` = tag:model when that tag exists, else service. */
export type KeySpec = { kind: "tag"; name: string } | { kind: KeyKind | "default" };

/** The keys in words, for messages. */
export const KEY_CHOICES = "tag:NAME, service, resource, sku or model";

const TAG = "tag:";

/** `tag:NAME`, `service`, `resource`, `sku` or `model`; none (undefined or "") is the default; null when not a key. */
export function parseKeySpec(key: string | undefined): KeySpec | null {
  if (key === undefined || key === "") return { kind: "default" };
  if (key.startsWith(TAG) && key.length > TAG.length) return { kind: "tag", name: key.slice(TAG.length) };
  return (KEY_KINDS as readonly string[]).includes(key) ? { kind: key as KeyKind } : null;
}

/** The text of a key that is not the default (`tag:NAME` or the kind). */
export function keyText(key: Exclude<KeySpec, { kind: "default" }>): string {
  return key.kind === "tag" ? TAG + key.name : key.kind;
}
