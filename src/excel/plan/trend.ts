/**
 * `Trend`: cost per inference of the costliest key × currency pairs (at most TREND_KEY_LIMIT)
 * over the periods, read from Unit Economics; below it their trend and growth, then one
 * cost-against-volume point per pair and period; a line chart and a scatter chart.
 */
import type { ImportResult } from "../../import/types";
import { cellAddress } from "../a1";
import { safeText } from "../safeText";
import { COUNT_FORMAT, GROWTH_FORMAT } from "../formats";
import { columns, type Column } from "./columns";
import { moneyOf } from "./figures";
import { cmp, pairId, type Triple, type UnitModel } from "./model";
import { CHART_TITLES, FIGURE_STYLE, SMALL_STYLE, TREND_KEY_LIMIT } from "./names";
import type { UnitData } from "./unit";
import type { ChartPlan, FormatPlan, PlanNames, SeriesPlan, SheetPlan } from "./types";

/** A trend column: `pair0`, `pair1`, … after Period. */
type PairKey = `pair${number}`;
const pairKey = (j: number): PairKey => `pair${j}`;

/** One cost-against-volume point: a pair in a period, at a Unit Economics row. */
interface Point {
  t: Triple;
  period: string;
  ueRow: number;
}

const POINTS = columns<Point, UnitData>()([
  { key: "key", header: "Key", cell: (p) => safeText(p.t.key) },
  { key: "currency", header: "Currency", cell: (p) => safeText(p.t.currency) },
  { key: "period", header: "Period", cell: (p) => safeText(p.period) },
  {
    key: "inferences",
    header: "Inferences",
    cell: (p, _, ue) => `=IF(${ue.table.cellAt("inferences", p.ueRow)}="",NA(),${ue.table.cellAt("inferences", p.ueRow)})`,
    format: COUNT_FORMAT,
  },
  { key: "cost", header: "Cost", cell: (p, _, ue) => `=${ue.table.cellAt("cost", p.ueRow)}`, format: (p) => moneyOf(p.t) },
]);

/** The pairs drawn: the costliest TREND_KEY_LIMIT by total cost, then by key and currency. */
function trendPairs(result: ImportResult, all: Triple[]): Triple[] {
  const totalCost = new Map<string, number>();
  for (const g of result.groups) {
    const id = pairId(g.key, g.currency);
    totalCost.set(id, (totalCost.get(id) ?? 0) + Math.abs(Number(g.cost)));
  }
  const costOf = (t: Triple): number => totalCost.get(pairId(t.key, t.currency)) ?? 0;
  return [...all]
    .sort((a, b) => costOf(b) - costOf(a))
    .slice(0, TREND_KEY_LIMIT)
    .sort((a, b) => cmp(a.key, b.key) || cmp(a.currency, b.currency));
}

