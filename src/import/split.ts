/**
 * Where a large UTF-8 CSV can be cut in two for two threads, the way DuckDB's parallel CSV
 * reader finds a record start: from a candidate byte offset, each line feed is a possible
 * record boundary, but a quoted field may hold line feeds, so the quote parity there is not
 * known. Both hypotheses are tried on the bytes that follow: (A) the line feed ends a record,
 * (B) it is inside a quoted field. A cut is proven when, under A, the next records parse with
 * the header's column count and well-formed quoting, and B is refuted (a record with another
 * column count, text after a closing quote, or a quote left open at the end of the file).
 * When both parse (the parity cannot be told) the finder tries the next line feed, and gives
 * up (one thread) after its window.
 *
 * The scan mirrors the CsvParser (csv.ts) byte for byte: `"`, the delimiter, CR and LF are
 * ASCII and never part of a multi-byte UTF-8 character, so bytes are scanned, not text, and a
 * cut right after a line feed never splits a character or a CRLF pair.
 */
import { CsvParser } from "./csv";
import type { RandomAccess } from "./types";

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Tunables (a test may lower them). */
export const SPLIT = {
  /** Bytes read at the start for the header. */
  headBytes: 1024 * 1024,
  /** Bytes read from the candidate offset to find a cut. */
  windowBytes: 1024 * 1024,
  /** Records that must parse under hypothesis A. */
  records: 8,
  /** Line feeds tried before giving up. */
  tries: 2000,
};

export interface Split {
  /** The second range starts here (just after a line feed). */
  at: number;
  /** The header's fields as the parser read them, and its delimiter. */
  columns: string[];
  delimiter: string;
  /**
   * True when B was refuted. False when no quote follows in the window, so B could not be
   * tested: the cut then stands only once the first range has parsed to its end with no quote
   * left open (which proves the parity at the cut); otherwise the file is read on one thread.
   */
  proven: boolean;
}

const GOOD = 0;
const BAD = 1;
const UNKNOWN = 2;
type Verdict = typeof GOOD | typeof BAD | typeof UNKNOWN;

/**
 * Parse up to `need` records of b from `from`, as the CsvParser would; `inQuote`: start inside
 * a quoted field (its record's column count is not checked). `eof`: b ends where the file ends.
 */
export function scanRecords(b: Uint8Array, from: number, inQuote: boolean, ncols: number, delim: number, eof: boolean, need: number): Verdict {
  const n = b.length;
  let i = from;
  let good = 0;
  let partial = inQuote;
  while (good < need) {
    if (i >= n) return partial ? (eof ? BAD : UNKNOWN) : eof && good > 0 ? GOOD : UNKNOWN;
    const c = b[i];
    if (!partial && c === LF) {
      i++;
      continue;
    }
    if (!partial && c === CR && i + 1 < n && b[i + 1] === LF) {
      i += 2;
      continue;
    }
    let fields = 0;
    let end = false;
    /** The first field continues a quoted field (hypothesis B). */
    let cont = partial;
    while (!end) {
      if (cont || (i < n && b[i] === QUOTE)) {
        let j = cont ? i : i + 1;
        cont = false;
        let q: number;
        for (;;) {
          q = b.indexOf(QUOTE, j);
          if (q === -1) return eof ? BAD : UNKNOWN;
          if (q + 1 >= n) {
            if (!eof) return UNKNOWN;
            break;
          }
          if (b[q + 1] === QUOTE) {
            j = q + 2;
            continue;
          }
          break;
        }
        fields++;
        const after = q + 1;
        if (after >= n) {
          i = after;
          end = true;
          break;
        }
        const a = b[after];
        if (a === delim) {
          i = after + 1;
          if (i >= n) {
            if (!eof) return UNKNOWN;
            fields++;
            end = true;
          }
          continue;
        }
        if (a === LF) i = after + 1;
        else if (a === CR && after + 1 < n && b[after + 1] === LF) i = after + 2;
        else if (a === CR && after + 1 >= n && !eof) return UNKNOWN;
        else return BAD; // text after the closing quote: a malformed record
        end = true;
        break;
      }
      // An unquoted field: to the delimiter or the line feed (a quote inside is literal).
      let k = i;
      while (k < n && b[k] !== delim && b[k] !== LF) k++;
      fields++;
      if (k >= n) {
        if (!eof) return UNKNOWN;
        i = k;
        end = true;
      } else if (b[k] === delim) {
        i = k + 1;
        if (i >= n) {
          if (!eof) return UNKNOWN;
          fields++;
          end = true;
        }
      } else {
        i = k + 1;
        end = true;
      }
    }
    if (partial) {
      // The record the cut fell into under B: its start is not seen, its fields not counted.
      partial = false;
      continue;
    }
    if (fields !== ncols) return BAD;
    good++;
  }
  return GOOD;
}

