/**
 * Period helpers the workbook needs on top of `src/core/period.ts`:
 * the quarter of any label, the first and last sub-period of a quarter at a
 * grain (to tell a full quarter from a partial one), and the default
 * comparison / review quarters.
 */
import { grainOfLabel, isoWeek, labelFor, previousQuarter, relabel, sortPeriods, type Grain } from "../core/period";

export { previousQuarter, sortPeriods };

/** Quarter label (`2024-Q3`, fiscal when fiscalStartMonth ≠ 1) of a label of any grain; the label itself for a quarter. */
export function quarterOf(label: string, fiscalStartMonth = 1): string {
  const q = relabel(label, "quarter", fiscalStartMonth);
  if (q === null) throw new Error(`not a period label: '${label}'`);
  return q;
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

/** UTC calendar [year, month, day] of the first and last day of a quarter label. */
export function quarterBounds(quarter: string, fiscalStartMonth = 1): { first: [number, number, number]; last: [number, number, number] } {
  const m = /^(?:FY)?(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new Error(`not a quarter label: '${quarter}'`);
  const fy = Number(m[1]);
  const q = Number(m[2]);
  const s = fiscalStartMonth >= 1 && fiscalStartMonth <= 12 ? Math.floor(fiscalStartMonth) : 1;
  // Fiscal year fy starts in month s of (s === 1 ? fy : fy - 1).
  const startIndex = (s === 1 ? fy : fy - 1) * 12 + (s - 1) + 3 * (q - 1);
  const y0 = Math.floor(startIndex / 12);
  const m0 = (startIndex % 12) + 1;
  const endIndex = startIndex + 2;
  const y1 = Math.floor(endIndex / 12);
  const m1 = (endIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(y1, m1, 0)).getUTCDate();
  return { first: [y0, m0, 1], last: [y1, m1, lastDay] };
}

/** First and last sub-period label of a quarter at a grain (weeks belong to the quarter of their Thursday). */
export function quarterSpan(quarter: string, grain: Grain, fiscalStartMonth = 1): { first: string; last: string } {
  const { first, last } = quarterBounds(quarter, fiscalStartMonth);
  if (grain === "quarter") return { first: quarter, last: quarter };
  if (grain === "month") {
    return { first: `${first[0]}-${pad2(first[1])}`, last: `${last[0]}-${pad2(last[1])}` };
  }
  if (grain === "day") return { first: labelFor("day", ...first), last: labelFor("day", ...last) };
  // week: the first Thursday on or after the first day, the last Thursday on or before the last day
  const t0 = Date.UTC(first[0], first[1] - 1, first[2]);
  const dow0 = (new Date(t0).getUTCDay() + 6) % 7; // Monday 0, Thursday 3
  const thu0 = new Date(t0 + ((3 - dow0 + 7) % 7) * 86400000);
  const t1 = Date.UTC(last[0], last[1] - 1, last[2]);
  const dow1 = (new Date(t1).getUTCDay() + 6) % 7;
  const thu1 = new Date(t1 - ((dow1 - 3 + 7) % 7) * 86400000);
  const w0 = isoWeek(thu0.getUTCFullYear(), thu0.getUTCMonth() + 1, thu0.getUTCDate());
  const w1 = isoWeek(thu1.getUTCFullYear(), thu1.getUTCMonth() + 1, thu1.getUTCDate());
  return { first: `${w0[0]}-W${pad2(w0[1])}`, last: `${w1[0]}-W${pad2(w1[1])}` };
}

export interface QuarterChoice {
  /** Every quarter that has data, sorted. */
  quarters: string[];
  /** Quarters whose every sub-period lies between the first and the last period with data. */
  fullQuarters: string[];
  /** The latest full quarter, else the latest quarter with data; null without data. */
  latest: string | null;
  /** The quarter before `latest` (it may have no data). */
  previous: string | null;
}

/** Choose the review quarters from the period labels present in the data. */
export function chooseQuarters(periods: Iterable<string>, fiscalStartMonth = 1): QuarterChoice {
  const sorted = sortPeriods(periods);
  if (sorted.length === 0) return { quarters: [], fullQuarters: [], latest: null, previous: null };
  const grain = grainOfLabel(sorted[0]);
  const minP = sorted[0];
  const maxP = sorted[sorted.length - 1];
  const quarters = sortPeriods(sorted.map((p) => quarterOf(p, fiscalStartMonth)));
  const fullQuarters =
    grain === null
      ? []
      : quarters.filter((q) => {
          const span = quarterSpan(q, grain, fiscalStartMonth);
          return span.first >= minP && span.last <= maxP;
        });
  const latest = fullQuarters.length > 0 ? fullQuarters[fullQuarters.length - 1] : quarters[quarters.length - 1];
  return { quarters, fullQuarters, latest, previous: previousQuarter(latest) };
}
