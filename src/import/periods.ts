/**
 * The period of a row: labels from date text at the import's grain and fiscal year start,
 * cached by text (exports repeat a date on every row), and why a text gives none.
 */
import { type Grain, grainOfLabel, isValidLabel, parseTimestamp, periodOf, relabel } from "../core/period";
import { detach } from "./csv";

/** Period labels from date text, cached by text. */
export class Periods {
  private cache = new Map<string, string | null>();
  constructor(
    private readonly grain: Grain,
    private readonly fiscal: number,
  ) {}
  /** A label, or null when the text is not a date / period. */
  get(text: string, epoch: boolean): string | null {
    // Fast path: `YYYY-MM-DD` or `YYYY-MM-DD[ T]hh:mm:ss[Z]` (no offset): the label depends on the date only.
    const n = text.length;
    if (n >= 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && (n === 10 || ((n === 19 || (n === 20 && text.charCodeAt(19) === 90)) && plainTime(text)))) {
      const d = text.slice(0, 10);
      let v = this.cache.get(d);
      if (v === undefined) {
        v = this.compute(d, false);
        this.cache.set(d, v);
      }
      return v;
    }
    let v = this.cache.get(text);
    if (v !== undefined) return v;
    v = this.compute(text.trim(), epoch);
    if (this.cache.size > 50000) this.cache.clear();
    this.cache.set(detach(text), v);
    return v;
  }
  private compute(t: string, epoch: boolean): string | null {
    const ms = parseTimestamp(t, epoch);
    if (!Number.isNaN(ms)) return periodOf(ms, this.grain, this.fiscal);
    if (grainOfLabel(t) !== null) return relabel(t, this.grain, this.fiscal);
    return null;
  }
  /** Why a text gives no period. */
  why(column: string, text: string): string {
    const t = text.trim();
    if (t === "" || t === "NULL") return `${column} is empty`;
    const g = grainOfLabel(t);
    const shown = t.length > 60 ? t.slice(0, 60) + "…" : t;
    if (g !== null && !isValidLabel(t)) return `${column} holds a date that cannot be read: '${shown}'`;
    if (g !== null) return `${column} '${t}' is a ${g} and cannot be split into ${this.grain}s`;
    if (DATE_SHAPE.test(t)) return `${column} holds a date that cannot be read: '${shown}'`;
    return `${column} is not a date: '${t.length > 60 ? t.slice(0, 60) + "…" : t}'`;
  }
}

/** Text shaped like a date (ISO, US, European, `YYYY/MM/DD`) whose parts are out of range. */
const DATE_SHAPE = /^(?:\d{4}-\d{2}-\d{2}(?:[T ]|$)|\d{1,2}[/.]\d{1,2}[/.]\d{4}(?:[ T]|$)|\d{4}\/\d{1,2}\/\d{1,2}(?:[ T]|$))/;

/** `hh:mm:ss` at offset 11 with a valid clock time (after `YYYY-MM-DD` and a space or `T`). */
function plainTime(s: string): boolean {
  const sep = s.charCodeAt(10);
  if (sep !== 32 && sep !== 84) return false;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  const h = (s.charCodeAt(11) - 48) * 10 + (s.charCodeAt(12) - 48);
  const m = (s.charCodeAt(14) - 48) * 10 + (s.charCodeAt(15) - 48);
  const x = (s.charCodeAt(17) - 48) * 10 + (s.charCodeAt(18) - 48);
  // NaN-free digit check: every digit position must be 0-9
  return (
    isDigit(s, 11) && isDigit(s, 12) && isDigit(s, 14) && isDigit(s, 15) && isDigit(s, 17) && isDigit(s, 18) && h <= 23 && m <= 59 && x <= 59
  );
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}
