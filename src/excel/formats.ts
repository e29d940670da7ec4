/**
 * Number formats of the workbook (pure): the policy of src/core/display.ts
 * (docs/number-formats.md), under the names the sheet plans use.
 */
import { moneyFormat, PERCENT_FORMAT } from "../core/display";

export { axisDecimals, COUNT_FORMAT, MULTIPLE_FORMAT, RATIO_FORMAT, moneyFormat, unitDecimals, unitMoneyFormat } from "../core/display";

/** Data-sheet amounts: money like every table (`#,##0.00 [$USD]`); the cell keeps every digit. */
export function amountFormat(currency: string): string {
  return moneyFormat(currency);
}

export const CHANGE_FORMAT = PERCENT_FORMAT;
export const GROWTH_FORMAT = PERCENT_FORMAT;
