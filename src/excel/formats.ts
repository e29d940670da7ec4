/** Number formats of the workbook (pure). */

/** A currency code that is safe to put inside a number format (three letters); else null. */
function currencySuffix(currency: string): string | null {
  return /^[A-Za-z]{3}$/.test(currency) ? ` "${currency.toUpperCase()}"` : null;
}

/** Totals: `#,##0.00 "USD"`. */
export function moneyFormat(currency: string): string {
  const s = currencySuffix(currency);
  return s === null ? "#,##0.00" : `#,##0.00${s}`;
}

/** Data-sheet amounts keep their small digits visible: `#,##0.00######## "USD"`. */
export function amountFormat(currency: string): string {
  const s = currencySuffix(currency);
  return s === null ? "#,##0.00########" : `#,##0.00########${s}`;
}

/** Per-inference money: `#,##0.000000 "USD"`. */
export function unitMoneyFormat(currency: string): string {
  const s = currencySuffix(currency);
  return s === null ? "#,##0.000000" : `#,##0.000000${s}`;
}

export const COUNT_FORMAT = "#,##0";
export const MULTIPLE_FORMAT = '0.00"×"';
export const RATIO_FORMAT = "0.0000";
export const CHANGE_FORMAT = "0.0%";
export const GROWTH_FORMAT = "0.00%";
