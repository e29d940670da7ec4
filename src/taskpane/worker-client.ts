/**
 * Promise API over the import Web Worker. Cancelling a summarize posts `cancel` and
 * then terminates the worker (a parse in progress stops at once); the next call
 * starts a fresh worker.
 */
import type { ImportErrorCode, ImportProgress } from "../import/types";
import type { PaneImportResult, PaneInspect, WorkerError, WorkerFile, WorkerImportOptions, WorkerRequest, WorkerResponse } from "./protocol";

/** An error raised by the engine in the worker, with the file and line it names. */
export class EngineError extends Error {
  readonly code?: ImportErrorCode;
  readonly file?: string;
  readonly line?: number;
  constructor(e: WorkerError) {
    super(e.message);
    this.name = e.name;
    this.code = e.code;
    this.file = e.file;
    this.line = e.line;
  }
}

/** Raised when a job was cancelled. */
export class JobCancelled extends Error {
  constructor() {
    super("Cancelled");
    this.name = "AbortError";
  }
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (p: ImportProgress) => void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class ImportWorkerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly factory: () => Worker) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = this.factory();
    w.onmessage = (ev: MessageEvent<WorkerResponse>) => this.receive(ev.data);
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      const msg = ev.message ? `The import worker failed: ${ev.message}` : "The import worker could not be started.";
      this.failAll(new Error(msg));
      this.terminate();
    };
    this.worker = w;
    return w;
  }

  private receive(msg: WorkerResponse): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    switch (msg.type) {
      case "progress":
        p.onProgress?.(msg.progress);
        return;
      case "inspected":
        this.pending.delete(msg.id);
        p.resolve(msg.inspected);
        return;
      case "result":
        this.pending.delete(msg.id);
        p.resolve(msg.result);
        return;
      case "error":
        this.pending.delete(msg.id);
        p.reject(msg.error.name === "AbortError" ? new JobCancelled() : new EngineError(msg.error));
        return;
    }
  }

  private failAll(e: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(e);
  }

  private call<T>(req: DistributiveOmit<WorkerRequest, "id">, onProgress?: (p: ImportProgress) => void): { id: number; promise: Promise<T> } {
    const id = this.nextId++;
    const promise = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
    });
    try {
      this.ensure().postMessage({ ...req, id } as WorkerRequest);
    } catch (e) {
      this.pending.delete(id);
      return { id, promise: Promise.reject(e instanceof Error ? e : new Error(String(e))) };
    }
    return { id, promise };
  }

  inspect(input: WorkerFile): Promise<PaneInspect> {
    return this.call<PaneInspect>({ type: "inspect", input }).promise;
  }

  summarize(
    inputs: WorkerFile[],
    options: WorkerImportOptions,
    onProgress?: (p: ImportProgress) => void,
    signal?: AbortSignal,
  ): Promise<PaneImportResult> {
    if (signal?.aborted) return Promise.reject(new JobCancelled());
    const { id, promise } = this.call<PaneImportResult>({ type: "summarize", inputs, options }, onProgress);
    if (!signal) return promise;
    const onAbort = () => {
      const p = this.pending.get(id);
      try {
        this.worker?.postMessage({ id, type: "cancel" } satisfies WorkerRequest);
      } catch {
        /* the worker is going away anyway */
      }
      // Hard stop: a parse in progress ends now; every other job of this worker is cancelled too.
      this.terminate();
      p?.reject(new JobCancelled());
    };
    signal.addEventListener("abort", onAbort, { once: true });
    return promise.finally(() => signal.removeEventListener("abort", onAbort));
  }

  /** Stop the worker; pending jobs are rejected as cancelled. */
  terminate(): void {
    const w = this.worker;
    this.worker = null;
    w?.terminate();
    this.failAll(new JobCancelled());
  }
}
