/**
 * What the Comparison and Trend charts share: the top N keys by cost and "Other" for the rest,
 * titles that name the workload key, distinct colours, and where the charts stand (above the
 * tables, side by side, within a 1366 × 768 screen beside the task pane).
 */
import { TOP_KEYS_DEFAULT, TOP_KEYS_MAX } from "./names";
import type { ChartBox } from "./types";

/** The key of an import as a reader names it: `service`, `Tag: team`, `model`. */
export function keyLabel(key: string): string {
  const first = key.split(";")[0].trim();
  if (first.startsWith("tag:")) return `Tag: ${first.slice(4)}`;
  if (first.startsWith("column:")) return first.slice(7);
  return first === "" ? "key" : first;
}

export function chartTitles(key: string): { costPerInference: string; roi: string } {
  const by = keyLabel(key);
  return { costPerInference: `Cost per inference by ${by}`, roi: `ROI multiple by ${by}` };
}

/** The N of "top N" from the options: 1–50, default 12. */
export function topCount(n: number | undefined): number {
  if (n === undefined || !Number.isFinite(n)) return TOP_KEYS_DEFAULT;
  return Math.max(1, Math.min(TOP_KEYS_MAX, Math.floor(n)));
}

export const OTHER_LABEL = "Other";
export const OTHER_COLOR = "#8C8C8C";

/** Twelve colours told apart on screen and in print (Tableau 10 and two more), then golden-angle hues. */
const PALETTE = ["#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#17BECF", "#1F3B73", "#BCBD22"];

function hex(n: number): string {
  return Math.round(n * 255)
    .toString(16)
    .padStart(2, "0")
    .toUpperCase();
}

/** A distinct colour for the i-th key (never the grey of Other). */
export function seriesColor(i: number): string {
  if (i < PALETTE.length) return PALETTE[i];
  const h = ((i - PALETTE.length) * 137.508 + 20) % 360;
  const l = i % 2 === 0 ? 0.42 : 0.58;
  const s = 0.65;
  const f = (k: number): number => {
    const a = s * Math.min(l, 1 - l);
    const kk = (k + h / 30) % 12;
    return l - a * Math.max(-1, Math.min(kk - 3, 9 - kk, 1));
  };
  return `#${hex(f(0))}${hex(f(8))}${hex(f(4))}`;
}

/** Row 0 holds the sheet's title; the charts stand on rows 1–17; the tables start on this row. */
export const TABLES_TOP_ROW = 19;
const ROW_PT = 15;
const CHART_W = 340;
const GAP = 10;

/**
 * The two charts of a sheet, side by side (points): by default on rows 1–17, above tables that
 * start on TABLES_TOP_ROW; `first` and `rows` stand them elsewhere (the Quarterly Review's under its
 * title block), `extraPt` makes room for taller rows above them (a title in a larger font).
 */
export function chartBoxes(first = 1, rows = TABLES_TOP_ROW - 2, extraPt = 0): [ChartBox, ChartBox] {
  const top = first * ROW_PT + extraPt + 4;
  const height = rows * ROW_PT - 12;
  return [
    { left: 4, top, width: CHART_W, height },
    { left: 4 + CHART_W + GAP, top, width: CHART_W, height },
  ];
}

/** The most series whose legend stands at the right of a chart. */
export const LEGEND_RIGHT_MAX = 14;

/** The legend where it fits: none for one series, at the right up to 14 series, else at the bottom. */
export function legendFor(series: number): "Right" | "Bottom" | "None" {
  return series <= 1 ? "None" : series <= LEGEND_RIGHT_MAX ? "Right" : "Bottom";
}
