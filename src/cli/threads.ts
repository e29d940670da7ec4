/**
 * Node's threads for the parallel CSV reader (src/import/parallel.ts): each range of a file is read in a
 * `worker_threads` Worker that opens the file at its path, reads its byte range (after the
 * header copy the engine gives it) and posts back the range's exact partial result.
 * The worker's script is the `aiecon` bundle itself (src/cli/main.ts starts `serveRange` in a
 * worker), or, under the tests, src/cli/range-worker.ts through tsx.
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { type ParallelCsv, type RangeJob, type RangeResult, runRange } from "../import/parallel";

interface RangeWork {
  aiecon: "csv-range";
  path: string;
  job: RangeJob;
}

type RangeReply = { ok: RangeResult } | { error: string };

/** True in a worker thread started to read a range. */
export function isRangeWorker(): boolean {
  return !isMainThread && (workerData as Partial<RangeWork> | null)?.aiecon === "csv-range";
}

/**
 * Bytes read at a time from a range. Smaller than a whole-file read's 64 KiB: with two
 * readers in one process, 32 KiB chunks measured ~15 MiB less peak RSS at the same speed.
 */
const RANGE_CHUNK = 32 * 1024;

/** The bytes of a range, after the job's prefix text. */
export function rangeStream(path: string, job: RangeJob): ReadableStream<Uint8Array> {
  const file =
    job.end > job.start
      ? (Readable.toWeb(createReadStream(path, { start: job.start, end: job.end - 1, highWaterMark: RANGE_CHUNK })) as unknown as ReadableStream<Uint8Array>)
      : new ReadableStream<Uint8Array>({ start: (c) => c.close() });
  if (job.prefix === "") return file;
  const reader = file.getReader();
  let head: Uint8Array | null = new TextEncoder().encode(job.prefix);
  return new ReadableStream<Uint8Array>({
    async pull(c) {
      if (head !== null) {
        c.enqueue(head);
        head = null;
        return;
      }
      const r = await reader.read();
      if (r.done) c.close();
      else c.enqueue(r.value);
    },
    cancel: () => reader.cancel(),
  });
}

/** In the worker: read the range given in workerData and post the result (or the error). */
export async function serveRange(): Promise<void> {
  const w = workerData as RangeWork;
  let reply: RangeReply;
  try {
    reply = { ok: await runRange(w.job, () => rangeStream(w.path, w.job)) };
  } catch (e) {
    reply = { error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(reply);
}

export interface NodeParallelOptions {
  /** The worker's script: the aiecon bundle, or a TypeScript entry run through `execArgv`. */
  script: string;
  /**
   * Read the first range in the calling thread and only the others in worker threads. The
   * command line does: its main thread would otherwise wait idle, and a third V8 heap costs
   * some 20 MiB of peak RSS and start-up time for nothing.
   */
  inline?: boolean;
  execArgv?: string[];
  minBytes?: number;
  candidate?: ParallelCsv["candidate"];
  onFallback?: ParallelCsv["onFallback"];
  onSplit?: ParallelCsv["onSplit"];
}

/** Node's ParallelCsv: one worker thread per range (the first in this thread when `inline`); any failure stops the others. */
export function nodeParallel(o: NodeParallelOptions): ParallelCsv {
  return {
    minBytes: o.minBytes,
    candidate: o.candidate,
    onFallback: o.onFallback,
    onSplit: o.onSplit,
    run(input, jobs, signal) {
      const path = input.path;
      if (path === undefined) return null;
      const workers: Worker[] = [];
      const inline = new AbortController();
      const stopAll = (): void => {
        inline.abort();
        for (const w of workers) void w.terminate();
      };
      const one = (job: RangeJob): Promise<RangeResult> =>
        new Promise<RangeResult>((resolve, reject) => {
          const data: RangeWork = { aiecon: "csv-range", path, job };
          const w = new Worker(o.script, { workerData: data, execArgv: o.execArgv });
          workers.push(w);
          let done = false;
          w.on("message", (m: RangeReply) => {
            done = true;
            if ("ok" in m) resolve(m.ok);
            else reject(new Error(m.error));
            void w.terminate();
          });
          w.on("error", (e) => {
            done = true;
            reject(e);
          });
          w.on("exit", (code) => {
            if (!done) reject(new Error(`the worker thread of range ${job.index} stopped (exit ${code})`));
          });
        });
      const onAbort = (): void => stopAll();
      signal?.addEventListener("abort", onAbort, { once: true });
      const here = (job: RangeJob): Promise<RangeResult> => runRange(job, () => rangeStream(path, job), inline.signal);
      return Promise.all(jobs.map((job, i) => (i === 0 && o.inline === true ? here(job) : one(job))))
        .catch((e: unknown) => {
          stopAll();
          throw e;
        })
        .finally(() => signal?.removeEventListener("abort", onAbort));
    },
  };
}
