/**
 * The number-format policy of AIECON, written once (docs/number-formats.md): how money, cost
 * per inference, multiples and ratios, percentages and counts read, both as Excel number-format
 * codes (the workbook, src/excel/formats.ts) and as text (the task pane's cards and status,
 * src/taskpane/numbers.ts, with Intl.NumberFormat). Pure: no DOM, no Office.
 *
 * - Money: 2 decimals, thousands separators, the ISO code after the number (`#,##0.00 [$USD]`,
 *   `1,234.57 USD`). Never e-notation: Excel writes every digit of a fixed format, and the text
 *   form is an exact decimal.
 * - Cost and value per inference: about 4 significant digits. A number format cannot count
 *   significant digits, so the decimals are chosen per currency from the magnitude of the data
 *   (`unitDecimals`): enough that the smallest non-zero figure shows 4 significant digits; a
 *   zero shows as `0.00 USD`, never as a string of zeros.
 * - Multiples and ratios `0.00×`, percentages `0.0%`, counts `#,##0`.
 */
import { Decimal } from "./decimal";

/** Significant digits the smallest per-inference figure of a currency shows. */
export const UNIT_SIGNIFICANT = 4;
/** Decimals of money in tables and totals. */
export const MONEY_DECIMALS = 2;
/** The most decimals an Excel number format holds. */
export const MAX_FORMAT_DECIMALS = 30;
/** Decimals of a per-inference column without any figure to size it by. */
export const DEFAULT_UNIT_DECIMALS = 4;

// ---------------------------------------------------------------------------------------
// Excel number-format codes

/** `[$USD]`: a currency code as Excel's currency-text token; null when it is not three letters. */
export function currencyToken(currency: string): string | null {
  return /^[A-Za-z]{3}$/.test(currency) ? `[$${currency.toUpperCase()}]` : null;
}

function withCode(body: string, currency: string): string {
  const t = currencyToken(currency);
  return t === null ? body : `${body} ${t}`;
}

/** Money in tables and on data sheets: `#,##0.00 [$USD]`. */
export function moneyFormat(currency: string): string {
  return withCode("#,##0.00", currency);
}

/**
 * Cost or value per inference with `decimals` decimals (from `unitDecimals`):
 * `#,##0.000000 [$USD];-#,##0.000000 [$USD];0.00 [$USD]` (a zero reads 0.00 USD).
 */
export function unitMoneyFormat(currency: string, decimals: number = DEFAULT_UNIT_DECIMALS): string {
  const d = Math.min(MAX_FORMAT_DECIMALS, Math.max(MONEY_DECIMALS, Math.floor(decimals)));
  const body = `#,##0.${"0".repeat(d)}`;
  return `${withCode(body, currency)};${withCode("-" + body, currency)};${withCode("0.00", currency)}`;
}

/**
 * Decimals that give the smallest non-zero |figure| `UNIT_SIGNIFICANT` significant digits
 * (at least 2, at most 30): 0.0025 → 6 (`0.002500`), 0.0000123 → 8, 1.5 → 3, 42 → 2.
 * Figures are exact decimal strings; null and unreadable ones are ignored.
 */
export function unitDecimals(figures: Iterable<string | null | undefined>): number {
  let minExp: number | null = null;
  for (const f of figures) {
    if (f === null || f === undefined || f === "") continue;
    let d: Decimal;
    try {
      d = new Decimal(f);
    } catch {
      continue;
    }
    if (!d.isFinite() || d.isZero()) continue;
    // The exponent of the leading digit: floor(log10(|d|)), exactly.
    const e = d.abs().e;
    if (minExp === null || e < minExp) minExp = e;
  }
  if (minExp === null) return DEFAULT_UNIT_DECIMALS;
  return Math.min(MAX_FORMAT_DECIMALS, Math.max(MONEY_DECIMALS, UNIT_SIGNIFICANT - 1 - minExp));
}

/** Significant digits of the largest figure on a per-inference chart axis. */
export const AXIS_SIGNIFICANT = 3;

