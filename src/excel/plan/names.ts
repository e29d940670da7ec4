/** The workbook's names, titles and fixed rules (contract: ../shared/spec/workbook.md). */
import type { BandRule, PlanNames, SheetId, TableId } from "./types";

export const SHEET_IDS: readonly SheetId[] = ["cost", "volume", "value", "unit", "comparison", "trend", "review", "bridge", "checks", "log", "prices", "longTail", "requests", "scenarios"];

/** Final sheet names (contract: workbook.md). */
export const SHEET_NAMES: Readonly<Record<SheetId, string>> = {
  cost: "AI Cost Data",
  volume: "AI Volume Data",
  value: "AI Value Data",
  unit: "Unit Economics",
  comparison: "Comparison",
  trend: "Trend",
  review: "Quarterly Review",
  bridge: "Cost Bridge",
  log: "AI Import Log",
  checks: "Data Checks",
  prices: "AI Prices",
  longTail: "Long Tail",
  requests: "AI Requests",
  scenarios: "Scenarios",
};

/** Final table names (the first seven are contract). */
export const TABLE_NAMES: Readonly<Record<TableId, string>> = {
  cost: "AiCostData",
  volume: "AiVolumeData",
  value: "AiValueData",
  unit: "UnitEconomics",
  comparison: "ModelComparison",
  trend: "CostPerInferenceTrend",
  review: "QuarterlyReview",
  bridge: "CostBridge",
  checks: "DataChecks",
  trendSummary: "CostPerInferenceTrendSummary",
  costVolume: "CostAgainstVolume",
  log: "AiImportLog",
  comparisonTop: "ModelComparisonTop",
  bridgeDetail: "CostBridgeDetail",
  trendForecast: "CostPerInferenceForecast",
  prices: "AiPrices",
  longTail: "LongTail",
  requests: "AiRequests",
  tailBins: "LongTailBins",
  tailPareto: "LongTailPareto",
  scenarios: "Scenarios",
  scenarioInputs: "ScenarioInputs",
};

export const TABLE_IDS: readonly TableId[] = Object.keys(TABLE_NAMES) as TableId[];

export const FINAL_NAMES: PlanNames = { sheets: SHEET_NAMES, tables: TABLE_NAMES };

/** Chart titles; the Comparison's name the workload key (`chartTitles` in ./top.ts): "Cost per inference by service". */
export const CHART_TITLES = {
  costPerInference: "Cost per inference by model",
  roi: "ROI multiple by model",
  trend: "Cost per inference over time",
  scatter: "Cost against volume",
} as const;

/** Keys drawn in the Comparison and Trend charts by default (the costliest), the rest as "Other". */
export const TOP_KEYS_DEFAULT = 12;
/** Most keys a user may ask to draw. */
export const TOP_KEYS_MAX = 50;

export const REMEDIATION_FLAG = "needs a remediation plan";

/** Most keys (key × currency) drawn on the Trend sheet and its charts, the costliest first (the editable top N is at most this). */
export const TREND_KEY_LIMIT = 50;

export const BAND_RULES: readonly BandRule[] = [
  { text: "Excellent", fill: "#C6EFCE", font: "#006100" },
  { text: "Good", fill: "#D9F2E6", font: "#0B5D4B" },
  { text: "Marginal", fill: "#FFEB9C", font: "#9C5700" },
  { text: "Unsustainable", fill: "#FFC7CE", font: "#9C0006" },
];

export const FLAG_RULES: readonly BandRule[] = [{ text: "remediation", fill: "#FFC7CE", font: "#9C0006" }];

/** Table styles: the data sheets, the figure sheets, the Trend sheet's small tables. */
export const DATA_STYLE = "TableStyleMedium2";
export const FIGURE_STYLE = "TableStyleMedium9";
export const SMALL_STYLE = "TableStyleLight9";

/** Rows of an Excel worksheet. */
export const EXCEL_MAX_ROWS = 1_048_576;
