/**
 * `Trend`: cost per inference of the costliest key × currency pairs (the top N of the options)
 * and "Other" (per currency) over the periods, read from Unit Economics; below it their trend
 * and growth, then one cost-against-volume point per top pair and period with volume; a title
 * in row 0 and a line chart and a scatter chart side by side above the tables.
 */
import type { ImportResult } from "../../import/types";
import { cellAddress } from "../a1";
import { safeText } from "../safeText";
import { COUNT_FORMAT, GROWTH_FORMAT, moneyFormat } from "../formats";
import { columns, type Column } from "./columns";
import { moneyOf } from "./figures";
import { cmp, pairId, type Triple, type UnitModel } from "./model";
import { CHART_TITLES, FIGURE_STYLE, SMALL_STYLE, TABLE_NAMES } from "./names";
import { chartBoxes, keyLabel, legendFor, OTHER_COLOR, OTHER_LABEL, seriesColor, TABLES_TOP_ROW } from "./top";
import type { UnitData } from "./unit";
import { planForecast } from "./trend-forecast-plan";
import { FORECAST_CONFIDENCE, forecastNote } from "./trend-forecast";
import type { BlockPlan, ChartPlan, FormatPlan, PlanNames, SeriesPlan, SheetPlan } from "./types";

/** A trend column: `pair0`, `pair1`, … after Period, then `other0`, … (one per currency). */
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

/** The pairs drawn: the costliest `n` by total cost, costliest first (then by key and currency). */
function trendPairs(result: ImportResult, all: Triple[], n: number): Triple[] {
  const totalCost = new Map<string, number>();
  for (const g of result.groups) {
    const id = pairId(g.key, g.currency);
    totalCost.set(id, (totalCost.get(id) ?? 0) + Math.abs(Number(g.cost)));
  }
  const costOf = (t: Triple): number => totalCost.get(pairId(t.key, t.currency)) ?? 0;
  return [...all].sort((a, b) => costOf(b) - costOf(a) || cmp(a.key, b.key) || cmp(a.currency, b.currency)).slice(0, n);
}

/** One column of the trend table: a top pair, or Other of a currency (the pairs of it not drawn). */
type Drawn = { kind: "pair"; t: Triple } | { kind: "other"; currency: string; count: number; top: Triple[] };

