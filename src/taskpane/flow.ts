/**
 * The task pane's import flow, without DOM: the files chosen and what inspecting them
 * found, the user's choices, and the import itself (read in the engine, confirm rejected
 * rows, write the workbook, confirm replacing earlier sheets, report), with cancellation
 * and errors. The views (views/*.ts) render its state and call its methods; it tells them
 * what changed through a `FlowListener`. Unit-tested in node against the workbench host.
 *
 *   files chosen → inspected (→ mapped) → options → import: reading → (confirm rejects)
 *   → writing (→ confirm replace) → report; Cancel at any point leaves the workbook as it was.
 */
import type { ColumnMap, CostBasis, ImportProgress, PeriodGrain, SourceKind } from "../import/types";
import { WriteCancelled, type WriteProgress, type WriteWorkbook } from "../excel/types";
import { refreshWorkbook, writeWorkbook } from "../excel/index";
import type { ConfirmRequest, FlowDeps, FlowListener, ImportOutcome, ImportPhase, PaneState, StatusLine, Tone } from "./flow-types";
import { logEntriesOf } from "../import/importlog";
import { EngineError, JobCancelled } from "./worker-client";
import type { WorkerFile } from "./protocol";
import {
  buildAssumptions,
  defaultChoices,
  describeError,
  describeReport,
  emptyAssumption,
  guessMapping,
  importBlocker,
  missingMapFields,
  needsMapping,
  overallFraction,
  parseFraction,
  periodChoices,
  plural,
  reconcileKey,
  rejectedOf,
  successLines,
  type AssumptionMethod,
  type AssumptionRow,
  type Choices,
  type FileEntry,
  type MapField,
} from "./model";
import { formatCount } from "./numbers";
import { matchLines, overlapWarnings } from "./checks";
import { matchReport } from "../import/match";
import { pricingPlan, tailLines, type PricingChoices } from "./pricing";

export type { Announcement, Change, ConfirmRequest, FlowDeps, FlowListener, ImportEngine, ImportOutcome, ImportPhase, PaneState, StatusLine, Tone } from "./flow-types";

const KEPT_SHEETS = "Import stopped: the existing AIECON sheets were kept and the workbook was left as it was.";
/** Most files described one by one after inspecting. */
const MAX_LINES = 8;

export class ImportFlow implements PaneState {
  private readonly list: FileEntry[] = [];
  private readonly files = new Map<number, File>();
  private readonly state: Choices = defaultChoices();
  private labels: string[] = [];
  private keyTouched = false;
  private nextFileId = 1;
  private current: AbortController | null = null;
  private phaseNow: ImportPhase = "idle";
  private pending: { request: ConfirmRequest; resolve: (ok: boolean) => void } | null = null;
  private outcome: ImportOutcome | null = null;
  private readonly write: WriteWorkbook;

  constructor(
    private readonly deps: FlowDeps,
    private readonly listener: FlowListener,
  ) {
    this.write = deps.write ?? writeWorkbook;
    this.reconcileKey();
    this.reconcileComparison();
  }

  // ----- state -----
  get entries(): readonly FileEntry[] {
    return this.list;
  }
  get choices(): Readonly<Choices> {
    return this.state;
  }
  get comparisonLabels(): readonly string[] {
    return this.labels;
  }
  get importing(): boolean {
    return this.phaseNow !== "idle";
  }
  get phase(): ImportPhase {
    return this.phaseNow;
  }
  get blocker(): string | null {
    return this.importing ? "An import is running." : importBlocker(this.list, this.state);
  }
  /** The question waiting for an answer, if any. */
  get confirming(): ConfirmRequest | null {
    return this.pending?.request ?? null;
  }
  /** How the last import ended (null before the first). */
  get lastOutcome(): ImportOutcome | null {
    return this.outcome;
  }

  // ----- files -----
  async addFiles(kind: SourceKind, chosen: File[]): Promise<void> {
    if (this.importing) return;
    const added: FileEntry[] = [];
    for (const f of chosen) {
      const e: FileEntry = { id: this.nextFileId++, kind, name: f.name, size: f.size, status: "inspecting" };
      this.list.push(e);
      this.files.set(e.id, f);
      added.push(e);
    }
    this.listener.changed({ files: [kind] });
    this.announce([`Reading ${added.map((e) => e.name).join(", ")}…`]);
    await Promise.all(added.map((e) => this.inspectEntry(e, true)));
    this.afterInspect(added);
  }

