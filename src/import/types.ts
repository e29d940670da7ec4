/**
 * Public types of the import engine (`../shared/spec/import.md`).
 * The engine knows nothing of Excel or the DOM: the task pane (in a Web Worker),
 * the command line and the tests all call it with these shapes.
 * Money is carried as exact decimal strings; counts as integers.
 */
import type { Grain } from "../core/period";
import type { FileDigest } from "./digest";
import type { ParallelCsv } from "./parallel";

export type SourceKind = "billing" | "volume" | "value";

export type BillingFormat =
  | "focus"
  | "aws-cur"
  | "aws-cur2"
  | "azure"
  | "gcp"
  | "oci"
  | "openai-costs"
  | "anthropic-cost"
  /** The result of `aiecon sql` (cost groups computed in a warehouse), saved as CSV. */
  | "groups"
  | "generic";

/** `counts`: period/count rows; `request-log`: one row per request; `value`: value rows. */
export type VolumeFormat = "counts" | "request-log";
export type ValueFormat = "value";
export type SourceFormat = BillingFormat | VolumeFormat | ValueFormat;

export type PeriodGrain = Grain;
export type CostBasis = "billed" | "effective";

/**
 * Column mapping for a generic file (`--map date=Day,cost=Amount,currency=EUR,key=Model`).
 * `currency` may be a column name or a fixed three-letter code.
 * `count` and `value` name the count column of a volume file and the value column of a value file.
 */
export interface ColumnMap {
  date?: string;
  cost?: string;
  currency?: string;
  key?: string;
  count?: string;
  value?: string;
}

/**
 * Random access to a file's bytes (a `File`/`Blob` in the browser, a file handle in Node):
 * what Parquet needs, since its footer is at the end. `slice` is hyparquet's AsyncBuffer shape.
 */
export interface RandomAccess {
  byteLength: number;
  slice(start: number, end?: number): Promise<ArrayBuffer>;
  /** Release the handle (Node); called once the file is read, or on an error. */
  close?(): Promise<void>;
}

/** One Parquet part of a multi-part export (CUR 2.0 writes many parts per billing period). */
export interface ImportPart {
  name: string;
  size: number;
  random(): RandomAccess;
}

/** One file given to the engine. `open()` may be called more than once (inspect, then import). */
export interface ImportInput {
  /** File name as shown in messages (never used to detect the format). */
  name: string;
  kind: SourceKind;
  /** Size in bytes when known, for progress. */
  size?: number;
  open(): ReadableStream<Uint8Array>;
  /** Random access to the same bytes, when the platform has it (needed for Parquet). */
  random?(): RandomAccess;
  /**
   * A multi-part Parquet export read as one source: its parts in order (each part must be
   * Parquet; `open`/`random` are then not used).
   */
  parts?: ImportPart[];
  /** Column mapping for a generic billing file or a volume/value file whose columns are not recognised. */
  map?: ColumnMap;
  /** Every row of this file belongs to this workload key (e.g. a request log of one model). */
  fixedKey?: string;
  /** Node: the file's path on disk (a worker thread opens its byte range there; see parallel.ts). */
  path?: string;
}

/** A value assumption entered by the user for one key ("*" = every key without its own). */
export interface ValueAssumption {
  key: string;
  /** Value per inference, a decimal string. */
  valuePerInference?: string;
  /** Minutes saved per inference and the hourly rate: value = minutes / 60 × rate. */
  minutesSaved?: string;
  hourlyRate?: string;
  /** Currency of the assumption; defaults to the billing currency when there is only one. */
  currency?: string;
}

export interface ImportOptions {
  period: PeriodGrain;
  /** Fiscal year start month 1–12 (quarters only); 1 = calendar quarters. */
  fiscalStartMonth?: number;
  /** `tag:NAME`, `service`, `resource`, `sku` or `model`; default `tag:model` when that tag exists, else `service`. */
  key?: string;
  cost: CostBasis;
  assumptions?: ValueAssumption[];
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** Keep up to this many line items (for a line-item sheet); default 0. */
  keepLineItems?: number;
  /**
   * Called for every used row of a request log (one row per request), with its period, its
   * key as the file spells it (UNATTRIBUTED when none) and its tokens (null when not given):
   * the long tail (./tail.ts) keeps each request's cost from it. `file`: the name of the file
   * it was read from.
   */
  onRequest?: (period: string, key: string, inputTokens: number | null, outputTokens: number | null, file: string) => void;
  /** Read large billing CSV files in two ranges on two threads (the platform's; see parallel.ts). */
  parallel?: ParallelCsv;
  /**
   * Called after each Parquet row group, once its decoded columns are dropped: a host that can
   * collect garbage then does (the CLI runs V8's full collection, so that the heap holds one row
   * group, not the garbage of several, before V8 would choose to collect it).
   */
  afterBatch?: () => void;
}

export interface ImportProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  bytesRead: number;
  /** Total bytes of this file when known. */
  bytesTotal?: number;
  rowsRead: number;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

/**
 * Rows of a file whose key differs only in case from a key met before (Excel's SUMIFS,
 * COUNTIFS and `=` compare text ignoring case): they are counted under `mergedInto`,
 * the first spelling met (in file order, then row order).
 */
export interface CaseMerge {
  spelling: string;
  mergedInto: string;
  rows: number;
  /** The spelling had surrounding spaces (trimmed); absent when it differed by case alone. */
  spaces?: true;
}

