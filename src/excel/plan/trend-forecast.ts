/**
 * The forecast table of `Trend` (`CostPerInferenceForecast`): a row per actual period, then a row
 * per forecast period (to the end of the fiscal year and one quarter beyond, ./forecast-periods.ts),
 * a Kind column (Actual / Forecast), and per plotted trend column five columns:
 *  - inferences: actual rows the column's inferences; forecast rows
 *    `INDEX(AIECON.FORECASTUNITCOST(<its actual rows>, h, "exponential"), k, 1)`;
 *  - spend: actual rows the column's cost; forecast rows forecast × inferences forecast;
 *  - forecast, lower, upper: the cost per inference, `INDEX(AIECON.FORECASTUNITCOST(<the column's
 *    actual Trend values>, h, "exponential"), k, 1|2|3)` (least squares on ln against the position,
 *    80% prediction band). The last actual row repeats the actual value so that the dashed lines
 *    start at the last actual point; earlier actual rows are empty cells (a gap in the chart, not a zero).
 * A forecast the function cannot give (fewer than 3 numbers, a value ≤ 0) is a blank text, never
 * #N/A or #NUM!: the condition is tested first (`forecastGuard`), and the Trend summary's
 * *Forecast* row says why (`forecastNote`).
 */
import { cellAddress } from "../a1";
import { COUNT_FORMAT } from "../formats";
import { safeText } from "../safeText";
import { columns, type Column, type PlacedTable } from "./columns";
import type { Cell, SeriesPlan } from "./types";

export const FORECAST_METHOD = "exponential";
/** The band the table shows: FORECASTUNITCOST's default confidence. */
export const FORECAST_CONFIDENCE = 0.8;
/** The fewest numbers FORECASTUNITCOST fits. */
export const FORECAST_MIN_POINTS = 3;

/** One trend column the forecast extends. */
export interface ForecastSource {
  label: string;
  /** `B21:B26`: the column's cost per inference on Trend. */
  body: string;
  /** The actual inferences and spend of the i-th period: a formula (`=""` for none: never an empty cell). `periodCell` is the row's Period cell. */
  inferences(i: number, periodCell: string): Cell;
  spend(i: number, periodCell: string): Cell;
  unitFormat: string;
  moneyFormat: string;
  color: string;
  /** Drawn in the line chart: the dashed forecast and its band. */
  charted: boolean;
}

export interface ForecastRow {
  period: string;
  /** 0 for actual rows; k ≥ 1 for the k-th forecast period. */
  ahead: number;
  /** The index of an actual period. */
  i: number;
  last: boolean;
}

const PARTS = ["i", "s", "f", "l", "u"] as const;
type Part = (typeof PARTS)[number];
export type ForecastKey = "period" | "kind" | `${Part}${number}`;
const HEADERS: Record<Part, string> = { i: "inferences", s: "spend", f: "forecast", l: "lower", u: "upper" };
const BAND_COL: Partial<Record<Part, number>> = { f: 1, l: 2, u: 3 };

/** True when FORECASTUNITCOST can't fit `range` (exponential): fewer than 3 numbers, or one ≤ 0. */
export const forecastGuard = (range: string): string => `OR(COUNT(${range})<${FORECAST_MIN_POINTS},COUNTIF(${range},"<=0")>0)`;

/** The Trend summary's Forecast row: what the forecast table holds for a column, as a live formula. */
export function forecastNote(range: string, plotted: boolean): string {
  if (!plotted) return `="No forecast: no volume data"`;
  return (
    `=IF(COUNT(${range})<${FORECAST_MIN_POINTS},"No forecast: fewer than ${FORECAST_MIN_POINTS} periods with a cost per inference",` +
    `IF(COUNTIF(${range},"<=0")>0,"No forecast: a cost per inference of 0 or less","Exponential fit, ${FORECAST_CONFIDENCE * 100}% band"))`
  );
}