export function planTrendSheet(result: ImportResult, model: UnitModel, ue: UnitData, names: PlanNames): SheetPlan {
  const all = model.pairsWhere(() => true);
  const pairs = trendPairs(result, all);
  const multiCurrency = new Set(all.map((t) => t.currency)).size > 1;
  const pairLabel = (t: Triple): string => (multiCurrency ? `${t.key} (${t.currency})` : t.key);
  const rowOf = (period: string, t: Triple): number | undefined => ue.rowOf({ period, key: t.key, currency: t.currency });

  // Cost per inference: a row per period, a column per pair.
  const trendTable = columns<string>()<"period" | PairKey>([
    { key: "period", header: "Period", cell: (p) => safeText(p) },
    ...pairs.map(
      (t, j): Column<PairKey, string, void> => ({
        key: pairKey(j),
        header: safeText(pairLabel(t)),
        // A period without data is an empty TEXT (="") never an empty cell: COSTTREND/COSTGROWTH read this
        // range, and Excel on Windows passes an empty cell to a custom function as 0 (functions.md).
        cell: (p) => {
          const r = rowOf(p, t);
          return r === undefined ? `=""` : `=${ue.table.cellAt("costPerInference", r)}`;
        },
        format: () => model.unitFormat(t.currency),
      }),
    ),
  ]);
  const trend = trendTable.place(names.sheets.trend, model.periods, undefined);

  // Summary two rows below: the trend and the growth of each pair's column.
  const summaryTable = columns<{ measure: string; fn: string }>()<"measure" | PairKey>([
    { key: "measure", header: "Measure", cell: (m) => m.measure },
    ...pairs.map(
      (_, j): Column<PairKey, { measure: string; fn: string }, void> => ({
        key: pairKey(j),
        header: trend.header[trendTable.index(pairKey(j))],
        cell: (m) => `=AIECON.${m.fn}(${trend.bodyAddress(pairKey(j))})`,
      }),
    ),
  ]);
  const measures = [
    { measure: "Trend", fn: "COSTTREND" },
    { measure: "Growth per period", fn: "COSTGROWTH" },
  ];
  const summary = summaryTable.place(names.sheets.trend, measures, undefined, trend.top + trend.n + 2);

  // Cost-against-volume points below the summary: one row per pair and period with a unit row.
  const points: Point[] = [];
  const spans: { t: Triple; first: number; count: number }[] = [];
  for (const t of pairs) {
    const first = points.length;
    for (const period of model.periods) {
      const ueRow = rowOf(period, t);
      if (ueRow !== undefined) points.push({ t, period, ueRow });
    }
    spans.push({ t, first, count: points.length - first });
  }
  const cv = POINTS.place(names.sheets.trend, points, ue, summary.top + summary.n + 2);

  const hasVolume = (t: Triple): boolean =>
    result.groups.some((g) => g.key === t.key && g.currency === t.currency && g.inferences !== null) ||
    result.volumeRecords.some((v) => v.key === t.key);
  const withVolume = pairs.map((t, j) => ({ t, j })).filter(({ t }) => hasVolume(t));
  const lineSeries: SeriesPlan[] = (withVolume.length > 0 ? withVolume : pairs.map((t, j) => ({ t, j }))).map(({ t, j }) => ({
    name: pairLabel(t),
    values: trend.rect(pairKey(j)),
    xValues: trend.rect("period"),
  }));
  const scatterSeries: SeriesPlan[] = spans
    .filter((s) => s.count > 0)
    .map((s) => ({
      name: pairLabel(s.t),
      values: { ...cv.rect("cost"), row: cv.top + 1 + s.first, rowCount: s.count },
      xValues: { ...cv.rect("inferences"), row: cv.top + 1 + s.first, rowCount: s.count },
    }));
  const chartCol = Math.max(trendTable.width, POINTS.width) + 1;
  const chart = (c: Omit<ChartPlan, "from" | "to">, topRow: number): ChartPlan => ({
    ...c,
    from: cellAddress(topRow, chartCol),
    to: cellAddress(topRow + 17, chartCol + 8),
  });
  const growthRow: FormatPlan[] =
    pairs.length > 0
      ? [{ row: summary.top + 2, col: summaryTable.index(pairKey(0)), rowCount: 1, colCount: pairs.length, format: GROWTH_FORMAT }]
      : [];

  return {
    id: "trend",
    name: names.sheets.trend,
    blocks: [trend.block("formulas"), summary.block("formulas"), cv.block("formulas")],
    formats: [...trend.formats(), ...growthRow, ...cv.formats()],
    tables: [
      trend.tablePlan("trend", names.tables.trend, FIGURE_STYLE),
      summary.tablePlan("trendSummary", names.tables.trendSummary, SMALL_STYLE),
      cv.tablePlan("costVolume", names.tables.costVolume, SMALL_STYLE),
    ],
    charts: [
      chart(
        {
          title: CHART_TITLES.trend,
          type: "Line",
          series:
            lineSeries.length > 0
              ? lineSeries
              : [{ name: "Cost per inference", values: { ...trend.rect("period"), col: trendTable.index("period") + 1 } }],
          valueAxisTitle: "Cost per inference",
          categoryAxisTitle: "Period",
        },
        0,
      ),
      chart(
        {
          title: CHART_TITLES.scatter,
          type: "XYScatter",
          series: scatterSeries.length > 0 ? scatterSeries : [{ name: "Cost", values: cv.rect("cost"), xValues: cv.rect("inferences") }],
          valueAxisTitle: "Cost",
          categoryAxisTitle: "Inferences",
        },
        19,
      ),
    ],
    conditionalFormats: [],
    columnWidths: new Array<number>(chartCol - 1).fill(0).map((_, c) => (c === 0 ? 110 : 95)),
    freezeRows: 0,
  };
}
