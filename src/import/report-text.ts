/**
 * Report sentences shared by the command line and the task pane. No engine code here: the
 * task pane's main bundle imports this module, while the engine runs in its Web Worker.
 */
import type { CaseMerge } from "./types";

/** `gpt-4o: 12 rows merged into GPT-4o (Excel compares text ignoring case)`. */
export function caseMergeText(m: CaseMerge, count: (n: number) => string = String): string {
  const why = m.spaces ? "surrounding spaces removed" : "Excel compares text ignoring case";
  return `${m.spaces ? `“${m.spelling}”` : m.spelling}: ${count(m.rows)} ${m.rows === 1 ? "row" : "rows"} merged into ${m.mergedInto} (${why})`;
}
