/**
 * `Comparison`: one row per key × currency of the comparison period (a quarter, matched on the
 * Unit Economics Quarter column, or a period label), summed from Unit Economics, and two charts.
 */
import { cellAddress } from "../a1";
import { safeText } from "../safeText";
import { COUNT_FORMAT } from "../formats";
import { columns } from "./columns";
import { bandColumn, figureColumns, moneyOf } from "./figures";
import type { Triple, UnitModel } from "./model";
import { CHART_TITLES } from "./names";
import { tableSheet } from "./sheet";
import { unitSum, type UnitData } from "./unit";
import type { ChartPlan, PlanNames, SheetPlan } from "./types";

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

export function planComparisonSheet(model: UnitModel, ue: UnitData, names: PlanNames): SheetPlan {
  const period = model.comparisonPeriod;
  const match = model.comparisonByQuarter ? "quarter" : "period";
  const inPeriod = (t: Triple): boolean => (model.comparisonByQuarter ? model.quarterFor(t.period) : t.period) === period;
  const pairs = period === null ? [] : model.pairsWhere(inPeriod);
  const t = COMPARISON.place(names.sheets.comparison, pairs, { ue, period: period ?? "", match, unitFormat: model.unitFormat });
  const chartCol = COMPARISON.width + 1; // one empty column, then the charts
  const chart = (title: string, type: ChartPlan["type"], key: "costPerInference" | "roi", name: string, topRow: number): ChartPlan => ({
    title,
    type,
    series: [{ name, values: t.rect(key), xValues: t.rect("key") }],
    from: cellAddress(topRow, chartCol),
    to: cellAddress(topRow + 17, chartCol + 7),
    valueAxisTitle: name,
  });
  return tableSheet("figures", "comparison", names, t, {
    charts: [
      chart(CHART_TITLES.costPerInference, "ColumnClustered", "costPerInference", "Cost per inference", 0),
      chart(CHART_TITLES.roi, "BarClustered", "roi", "ROI multiple", 19),
    ],
  });
}
