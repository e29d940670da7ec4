/**
 * Bytes → text. Detects gzip (magic 1f 8b) and decompresses it with the
 * platform's DecompressionStream; detects the text encoding from a BOM or the
 * pattern of zero bytes (UTF-16 without BOM); decodes with TextDecoder in
 * stream mode so multi-byte characters split across chunks survive.
 * Works the same on a browser File stream (Web Worker) and a Node file stream.
 */
import { isParquetMagic } from "./parquet-magic";
import { ImportError } from "./types";

export interface TextSource {
  encoding: "utf-8" | "utf-16le" | "utf-16be";
  bom: boolean;
  compressed: boolean;
  /** Next decoded text chunk, or null at the end. */
  next(): Promise<string | null>;
  /** Raw (compressed) bytes read so far. */
  bytesRead(): number;
  cancel(): Promise<void>;
}

export function abortError(): Error {
  if (typeof DOMException === "function") return new DOMException("The import was aborted.", "AbortError");
  const e = new Error("The import was aborted.");
  e.name = "AbortError";
  return e;
}

/** A reader that can give back bytes it already read (for sniffing). */
class ByteReader {
  private head: Uint8Array[] = [];
  constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly onBytes: (n: number) => void,
  ) {}
  async read(): Promise<Uint8Array | null> {
    const h = this.head.shift();
    if (h !== undefined) return h;
    const r = await this.reader.read();
    if (r.done) return null;
    this.onBytes(r.value.byteLength);
    return r.value;
  }
  unshift(b: Uint8Array): void {
    if (b.byteLength > 0) this.head.unshift(b);
  }
  /** Read until at least n bytes are buffered (or the end); returns them without consuming. */
  async peek(n: number): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let total = 0;
    while (total < n) {
      const b = await this.read();
      if (b === null) break;
      if (b.byteLength === 0) continue;
      parts.push(b);
      total += b.byteLength;
    }
    const all = concat(parts, total);
    this.unshift(all);
    return all;
  }
  cancel(): Promise<void> {
    return this.reader.cancel().catch(() => undefined);
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}

function toStream(src: ByteReader): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const b = await src.read();
      if (b === null) controller.close();
      else controller.enqueue(b);
    },
    cancel() {
      return src.cancel();
    },
  });
}

