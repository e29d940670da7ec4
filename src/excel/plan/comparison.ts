/**
 * `Comparison`: one row per key × currency of the comparison period (a quarter, matched on the
 * Unit Economics Quarter column, or a period label), summed from Unit Economics, the costliest
 * first; below it the chart data (the top N keys and "Other" per currency); a title in row 0
 * (period, partial flag, key) and the two charts side by side above the tables.
 */
import type { Group } from "../../import/types";
import { cellAddress } from "../a1";
import { safeText } from "../safeText";
import { COUNT_FORMAT, MULTIPLE_FORMAT } from "../formats";
import { columns } from "./columns";
import { bandColumn, figureColumns, moneyOf } from "./figures";
import { cmp, costByPair, pairId, type Triple, type UnitModel } from "./model";
import { SMALL_STYLE } from "./names";
import { tableSheet } from "./sheet";
import { chartBoxes, chartTitles, keyLabel, legendFor, OTHER_LABEL, seriesColor, TABLES_TOP_ROW } from "./top";
import { unitSum, type UnitData } from "./unit";
import type { BlockPlan, ChartPlan, PlanNames, SheetPlan } from "./types";

interface ComparisonContext {
  ue: UnitData;
  period: string;
  match: "period" | "quarter";
  unitFormat(currency: string): string;
}

export const COMPARISON = columns<Triple, ComparisonContext>()([
  { key: "key", header: "Key", cell: (t) => safeText(t.key) },
  { key: "currency", header: "Currency", cell: (t) => safeText(t.currency) },
  { key: "period", header: "Period", cell: (_, __, c) => safeText(c.period) },
  { key: "cost", header: "Cost", cell: (t, at, c) => unitSum(c.ue, "cost", t, at, c.match, at.fixed("period"), false), format: moneyOf, minWidth: 90 },
  { key: "inferences", header: "Inferences", cell: (t, at, c) => unitSum(c.ue, "inferences", t, at, c.match, at.fixed("period"), true), format: COUNT_FORMAT, minWidth: 90 },
  { key: "value", header: "Value", cell: (t, at, c) => unitSum(c.ue, "value", t, at, c.match, at.fixed("period"), true), format: moneyOf, minWidth: 90 },
  ...figureColumns<Triple, ComparisonContext>(90),
  bandColumn<Triple, ComparisonContext>(90),
]);

/** A row of the chart data: a top key (its Comparison row), or Other for a currency (the rows after its top keys). */
interface TopRow {
  label: string;
  currency: string;
  /** 1-based Excel row of the key's Comparison row, or the first and last rows of Other. */
  row?: number;
  rest?: { first: number; last: number };
}

const isNum = (ref: string): string => `IF(ISNUMBER(${ref}),${ref},NA())`;

export interface ComparisonInput {
  groups: readonly Group[];
  key: string;
  topKeys: number;
}

