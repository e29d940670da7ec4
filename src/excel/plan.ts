/**
 * The workbook plan: everything the writer will put into the workbook, built
 * purely from an ImportResult (no Office calls). The writer applies it in
 * chunks; tests inspect it directly.
 *
 * One planner per sheet, in `./plan/`, each declaring its columns once in a
 * column table (`./plan/columns.ts`): header, key, cell, number format, width.
 * Formulas name other columns by key; letters and indices come from where a
 * column stands in its table. Sheets, in order:
 *  - `AI Cost Data`, `AI Volume Data`, `AI Value Data` (`cost.ts`, `volume.ts`, `value.ts`): the records;
 *  - `Unit Economics` (`unit.ts`): one row per period × key × currency, sums over the data sheets, figures;
 *  - `Comparison`, `Trend`, `Quarterly Review` (`comparison.ts`, `trend.ts`, `review.ts`): formulas over `Unit Economics`;
 *  - `Data Checks` (`checks.ts`): the match report of the import (`src/import/match.ts`), constants.
 *
 * Formulas use bounded, sheet-qualified, absolute A1 ranges (no structured references).
 */
import type { ImportResult } from "../import/types";
import type { WriteOptions } from "./types";
import { rangeAddress } from "./a1";
import { COST } from "./plan/cost";
import { VOLUME } from "./plan/volume";
import { VALUE } from "./plan/value";
import { planDataSheet } from "./plan/sheet";
import { checkRows, unitModel } from "./plan/model";
import { planUnitSheet } from "./plan/unit";
import { planComparisonSheet } from "./plan/comparison";
import { planTrendSheet } from "./plan/trend";
import { planReviewSheet } from "./plan/review";
import { planBridgeSheet } from "./plan/bridge";
import { LOG } from "./plan/log";
import { tableSheet } from "./plan/sheet";
import { planChecksSheet } from "./plan/checks";
import { topCount } from "./plan/top";
import { matchReport } from "../import/match";
import { planPriceSheets } from "./plan/tail-sheets";
import { planScenariosSheet } from "./plan/scenarios";
import { FINAL_NAMES, SHEET_NAMES } from "./plan/names";
import type { PlanNames, Rect, SheetPlan, WorkbookPlan } from "./plan/types";

export type {
  SheetId,
  TableId,
  Cell,
  Rect,
  BlockPlan,
  FormatPlan,
  TablePlan,
  ChartKind,
  SeriesPlan,
  ChartPlan,
  FontPlan,
  PrintPlan,
  BandRule,
  ConditionalFormatPlan,
  SheetPlan,
  WorkbookPlan,
  PlanNames,
} from "./plan/types";
export {
  SHEET_IDS,
  SHEET_NAMES,
  TABLE_NAMES,
  TABLE_IDS,
  FINAL_NAMES,
  CHART_TITLES,
  REMEDIATION_FLAG,
  TREND_KEY_LIMIT,
  TOP_KEYS_DEFAULT,
  TOP_KEYS_MAX,
  BAND_RULES,
  FLAG_RULES,
  EXCEL_MAX_ROWS,
} from "./plan/names";
export { type Cond, CRITERION_MAX_CHARS, criterionSafe, sumWhere, countWhere, countNumbersWhere } from "./plan/criteria";
export { F } from "./plan/figures";
export { chartTitles, keyLabel, topCount } from "./plan/top";
export { matchFindings, CHECKS, type CheckRow } from "./plan/checks";
export { toCellNumber } from "./plan/model";

/** Build the whole workbook plan. Pure: the same input gives the same plan. */
export function planWorkbook(result: ImportResult, options: WriteOptions, names: PlanNames = FINAL_NAMES): WorkbookPlan {
  checkRows(SHEET_NAMES.cost, result.costRecords.length, "cost records");
  checkRows(SHEET_NAMES.volume, result.volumeRecords.length, "volume records");
  checkRows(SHEET_NAMES.value, result.valueRecords.length, "value records");
  const cost = planDataSheet("cost", COST, result.costRecords, names);
  const volume = planDataSheet("volume", VOLUME, result.volumeRecords, names);
  const value = planDataSheet("value", VALUE, result.valueRecords, names);

  const model = unitModel(result, options);
  checkRows(SHEET_NAMES.unit, model.rows.length, "period × key × currency rows");
  const topKeys = topCount(options.topKeys);
  const priced = planPriceSheets(result, options, names);
  const unit = planUnitSheet(model, { cost: cost.data, volume: volume.data, value: value.data, list: priced?.list }, names);

  return {
    sheets: [
      cost.sheet,
      volume.sheet,
      value.sheet,
      unit.sheet,
      planComparisonSheet(model, unit.data, names, { groups: result.groups, key: result.key, topKeys }),
      planTrendSheet(result, model, unit.data, names, topKeys, options.fiscalStartMonth),
      planReviewSheet(model, unit.data, names, result, options),
      planBridgeSheet(model, unit.data, names),
      planChecksSheet(matchReport(result), names),
      ...(priced?.sheets ?? []),
      ...(priced?.list !== undefined && model.comparisonPeriod !== null
        ? [planScenariosSheet(unit.data, priced.prices, model.comparisonPeriod, model.comparisonByQuarter ? "quarter" : "period", names, priced.candidates)]
        : []),
      ...(options.importLog !== undefined && options.importLog.length > 0 ? [planLogSheet(options.importLog, names)] : []),
    ],
    comparisonPeriod: model.comparisonPeriod,
    comparisonPartial: model.comparisonPartial,
    reviewQuarter: model.latestQuarter,
    previousQuarter: model.previousQuarter,
    dataRows: result.costRecords.length + result.volumeRecords.length + result.valueRecords.length + model.rows.length,
  };
}

/** The hidden import log: one row per imported file. */
function planLogSheet(entries: NonNullable<WriteOptions["importLog"]>, names: PlanNames): SheetPlan {
  return { ...tableSheet("data", "log", names, LOG.place(names.sheets.log, entries, undefined)), hidden: true };
}

/** A1 address of a rectangle (for tests and the writer). */
export function rectAddress(r: Rect): string {
  return rangeAddress(r.row, r.col, r.rowCount, r.colCount);
}
