/**
 * Contract between the task pane and the workbook writer (`../shared/spec/workbook.md`).
 * The writer talks to Excel only through `ExcelRun`: `Excel.run` in Excel, the
 * workbench host's `run` in the browser workbench and tests.
 */
import type { CostBasis, ImportResult, PeriodGrain } from "../import/types";
import type { LogEntry } from "../import/importlog";
import type { ExtrasByTable } from "./extras";
import type { LongTailData } from "../import/tail-rows";
import type { PriceTable } from "../import/prices/convert";

/** `Excel.run` with the one overload the add-in uses. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface WriteOptions {
  period: PeriodGrain;
  /** Fiscal year start month 1–12, for quarter labels of the review. */
  fiscalStartMonth: number;
  /** The cost basis the import used (the Quarterly Review's title names it); unknown when absent. */
  costBasis?: CostBasis;
  /** The period shown on the Comparison sheet; default the latest quarter that has cost (or the latest period). */
  comparisonPeriod?: string;
  /** Keys drawn in the Comparison and Trend charts, the costliest; the rest as "Other" (default 12, 1–50). */
  topKeys?: number;
  /** Rows per chunk written between syncs (default 5000). */
  chunkRows?: number;
  /** `native`: every formula is written as native Excel, no AIECON calls (a workbook anyone can open). Default `aiecon`. */
  formulas?: "aiecon" | "native";
  /** The import log to write (the hidden `AI Import Log` sheet); none is written when absent or empty. */
  importLog?: LogEntry[];
  /** Columns the user added to the data tables, kept by a refresh (`extras.ts`). */
  extraColumns?: ExtrasByTable;
  /** The long tail of request logs with tokens (src/import/tail-rows.ts): AI Prices, Long Tail and, when the requests fit, AI Requests. */
  longTail?: LongTailData;
  /** A price table (src/import/prices): AI Prices and Unit Economics' *Token cost (list)* / *Billed − list* where volume keys with tokens have a price entry. */
  prices?: PriceTable;
  /** The model every volume key with tokens is priced as in Unit Economics (the pane's *Price requests as*, for request logs without a model column); else each key is matched as a model name. */
  priceModel?: string;
  /** Models the Scenarios sheet compares besides the three cheapest of AI Prices (price table ids; their rows are added to AI Prices). */
  scenarioCandidates?: string[];
}

export interface WriteProgress {
  /** 0–1 */
  fraction: number;
  stage: string;
}

export interface WriteControl {
  onProgress?: (p: WriteProgress) => void;
  signal?: AbortSignal;
  /**
   * Asked when the add-in's own sheets already exist; resolve true to replace them.
   * Without it (or on false) the write stops and the workbook is left as it was.
   */
  confirmReplace?: (sheetNames: string[]) => Promise<boolean>;
}

export interface WriteReport {
  sheets: string[];
  tables: string[];
  charts: string[];
  syncs: number;
  rowsWritten: number;
  /** Largest estimated request payload of one sync, in bytes (JSON of the values, formulas and formats sent). */
  largestPayloadBytes?: number;
  /** The period shown on the Comparison sheet, and the quarters of the Quarterly Review. */
  comparisonPeriod?: string | null;
  /** `partial: 1 of 3 months` when the comparison quarter lacks periods of cost. */
  comparisonPartial?: string | null;
  reviewQuarter?: string | null;
  previousQuarter?: string | null;
  /** Own sheets that were replaced (after confirmReplace). */
  replaced?: string[];
  /**
   * The workbook's calculation mode when the write started: `manual-recalculated` when it was in
   * manual calculation and the writer calculated it once after writing (in the commit sync, no extra
   * sync); `automatic` otherwise; `unknown` where the mode cannot be read (ExcelApi 1.8 missing).
   */
  calculation?: "automatic" | "manual-recalculated" | "unknown";
}

/** `writeWorkbook`'s signature, for hosts that receive it by injection. */
export type WriteWorkbook = (
  run: ExcelRun,
  result: ImportResult,
  options: WriteOptions,
  control?: WriteControl,
) => Promise<WriteReport>;

/**
 * A sheet or table with one of the add-in's names exists and was not created
 * by the add-in: nothing was written.
 */
export class WorkbookConflict extends Error {
  constructor(
    message: string,
    readonly names: string[],
  ) {
    super(message);
    this.name = "WorkbookConflict";
  }
}

/** Any other failure of the write; the workbook was restored (staging sheets removed). */
export class WriteFailed extends Error {
  constructor(
    message: string,
    readonly stage: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = "WriteFailed";
  }
}

/** Raised when a write was cancelled (the workbook has been restored). */
export class WriteCancelled extends Error {
  constructor() {
    super("Import cancelled: the workbook was left as it was.");
    this.name = "WriteCancelled";
  }
}