/** Whether plain figures (one per period, null for none) can be forecast and continue from the last period. */
export function canForecast(values: readonly (number | null)[]): boolean {
  const nums = values.filter((v): v is number => v !== null);
  return nums.length >= FORECAST_MIN_POINTS && nums.every((v) => v > 0) && values[values.length - 1] !== null;
}

export function forecastRows(actual: readonly string[], ahead: readonly string[]): ForecastRow[] {
  return [
    ...actual.map((period, i) => ({ period, ahead: 0, i, last: i === actual.length - 1 })),
    ...ahead.map((period, k) => ({ period, ahead: k + 1, i: -1, last: false })),
  ];
}

/** The table, to be placed with its header at 0-based row `top`. */
export function forecastTable(sources: readonly ForecastSource[], actualCount: number, h: number, top: number) {
  const key = (p: Part, j: number): ForecastKey => `${p}${j}`;
  // The actual rows of a column of this table: the body's first `actualCount` rows.
  const actualRange = (p: Part, j: number): string => {
    const col = table.index(key(p, j));
    return `${cellAddress(top + 1, col)}:${cellAddress(top + actualCount, col)}`;
  };
  const fit = (range: string, k: number, col: number): string =>
    `=IF(${forecastGuard(range)},"",INDEX(AIECON.FORECASTUNITCOST(${range},${h},"${FORECAST_METHOD}"),${k},${col}))`;
  const lastTrend = (s: ForecastSource): string => s.body.split(":")[1];
  const cell = (s: ForecastSource, p: Part, j: number) => (r: ForecastRow, at: { cell(k: ForecastKey): string; fixed(k: ForecastKey): string }): Cell => {
    if (p === "i") return r.ahead > 0 ? fit(actualRange("i", j), r.ahead, 1) : s.inferences(r.i, at.fixed("period"));
    if (p === "s") {
      if (r.ahead === 0) return s.spend(r.i, at.fixed("period"));
      const [f, i] = [at.cell(key("f", j)), at.cell(key("i", j))];
      return `=IF(AND(ISNUMBER(${f}),ISNUMBER(${i})),${f}*${i},"")`;
    }
    if (r.ahead > 0) return fit(s.body, r.ahead, BAND_COL[p] ?? 1);
    return r.last ? `=IF(ISNUMBER(${lastTrend(s)}),${lastTrend(s)},"")` : "";
  };
  const format = (s: ForecastSource, p: Part): string => (p === "i" ? COUNT_FORMAT : p === "s" ? s.moneyFormat : s.unitFormat);
  const table = columns<ForecastRow>()<ForecastKey>([
    { key: "period", header: "Period", cell: (r) => safeText(r.period) },
    { key: "kind", header: "Kind", cell: (r) => (r.ahead > 0 ? "Forecast" : "Actual") },
    ...sources.flatMap((s, j) =>
      PARTS.map(
        (p): Column<ForecastKey, ForecastRow, void> => ({
          key: key(p, j),
          header: safeText(`${s.label} ${HEADERS[p]}`),
          cell: cell(s, p, j),
          format: format(s, p),
        }),
      ),
    ),
  ]);
  return table;
}

/**
 * The chart's series of a placed forecast table, for the charted sources: the forecast dashed
 * (`Dash`), its band dotted (`RoundDot`), in the colour of the source's line.
 */
export function forecastSeries(placed: PlacedTable<ForecastKey, ForecastRow, void>, sources: readonly ForecastSource[]): SeriesPlan[] {
  return sources.flatMap((s, j) =>
    !s.charted
      ? []
      : (["f", "l", "u"] as const).map(
          (p): SeriesPlan => ({
            name: `${s.label} ${HEADERS[p]}`,
            values: placed.rect(`${p}${j}`),
            xValues: placed.rect("period"),
            color: s.color,
            lineStyle: p === "f" ? "Dash" : "RoundDot",
          }),
        ),
  );
}
