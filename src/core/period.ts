/**
 * UTC periods: day `2024-09-18`, ISO week `2024-W38`, month `2024-09`,
 * quarter `2024-Q3` (calendar, or fiscal from a start month).
 *
 * Fiscal quarters: with a fiscal year starting in month S (1–12, 1 = calendar),
 * the fiscal year is named after the calendar year in which it ENDS (the usual
 * convention: FY2025 with S = 7 runs 2024-07 … 2025-06), and Q1 starts in month S.
 * A fiscal quarter is labelled `FY2025-Q1` (S = 7: 2024-07 … 2024-09), so that it never reads
 * as a calendar quarter; calendar quarters (S = 1) stay `2025-Q1` (docs/number-formats.md).
 */

/** The period grains, finest first: the grammar of `--period` and of the import's `period`. */
export const GRAINS = ["day", "week", "month", "quarter"] as const;
export type Grain = (typeof GRAINS)[number];

/** The grains in words, for messages: `day, week, month or quarter`. */
export const GRAIN_CHOICES = `${GRAINS.slice(0, -1).join(", ")} or ${GRAINS[GRAINS.length - 1]}`;

export function isGrain(s: unknown): s is Grain {
  return (GRAINS as readonly unknown[]).includes(s);
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, "0");
}

/** Day label of an epoch-millisecond instant (UTC). */
export function dayLabel(ms: number): string {
  const d = new Date(ms);
  return pad4(d.getUTCFullYear()) + "-" + pad2(d.getUTCMonth() + 1) + "-" + pad2(d.getUTCDate());
}

/** ISO-8601 week of a UTC calendar date: [isoYear, week]. */
export function isoWeek(year: number, month: number, day: number): [number, number] {
  const t = Date.UTC(year, month - 1, day);
  const dow = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = t + (3 - dow) * 86400000;
  const ty = new Date(thursday).getUTCFullYear();
  const jan1 = Date.UTC(ty, 0, 1);
  const week = Math.floor((thursday - jan1) / 86400000 / 7) + 1;
  return [ty, week];
}

/** Quarter label for a calendar year/month with a fiscal start month (1 = calendar quarters). */
export function quarterLabel(year: number, month: number, fiscalStartMonth = 1): string {
  const s = fiscalStartMonth >= 1 && fiscalStartMonth <= 12 ? Math.floor(fiscalStartMonth) : 1;
  if (s === 1) return pad4(year) + "-Q" + (Math.floor((month - 1) / 3) + 1);
  const offset = (month - s + 12) % 12; // months since the fiscal year began
  const fy = month >= s ? year + 1 : year;
  return "FY" + pad4(fy) + "-Q" + (Math.floor(offset / 3) + 1);
}

/** Label of a UTC calendar date for a grain. */
export function labelFor(grain: Grain, year: number, month: number, day: number, fiscalStartMonth = 1): string {
  switch (grain) {
    case "day":
      return pad4(year) + "-" + pad2(month) + "-" + pad2(day);
    case "month":
      return pad4(year) + "-" + pad2(month);
    case "quarter":
      return quarterLabel(year, month, fiscalStartMonth);
    case "week": {
      const [y, w] = isoWeek(year, month, day);
      return pad4(y) + "-W" + pad2(w);
    }
  }
}

/** Label of an epoch-millisecond instant (UTC). */
export function periodOf(ms: number, grain: Grain, fiscalStartMonth = 1): string {
  const d = new Date(ms);
  return labelFor(grain, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), fiscalStartMonth);
}

/** The grain a label is written in, or null when it is not a period label. */
export function grainOfLabel(label: string): Grain | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(label)) return "day";
  if (/^\d{4}-W\d{2}$/.test(label)) return "week";
  if (/^\d{4}-\d{2}$/.test(label)) return "month";
  if (/^(?:FY)?\d{4}-Q[1-4]$/.test(label)) return "quarter";
  return null;
}

/**
 * A period label whose parts exist on the calendar: month 01–12, a day that
 * month has (`2024-02-30` and `2023-02-29` do not), a week the ISO year has.
 * Shape-only checks are `grainOfLabel`'s job; this one says whether the label is real.
 */
