/**
 * The periods a forecast covers: after the last actual period, to the end of its fiscal year and
 * one quarter beyond. Month labels go month by month, quarter labels quarter by quarter (fiscal
 * labels when the fiscal year does not start in January); days, weeks and labels that are not
 * periods get no forecast (an empty list).
 */
import { grainOfLabel, labelFor } from "../../core/period";
import { quarterBounds } from "../periods";

/** Month index y·12 + (m − 1) → [year, month]. */
const ym = (i: number): [number, number] => [Math.floor(i / 12), (i % 12) + 1];

export function forecastPeriods(periods: readonly string[], fiscalStartMonth = 1): string[] {
  const s = fiscalStartMonth >= 1 && fiscalStartMonth <= 12 ? Math.floor(fiscalStartMonth) : 1;
  const last = periods[periods.length - 1];
  if (last === undefined) return [];
  const grain = grainOfLabel(last);
  if (grain === "month") {
    const [y, m] = last.split("-").map(Number);
    const i = y * 12 + (m - 1);
    const sinceStart = (m - s + 12) % 12; // months since the fiscal year began
    const ahead = 11 - sinceStart + 3;
    return Array.from({ length: ahead }, (_, k) => labelFor("month", ...ym(i + 1 + k), 1, s));
  }
  if (grain === "quarter") {
    const q = Number(last.slice(-1));
    const [y, m] = quarterBounds(last, s).last;
    const i = y * 12 + (m - 1);
    return Array.from({ length: 4 - q + 1 }, (_, k) => labelFor("quarter", ...ym(i + 1 + 3 * k), 1, s));
  }
  return [];
}