  /** Remove a chosen file; false while an import runs (nothing is removed then). */
  remove(e: FileEntry): boolean {
    const i = this.list.indexOf(e);
    if (i < 0 || this.importing) return false;
    this.list.splice(i, 1);
    this.files.delete(e.id);
    this.reconcileKey();
    this.reconcileComparison();
    this.listener.changed({ files: [e.kind], keys: true, comparison: true });
    this.announce([`Removed ${e.name}.`]);
    return true;
  }

  /** Map a column of a file (value "" clears the field); the file is read again once the mapping is complete. */
  async setMapping(e: FileEntry, field: MapField, value: string): Promise<void> {
    const next: ColumnMap = { ...(e.map ?? {}) };
    if (value === "") delete next[field];
    else next[field] = value;
    e.map = next;
    this.reconcileKey();
    this.listener.changed({ files: [e.kind], keys: true });
    if (missingMapFields(e.kind, e.map).length) return;
    await this.inspectEntry(e, false);
    this.afterInspect([e]);
  }

  private async inspectEntry(e: FileEntry, first: boolean): Promise<void> {
    const file = this.files.get(e.id);
    if (!file) return;
    e.status = "inspecting";
    try {
      const input: WorkerFile = { file, kind: e.kind };
      if (e.map) input.map = e.map;
      // A billing card shows the figures of the chosen cost basis.
      const basis = this.state.cost;
      if (e.kind === "billing") input.cost = basis;
      let got = await this.deps.engine.inspect(input);
      if (!this.files.has(e.id)) return; // removed meanwhile
      if (first && got.needsMap && !e.map) {
        const guess = guessMapping(e.kind, got.report.columns);
        e.map = guess;
        if (missingMapFields(e.kind, guess).length === 0) {
          try {
            got = await this.deps.engine.inspect({ ...input, map: guess });
          } catch {
            /* keep the unmapped report; the user fixes the mapping */
          }
        }
      }
      e.report = got.report;
      e.needsMap = got.needsMap;
      e.mapError = got.mapError;
      e.detected = got.detected;
      e.basis = e.kind === "billing" ? basis : undefined;
      e.status = "ready";
      e.error = undefined;
    } catch (err) {
      if (!this.files.has(e.id)) return;
      e.status = "error";
      e.report = undefined;
      e.error = describeError(errorParts(err), e.name);
    }
  }

  private afterInspect(changed: readonly FileEntry[]): void {
    this.reconcileKey();
    this.reconcileComparison();
    this.listener.changed({ files: [...new Set(changed.map((e) => e.kind))], keys: true, comparison: true });
    // While other files are still being read, their own completion announces the whole set.
    if (this.list.some((e) => e.status === "inspecting")) return;
    const errors = this.list.filter((e) => e.status === "error");
    const mapping = this.list.filter((e) => needsMapping(e) && (missingMapFields(e.kind, e.map).length > 0 || e.mapError));
    const lines: StatusLine[] = errors.map((e) => ({ error: e.error ?? `${e.name} could not be read.` }));
    const ready = this.list.filter((e) => e.status === "ready" && e.report);
    for (const e of ready.slice(0, MAX_LINES)) {
      const r = e.report;
      if (!r || mapping.includes(e)) continue;
      const facts = describeReport(r);
      let line = `${e.name}: ${facts.format}, ${plural(r.rowsRead, "row")}`;
      if (e.basis === "effective") line += ", effective cost";
      if (r.periodRange) line += `, ${facts.periods}`;
      if (r.rowsRejected) line += `, ${formatCount(r.rowsRejected)} rejected`;
      lines.push(line + ".");
    }
    if (ready.length > MAX_LINES) lines.push(`… and ${formatCount(ready.length - MAX_LINES)} more files.`);
    const overlap = overlapWarnings(this.list);
    lines.push(...overlap);
    if (mapping.length) lines.push(`Map the columns of ${mapping.map((e) => e.name).join(", ")} before importing.`);
    if (lines.length === 0) {
      this.announce([]);
      return;
    }
    const tone: Tone = errors.length ? "error" : mapping.length || overlap.length || ready.some((e) => (e.report?.rowsRejected ?? 0) > 0) ? "warn" : "info";
    this.announce(lines, tone);
  }

  // ----- options -----
  setPeriod(period: PeriodGrain): void {
    this.state.period = period;
    this.state.comparisonPeriod = "";
    this.reconcileComparison();
    this.listener.changed({ comparison: true });
  }

  setFiscalStartMonth(month: number): void {
    this.state.fiscalStartMonth = month;
    this.reconcileComparison();
    this.listener.changed({ comparison: true });
  }

  /** The user's workload key: kept while the files still offer it. */
  setKey(key: string): void {
    this.state.key = key;
    this.keyTouched = true;
  }

  setComparisonPeriod(label: string): void {
    this.state.comparisonPeriod = label;
  }

