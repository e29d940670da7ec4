/**
 * How amounts and counts read in the task pane: exact decimal strings and counts with
 * en-US thousands separators (Intl.NumberFormat), amounts to 2 decimals or 4 significant
 * digits, sizes in B/KB/MB. No DOM.
 */
import { Decimal } from "../core/decimal";

/**
 * `Intl.NumberFormat#format` as ES2023 (Intl.NumberFormat v3) has it: a decimal string is
 * formatted exactly, digit for digit, never through a double (Node 20 and Chromium do;
 * test/unit/taskpane/numbers.test.ts checks). The project's ES2022 lib types only
 * numbers and bigints, hence the one cast.
 */
interface DecimalStringFormat {
  format(value: string): string;
}
const EN_US_GROUPING = new Intl.NumberFormat("en-US") as unknown as DecimalStringFormat;

/** An integer given as a decimal string ("-1234567"), with en-US thousands separators ("-1,234,567"). */
function groupDigits(integer: string): string {
  return EN_US_GROUPING.format(integer);
}

/** Exact-decimal amount shown to a person: grouped, 2 decimals, more for small amounts. */
export function formatAmount(amount: string): string {
  let d: Decimal;
  try {
    d = new Decimal(amount);
  } catch {
    return amount;
  }
  if (!d.isFinite()) return amount;
  const abs = d.abs();
  let text: string;
  if (abs.isZero() || abs.gte(1)) text = d.toFixed(2);
  else {
    // Small amounts keep 4 significant digits (at least 2 decimals) so they never read as 0.00.
    const sig = d.toSignificantDigits(4);
    const dp = Math.max(2, sig.decimalPlaces());
    text = sig.toFixed(dp);
  }
  const [int, frac] = text.split(".");
  return groupDigits(int) + (frac !== undefined ? "." + frac : "");
}

/** "USD 1,234.57; EUR 12.00" (sorted by currency). */
export function formatTotals(totals: Record<string, string>): string {
  const cs = Object.keys(totals).sort();
  if (cs.length === 0) return "none";
  return cs.map((c) => `${c} ${formatAmount(totals[c])}`).join("; ");
}

export function formatCount(n: number): string {
  const whole = String(Math.round(n));
  return Number.isFinite(n) ? groupDigits(whole) : whole;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
