/**
 * The task pane's import flow (src/taskpane/flow.ts) without a browser: the real import
 * engine in node behind the worker client's interface, and the workbench host as Excel.
 */
import { describe, expect, it } from "vitest";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { inspect, newReport, summarize } from "../../../src/import/index";
import type { ImportInput, InspectReport } from "../../../src/import/types";
import type { ExcelRun } from "../../../src/excel/types";
import type { WorkbenchHost } from "../../../src/workbench/host/index";
import type { WorkerFile } from "../../../src/taskpane/protocol";
import { EngineError, JobCancelled } from "../../../src/taskpane/worker-client";
import {
  ImportFlow,
  type Announcement,
  type Change,
  type ConfirmRequest,
  type FlowListener,
  type ImportEngine,
  type ImportPhase,
} from "../../../src/taskpane/flow";
import { newHost } from "../excel/workbenchHost";

const here = path.dirname(fileURLToPath(import.meta.url));
const FOCUS_PATH = path.resolve(here, "../../../../shared/data/focus/focus_1.0_sample_1000.csv");
const OWN = ["AI Cost Data", "AI Volume Data", "AI Value Data", "Unit Economics", "Comparison", "Trend", "Quarterly Review", "Cost Bridge", "Data Checks"];

function focusFile(): File {
  return new File([readFileSync(FOCUS_PATH)], "focus.csv");
}
function textFile(name: string, text: string): File {
  return new File([text], name);
}
const BAD_VOLUME = "date,key,requests\n2024-09-02,Svc A,10\n2024-09-03,Svc B,x\n";
const GENERIC = "Day,Model,Amount,Currency\n2024-09-01,gpt,1.5,USD\n2024-09-02,gpt,2.25,USD\n";

function toInput(f: WorkerFile): ImportInput {
  const input: ImportInput = { name: f.file.name, kind: f.kind, size: f.file.size, open: () => f.file.stream() };
  if (f.map) input.map = f.map;
  return input;
}

/** The engine in node, as the worker runs it (inspect as the kind given; summarize with progress and cancel). */
const realEngine: ImportEngine = {
  async inspect(input) {
    return { report: await inspect(toInput(input)), needsMap: false };
  },
  async summarize(inputs, options, onProgress, signal) {
    try {
      return await summarize(inputs.map(toInput), { ...options, onProgress, signal });
    } catch (e) {
      if (signal?.aborted) throw new JobCancelled();
      throw e;
    }
  },
};

/** Records what the flow tells the views; answers questions as `answers` says (after a tick, as a user would). */
class Recorder {
  changes: Change[] = [];
  announced: Announcement[] = [];
  steps: Array<{ fraction: number; stage: string; phase: ImportPhase }> = [];
  asked: ConfirmRequest[] = [];
  flow!: ImportFlow;
  constructor(private readonly answers: (r: ConfirmRequest) => boolean | "leave" = () => "leave") {}
  changed(change: Change): void {
    this.changes.push(change);
  }
  announce(a: Announcement): void {
    this.announced.push(a);
  }
  setProgress = (fraction: number, stage: string): void => {
    this.steps.push({ fraction, stage, phase: this.flow.phase });
  };
  progressCalls(): string[] {
    return this.steps.map((p) => p.stage);
  }
  confirm(request: ConfirmRequest | null): void {
    if (request === null) return;
    this.asked.push(request);
    const a = this.answers(request);
    if (a !== "leave") setTimeout(() => this.flow.answer(a), 0);
  }
  last(): Announcement {
    return this.announced[this.announced.length - 1];
  }
  text(a: Announcement = this.last()): string[] {
    return a.lines.map((l) => (typeof l === "string" ? l : `ERROR ${l.error}`));
  }
}

function setup(engine: ImportEngine, run: ExcelRun, answers?: (r: ConfirmRequest) => boolean | "leave"): { flow: ImportFlow; rec: Recorder } {
  const rec = new Recorder(answers);
  const listener: FlowListener = {
    changed: (c) => rec.changed(c),
    announce: (a) => rec.announce(a),
    progress: (f, s) => rec.setProgress(f, s),
    confirm: (r) => rec.confirm(r),
  };
  const flow = new ImportFlow({ engine, run }, listener);
  rec.flow = flow;
  return { flow, rec };
}

/** A workbook with the user's own sheet and a note in it. */
async function userWorkbook(): Promise<WorkbenchHost> {
  const host = await newHost();
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [["my notes", 42]];
    await ctx.sync();
  });
  return host;
}