export interface SourceReport {
  file: string;
  kind: SourceKind;
  format: SourceFormat;
  /** The variant of the format as its columns and rows tell (`FOCUS 1.0`, `EA, amortized cost`, `MCA`); absent when they do not. */
  variant?: string;
  rowsRead: number;
  rowsUsed: number;
  rowsSkipped: number;
  /** Skip reason → count. */
  skipped: Record<string, number>;
  rowsRejected: number;
  rejected: RejectedRow[];
  /**
   * Rows used with a warning, with their line (an amount Excel rounds: more than 15
   * significant digits, or under its smallest number); `rowsWarned` counts them all.
   */
  rowsWarned?: number;
  warnings?: RejectedRow[];
  /** Currency → exact total of used rows (billing and value files). */
  totals: Record<string, string>;
  /** First and last period label seen, when any row was used. */
  periodRange: { first: string; last: string } | null;
  currencies: string[];
  /** Tag keys found in the file (billing), for the key chooser. */
  tagKeys: string[];
  columns: string[];
  /** Total inferences of a volume file. */
  inferences?: number;
  /** Keys of this file merged into another spelling of the same key ignoring case and surrounding spaces, in the order met. */
  caseMerges: CaseMerge[];
  /** Size and SHA-256 of the bytes read, where the reader hashed them (the task pane's worker), for the import log. */
  digest?: FileDigest;
}

/** One row of the unit-economics result: period × key × currency. */
export interface Group {
  period: string;
  key: string;
  currency: string;
  cost: string;
  inferences: number | null;
  value: string | null;
  costPerInference: string | null;
  valuePerInference: string | null;
  roiMultiple: string | null;
  band: string | null;
}

/** Normalized cost, grouped to the chosen period (the `AiCostData` table). */
export interface CostRecord {
  period: string;
  key: string;
  provider: string;
  service: string;
  chargeCategory: string;
  currency: string;
  /** Exact decimal string. */
  cost: string;
  source: string;
}

/** The `AiVolumeData` table. */
export interface VolumeRecord {
  period: string;
  key: string;
  inferences: number;
  inputTokens: number | null;
  outputTokens: number | null;
  source: string;
}

export type ValueMethod = "imported" | "per-inference value" | "time saved";

/** The `AiValueData` table. */
export interface ValueRecord {
  period: string;
  key: string;
  value: string;
  currency: string;
  method: ValueMethod;
  source: string;
}

export interface ImportResult {
  sources: SourceReport[];
  groups: Group[];
  /** Currency → exact sum over all billing files. */
  totals: Record<string, string>;
  /** The key that was used (`tag:model`, `service`, …). */
  key: string;
  period: PeriodGrain;
  costRecords: CostRecord[];
  volumeRecords: VolumeRecord[];
  valueRecords: ValueRecord[];
  /** Tag keys found across billing files. */
  tagKeys: string[];
}

/** What `inspect` tells about one file before import. */
export interface InspectReport extends SourceReport {
  /** The first rows as text, for a column-mapping preview. */
  preview: string[][];
  encoding: string;
  delimiter: string;
  compressed: boolean;
}

/** What `inspect(input, { asKind })` tells about one file read as a kind. */
export interface InspectAsReport {
  /** The file read as the kind asked for (its report's `kind` is that kind). */
  report: InspectReport;
  /** The columns must be mapped before the file can be imported (unrecognised format). */
  needsMap: boolean;
  /** Why the mapping given does not work yet (the engine's message), when it does not. */
  mapError?: string;
  /** What the file looks like on its own, when that is another kind than the one asked for. */
  detected?: { kind: SourceKind; format: SourceFormat };
}

/**
 * What kind of input error an `ImportError` is. Callers switch on this, never on the
 * message text (which is for people and may change).
 */
export type ImportErrorCode =
  /** The file cannot be opened or read (missing, a directory, an I/O error). */
  | "unreadable"
  /** The file has no bytes (or none after decompression). */
  | "empty"
  /** The file has only blank lines: there is no header. */
  | "no-header"
  /** The header cannot be used as it is (a column name given twice). */
  | "bad-header"
  /** The bytes are not UTF-8 or UTF-16 text. */
  | "encoding"
  /** gzip data that this platform cannot decompress, or that is damaged. */
  | "compression"
  /** CSV that cannot be split into records (an unterminated quote, a record too long). */
  | "csv-syntax"
  /** JSON that cannot be parsed, or that is no export the engine reads. */
  | "bad-json"
  /** Larger than the engine reads (a JSON export over its size limit). */
  | "too-large"
  /** The format was not recognised: a column mapping is needed. */
  | "not-recognised"
  /** Required columns are missing (a near-miss of a known format, or a mapping naming absent columns). */
  | "missing-columns"
  /** No currency: none mapped or in the file, and none to take from the billing data. */
  | "no-currency"
  /** A file of one kind given as another (a volume JSON export given as billing). */
  | "wrong-kind"
  /** An import option is not valid (period, fiscal start month, key, cost basis). */
  | "bad-option"
  /** A value assumption cannot be used (twice for one key, not a number, out of range). */
  | "assumption"
  /**
   * Parquet that cannot be read: a damaged or truncated footer, an unsupported codec or
   * encoding, a column of a type its format does not allow, parts of different schemas.
   */
  | "parquet"
  /** A part listed in a multi-part export's manifest is not there. */
  | "missing-part";

/** Codes whose error a column mapping can cure: the task pane then asks for one. */
export const MAPPABLE_CODES: ReadonlySet<ImportErrorCode> = new Set<ImportErrorCode>(["not-recognised", "missing-columns"]);

/** An input error: the whole file (or call) cannot be used. CLI exit status 1. */
export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = "ImportError";
  }
}