export function planTrendSheet(result: ImportResult, model: UnitModel, ue: UnitData, names: PlanNames, topKeys: number, fiscalStartMonth = 1): SheetPlan {
  const all = model.pairsWhere(() => true);
  const pairs = trendPairs(result, all, topKeys);
  const multiCurrency = new Set(all.map((t) => t.currency)).size > 1;
  const pairLabel = (t: Triple): string => (multiCurrency ? `${t.key} (${t.currency})` : t.key);
  const rowOf = (period: string, t: Triple): number | undefined => ue.rowOf({ period, key: t.key, currency: t.currency });
  const drawnIds = new Set(pairs.map((t) => pairId(t.key, t.currency)));
  const drawn: Drawn[] = pairs.map((t) => ({ kind: "pair", t }));
  for (const currency of [...new Set(all.map((t) => t.currency))].sort(cmp)) {
    const rest = all.filter((t) => t.currency === currency && !drawnIds.has(pairId(t.key, t.currency))).length;
    // Other names its currency as a literal criterion: only a plain currency code can be one.
    if (rest > 0 && /^[A-Z]{3}$/.test(currency)) drawn.push({ kind: "other", currency, count: rest, top: pairs.filter((t) => t.currency === currency) });
  }
  const label = (d: Drawn): string =>
    d.kind === "pair" ? pairLabel(d.t) : `${OTHER_LABEL}${multiCurrency ? ` ${d.currency}` : ""} (${d.count} ${d.count === 1 ? "key" : "keys"})`;
  const hasVolume = (t: Triple): boolean => result.groups.some((g) => g.key === t.key && g.currency === t.currency && g.inferences !== null);
  const isPlotted = (d: Drawn): boolean => d.kind === "other" || hasVolume(d.t);
  const currencyOf = (d: Drawn): string => (d.kind === "pair" ? d.t.currency : d.currency);
  const u = ue.table;
  /** Other's cost and inferences with volume in a period: the currency's, less its top pairs'. */
  const otherParts = (p: string, d: Extract<Drawn, { kind: "other" }>, periodCell: string): { cost: string; inf: string } => {
    const where = `${u.range("period")},${periodCell},${u.range("currency")},"${d.currency}",${u.range("inferences")},">0"`;
    const tops = d.top.map((t) => rowOf(p, t)).filter((r): r is number => r !== undefined);
    const less = (f: (r: number) => string): string => tops.map((r) => `-${f(r)}`).join("");
    return {
      cost: `SUMIFS(${u.range("cost")},${where})${less((r) => `IF(N(${u.cellAt("inferences", r)})>0,${u.cellAt("cost", r)},0)`)}`,
      inf: `SUMIFS(${u.range("inferences")},${where})${less((r) => `N(${u.cellAt("inferences", r)})`)}`,
    };
  };
  /** Other's cost per inference in a period. */
  const otherCell = (p: string, d: Extract<Drawn, { kind: "other" }>, periodCell: string): string => {
    const { cost, inf } = otherParts(p, d, periodCell);
    return `=IFERROR((${cost})/(${inf}),"")`;
  };

  // Cost per inference: a row per period, a column per drawn pair and Other.
  const trendTable = columns<string>()<"period" | PairKey>([
    { key: "period", header: "Period", cell: (p) => safeText(p) },
    ...drawn.map(
      (d, j): Column<"period" | PairKey, string, void> => ({
        key: pairKey(j),
        header: safeText(label(d)),
        // A period without data is an empty TEXT (="") never an empty cell: COSTTREND/COSTGROWTH read this
        // range, and Excel on Windows passes an empty cell to a custom function as 0 (functions.md).
        cell: (p, at) => {
          if (d.kind === "other") return otherCell(p, d, at.fixed("period"));
          const r = rowOf(p, d.t);
          return r === undefined ? `=""` : `=${u.cellAt("costPerInference", r)}`;
        },
        format: () => model.unitFormat(currencyOf(d)),
      }),
    ),
  ]);
  const trend = trendTable.place(names.sheets.trend, model.periods, undefined, TABLES_TOP_ROW);

  // Summary two rows below: the trend and the growth of each column.
  const summaryTable = columns<{ measure: string; fn: string }>()<"measure" | PairKey>([
    { key: "measure", header: "Measure", cell: (m) => m.measure },
    ...drawn.map(
      (_, j): Column<PairKey, { measure: string; fn: string }, void> => ({
        key: pairKey(j),
        header: trend.header[trendTable.index(pairKey(j))],
        cell: (m) => (m.fn === "" ? forecastNote(trend.bodyAddress(pairKey(j)), isPlotted(drawn[j])) : `=AIECON.${m.fn}(${trend.bodyAddress(pairKey(j))})`),
      }),
    ),
  ]);
  const measures = [
    { measure: "Trend", fn: "COSTTREND" },
    { measure: "Growth per period", fn: "COSTGROWTH" },
    { measure: "Forecast", fn: "" },
  ];
  const summary = summaryTable.place(names.sheets.trend, measures, undefined, trend.top + trend.n + 2);

  // Cost-against-volume points below the summary: one row per top pair and period that has volume.
  const withInferences = new Set(result.groups.filter((g) => g.inferences !== null).map((g) => g.period + "\u0000" + pairId(g.key, g.currency)));
  const points: Point[] = [];
  const spans: { t: Triple; j: number; first: number; count: number }[] = [];
  pairs.forEach((t, j) => {
    const first = points.length;
    for (const period of model.periods) {
      const ueRow = rowOf(period, t);
      if (ueRow !== undefined && withInferences.has(period + "\u0000" + pairId(t.key, t.currency))) points.push({ t, period, ueRow });
    }
    spans.push({ t, j, first, count: points.length - first });
  });
  const cv = POINTS.place(names.sheets.trend, points, ue, summary.top + summary.n + 2);

  const colorOf = (d: Drawn, j: number): string => (d.kind === "other" ? OTHER_COLOR : seriesColor(j));
  const plotted = drawn.map((d, j) => ({ d, j })).filter(({ d }) => isPlotted(d));
  const actualLines: SeriesPlan[] = plotted.map(({ d, j }) => ({ name: label(d), values: trend.rect(pairKey(j)), xValues: trend.rect("period"), color: colorOf(d, j) }));
  const fc = planForecast({ result, model, ue, names, fiscalStartMonth, top: cv.top + cv.n + 2, lines: actualLines.length }, plotted.map(({ d, j }) => ({
    label: label(d),
    body: trend.bodyAddress(pairKey(j)),
    currency: currencyOf(d),
    color: colorOf(d, j),
    ...(d.kind === "pair" ? { kind: "pair" as const, t: d.t } : { kind: "other" as const, top: d.top, parts: (p: string, periodCell: string) => otherParts(p, d, periodCell) }),
  })));
  // With a forecast, every line's categories are the forecast table's periods (actual, then ahead).
  const lineSeries: SeriesPlan[] = [...actualLines.map((s) => (fc === null ? s : { ...s, xValues: fc.placed.rect("period") })), ...(fc?.series ?? [])];
  const scatterSeries: SeriesPlan[] = spans
    .filter((s) => s.count > 0)
    .map((s) => ({
      name: pairLabel(s.t),
      values: { ...cv.rect("cost"), row: cv.top + 1 + s.first, rowCount: s.count },
      xValues: { ...cv.rect("inferences"), row: cv.top + 1 + s.first, rowCount: s.count },
      color: seriesColor(s.j),
    }));
  const currencies = [...new Set(all.map((t) => t.currency))];
  const one = currencies.length === 1 ? currencies[0] : "";
  const [left, right] = chartBoxes();
  const chart = (c: Omit<ChartPlan, "from" | "to">): ChartPlan => ({ ...c, from: cellAddress(1, 0), to: cellAddress(TABLES_TOP_ROW - 2, 0) });
  const growthRow: FormatPlan[] =
    drawn.length > 0
      ? [{ row: summary.top + 2, col: summaryTable.index(pairKey(0)), rowCount: 1, colCount: drawn.length, format: GROWTH_FORMAT }]
      : [];
  const others = drawn.filter((d) => d.kind === "other").reduce((a, d) => a + (d.kind === "other" ? d.count : 0), 0);
  const title =
    `Trend by ${keyLabel(result.key)}: cost per inference of the ${pairs.length} costliest ${pairs.length === 1 ? "key" : "keys"}` +
    `${others > 0 ? ` and Other (${others} ${others === 1 ? "key" : "keys"})` : ""}; the scatter shows the periods that have volume.` +
    (fc === null ? "" : ` Forecast to ${fc.last} (table ${TABLE_NAMES.trendForecast})${fc.charted > 0 ? `; the chart draws it dashed, with its ${FORECAST_CONFIDENCE * 100}% band, for ${fc.charted} ${fc.charted === 1 ? "key" : "keys"}` : ""}.`);
  const titleBlock: BlockPlan = { row: 0, col: 0, rowCount: 1, colCount: 1, mode: "values", cells: [[safeText(title)]] };
  const lines = lineSeries.length > 0 ? lineSeries : [{ name: "Cost per inference", values: { ...trend.rect("period"), col: trendTable.index("period") + 1 } }];
  const dots = scatterSeries.length > 0 ? scatterSeries : [{ name: "Cost", values: cv.rect("cost"), xValues: cv.rect("inferences") }];

  return {
    id: "trend",
    name: names.sheets.trend,
    blocks: [titleBlock, trend.block("formulas"), summary.block("formulas"), cv.block("formulas"), ...(fc ? [fc.placed.block("formulas")] : [])],
    formats: [...trend.formats(), ...growthRow, ...cv.formats(), ...(fc ? fc.placed.formats() : [])],
    tables: [
      trend.tablePlan("trend", names.tables.trend, FIGURE_STYLE),
      summary.tablePlan("trendSummary", names.tables.trendSummary, SMALL_STYLE),
      cv.tablePlan("costVolume", names.tables.costVolume, SMALL_STYLE),
      ...(fc ? [fc.placed.tablePlan("trendForecast", names.tables.trendForecast, SMALL_STYLE)] : []),
    ],
    charts: [
      chart({
        title: CHART_TITLES.trend,
        type: "Line",
        series: lines,
        valueAxisTitle: "Cost per inference",
        categoryAxisTitle: "Period",
        box: left,
        valueAxisFormat: one === "" ? "#,##0.000000" : model.axisFormat(one),
        legend: legendFor(lines.length),
      }),
      chart({
        title: CHART_TITLES.scatter,
        type: "XYScatter",
        series: dots,
        valueAxisTitle: "Cost",
        categoryAxisTitle: "Inferences",
        box: right,
        valueAxisFormat: one === "" ? "#,##0.00" : moneyFormat(one),
        categoryAxisFormat: COUNT_FORMAT,
        legend: legendFor(dots.length),
      }),
    ],
    conditionalFormats: [],
    columnWidths: new Array<number>(Math.max(trendTable.width, POINTS.width, fc?.placed.table.width ?? 0)).fill(0).map((_, c) => (c === 0 ? 110 : 95)),
    freezeRows: 0,
  };
}
