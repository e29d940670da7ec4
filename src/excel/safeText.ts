/**
 * The one place where text becomes cell content.
 *
 * OWASP's CSV-injection guidance: text starting with `=`, `+`, `-`, `@`, a tab,
 * a carriage return or a line feed could be read by Excel as a formula (or
 * DDE). Writing it with a leading apostrophe makes Excel store the rest as a
 * literal text value (the apostrophe is Excel's "this is text" prefix and is
 * not part of the value), through `Range.values` and `Range.formulas` alike.
 *
 * The same prefix keeps every other text that Excel would convert when typed
 * (a period label `2024-09` read as a date, a key `123` read as a number,
 * `TRUE`, `5%`, `$12`, `Sep 2024`) exactly as the file gave it, so that
 * `SUMIFS` criteria and readers see the very same text. Text columns are
 * therefore left in the General format (no `@`), and every text cell from a
 * file, a period label or a key goes through `safeText`.
 */

const DANGEROUS_START = /^[=+\-@\t\r\n]/;
/** Text that Excel keeps as typed: starts with a letter or `_`, is not a boolean or a month-and-day. */
const PLAIN_START = /^[A-Za-z_]/;
const BOOLEAN = /^\s*(true|false)\s*$/i;
const MONTH_DATE = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s\-\/.,]*\d/i;


/** True when Excel could read this text as a formula (the injection vector). */
export function isFormulaLike(text: string): boolean {
  return DANGEROUS_START.test(text);
}

/** True when the text, typed into a General cell, would come back as the very same text. */
export function isPlainText(text: string): boolean {
  if (text.length === 0) return true;
  if (!PLAIN_START.test(text)) return false;
  if (BOOLEAN.test(text) || MONTH_DATE.test(text)) return false;

  return true;
}

/**
 * Cell content for a text: unchanged when Excel keeps it as typed, else
 * prefixed with `'` so that Excel stores it as that text and never evaluates
 * or converts it. An apostrophe already at the start is kept by the prefix.
 */
export function safeText(text: string): string {
  if (text.length === 0) return "";
  return isPlainText(text) ? text : "'" + text;
}

/**
 * A text as a string expression inside a formula, for the few formulas that
 * must name a label. Formula-like content is harmless inside a literal. A
 * double quote is joined in as `CHAR(34)` rather than doubled (`"a""b"`),
 * which Excel reads but HyperFormula (the workbench's engine) does not.
 */
export function formulaString(text: string): string {
  return text
    .split('"')
    .map((part) => '"' + part + '"')
    .join("&CHAR(34)&");
}