export function isValidLabel(label: string): boolean {
  const g = grainOfLabel(label);
  if (g === null) return false;
  const y = Number(label.slice(0, 4));
  if (g === "quarter") return true;
  if (g === "week") {
    const w = Number(label.slice(6, 8));
    return w >= 1 && w <= isoWeeksIn(y);
  }
  const m = Number(label.slice(5, 7));
  if (m < 1 || m > 12) return false;
  if (g === "month") return true;
  const d = Number(label.slice(8, 10));
  return d >= 1 && d <= daysIn(y, m);
}

/** 52 or 53: the number of ISO weeks of an ISO year (Dec 28 is always in its last week). */
function isoWeeksIn(isoYear: number): number {
  return isoWeek(isoYear, 12, 28)[1];
}

/** Compare two period labels chronologically (same grain; falls back to text order). */
export function comparePeriods(a: string, b: string): number {
  // Every label shape sorts chronologically as text within its grain (zero-padded).
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sort period labels chronologically, without duplicates. */
export function sortPeriods(labels: Iterable<string>): string[] {
  return [...new Set(labels)].sort(comparePeriods);
}

/** The quarter before `2024-Q3` → `2024-Q2`; `2024-Q1` → `2023-Q4`. Null when not a quarter label. */
export function previousQuarter(label: string): string | null {
  const m = /^(FY)?(\d{4})-Q([1-4])$/.exec(label);
  if (!m) return null;
  const fy = m[1] ?? "";
  const y = Number(m[2]);
  const q = Number(m[3]);
  return q === 1 ? fy + pad4(y - 1) + "-Q4" : fy + pad4(y) + "-Q" + (q - 1);
}

/** The period before a label of any grain (`2024-09` → `2024-08`, `2024-W01` → `2023-W52`…). */
export function previousPeriod(label: string): string | null {
  const g = grainOfLabel(label);
  if (g === "quarter") return previousQuarter(label);
  if (g === "month") {
    const y = Number(label.slice(0, 4));
    const m = Number(label.slice(5, 7));
    return m === 1 ? pad4(y - 1) + "-12" : pad4(y) + "-" + pad2(m - 1);
  }
  if (g === "day") {
    const t = Date.UTC(Number(label.slice(0, 4)), Number(label.slice(5, 7)) - 1, Number(label.slice(8, 10)));
    return dayLabel(t - 86400000);
  }
  if (g === "week") {
    const start = isoWeekStart(Number(label.slice(0, 4)), Number(label.slice(6, 8)));
    const d = new Date(start - 7 * 86400000);
    return labelFor("week", d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  return null;
}

/** Epoch ms of the Monday that starts ISO week `week` of `isoYear`. */
export function isoWeekStart(isoYear: number, week: number): number {
  const jan4 = Date.UTC(isoYear, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - dow * 86400000 + (week - 1) * 7 * 86400000;
}

/**
 * Re-label an existing period label at a coarser (or equal) grain: a day to its week,
 * month or quarter; a month to its quarter; a week to the month/quarter of its Thursday.
 * Returns null when the label cannot be expressed at that grain (a month asked as a day or week).
 */
export function relabel(label: string, grain: Grain, fiscalStartMonth = 1): string | null {
  const g = grainOfLabel(label);
  if (g === null || !isValidLabel(label)) return null;
  if (g === grain && !(g === "quarter" && fiscalStartMonth !== 1)) return label;
  if (g === "day") {
    return labelFor(grain, Number(label.slice(0, 4)), Number(label.slice(5, 7)), Number(label.slice(8, 10)), fiscalStartMonth);
  }
  if (g === "week") {
    if (grain === "day") return null;
    const thu = new Date(isoWeekStart(Number(label.slice(0, 4)), Number(label.slice(6, 8))) + 3 * 86400000);
    return labelFor(grain, thu.getUTCFullYear(), thu.getUTCMonth() + 1, thu.getUTCDate(), fiscalStartMonth);
  }
  if (g === "month") {
    if (grain === "quarter") return quarterLabel(Number(label.slice(0, 4)), Number(label.slice(5, 7)), fiscalStartMonth);
    return null;
  }
  if (grain !== "quarter") return null;
  // A calendar quarter in fiscal quarters that start with calendar quarters (S = 4, 7, 10) is
  // relabelled from its first month; any other quarter label is taken as given.
  const s = Math.floor(fiscalStartMonth);
  if (s !== 1 && (s - 1) % 3 === 0 && !label.startsWith("FY")) {
    return quarterLabel(Number(label.slice(0, 4)), (Number(label.slice(6, 7)) - 1) * 3 + 1, s);
  }
  return label;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** Month number from `7`, `07`, `jul`, `July`; null when not a month. */
export function parseMonth(s: string): number | null {
  const t = s.trim().toLowerCase();
  if (/^\d{1,2}$/.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= 12 ? n : null;
  }
  const m = MONTHS[t.slice(0, 3)];
  return m !== undefined && t.length >= 3 ? m : null;
}

/**
 * Parse a timestamp as UTC and return epoch ms, or NaN when it cannot be read.
 * Accepts ISO dates/times (`2024-09-18`, `2024-09-18T22:00:00Z`, `2024-09-18 22:00:00`,
 * `2023-11-13T10:00Z`, fractional seconds of any length, offsets `+02:00`/`+0200`/`Z`,
 * and a trailing ` UTC`), US dates `MM/DD/YYYY` (with an optional time), European `DD.MM.YYYY`,
 * `YYYY/MM/DD`, and Unix seconds
 * or milliseconds when `numericEpoch` is set.
 */
export function parseTimestamp(s: string, numericEpoch = false): number {
  const m = ISO_RE.exec(s);
  if (m !== null) {
    const y = +m[1], mo = +m[2], d = +m[3];
    if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return NaN;
    let t = Date.UTC(y, mo - 1, d);
    if (m[4] !== undefined) {
      const h = +m[4], mi = +m[5], sec = m[6] !== undefined ? +m[6] : 0;
      if (!clockOk(h, mi, sec)) return NaN;
      t += h * 3600000 + mi * 60000 + sec * 1000;
      if (m[7] !== undefined) t += Math.floor(Number("0." + m[7]) * 1000);
    }
    const z = m[8];
    if (z !== undefined && z !== "" && z !== "Z" && z !== "z" && z.trim().toUpperCase() !== "UTC") {
      const om = /^([+-])(\d{2}):?(\d{2})?$/.exec(z.trim());
      if (om === null) return NaN;
      const off = (+om[2] * 60 + (om[3] !== undefined ? +om[3] : 0)) * 60000;
      t -= om[1] === "+" ? off : -off;
    }
    return t;
  }
  const u = US_RE.exec(s);
  if (u !== null) {
    const mo = +u[1], d = +u[2], y = +u[3];
    if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return NaN;
    let t = Date.UTC(y, mo - 1, d);
    if (u[4] !== undefined) {
      let h = +u[4];
      const mi = +u[5], sec = u[6] !== undefined ? +u[6] : 0;
      const ap = u[7]?.toUpperCase();
      if (ap !== undefined && (h < 1 || h > 12)) return NaN;
      if (!clockOk(h, mi, sec)) return NaN;
      if (ap === "PM" && h < 12) h += 12;
      if (ap === "AM" && h === 12) h = 0;
      t += h * 3600000 + mi * 60000 + sec * 1000;
    }
    return t;
  }
  // Unambiguous other shapes: `DD.MM.YYYY` (European) and `YYYY/MM/DD`, with an optional time.
  const e = EU_RE.exec(s) ?? YMD_RE.exec(s);
  if (e !== null) {
    const eu = e[0].charCodeAt(2) === 46 || e[0].charCodeAt(1) === 46;
    const y = eu ? +e[3] : +e[1], mo = +e[2], d = eu ? +e[1] : +e[3];
    if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return NaN;
    let t = Date.UTC(y, mo - 1, d);
    if (e[4] !== undefined) {
      const h = +e[4], mi = +e[5], sec = e[6] !== undefined ? +e[6] : 0;
      if (!clockOk(h, mi, sec)) return NaN;
      t += h * 3600000 + mi * 60000 + sec * 1000;
    }
    return t;
  }
  if (numericEpoch && /^\d{9,13}(\.\d+)?$/.test(s)) {
    const n = Number(s);
    return n >= 1e12 ? n : n * 1000;
  }
  return NaN;
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?|\s*UTC)?$/;
const EU_RE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const YMD_RE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM|am|pm)?)?$/;

/** A clock time that exists: 00:00:00–23:59:59, a leap second `:60`, or exactly `24:00:00` (end of day). */
function clockOk(h: number, mi: number, sec: number): boolean {
  if (h === 24) return mi === 0 && sec === 0;
  return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 60;
}

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
