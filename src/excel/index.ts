/** The workbook writer (issue 5): public API. */
export { writeWorkbook, listOwnSheets, stagingNames, PAYLOAD_LIMIT_BYTES, DEFAULT_CHUNK_ROWS } from "./writer";
export type { WriterTuning } from "./writer";
export {
  planWorkbook,
  SHEET_NAMES,
  TABLE_NAMES,
  CHART_TITLES,
  REMEDIATION_FLAG,
  TREND_KEY_LIMIT,
  FINAL_NAMES,
} from "./plan";
export type { WorkbookPlan, SheetPlan, BlockPlan, FormatPlan, TablePlan, ChartPlan, SeriesPlan, Cell, SheetId, TableId } from "./plan";
export { safeText, isFormulaLike } from "./safeText";
export { OWN_SHEETS_SETTING } from "./ownership";
export * from "./types";
export { makeShareable, type ShareableReport } from "./shareable";
export { refreshWorkbook, AlreadyImported, type RefreshControl, type RefreshReport } from "./refresh";
export { readWorkbookData, NotAnAieconWorkbook, type WorkbookData } from "./readback";
