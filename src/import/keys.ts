/** Key comparison, shared by the engine, the task pane and the workbook (no engine code here). */

/** The key of rows without the chosen key: kept and shown, never dropped (import.md). */
export const UNATTRIBUTED = "(unattributed)";

/**
 * Keys are compared on this fold. Excel's SUMIFS, COUNTIFS and `=` ignore case (but not
 * accents), so `GPT-4o` and `gpt-4o` are one key to the workbook's formulas, and must be
 * one key to the engine. A locale-independent lower-casing: `İ`, `ß` and the like fold as
 * JavaScript folds them. Surrounding spaces are no part of a key: `gpt-4o ` is `gpt-4o`
 * (the engine writes the trimmed spelling, so the workbook's formulas match it too).
 */
export function foldKey(key: string): string {
  return cleanKey(key).toLowerCase();
}

/** A key as written to the workbook: without surrounding spaces (space, tab, no-break space, …). */
export function cleanKey(key: string): string {
  return key.trim();
}

/** The key of volume rows that have none (a request log without a key column), when cost has keys. */
export const NO_KEY = "(no key)";

/**
 * A volume row without a key lands on `unattributed`. Matched there it would divide cost that
 * belongs to no workload by requests of every workload: a cost per inference of nothing in
 * particular. So it is matched to `(unattributed)` cost only when every cost of the import is
 * unattributed (the request log and the bill then describe one and the same workload); else it
 * is counted under NO_KEY, which no cost has, and the match report lists it.
 */
export function keylessVolumeKey(key: string, unattributed: string, costHasKeys: boolean): string {
  return key === unattributed && costHasKeys ? NO_KEY : key;
}
