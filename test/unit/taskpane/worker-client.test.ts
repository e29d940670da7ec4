import { describe, expect, it } from "vitest";
import { EngineError, ImportWorkerClient, JobCancelled } from "../../../src/taskpane/worker-client";
import { type WorkerRequest, type WorkerResponse, toWorkerError } from "../../../src/taskpane/protocol";
import { ImportError } from "../../../src/import/types";
import type { ImportResult, InspectReport } from "../../../src/import/types";

/** A stand-in for a Worker: records what is posted; the test answers. */
class FakeWorker {
  posted: WorkerRequest[] = [];
  terminated = false;
  onmessage: ((ev: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  postMessage(msg: WorkerRequest): void {
    if (this.terminated) throw new Error("terminated");
    this.posted.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(msg: WorkerResponse): void {
    this.onmessage?.({ data: msg } as MessageEvent<WorkerResponse>);
  }
  fail(message: string): void {
    this.onerror?.({ message, preventDefault() {} } as unknown as ErrorEvent);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = new ImportWorkerClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  });
  return { client, workers };
}

const file = { name: "a.csv" } as File;
const report = { file: "a.csv" } as InspectReport;
const result = { groups: [] } as unknown as ImportResult;
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("import worker client", () => {
  it("answers inspect and summarize by message id, with progress", async () => {
    const { client, workers } = setup();
    const a = client.inspect({ file, kind: "billing" });
    const progress: number[] = [];
    const b = client.summarize([{ file, kind: "billing" }], { period: "month", cost: "billed" }, (p) => progress.push(p.rowsRead));
    expect(workers).toHaveLength(1);
    const [ia, ib] = workers[0].posted;
    expect(ia).toMatchObject({ type: "inspect", input: { kind: "billing" } });
    expect(ib).toMatchObject({ type: "summarize", options: { period: "month" } });
    workers[0].answer({ id: ib.id, type: "progress", progress: { file: "a.csv", fileIndex: 0, fileCount: 1, bytesRead: 10, rowsRead: 5 } });
    workers[0].answer({ id: ib.id, type: "result", result });
    workers[0].answer({ id: ia.id, type: "inspected", inspected: { report, needsMap: false } });
    await expect(a).resolves.toEqual({ report, needsMap: false });
    await expect(b).resolves.toBe(result);
    expect(progress).toEqual([5]);
  });

  it("turns an engine error into an EngineError that keeps file and line", async () => {
    const { client, workers } = setup();
    const a = client.inspect({ file, kind: "billing" });
    workers[0].answer({ id: workers[0].posted[0].id, type: "error", error: { name: "ImportError", message: "bad date", code: "csv-syntax", file: "a.csv", line: 7 } });
    const e = await a.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EngineError);
    expect(e).toMatchObject({ message: "bad date", code: "csv-syntax", file: "a.csv", line: 7, name: "ImportError" });
  });

  it("sends an ImportError's code across the worker boundary", () => {
    expect(toWorkerError(new ImportError("empty", "a.csv: the file is empty", "a.csv"))).toEqual({
      name: "ImportError",
      message: "a.csv: the file is empty",
      code: "empty",
      file: "a.csv",
      line: undefined,
    });
    expect(toWorkerError(new Error("x")).code).toBeUndefined();
  });

  it("cancels a summarize: posts cancel, terminates the worker, rejects as cancelled; the next call starts a new worker", async () => {
    const { client, workers } = setup();
    const ctrl = new AbortController();
    const p = client.summarize([{ file, kind: "billing" }], { period: "month", cost: "billed" }, undefined, ctrl.signal);
    ctrl.abort();
    await expect(p).rejects.toBeInstanceOf(JobCancelled);
    expect(workers[0].posted.map((m) => m.type)).toEqual(["summarize", "cancel"]);
    expect(workers[0].terminated).toBe(true);
    const q = client.inspect({ file, kind: "volume" });
    expect(workers).toHaveLength(2);
    workers[1].answer({ id: workers[1].posted[0].id, type: "inspected", inspected: { report, needsMap: true } });
    await expect(q).resolves.toMatchObject({ needsMap: true });
  });

  it("rejects at once when the signal is already aborted", async () => {
    const { client, workers } = setup();
    const ctrl = new AbortController();
    ctrl.abort();
    await expect(client.summarize([], { period: "month", cost: "billed" }, undefined, ctrl.signal)).rejects.toBeInstanceOf(JobCancelled);
    expect(workers).toHaveLength(0);
  });

  it("fails every pending job with a clear message when the worker itself fails", async () => {
    const { client, workers } = setup();
    const a = client.inspect({ file, kind: "billing" });
    const b = client.inspect({ file, kind: "value" });
    const ea = expect(a).rejects.toThrow(/import worker failed: Uncaught SyntaxError/);
    const eb = expect(b).rejects.toThrow(/import worker failed/);
    workers[0].fail("Uncaught SyntaxError");
    await tick();
    await ea;
    await eb;
    expect(workers[0].terminated).toBe(true);
  });
});