/**
 * Decimals of a per-inference chart axis: the largest |figure| gets `AXIS_SIGNIFICANT`
 * significant digits (0.0064 → 5, `0.00640 USD`; 12.5 → 2), so that the ticks between zero and
 * it read as short round numbers, not the 14 decimals a tiny figure would ask of the table's format.
 */
export function axisDecimals(figures: Iterable<string | null | undefined>): number {
  let maxExp: number | null = null;
  for (const f of figures) {
    const d = f === null || f === undefined || f === "" ? null : parse(f);
    if (d === null || d.isZero()) continue;
    if (maxExp === null || d.abs().e > maxExp) maxExp = d.abs().e;
  }
  if (maxExp === null) return DEFAULT_UNIT_DECIMALS;
  return Math.min(MAX_FORMAT_DECIMALS, Math.max(MONEY_DECIMALS, AXIS_SIGNIFICANT - 1 - maxExp));
}

export const COUNT_FORMAT = "#,##0";
/** ROI multiples and cost-to-value ratios: `12.50×`. */
export const MULTIPLE_FORMAT = '#,##0.00"×"';
export const RATIO_FORMAT = MULTIPLE_FORMAT;
/** Changes and growth rates: `12.3%`. */
export const PERCENT_FORMAT = "0.0%";

// ---------------------------------------------------------------------------------------
// Text (the task pane)

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
export function groupDigits(integer: string): string {
  return EN_US_GROUPING.format(integer);
}

/** `d.toFixed(n)`, without the sign of a negative figure that rounds to zero (-0.001 → `0.00`, never `-0.00`). */
function fixedNoNegativeZero(d: Decimal, n: number): string {
  const s = d.toFixed(n);
  return /^-[0.]+$/.test(s) ? s.slice(1) : s;
}

function grouped(fixed: string): string {
  const [int, frac] = fixed.split(".");
  return groupDigits(int) + (frac !== undefined ? "." + frac : "");
}

function parse(amount: string): Decimal | null {
  try {
    const d = new Decimal(amount);
    return d.isFinite() ? d : null;
  } catch {
    return null;
  }
}

/** A decimal with `sig` significant digits and at least 2 decimals, grouped (exact, never e-notation). */
function significant(d: Decimal, sig: number): string {
  const s = d.toSignificantDigits(sig);
  return grouped(fixedNoNegativeZero(s, Math.max(MONEY_DECIMALS, s.decimalPlaces())));
}

/**
 * Money as text: grouped, 2 decimals (`1,234.57`); a non-zero amount under 0.01 keeps 4
 * significant digits so that it never reads as 0.00 (`-0.004`, `0.00001235`).
 */
export function formatMoneyText(amount: string): string {
  const d = parse(amount);
  if (d === null) return amount;
  if (!d.isZero() && d.abs().lt("0.01")) return significant(d, UNIT_SIGNIFICANT);
  return grouped(fixedNoNegativeZero(d, MONEY_DECIMALS));
}

/** Cost or value per inference as text: 4 significant digits, at least 2 decimals (`0.002500`→`0.0025`, `1,234.57`). */
export function formatUnitText(amount: string): string {
  const d = parse(amount);
  if (d === null) return amount;
  if (d.isZero()) return "0.00";
  if (d.abs().gte(1000)) return grouped(fixedNoNegativeZero(d, MONEY_DECIMALS));
  return significant(d, UNIT_SIGNIFICANT);
}

/** A multiple or ratio as text: `12.50×`. */
export function formatMultipleText(x: string | number): string {
  const d = parse(String(x));
  return d === null ? String(x) : grouped(fixedNoNegativeZero(d, 2)) + "×";
}

/** A fraction as a percentage: 0.1234 → `12.3%`. */
export function formatPercentText(x: string | number): string {
  const d = parse(String(x));
  return d === null ? String(x) : grouped(fixedNoNegativeZero(d.times(100), 1)) + "%";
}

/** A whole count, grouped: `1,234,567`. */
export function formatCountText(n: number): string {
  const whole = String(Math.round(n));
  return Number.isFinite(n) ? groupDigits(Math.abs(n) >= 1e21 ? BigInt(Math.round(n)).toString() : whole) : whole;
}