  /** The cost basis; billing files read with the other basis are read again, so their cards show its figures. */
  async setCost(basis: CostBasis): Promise<void> {
    this.state.cost = basis;
    if (this.importing) return;
    const stale = this.list.filter((e) => e.kind === "billing" && e.status !== "error" && e.basis !== undefined && e.basis !== basis);
    if (stale.length === 0) return;
    this.listener.changed({ files: ["billing"] });
    await Promise.all(stale.map((e) => this.inspectEntry(e, false)));
    this.afterInspect(stale);
  }

  setTopKeys(n: number): void {
    if (Number.isInteger(n) && n >= 1 && n <= 50) this.state.topKeys = n;
  }

  setFormulas(formulas: Choices["formulas"]): void {
    this.state.formulas = formulas;
    this.listener.changed({ pricing: true });
  }

  /** A pricing choice (./pricing.ts); the pricing view re-renders. */
  setPricing<K extends keyof PricingChoices>(field: K, value: PricingChoices[K]): void {
    const pricing: PricingChoices = this.state;
    pricing[field] = value;
    this.listener.changed({ pricing: true });
  }

  private reconcileKey(): void {
    const chosen = this.keyTouched ? this.state.key : null;
    this.state.key = reconcileKey(chosen, this.list);
    if (this.keyTouched && this.state.key !== chosen) this.keyTouched = false;
  }

  private reconcileComparison(): void {
    this.labels = periodChoices(this.list, this.state.period, this.state.fiscalStartMonth);
    if (this.state.comparisonPeriod && !this.labels.includes(this.state.comparisonPeriod)) this.state.comparisonPeriod = "";
  }

  // ----- value assumptions -----
  addAssumption(): void {
    this.state.assumptions.push(emptyAssumption());
    this.listener.changed({ assumptions: "rows" });
  }

  removeAssumption(index: number): void {
    this.state.assumptions.splice(index, 1);
    this.listener.changed({ assumptions: "rows" });
  }

  setAssumptionMethod(index: number, method: AssumptionMethod): void {
    this.state.assumptions[index].method = method;
    this.listener.changed({ assumptions: "rows" });
  }

  /** Text typed into a field of a value assumption. */
  editAssumption(index: number, field: Exclude<keyof AssumptionRow, "method">, value: string): void {
    this.state.assumptions[index][field] = value;
    this.listener.changed({ assumptions: "values" });
  }

  // ----- confirmation -----
  /** Answer the question shown (false also when none is: nothing happens then). */
  answer(ok: boolean): void {
    const p = this.pending;
    this.pending = null;
    if (!p) return;
    this.listener.confirm(null);
    p.resolve(ok);
  }

  private ask(request: ConfirmRequest): Promise<boolean> {
    this.answer(false);
    const answered = new Promise<boolean>((resolve) => {
      this.pending = { request, resolve };
    });
    this.listener.confirm(request);
    return answered;
  }

  // ----- import -----
  cancel(): void {
    if (!this.importing) return;
    this.phaseNow = "cancelling";
    this.current?.abort();
    this.answer(false);
    this.listener.progress(0, "Cancelling…");
  }

  /** Refresh: add the files to the workbook the add-in built, keeping what is there (src/excel/refresh.ts). */
  async runRefresh(): Promise<void> {
    return this.runImport("refresh");
  }