async function bytes(ra: RandomAccess, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await ra.slice(start, end));
}

/** The header of a UTF-8 text CSV from its first bytes, and the byte where its line ends; null when the file is no such CSV. */
export function readHeader(head: Uint8Array, whole: boolean): { columns: string[]; delimiter: string; end: number } | null {
  if (head.length < 4) return null;
  if (head[0] === 0x1f && head[1] === 0x8b) return null; // gzip
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return null; // UTF-16
  const n64 = Math.min(64, head.length);
  for (let i = 0; i < n64; i++) if (head[i] === 0) return null; // UTF-16 without a BOM, or binary
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: !whole });
  } catch {
    return null;
  }
  const t = text.trimStart();
  if (t.startsWith("{") || t.startsWith("[")) return null; // a JSON export
  let got: { columns: string[]; delimiter: string; endChar: number } | null = null;
  const stop = new Error("header read");
  const parser = new CsvParser((rec) => {
    const last = rec.n - 1;
    let e = rec.ends[last];
    if (rec.kinds[last] !== 0) e++; // the closing quote
    const nl = rec.buf.indexOf("\n", e);
    got = { columns: rec.toArray(), delimiter: parser.delimiter, endChar: nl };
    throw stop;
  });
  try {
    parser.push(text);
    if (whole) parser.finish();
  } catch (e) {
    if (e !== stop) return null;
  }
  const g = got as { columns: string[]; delimiter: string; endChar: number } | null;
  if (g === null || g.endChar < 0) return null;
  return { columns: g.columns, delimiter: g.delimiter, end: bom + new TextEncoder().encode(text.slice(0, g.endChar + 1)).length };
}

/**
 * A cut of the file near `candidate` (default: the middle), or null when none can be proven
 * (or the file is not a UTF-8 text CSV: gzip, UTF-16, JSON and Parquet are read on one thread).
 */
export async function findSplit(ra: RandomAccess, size: number, candidate = Math.floor(size / 2)): Promise<Split | null> {
  const headEnd = Math.min(size, SPLIT.headBytes);
  const head = await bytes(ra, 0, headEnd);
  if (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return null; // Parquet
  const h = readHeader(head, headEnd === size);
  if (h === null) return null;
  const ncols = h.columns.length;
  const delim = h.delimiter.charCodeAt(0);
  // The line feed just before the candidate may be the boundary: scan from one byte before it.
  const start = Math.max(candidate, h.end) - 1;
  if (start >= size) return null;
  const stop = Math.min(size, start + SPLIT.windowBytes);
  const b = await bytes(ra, start, stop);
  const eof = stop === size;
  let tentative = -1;
  let tries = 0;
  for (let p = b.indexOf(LF); p !== -1 && tries < SPLIT.tries; p = b.indexOf(LF, p + 1), tries++) {
    if (scanRecords(b, p + 1, false, ncols, delim, eof, SPLIT.records) !== GOOD) continue;
    const B = scanRecords(b, p + 1, true, ncols, delim, eof, SPLIT.records);
    if (B === BAD) return { at: start + p + 1, columns: h.columns, delimiter: h.delimiter, proven: true };
    if (B === UNKNOWN && tentative < 0 && b.indexOf(QUOTE, p + 1) === -1) tentative = start + p + 1;
  }
  return tentative >= 0 ? { at: tentative, columns: h.columns, delimiter: h.delimiter, proven: false } : null;
}
