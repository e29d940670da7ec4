/**
 * The web platform the import engine may use, and nothing more: WHATWG Streams, Encoding,
 * Compression Streams, AbortSignal and DOMException. Browsers (window and Web Worker) and
 * Node (>= 18) provide all of them as globals. Included only by tsconfig.core.json and
 * tsconfig.excel.json, whose `lib` is ES2022 alone and whose `types` is empty, so that a
 * DOM call (`document`, `window`, `HTMLElement`), a Node module or an Office global in
 * src/core, src/import or src/excel does not compile. The other configurations take these
 * names from lib.dom.d.ts or @types/node instead; this file is not under src/, so no
 * configuration sees both.
 *
 * Member lists follow lib.dom.d.ts (TypeScript 5.9), trimmed to what a stream reader needs.
 */

interface DOMException extends Error {
  readonly name: string;
  readonly message: string;
  readonly code: number;
}
declare var DOMException: {
  prototype: DOMException;
  new (message?: string, name?: string): DOMException;
};

interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}
declare var AbortSignal: {
  prototype: AbortSignal;
  abort(reason?: unknown): AbortSignal;
  timeout(milliseconds: number): AbortSignal;
};

type BufferSource = ArrayBufferView | ArrayBuffer;

interface TextDecoder {
  readonly encoding: string;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  decode(input?: BufferSource, options?: { stream?: boolean }): string;
}
declare var TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder;
};

interface TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array;
}
declare var TextEncoder: {
  prototype: TextEncoder;
  new (): TextEncoder;
};

type ReadableStreamReadResult<T> = { done: false; value: T } | { done: true; value?: undefined };

interface ReadableStreamDefaultReader<R = unknown> {
  readonly closed: Promise<undefined>;
  read(): Promise<ReadableStreamReadResult<R>>;
  releaseLock(): void;
  cancel(reason?: unknown): Promise<void>;
}

interface ReadableStreamDefaultController<R = unknown> {
  readonly desiredSize: number | null;
  close(): void;
  enqueue(chunk?: R): void;
  error(e?: unknown): void;
}

interface UnderlyingDefaultSource<R = unknown> {
  start?(controller: ReadableStreamDefaultController<R>): unknown;
  pull?(controller: ReadableStreamDefaultController<R>): void | PromiseLike<void>;
  cancel?(reason?: unknown): void | PromiseLike<void>;
}

interface QueuingStrategy<T = unknown> {
  highWaterMark?: number;
  size?(chunk: T): number;
}

interface WritableStreamDefaultWriter<W = unknown> {
  readonly closed: Promise<undefined>;
  readonly ready: Promise<undefined>;
  write(chunk?: W): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
  releaseLock(): void;
}

interface WritableStream<W = unknown> {
  readonly locked: boolean;
  getWriter(): WritableStreamDefaultWriter<W>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}

interface ReadableWritablePair<R = unknown, W = unknown> {
  readable: ReadableStream<R>;
  writable: WritableStream<W>;
}

interface StreamPipeOptions {
  preventAbort?: boolean;
  preventCancel?: boolean;
  preventClose?: boolean;
  signal?: AbortSignal;
}

interface ReadableStream<R = unknown> {
  readonly locked: boolean;
  getReader(): ReadableStreamDefaultReader<R>;
  cancel(reason?: unknown): Promise<void>;
  pipeThrough<T>(transform: ReadableWritablePair<T, R>, options?: StreamPipeOptions): ReadableStream<T>;
  pipeTo(destination: WritableStream<R>, options?: StreamPipeOptions): Promise<void>;
  tee(): [ReadableStream<R>, ReadableStream<R>];
}
declare var ReadableStream: {
  prototype: ReadableStream;
  new <R = unknown>(underlyingSource?: UnderlyingDefaultSource<R>, strategy?: QueuingStrategy<R>): ReadableStream<R>;
};

interface TransformStream<I = unknown, O = unknown> {
  readonly readable: ReadableStream<O>;
  readonly writable: WritableStream<I>;
}

interface DecompressionStream extends TransformStream<BufferSource, Uint8Array> {}
declare var DecompressionStream: {
  prototype: DecompressionStream;
  new (format: "deflate" | "deflate-raw" | "gzip"): DecompressionStream;
};

interface CompressionStream extends TransformStream<BufferSource, Uint8Array> {}
declare var CompressionStream: {
  prototype: CompressionStream;
  new (format: "deflate" | "deflate-raw" | "gzip"): CompressionStream;
};