  async runImport(mode: "import" | "refresh" = "import"): Promise<void> {
    if (this.importing) return;
    const blocker = importBlocker(this.list, this.state);
    if (blocker) {
      this.outcome = "blocked";
      this.announce([{ error: blocker }], "error");
      return;
    }
    const choices = this.state;
    const { assumptions } = buildAssumptions(choices.assumptions);
    // A refresh rebuilds AI Prices, the list-price columns and Scenarios over the merged data, but no long tail (the earlier requests are not kept).
    const planned = pricingPlan(this.list, choices);
    const pricing = mode === "import" ? planned : { write: planned.write };
    const inputs: WorkerFile[] = [];
    const sizes: number[] = [];
    for (const e of this.list) {
      const file = this.files.get(e.id);
      if (!file) continue;
      const wf: WorkerFile = { file, kind: e.kind };
      if (e.map && needsMapping(e)) wf.map = e.map;
      inputs.push(wf);
      sizes.push(file.size);
    }
    const ctrl = new AbortController();
    this.current = ctrl;
    this.phaseNow = "reading";
    this.listener.changed({ phase: true });
    this.listener.progress(0, "Reading files…");
    this.announce(["Importing…"]);
    let declinedReplace = false;
    let declinedRejects = false;
    try {
      const result = await this.deps.engine.summarize(
        inputs,
        { period: choices.period, fiscalStartMonth: choices.fiscalStartMonth, key: choices.key, cost: choices.cost, assumptions, ...(pricing.tail ? { tail: pricing.tail } : {}) },
        (p: ImportProgress) => this.listener.progress(overallFraction("parse", parseFraction(p, sizes)), `Reading ${p.file}…`),
        ctrl.signal,
      );
      this.listener.progress(overallFraction("parse", 1), "Read all files");
      const rejected = rejectedOf(result);
      if (rejected.total > 0) {
        this.announce([`${formatCount(rejected.total)} ${rejected.total === 1 ? "row was" : "rows were"} rejected. Import without them?`], "warn");
        const ok = await this.ask({ kind: "rejects", rejected });
        if (!ok) {
          declinedRejects = true;
          if (ctrl.signal.aborted) throw new JobCancelled();
          this.outcome = "declined-rejects";
          this.announce(["Nothing was imported: the workbook was left as it was.", "Fix the rejected rows and import again, or import without them."], "warn");
          return;
        }
      }
      if (ctrl.signal.aborted) throw new JobCancelled();
      this.phaseNow = "writing";
      const digests = result.sources.map((s) => s.digest ?? null);
      const entries = digests.every((d) => d !== null) ? logEntriesOf(result, digests, new Date()) : undefined;
      const writeOptions = {
        period: choices.period,
        fiscalStartMonth: choices.fiscalStartMonth,
        costBasis: choices.cost,
        comparisonPeriod: choices.comparisonPeriod || undefined,
        topKeys: choices.topKeys,
        formulas: choices.formulas,
        ...pricing.write,
      };
      if (mode === "refresh") {
        const report = await refreshWorkbook(this.deps.run, result, entries ?? [], writeOptions, {
          signal: ctrl.signal,
          onProgress: (p: WriteProgress) => this.listener.progress(overallFraction("write", p.fraction), p.stage),
          confirmOverlap: async (question: string) => this.ask({ kind: "overlap", question }),
        });
        this.listener.progress(1, "Done");
        this.outcome = "done";
        this.announce(successLines(report.result, report), "ok");
        return;
      }
      const report = await this.write(
        this.deps.run,
        result,
        { ...writeOptions, ...(result.longTail ? { longTail: result.longTail } : {}), importLog: entries },
        {
          signal: ctrl.signal,
          onProgress: (p: WriteProgress) => this.listener.progress(overallFraction("write", p.fraction), p.stage),
          confirmReplace: async (sheets: string[]) => {
            const ok = await this.ask({ kind: "replace", sheets });
            if (!ok) declinedReplace = true;
            return ok;
          },
        },
      );
      this.listener.progress(1, "Done");
      this.outcome = "done";
      const match = matchLines(matchReport(result));
      this.announce([...successLines(result, report, match), ...tailLines(result.longTail)], "ok");
    } catch (err) {
      this.reportFailure(err, ctrl.signal.aborted, declinedReplace, declinedRejects);
    } finally {
      this.phaseNow = "idle";
      this.current = null;
      this.answer(false);
      this.listener.changed({ phase: true });
    }
  }

  private reportFailure(err: unknown, aborted: boolean, declinedReplace: boolean, declinedRejects: boolean): void {
    if (aborted || err instanceof JobCancelled || err instanceof WriteCancelled) {
      if (declinedReplace && !aborted) {
        this.outcome = "kept-sheets";
        this.announce([KEPT_SHEETS], "warn");
      } else if (!declinedRejects) {
        this.outcome = "cancelled";
        this.announce(["Import cancelled: the workbook was left as it was."], "warn");
      } else this.outcome = "cancelled";
    } else if (declinedReplace) {
      this.outcome = "kept-sheets";
      this.announce([KEPT_SHEETS], "warn");
    } else {
      this.outcome = "failed";
      this.announce([{ error: describeError(errorParts(err)) }, "The workbook was left as it was."], "error");
    }
  }

  private announce(lines: StatusLine[], tone: Tone = "info"): void {
    this.listener.announce({ lines: lines.filter((l) => l !== ""), tone });
  }
}

/** The message, file and line of a thrown value (the engine's errors name the file and line). */
export function errorParts(err: unknown): { message: string; file?: string; line?: number } {
  if (err instanceof EngineError) return { message: err.message, file: err.file, line: err.line };
  if (err instanceof Error) {
    const withPlace = err as Error & { file?: unknown; line?: unknown };
    return {
      message: err.message,
      file: typeof withPlace.file === "string" ? withPlace.file : undefined,
      line: typeof withPlace.line === "number" ? withPlace.line : undefined,
    };
  }
  return { message: String(err) };
}
