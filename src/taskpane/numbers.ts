/**
 * How amounts and counts read in the task pane: the policy of src/core/display.ts (the same
 * as the workbook's number formats; docs/number-formats.md), and sizes in B/KB/MB. No DOM.
 */
import { formatCountText, formatMoneyText, formatMultipleText, formatPercentText, formatUnitText } from "../core/display";

export { formatMultipleText as formatMultiple, formatPercentText as formatPercent, formatUnitText as formatUnitAmount };

/** Exact-decimal amount shown to a person: grouped, 2 decimals, 4 significant digits under 0.01. */
export function formatAmount(amount: string): string {
  return formatMoneyText(amount);
}

/** "USD 1,234.57; EUR 12.00" (sorted by currency). */
export function formatTotals(totals: Record<string, string>): string {
  const cs = Object.keys(totals).sort();
  if (cs.length === 0) return "none";
  return cs.map((c) => `${c} ${formatAmount(totals[c])}`).join("; ");
}

export function formatCount(n: number): string {
  return formatCountText(n);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
