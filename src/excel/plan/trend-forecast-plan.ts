/**
 * The forecast of `Trend`, planned: the sources (the plotted trend columns: a top key × currency,
 * or Other of a currency) with their actual inferences and spend, which of them the line chart
 * draws, the placed `CostPerInferenceForecast` table and the chart's dashed series.
 *
 * The chart stays readable: its actual lines come first, then the forecast and band (3 series)
 * of the costliest plotted columns, in order, while the legend still fits at the right
 * (LEGEND_RIGHT_MAX series); a column is drawn only when its forecast exists when the workbook
 * is built (3 or more cost-per-inference figures, all above 0, one in the last period), so a
 * drawn forecast never starts from a blank. Every plotted column has its rows in the table.
 * A period without figures is an empty text (`=""`), never an empty cell, in the ranges
 * FORECASTUNITCOST reads (Excel on Windows passes an empty cell to a custom function as 0).
 */
import type { ImportResult } from "../../import/types";
import { moneyFormat } from "../formats";
import { forecastPeriods } from "./forecast-periods";
import { pairId, type Triple, type UnitModel } from "./model";
import { LEGEND_RIGHT_MAX } from "./top";
import { canForecast, forecastRows, forecastSeries, forecastTable, type ForecastKey, type ForecastRow, type ForecastSource } from "./trend-forecast";
import type { PlacedTable } from "./columns";
import type { UnitData } from "./unit";
import type { PlanNames, SeriesPlan } from "./types";

/** A plotted trend column, as trend.ts knows it. */
export type PlotSource = { label: string; body: string; currency: string; color: string } & (
  | { kind: "pair"; t: Triple }
  | { kind: "other"; top: readonly Triple[]; parts(period: string, periodCell: string): { cost: string; inf: string } }
);

export interface ForecastContext {
  result: ImportResult;
  model: UnitModel;
  ue: UnitData;
  names: PlanNames;
  fiscalStartMonth: number;
  /** 0-based row of the table's header. */
  top: number;
  /** The actual lines the chart already draws. */
  lines: number;
}

/** Cost per inference of each period as the Trend column computes it (null: none), from the import's groups. */
function plannedCostPerInference(result: ImportResult, periods: readonly string[], s: PlotSource): (number | null)[] {
  const top = new Set(s.kind === "other" ? s.top.map((t) => pairId(t.key, t.currency)) : []);
  const belongs = (key: string, currency: string): boolean =>
    s.kind === "pair" ? key === s.t.key && currency === s.t.currency : currency === s.currency && !top.has(pairId(key, currency));
  const sums = new Map<string, { cost: number; inf: number }>();
  for (const g of result.groups) {
    if (g.inferences === null || !belongs(g.key, g.currency)) continue;
    if (s.kind === "other" && !(g.inferences > 0)) continue;
    const a = sums.get(g.period) ?? { cost: 0, inf: 0 };
    sums.set(g.period, { cost: a.cost + Number(g.cost), inf: a.inf + g.inferences });
  }
  return periods.map((p) => {
    const a = sums.get(p);
    return a === undefined || !(a.inf > 0) ? null : a.cost / a.inf;
  });
}

export function planForecast(
  ctx: ForecastContext,
  plots: readonly PlotSource[],
): { placed: PlacedTable<ForecastKey, ForecastRow, void>; series: SeriesPlan[]; charted: number; last: string } | null {
  const { model, ue } = ctx;
  const ahead = plots.length > 0 ? forecastPeriods(model.periods, ctx.fiscalStartMonth) : [];
  if (ahead.length === 0) return null;
  const u = ue.table;
  let room = LEGEND_RIGHT_MAX - ctx.lines;
  const sources: ForecastSource[] = plots.map((s) => {
    const charted = room >= 3 && canForecast(plannedCostPerInference(ctx.result, model.periods, s));
    if (charted) room -= 3;
    const row = (i: number): number | undefined => (s.kind === "pair" ? ue.rowOf({ period: model.periods[i], key: s.t.key, currency: s.t.currency }) : undefined);
    return {
      label: s.label,
      body: s.body,
      unitFormat: model.unitFormat(s.currency),
      moneyFormat: moneyFormat(s.currency),
      color: s.color,
      charted,
      inferences: (i, periodCell) => {
        if (s.kind === "other") {
          const { inf } = s.parts(model.periods[i], periodCell);
          return `=IF((${inf})>0,${inf},"")`;
        }
        const r = row(i);
        return r === undefined ? `=""` : `=IF(N(${u.cellAt("inferences", r)})>0,${u.cellAt("inferences", r)},"")`;
      },
      spend: (i, periodCell) => {
        if (s.kind === "other") {
          const { cost, inf } = s.parts(model.periods[i], periodCell);
          return `=IF((${inf})>0,${cost},"")`;
        }
        const r = row(i);
        return r === undefined ? `=""` : `=${u.cellAt("cost", r)}`;
      },
    };
  });
  const table = forecastTable(sources, model.periods.length, ahead.length, ctx.top);
  const placed = table.place(ctx.names.sheets.trend, forecastRows(model.periods, ahead), undefined, ctx.top);
  const series = forecastSeries(placed, sources);
  return { placed, series, charted: series.length / 3, last: ahead[ahead.length - 1] };
}
