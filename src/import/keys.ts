/** Key comparison, shared by the engine and the task pane (no engine code here). */

/**
 * Keys are compared on this fold. Excel's SUMIFS, COUNTIFS and `=` ignore case (but not
 * accents), so `GPT-4o` and `gpt-4o` are one key to the workbook's formulas, and must be
 * one key to the engine. A locale-independent lower-casing: `İ`, `ß` and the like fold as
 * JavaScript folds them.
 */
export function foldKey(key: string): string {
  return key.toLowerCase();
}
