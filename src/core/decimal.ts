/**
 * The one decimal type of AIECON. Money and ratios are exact decimals from parse
 * to output; a binary float appears only at the last step into an Excel cell.
 *
 * 60 significant digits: sums of billions of rows at 11 decimal places
 * (21 digits) never round, and ratios carry far more than the 20 digits the
 * import contract asks for.
 */
import DecimalJs from "decimal.js";

export const Decimal = DecimalJs.clone({
  precision: 60,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);

/** Digits kept when a non-terminating ratio is written as text (import contract: at least 20). */
export const RATIO_SIGNIFICANT_DIGITS = 24;

/** A ratio as an exact string: terminating quotients stay exact, others get RATIO_SIGNIFICANT_DIGITS. */
export function ratioToString(d: Decimal): string {
  const rounded = d.toSignificantDigits(RATIO_SIGNIFICANT_DIGITS);
  // If rounding to 24 digits loses nothing, the value is exact at 60 digits too.
  return (rounded.eq(d) ? d : rounded).toFixed();
}
