/** Key comparison, shared by the engine, the task pane and the workbook (no engine code here). */

/** The key of cost or volume rows that carry none (the engine's placeholder; the workbook's review reads it). */
export const UNATTRIBUTED = "(unattributed)";

/**
 * Keys are compared on this fold. Excel's SUMIFS, COUNTIFS and `=` ignore case (but not
 * accents), so `GPT-4o` and `gpt-4o` are one key to the workbook's formulas, and must be
 * one key to the engine. A locale-independent lower-casing: `İ`, `ß` and the like fold as
 * JavaScript folds them.
 */
export function foldKey(key: string): string {
  return key.toLowerCase();
}