export function planComparisonSheet(model: UnitModel, ue: UnitData, names: PlanNames, input: ComparisonInput): SheetPlan {
  const period = model.comparisonPeriod;
  const match = model.comparisonByQuarter ? "quarter" : "period";
  const inPeriod = (p: string): boolean => (model.comparisonByQuarter ? model.quarterFor(p) : p) === period;
  // Cost of each key × currency in the period (exact sums compared as doubles only to rank).
  const cost = costByPair(input.groups, (p) => period !== null && inPeriod(p));
  const costOf = (t: Triple): number => cost.get(pairId(t.key, t.currency)) ?? 0;
  const pairs = (period === null ? [] : model.pairsWhere((t) => inPeriod(t.period))).sort(
    (a, b) => cmp(a.currency, b.currency) || costOf(b) - costOf(a) || cmp(a.key, b.key),
  );
  const t = COMPARISON.place(names.sheets.comparison, pairs, { ue, period: period ?? "", match, unitFormat: model.unitFormat }, TABLES_TOP_ROW);

  // The top N by cost over all currencies, each currency's rest as Other (its rows follow its top ones).
  const top = new Set([...pairs].sort((a, b) => costOf(b) - costOf(a) || cmp(a.key, b.key)).slice(0, input.topKeys).map((p) => pairId(p.key, p.currency)));
  const multi = new Set(pairs.map((p) => p.currency)).size > 1;
  const rows: TopRow[] = [];
  const firstRow = t.top + 2;
  let i = 0;
  while (i < pairs.length) {
    const cur = pairs[i].currency;
    let j = i;
    while (j < pairs.length && pairs[j].currency === cur) j++;
    let restFirst: number | null = null;
    for (let k = i; k < j; k++) {
      const p = pairs[k];
      if (top.has(pairId(p.key, p.currency))) rows.push({ label: multi ? `${p.key} (${cur})` : p.key, currency: cur, row: firstRow + k });
      else if (restFirst === null) restFirst = firstRow + k;
    }
    if (restFirst !== null) rows.push({ label: multi ? `${OTHER_LABEL} (${cur})` : `${OTHER_LABEL} (${firstRow + j - restFirst} ${firstRow + j - restFirst === 1 ? "key" : "keys"})`, currency: cur, rest: { first: restFirst, last: firstRow + j - 1 } });
    i = j;
  }
  const col = (k: Parameters<typeof COMPARISON.letter>[0]): string => COMPARISON.letter(k);
  const span = (k: Parameters<typeof COMPARISON.letter>[0], r: { first: number; last: number }): string => `${col(k)}${r.first}:${col(k)}${r.last}`;
  const TOP = columns<TopRow>()([
    { key: "label", header: "Chart key", cell: (r) => safeText(r.label), minWidth: 90 },
    { key: "currency", header: "Currency", cell: (r) => safeText(r.currency) },
    {
      key: "cpi",
      header: "Cost per inference",
      cell: (r) =>
        r.rest
          ? `=IFERROR(SUMIFS(${span("cost", r.rest)},${span("inferences", r.rest)},">0")/SUMIFS(${span("inferences", r.rest)},${span("inferences", r.rest)},">0"),NA())`
          : `=${isNum(`${col("costPerInference")}${r.row}`)}`,
      format: (r) => model.unitFormat(r.currency),
    },
    {
      key: "roi",
      header: "ROI multiple",
      cell: (r) =>
        r.rest
          ? `=IFERROR(SUMIFS(${span("value", r.rest)},${span("value", r.rest)},">0")/SUMIFS(${span("cost", r.rest)},${span("value", r.rest)},">0"),NA())`
          : `=${isNum(`${col("roi")}${r.row}`)}`,
      format: MULTIPLE_FORMAT,
    },
  ]);
  const chartData = TOP.place(names.sheets.comparison, rows, undefined, t.top + t.n + 3);

  const partial = model.comparisonPartial;
  const kept = rows.filter((r) => r.rest === undefined).length;
  const others = pairs.length - kept;
  const title =
    `Comparison of ${period ?? "no period"}${partial ? ` (${partial})` : ""} by ${keyLabel(input.key)}: ${pairs.length} ${pairs.length === 1 ? "key" : "keys"}, ` +
    `the costliest first. The charts show the ${kept} costliest${others > 0 ? ` and Other (${others} ${others === 1 ? "key" : "keys"})` : ""}.`;
  const titleBlock: BlockPlan = { row: 0, col: 0, rowCount: 1, colCount: 1, mode: "values", cells: [[safeText(title)]] };

  const titles = chartTitles(input.key);
  const currencies = [...new Set(pairs.map((p) => p.currency))];
  const cpiFormat = currencies.length === 1 ? model.unitFormat(currencies[0]) : "#,##0.000000";
  const cpiAxisFormat = currencies.length === 1 ? model.axisFormat(currencies[0]) : cpiFormat;
  const [left, right] = chartBoxes();
  const chart = (title: string, type: ChartPlan["type"], key: "cpi" | "roi", name: string, box: typeof left, format: string, axisFormat = format): ChartPlan => ({
    title,
    type,
    series: [{ name, values: chartData.rect(key), xValues: chartData.rect("label"), color: seriesColor(0) }],
    from: cellAddress(1, 0),
    to: cellAddress(TABLES_TOP_ROW - 2, 0),
    box,
    valueAxisTitle: name,
    valueAxisFormat: axisFormat,
    // Value labels where they fit: beside each bar of the bar chart, above the columns of a few keys.
    ...(type === "BarClustered" || rows.length <= 6 ? { dataLabelFormat: format } : {}),
    legend: legendFor(1),
  });
  const sheet = tableSheet("figures", "comparison", names, t, {
    charts: [
      chart(titles.costPerInference, "ColumnClustered", "cpi", "Cost per inference", left, cpiFormat, cpiAxisFormat),
      chart(titles.roi, "BarClustered", "roi", "ROI multiple", right, MULTIPLE_FORMAT),
    ],
  });
  return {
    ...sheet,
    blocks: [titleBlock, ...sheet.blocks, chartData.block("formulas")],
    formats: [...sheet.formats, ...chartData.formats()],
    tables: [...sheet.tables, chartData.tablePlan("comparisonTop", names.tables.comparisonTop, SMALL_STYLE)],
    freezeRows: 0,
  };
}
