/**
 * What a cell can hold, checked where amounts and counts are read (docs/input-checks.md).
 * Excel keeps a number as an IEEE double shown to 15 significant digits, up to
 * ±9.99999999999999E+307; the engine keeps money exact, so an amount outside that range is
 * a rejected row (it cannot be written), and an amount Excel would round (more than 15
 * significant digits, or under Excel's smallest number) is used, exactly, with a warning.
 * Counts are whole, not negative, and at most 2^53 − 1 (beyond it a double skips integers).
 */
import { Decimal } from "./decimal";

/** The largest number Excel holds. */
export const EXCEL_MAX_TEXT = "9.99999999999999E+307";
const EXCEL_MAX = new Decimal("9.99999999999999e307");
/** The smallest positive number Excel holds; below it a value is stored as 0. */
const EXCEL_MIN = new Decimal("2.2250738585072e-308");
/** Significant digits Excel keeps. */
export const EXCEL_DIGITS = 15;

export type AmountCheck = { reject: string } | { warn: string } | null;

function shown(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + "…" : s;
}

/**
 * Whether an amount (exact decimal text, already validated) fits a cell. `what` names it in
 * the message (`BilledCost`, `cost`, `value`). Fast: plain text with at most 15 digits is
 * never parsed.
 */
export function checkAmount(s: string, what: string): AmountCheck {
  let digits = 0;
  let exp = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 101 || c === 69) {
      exp = true;
      break;
    }
  }
  if (!exp && digits <= EXCEL_DIGITS) return null;
  let d: Decimal;
  try {
    d = new Decimal(s);
  } catch {
    return null;
  }
  const a = d.abs();
  if (!d.isFinite() || a.gt(EXCEL_MAX)) return { reject: `${what} ${shown(s)} is beyond what Excel can hold (±${EXCEL_MAX_TEXT})` };
  if (!a.isZero() && a.lt(EXCEL_MIN)) return { warn: `${what} ${shown(s)} is below Excel's smallest number: the cell holds 0 (the totals stay exact)` };
  const sd = d.sd();
  if (sd > EXCEL_DIGITS) {
    const cell = new Decimal(Number(s).toPrecision(EXCEL_DIGITS)).toString();
    return { warn: `${what} ${shown(s)} has ${sd} significant digits; Excel keeps ${EXCEL_DIGITS} (${cell}); the totals stay exact` };
  }
  return null;
}

/** The largest count read: 2^53 − 1 (Number.MAX_SAFE_INTEGER). */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/**
 * A count field (`12`, `12.0`, `1.2E+3`): the count, or why it is not one: "must not be
 * negative", "is too large (over 2^53)", "is not a whole number". `what` names the column.
 */
export function readCount(s: string, what: string): number | { problem: string } {
  const t = s.trim();
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?$/.exec(t);
  if (!m) return { problem: `${what} is not a whole number: '${shown(s)}'` };
  const d = new Decimal(t);
  if (d.isNegative() && !d.isZero()) return { problem: `${what} must not be negative: '${shown(s)}'` };
  if (!d.isInteger()) return { problem: `${what} is not a whole number: '${shown(s)}'` };
  if (d.gt(MAX_COUNT)) return { problem: `${what} is too large (over 2^53): '${shown(s)}'` };
  return d.abs().toNumber();
}
