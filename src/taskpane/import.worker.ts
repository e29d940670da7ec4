/// <reference lib="webworker" />
/**
 * The import engine in a Web Worker, so that parsing large exports never blocks the
 * task pane. `cancel` aborts a running summarize (the pane also terminates the worker,
 * which is the hard stop).
 */
import { inspect } from "../import/index";
import { summarizeForPane } from "./tail-import";
import { withDigest } from "../import/digest";
import type { ImportInput, ImportProgress } from "../import/types";
import { toWorkerError, type WorkerFile, type WorkerRequest, type WorkerResponse } from "./protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const jobs = new Map<number, AbortController>();

function post(msg: WorkerResponse): void {
  scope.postMessage(msg);
}

function toInput(f: WorkerFile): ImportInput {
  const input: ImportInput = {
    name: f.file.name,
    kind: f.kind,
    size: f.file.size,
    open: () => f.file.stream() as ReadableStream<Uint8Array>,
    // Random access for Parquet: the engine reads its footer, then row group by row group.
    random: () => ({ byteLength: f.file.size, slice: (start, end) => f.file.slice(start, end).arrayBuffer() }),
  };
  if (f.map) input.map = f.map;
  if (f.fixedKey) input.fixedKey = f.fixedKey;
  return input;
}

scope.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
  const req = ev.data;
  if (req.type === "cancel") {
    jobs.get(req.id)?.abort();
    return;
  }
  const ctrl = new AbortController();
  jobs.set(req.id, ctrl);
  try {
    if (req.type === "inspect") {
      // Read as the kind the user gave it, so that the totals shown are the ones the import will use.
      const inspected = await inspect(toInput(req.input), { asKind: req.input.kind, cost: req.input.cost ?? "billed", signal: ctrl.signal });
      post({ id: req.id, type: "inspected", inspected });
    } else {
      let last = 0;
      // Hashed as the engine reads them (one read per file), for the import log.
      const digesting = req.inputs.map((f) => withDigest(toInput(f)));
      const result = await summarizeForPane(digesting.map((d) => d.input), {
        ...req.options,
        signal: ctrl.signal,
        onProgress: (progress: ImportProgress) => {
          const now = Date.now();
          // At most ~20 progress messages a second.
          if (now - last >= 50) {
            last = now;
            post({ id: req.id, type: "progress", progress });
          }
        },
      });
      result.sources.forEach((s, i) => {
        const d = digesting[i].digest();
        if (d !== null) s.digest = d;
      });
      post({ id: req.id, type: "result", result });
    }
  } catch (e) {
    post({ id: req.id, type: "error", error: toWorkerError(e) });
  } finally {
    jobs.delete(req.id);
  }
};