/** How the worker says a small UTF-8 CSV was read. */
const HEAD = { encoding: "utf-8", delimiter: ",", compressed: false } as const;

const sheetNames = (host: WorkbenchHost) => host.snapshot().sheets.map((s) => s.name);

describe("the task pane's import flow", () => {
  it("files chosen → inspected → options → import (reading, writing) → report", async () => {
    const host = await userWorkbook();
    const { flow, rec } = setup(realEngine, host.run);
    expect(flow.phase).toBe("idle");
    expect(flow.blocker).toBe("Add at least one billing file.");

    const adding = flow.addFiles("billing", [focusFile()]);
    expect(flow.entries.map((e) => [e.name, e.status])).toEqual([["focus.csv", "inspecting"]]);
    expect(rec.changes[0]).toEqual({ files: ["billing"] });
    expect(rec.text()).toEqual(["Reading focus.csv…"]);
    expect(flow.blocker).toBe("Still reading focus.csv…");
    await adding;
    expect(flow.entries[0]).toMatchObject({ status: "ready", report: { format: "focus", rowsRead: 1000 } });
    expect(rec.changes.at(-1)).toEqual({ files: ["billing"], keys: true, comparison: true });
    expect(rec.last()).toEqual({ lines: ["focus.csv: FOCUS 1.0, 1,000 rows, 2024-09."], tone: "info" });
    expect(flow.blocker).toBeNull();
    expect(flow.comparisonLabels).toEqual(["2024-09"]);

    flow.setPeriod("week");
    expect(flow.comparisonLabels.every((l) => /^2024-W\d\d$/.test(l))).toBe(true);
    flow.setComparisonPeriod(flow.comparisonLabels[1]);
    flow.setKey("tag:application");
    flow.setFormulas("native");

    await flow.runImport();
    expect(flow.lastOutcome).toBe("done");
    expect(flow.phase).toBe("idle");
    expect(rec.changes.filter((c) => c.phase).length).toBe(2);
    const phases = [...new Set(rec.steps.map((p) => p.phase))];
    expect(phases).toEqual(["reading", "writing"]);
    expect(rec.progressCalls()[0]).toBe("Reading files…");
    expect(rec.steps.at(-1)).toMatchObject({ fraction: 1, stage: "Done" });
    expect(rec.last().tone).toBe("ok");
    expect(rec.text()[0]).toMatch(/^Import complete: [\d,]+ groups written \([\d,]+ keys × \d+ periods\) to 9 sheets\.$/);
    expect(rec.asked).toEqual([]);
    expect(sheetNames(host)).toEqual(["Sheet1", ...OWN]);
    const unit = host.snapshot().sheets.find((s) => s.name === "Unit Economics")!;
    expect(JSON.stringify(unit.formulas)).not.toContain("AIECON.");
    expect(host.snapshot().sheets[0].values[0]).toEqual(["my notes", 42]);
  });

  it("re-import: asks before replacing; keeping the sheets leaves the workbook as it was", async () => {
    const host = await userWorkbook();
    const { flow, rec } = setup(realEngine, host.run, (r) => r.kind !== "replace");
    await flow.addFiles("billing", [focusFile()]);
    await flow.runImport();
    expect(flow.lastOutcome).toBe("done");
    const before = JSON.stringify(host.snapshot());
    await flow.runImport();
    expect(rec.asked).toEqual([{ kind: "replace", sheets: OWN }]);
    expect(flow.lastOutcome).toBe("kept-sheets");
    expect(rec.last()).toEqual({ lines: ["Import stopped: the existing AIECON sheets were kept and the workbook was left as it was."], tone: "warn" });
    expect(JSON.stringify(host.snapshot())).toBe(before);
    expect(flow.confirming).toBeNull();
  });

  it("rejected rows: asks first; declining imports nothing", async () => {
    const host = await userWorkbook();
    const before = JSON.stringify(host.snapshot());
    const { flow, rec } = setup(realEngine, host.run, () => false);
    await flow.addFiles("billing", [focusFile()]);
    await flow.addFiles("volume", [textFile("volume.csv", BAD_VOLUME)]);
    expect(rec.last().tone).toBe("warn");
    await flow.runImport();
    expect(rec.asked).toHaveLength(1);
    const asked = rec.asked[0];
    expect(asked.kind).toBe("rejects");
    if (asked.kind === "rejects") expect(asked.rejected).toMatchObject({ total: 1, files: [{ file: "volume.csv", count: 1 }] });
    expect(rec.text(rec.announced.at(-2))).toEqual(["1 row was rejected. Import without them?"]);
    expect(flow.lastOutcome).toBe("declined-rejects");
    expect(rec.text()).toEqual(["Nothing was imported: the workbook was left as it was.", "Fix the rejected rows and import again, or import without them."]);
    expect(JSON.stringify(host.snapshot())).toBe(before);
  });

  it("an engine error is reported with its file and line, and the workbook is untouched", async () => {
    const host = await userWorkbook();
    const before = JSON.stringify(host.snapshot());
    const failing: ImportEngine = {
      inspect: realEngine.inspect,
      summarize: () => Promise.reject(new EngineError({ name: "ImportError", message: "the cost is not a number", file: "focus.csv", line: 12 })),
    };
    const { flow, rec } = setup(failing, host.run);
    await flow.addFiles("billing", [focusFile()]);
    await flow.runImport();
    expect(flow.lastOutcome).toBe("failed");
    expect(rec.last()).toEqual({ lines: [{ error: "focus.csv, line 12: the cost is not a number" }, "The workbook was left as it was."], tone: "error" });
    expect(flow.phase).toBe("idle");
    expect(JSON.stringify(host.snapshot())).toBe(before);
  });

  it("a sync that fails while writing: the writer's error is reported and the workbook is untouched", async () => {
    const host = await userWorkbook();
    const before = JSON.stringify(host.snapshot());
    let calls = 0;
    const run: ExcelRun = <T,>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
      calls++;
      return calls === 2 ? Promise.reject(new Error("the connection to Excel was lost")) : host.run(batch);
    };
    const { flow, rec } = setup(realEngine, run);
    await flow.addFiles("billing", [focusFile()]);
    await flow.runImport();
    expect(flow.lastOutcome).toBe("failed");
    expect(rec.last().tone).toBe("error");
    expect(rec.text()[0]).toMatch(/^ERROR Writing the workbook failed \(.+\): the connection to Excel was lost\. The workbook was left as it was\.$/);
    expect(JSON.stringify(host.snapshot())).toBe(before);
  });

  it("cancel while writing: the workbook is restored", async () => {
    const host = await userWorkbook();
    const before = JSON.stringify(host.snapshot());
    const { flow, rec } = setup(realEngine, host.run);
    await flow.addFiles("billing", [focusFile()]);
    const orig = rec.setProgress;
    rec.setProgress = (fraction, stage) => {
      orig(fraction, stage);
      if (flow.phase === "writing") flow.cancel();
    };
    await flow.runImport();
    expect(rec.steps.some((p) => p.phase === "cancelling" && p.stage === "Cancelling…")).toBe(true);
    expect(flow.lastOutcome).toBe("cancelled");
    expect(rec.last()).toEqual({ lines: ["Import cancelled: the workbook was left as it was."], tone: "warn" });
    expect(JSON.stringify(host.snapshot())).toBe(before);
  });

  it("cancel while reading, and while a question waits", async () => {
    const host = await newHost();
    const before = JSON.stringify(host.snapshot());
    const hanging: ImportEngine = {
      inspect: realEngine.inspect,
      summarize: (_inputs, _options, _progress, signal) =>
        new Promise((_, reject) => signal?.addEventListener("abort", () => reject(new JobCancelled()), { once: true })),
    };
    const { flow, rec } = setup(hanging, host.run);
    await flow.addFiles("billing", [focusFile()]);
    const running = flow.runImport();
    expect(flow.phase).toBe("reading");
    expect(flow.importing).toBe(true);
    expect(flow.blocker).toBe("An import is running.");
    // Files and choices are fixed while an import runs.
    expect(flow.remove(flow.entries[0])).toBe(false);
    await flow.addFiles("billing", [textFile("more.csv", GENERIC)]);
    expect(flow.entries).toHaveLength(1);
    flow.cancel();
    expect(flow.phase).toBe("cancelling");
    await running;
    expect(flow.lastOutcome).toBe("cancelled");
    expect(rec.last()).toEqual({ lines: ["Import cancelled: the workbook was left as it was."], tone: "warn" });

    // A question left open is dismissed by Cancel: nothing is written.
    const { flow: f2, rec: r2 } = setup(realEngine, host.run);
    await f2.addFiles("billing", [focusFile()]);
    await f2.addFiles("volume", [textFile("volume.csv", BAD_VOLUME)]);
    const second = f2.runImport();
    await expect.poll(() => f2.confirming?.kind).toBe("rejects");
    f2.cancel();
    await second;
    expect(f2.confirming).toBeNull();
    expect(f2.lastOutcome).toBe("cancelled");
    expect(r2.text()).toEqual(["1 row was rejected. Import without them?"]);
    expect(JSON.stringify(host.snapshot())).toBe(before);
  });

  it("Import with nothing to import says why and starts nothing", async () => {
    const host = await newHost();
    const { flow, rec } = setup(realEngine, host.run);
    await flow.runImport();
    expect(flow.lastOutcome).toBe("blocked");
    expect(rec.last()).toEqual({ lines: [{ error: "Add at least one billing file." }], tone: "error" });
    expect(rec.changes).toEqual([]);
    flow.addAssumption();
    flow.editAssumption(0, "valuePerInference", "abc");
    expect(rec.changes).toEqual([{ assumptions: "rows" }, { assumptions: "values" }]);
    await flow.addFiles("billing", [focusFile()]);
    expect(flow.blocker).toBe("Assumption 1: enter the value per inference as a number, for example 0.05.");
    flow.setAssumptionMethod(0, "time-saved");
    flow.editAssumption(0, "minutesSaved", "1");
    flow.editAssumption(0, "hourlyRate", "7");
    expect(flow.blocker).toBeNull();
    flow.removeAssumption(0);
    expect(flow.choices.assumptions).toEqual([]);
  });

  it("a file that cannot be read blocks the import until removed; removing falls back to the default key", async () => {
    const host = await newHost();
    const engine: ImportEngine = {
      inspect: (input) => (input.file.name === "broken.csv" ? Promise.reject(new EngineError({ name: "ImportError", message: "the file is empty" })) : realEngine.inspect(input)),
      summarize: realEngine.summarize,
    };
    const { flow, rec } = setup(engine, host.run);
    await flow.addFiles("billing", [focusFile(), textFile("broken.csv", "")]);
    expect(flow.entries.map((e) => e.status)).toEqual(["ready", "error"]);
    expect(rec.last()).toEqual({ lines: [{ error: "broken.csv: the file is empty" }, "focus.csv: FOCUS 1.0, 1,000 rows, 2024-09."], tone: "error" });
    expect(flow.blocker).toBe("Remove broken.csv or choose a file that can be read: broken.csv: the file is empty");
    flow.setKey("tag:application");
    expect(flow.remove(flow.entries[1])).toBe(true);
    expect(flow.choices.key).toBe("tag:application");
    expect(rec.text()).toEqual(["Removed broken.csv."]);
    expect(flow.remove(flow.entries[0])).toBe(true);
    expect(flow.choices.key).toBe("service");
    expect(flow.comparisonLabels).toEqual([]);
  });

  it("an unrecognised file: the mapping is guessed, and the file read again when the mapping is complete", async () => {
    const host = await newHost();
    const seen: WorkerFile[] = [];
    const engine: ImportEngine = {
      async inspect(input) {
        seen.push(input);
        if (!input.map) {
          // As the worker answers for a file it does not recognise: its columns and first rows, nothing read.
          const report: InspectReport = { ...newReport(toInput(input)), columns: ["Day", "Model", "Amount", "Currency"], preview: [["2024-09-01", "gpt", "1.5", "USD"]], ...HEAD };
          return { report, needsMap: true };
        }
        const res = await summarize([toInput(input)], { period: "month", cost: "billed" });
        return { report: { ...res.sources[0], preview: [], ...HEAD }, needsMap: true };
      },
      summarize: realEngine.summarize,
    };
    const { flow } = setup(engine, host.run);
    await flow.addFiles("billing", [textFile("costs.csv", GENERIC)]);
    const e = flow.entries[0];
    expect(e.map).toEqual({ date: "Day", cost: "Amount", currency: "Currency", key: "Model" });
    expect(seen.map((s) => s.map ?? null)).toEqual([null, e.map]);
    expect(e.report?.totals).toEqual({ USD: "3.75" });
    await flow.setMapping(e, "cost", "");
    expect(seen).toHaveLength(2); // incomplete: not read again
    expect(flow.blocker).toBe("Map the columns of costs.csv: choose the cost column.");
    await flow.setMapping(e, "cost", "Amount");
    expect(seen).toHaveLength(3);
    expect(flow.blocker).toBeNull();
    await flow.runImport();
    expect(flow.lastOutcome).toBe("done");
    expect(sheetNames(host)).toEqual(["Sheet1", ...OWN]);
  });
});
