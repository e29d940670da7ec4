/**
 * The import flow's contract with its views: what they read (PaneState), what it tells them
 * (FlowListener: changes, announcements, progress, questions) and what it needs (FlowDeps).
 */
import type { ImportProgress, SourceKind } from "../import/types";
import type { ExcelRun, WriteWorkbook } from "../excel/types";
import type { PaneImportResult, PaneInspect, WorkerFile, WorkerImportOptions } from "./protocol";
import type { Choices, FileEntry, RejectedSummary } from "./model";

export type Tone = "info" | "ok" | "warn" | "error";

/** One line of the status region: a sentence, or an error sentence. */
export type StatusLine = string | { error: string };

export interface Announcement {
  lines: StatusLine[];
  tone: Tone;
}

/** A question the import asks before it goes on. */
export type ConfirmRequest =
  | { kind: "rejects"; rejected: RejectedSummary }
  | { kind: "replace"; sheets: string[] }
  | { kind: "overlap"; question: string };

/** Where an import is: not running, reading the files, writing the workbook, or stopping. */
export type ImportPhase = "idle" | "reading" | "writing" | "cancelling";

/** How the last import ended. */
export type ImportOutcome =
  | "blocked"
  | "done"
  | "cancelled"
  | "declined-rejects"
  | "kept-sheets"
  | "failed";

/** What changed, so that the views re-render only that (the Import button always). */
export interface Change {
  /** The file lists of these kinds. */
  files?: readonly SourceKind[];
  /** The workload key choices. */
  keys?: boolean;
  /** The comparison period choices. */
  comparison?: boolean;
  /** The value assumption rows ("rows": added, removed or reshaped; "values": typed into). */
  assumptions?: "rows" | "values";
  /** The import started or ended. */
  phase?: boolean;
  /** The pricing choices (what the files hold for them, or a choice made). */
  pricing?: boolean;
}

export interface FlowListener {
  changed(change: Change): void;
  announce(a: Announcement): void;
  progress(fraction: number, stage: string): void;
  /** Show a question (request), or hide the one shown (null). */
  confirm(request: ConfirmRequest | null): void;
}

/** The engine as the pane uses it (the import worker's client). */
export interface ImportEngine {
  inspect(input: WorkerFile): Promise<PaneInspect>;
  summarize(
    inputs: WorkerFile[],
    options: WorkerImportOptions,
    onProgress?: (p: ImportProgress) => void,
    signal?: AbortSignal,
  ): Promise<PaneImportResult>;
}

export interface FlowDeps {
  engine: ImportEngine;
  /** `Excel.run`, or the workbench host's `run`. */
  run: ExcelRun;
  /** The workbook writer (default `writeWorkbook`). */
  write?: WriteWorkbook;
}

/** What the views read. */
export interface PaneState {
  readonly entries: readonly FileEntry[];
  readonly choices: Readonly<Choices>;
  /** The comparison periods on offer, latest first. */
  readonly comparisonLabels: readonly string[];
  readonly importing: boolean;
  readonly phase: ImportPhase;
  /** Why Import cannot start now, or null. */
  readonly blocker: string | null;
}
