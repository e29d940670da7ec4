/**
 * Messages between the task pane and its import Web Worker (`import.worker.ts`).
 * Files travel as `File` objects (structured-cloneable); the worker wraps each as an
 * `ImportInput`. Errors travel as plain data (classes do not survive structured clone).
 */
import { ImportError } from "../import/types";
import type { LongTailData } from "../import/tail-rows";
import type { TailRequest } from "./pricing";
import type {
  ColumnMap,
  CostBasis,
  ImportErrorCode,
  ImportOptions,
  ImportProgress,
  ImportResult,
  InspectAsReport,
  SourceKind,
} from "../import/types";

export interface WorkerFile {
  file: File;
  kind: SourceKind;
  map?: ColumnMap;
  fixedKey?: string;
  /** Inspect: the cost basis whose figures the file card shows (default billed). */
  cost?: CostBasis;
}

/** ImportOptions without what cannot cross the worker boundary; `tail`: collect the long tail of the request logs (./tail-import.ts). */
export type WorkerImportOptions = Omit<ImportOptions, "signal" | "onProgress" | "onRequest" | "parallel"> & { tail?: TailRequest };

/** The import's result, with the long tail when it was asked for. */
export type PaneImportResult = ImportResult & { longTail?: LongTailData };

export type WorkerRequest =
  | { id: number; type: "inspect"; input: WorkerFile }
  | { id: number; type: "summarize"; inputs: WorkerFile[]; options: WorkerImportOptions }
  | { id: number; type: "cancel" };

/** What the pane learns about one file before import: the engine's `inspect(input, { asKind })`. */
export type PaneInspect = InspectAsReport;

export interface WorkerError {
  name: string;
  message: string;
  /** The engine's code of an input error (the pane switches on it, never on the message). */
  code?: ImportErrorCode;
  file?: string;
  line?: number;
}

export type WorkerResponse =
  | { id: number; type: "inspected"; inspected: PaneInspect }
  | { id: number; type: "progress"; progress: ImportProgress }
  | { id: number; type: "result"; result: PaneImportResult }
  | { id: number; type: "error"; error: WorkerError };

/** Plain-data form of any thrown value. */
export function toWorkerError(e: unknown): WorkerError {
  if (e instanceof Error) {
    const withPlace = e as Error & { file?: unknown; line?: unknown };
    return {
      name: e.name,
      message: e.message,
      code: e instanceof ImportError ? e.code : undefined,
      file: typeof withPlace.file === "string" ? withPlace.file : undefined,
      line: typeof withPlace.line === "number" ? withPlace.line : undefined,
    };
  }
  return { name: "Error", message: String(e) };
}
