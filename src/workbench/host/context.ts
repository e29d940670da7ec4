/**
 * The request context of the workbench host: the queue of operations, `sync()` with Excel's
 * payload limits, and the workbook. DOM-free.
 */
import { HostError } from "./errors";
import type { After, Op } from "./client";
import type { ApplicationProxy } from "./application";
import type { WorkbookModel } from "./workbook";
import { WorkbookProxy } from "./workbook-api";

/** Request and response payload limit of Excel (5 MB). */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

export interface HostStats {
  syncs: number;
  /** Request payload of each sync, in bytes (JSON size of the queued operations). */
  payloads: number[];
  maxPayload: number;
  /** Operations applied in total. */
  operations: number;
}

const OP_OVERHEAD = 64;

/** The request context: queue, sync, and the workbook. */
export class RequestContextImpl {
  _ops: Op[] = [];
  readonly workbook: WorkbookProxy;
  readonly application: ApplicationProxy;
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  readonly runtime = { load: (): void => undefined };
  constructor(
    readonly _model: WorkbookModel,
    readonly _stats: HostStats,
    readonly _onChange: () => void,
  ) {
    this.workbook = new WorkbookProxy(this);
    this.application = this.workbook.application;
  }
  _queue(bytes: number, apply: (after: After) => void): void {
    this._ops.push({ bytes: bytes + OP_OVERHEAD, apply });
  }
  /** Pending request payload in bytes. */
  get _pendingBytes(): number {
    return this._ops.reduce((a, o) => a + o.bytes, 0);
  }
  async sync<T>(passThroughValue?: T): Promise<T> {
    const ops = this._ops;
    this._ops = [];
    const bytes = ops.reduce((a, o) => a + o.bytes, 0);
    this._stats.syncs++;
    this._stats.payloads.push(bytes);
    this._stats.maxPayload = Math.max(this._stats.maxPayload, bytes);
    await Promise.resolve();
    if (bytes > PAYLOAD_LIMIT) {
      throw new HostError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit (${bytes} bytes > ${PAYLOAD_LIMIT}). Nothing in this batch was applied.`,
      );
    }
    const after: After = [];
    const version = this._model.version;
    try {
      for (const op of ops) {
        op.apply(after);
        this._stats.operations++;
      }
    } finally {
      this._model.endWrite();
      if (this._model.version !== version) this._onChange();
    }
    for (const f of after) f();
    return passThroughValue as T;
  }
  /** Response accounting for loads (Excel's 5 MB response limit). */
  _checkResponse(bytes: number, what: string): void {
    if (bytes > PAYLOAD_LIMIT) {
      throw new HostError("ResponsePayloadSizeLimitExceeded", `The response payload size has exceeded the limit (${bytes} bytes) loading ${what}.`);
    }
  }
}