/** Open a byte stream as text. Throws ImportError for an empty or undecodable file. */
export async function openText(
  file: string,
  stream: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): Promise<TextSource> {
  let raw = 0;
  const outer = new ByteReader(stream.getReader(), (n) => (raw += n));
  const magic = await outer.peek(4);
  if (magic.byteLength === 0) throw new ImportError("empty", `${file}: the file is empty (0 bytes)`, file);
  if (isParquetMagic(magic)) {
    throw new ImportError("parquet", `${file}: a Parquet file can only be read with random access to its bytes (from a file, not a stream)`, file);
  }
  let compressed = false;
  let src = outer;
  if (magic.byteLength >= 2 && magic[0] === 0x1f && magic[1] === 0x8b) {
    if (typeof DecompressionStream !== "function") {
      throw new ImportError("compression", `${file}: the file is gzip-compressed and this platform cannot decompress it`, file);
    }
    compressed = true;
    const ds = toStream(outer).pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>);
    src = new ByteReader(ds.getReader(), () => undefined);
  }
  let head: Uint8Array;
  try {
    head = await src.peek(64);
  } catch (e) {
    throw gzipError(file, e);
  }
  if (head.byteLength === 0) throw new ImportError("empty", `${file}: the file is empty${compressed ? " (after decompression)" : ""}`, file);
  let encoding: TextSource["encoding"] = "utf-8";
  let bom = false;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) bom = true;
  else if (head[0] === 0xff && head[1] === 0xfe) {
    encoding = "utf-16le";
    bom = true;
  } else if (head[0] === 0xfe && head[1] === 0xff) {
    encoding = "utf-16be";
    bom = true;
  } else {
    let zeroEven = 0;
    let zeroOdd = 0;
    const n = Math.min(64, head.byteLength - (head.byteLength % 2));
    for (let i = 0; i < n; i++) if (head[i] === 0) (i % 2 === 0 ? zeroEven++ : zeroOdd++);
    const pairs = n / 2;
    // Text in UTF-16 has a zero high byte for every ASCII character (most of a CSV header).
    if (pairs >= 1 && zeroOdd >= pairs * 0.5 && zeroEven * 4 <= zeroOdd) encoding = "utf-16le";
    else if (pairs >= 1 && zeroEven >= pairs * 0.5 && zeroOdd * 4 <= zeroEven) encoding = "utf-16be";
    else if (zeroEven + zeroOdd > 0) {
      throw new ImportError(
        "encoding",
        `${file}: the file's encoding could not be read (it holds zero bytes but is neither UTF-8 nor UTF-16); save it as UTF-8 CSV`,
        file,
      );
    }
  }
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  let done = false;
  let decodedBytes = 0;
  /** Line breaks in the text decoded so far (for the line of a decoding error). */
  let newlines = 0;
  /** The last bytes of the previous chunk: a character may begin there and end in the next. */
  let tail: Uint8Array = new Uint8Array(0);
  const countNewlines = (t: string): void => {
    for (let i = t.indexOf("\n"); i >= 0; i = t.indexOf("\n", i + 1)) newlines++;
  };
  const decodeError = (b: Uint8Array | null): ImportError => {
    const after = compressed ? " after decompression" : "";
    if (encoding !== "utf-8") {
      return new ImportError(
        "encoding",
        `${file}: the file is not valid ${encoding.toUpperCase()} text (near byte ${decodedBytes}${after}, line ${newlines + 1}); save it as UTF-8 CSV`,
        file,
        newlines + 1,
      );
    }
    // Find the first byte that is not valid UTF-8, from where the pending character began.
    const start = pendingStart(tail);
    const bytes = new Uint8Array(tail.byteLength - start + (b?.byteLength ?? 0));
    bytes.set(tail.subarray(start), 0);
    if (b !== null) bytes.set(b, tail.byteLength - start);
    const base = decodedBytes - (tail.byteLength - start);
    const at = invalidUtf8At(bytes, b === null);
    const pos = at < 0 ? 0 : at;
    // Lines: breaks already decoded, plus those in this chunk before the bad byte (not in the re-read tail).
    let line = newlines + 1;
    for (let i = tail.byteLength - start; i < pos; i++) if (bytes[i] === 0x0a) line++;
    return new ImportError(
      "encoding",
      `${file}, line ${line}: the file is not valid UTF-8 text (byte 0x${bytes[pos]?.toString(16).padStart(2, "0") ?? "??"} at byte offset ${base + pos}${after}); save it as UTF-8 CSV`,
      file,
      line,
    );
  };
  return {
    encoding,
    bom,
    compressed,
    bytesRead: () => raw,
    cancel: () => src.cancel(),
    async next(): Promise<string | null> {
      if (signal?.aborted) throw abortError();
      for (;;) {
        if (done) return null;
        let b: Uint8Array | null;
        try {
          b = await src.read();
        } catch (e) {
          throw gzipError(file, e);
        }
        if (signal?.aborted) throw abortError();
        let text: string;
        try {
          if (b === null) {
            done = true;
            text = decoder.decode();
          } else {
            text = decoder.decode(b, { stream: true });
          }
        } catch {
          throw decodeError(b);
        }
        if (b !== null) {
          decodedBytes += b.byteLength;
          tail = b.byteLength >= 3 ? b.slice(b.byteLength - 3) : concatTail(tail, b);
        }
        countNewlines(text);
        if (text.length > 0) return text;
      }
    },
  };
}

/** The last 3 bytes of `prev` followed by `b` (b shorter than 3 bytes). */
function concatTail(prev: Uint8Array, b: Uint8Array): Uint8Array {
  const all = new Uint8Array(prev.byteLength + b.byteLength);
  all.set(prev, 0);
  all.set(b, prev.byteLength);
  return all.slice(Math.max(0, all.byteLength - 3));
}

/** Index in `tail` where an unfinished UTF-8 character begins (tail.byteLength when none). */
function pendingStart(tail: Uint8Array): number {
  for (let i = tail.byteLength - 1, k = 0; i >= 0 && k < 3; i--, k++) {
    const c = tail[i];
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > tail.byteLength - i ? i : tail.byteLength;
  }
  return tail.byteLength;
}

/**
 * Index of the first byte of the first invalid UTF-8 sequence (WHATWG rules), or -1.
 * A sequence cut off by the end counts as invalid only when `final`.
 */
export function invalidUtf8At(b: Uint8Array, final: boolean): number {
  let i = 0;
  const n = b.byteLength;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return final ? i : -1;
      const d = b[i + k];
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

function gzipError(file: string, e: unknown): Error {
  if (e instanceof ImportError) return e;
  if (e instanceof Error && e.name === "AbortError") return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new ImportError("compression", `${file}: the gzip data is damaged or truncated (${msg})`, file);
}
