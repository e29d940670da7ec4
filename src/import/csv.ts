/**
 * A streaming CSV state machine for the import engine.
 *
 * Text arrives in chunks (already decoded); records leave as a reused view of
 * field offsets into the current buffer, so a row costs no allocation unless a
 * mapper asks for a field's text. Handles `,` `;` tab `|` (detected from the
 * header line), quoted fields holding delimiters, doubled quotes and line breaks,
 * CRLF or LF, a last line without a newline, and blank lines (ignored).
 * `line` is the physical line on which a record starts, the header being line 1.
 */

const LF = 10;
const CR = 13;
const QUOTE = 34;

export const DELIMITERS = [",", ";", "\t", "|"] as const;

/** A record view: valid only during the callback. */
export class CsvRecord {
  /** Number of fields. */
  n = 0;
  /** Physical line on which the record starts (header = 1). */
  line = 0;
  /** Set when a quoted field is malformed (text after the closing quote). */
  malformed: string | null = null;
  buf = "";
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** 0 plain, 1 quoted, 2 quoted with doubled quotes to undo. */
  kinds = new Uint8Array(64);

  /** The text of field i (exact; '' when the field does not exist). */
  get(i: number): string {
    if (i < 0 || i >= this.n) return "";
    const s = this.buf.slice(this.starts[i], this.ends[i]);
    return this.kinds[i] === 2 ? s.replace(/""/g, '"') : s;
  }

  /** The field as it stands in the file between its quotes (doubled quotes not undone). */
  raw(i: number): string {
    if (i < 0 || i >= this.n) return "";
    return this.buf.slice(this.starts[i], this.ends[i]);
  }

  /** True when field i holds doubled quotes to undo. */
  escaped(i: number): boolean {
    return i >= 0 && i < this.n && this.kinds[i] === 2;
  }

  /** All fields as strings (allocates; for headers and previews). */
  toArray(): string[] {
    const out: string[] = new Array(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.get(i);
    return out;
  }

  grow(): void {
    const size = this.starts.length * 2;
    const s = new Int32Array(size);
    s.set(this.starts);
    this.starts = s;
    const e = new Int32Array(size);
    e.set(this.ends);
    this.ends = e;
    const k = new Uint8Array(size);
    k.set(this.kinds);
    this.kinds = k;
  }
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Largest record kept in memory while waiting for its end (an unterminated quote otherwise eats the file). */
export const MAX_RECORD_CHARS = 64 * 1024 * 1024;

export class CsvParser {
  delimiter = "";
  private delimCode = 0;
  private pending = "";
  private queued: string[] = [];
  private queuedLen = 0;
  /** Length of `pending` when the last attempt found no complete record. */
  private stalledAt = -1;
  private line = 1;
  private readonly rec = new CsvRecord();

  constructor(
    private readonly onRecord: (rec: CsvRecord) => void,
    delimiter?: string,
  ) {
    if (delimiter) this.setDelimiter(delimiter);
  }

  /** The line the next record starts on (after finish: 1 + the line feeds read). */
  get nextLine(): number {
    return this.line;
  }

  private setDelimiter(d: string): void {
    this.delimiter = d;
    this.delimCode = d.charCodeAt(0);
  }

  push(text: string): void {
    if (text.length === 0) return;
    if (this.stalledAt >= 0 && this.pending.length + this.queuedLen + text.length < this.stalledAt * 2) {
      this.queued.push(text);
      this.queuedLen += text.length;
      return;
    }
    this.run(text, false);
  }

  finish(): void {
    this.run("", true);
  }

  private run(text: string, final: boolean): void {
    let buf = this.pending;
    if (this.queued.length > 0) {
      buf += this.queued.join("");
      this.queued = [];
      this.queuedLen = 0;
    }
    buf += text;
    if (this.delimiter === "") {
      const d = detectDelimiter(buf, final);
      if (d === null) {
        this.pending = buf;
        return;
      }
      this.setDelimiter(d);
    }
    const pos = this.parse(buf, final);
    this.pending = pos >= buf.length ? "" : buf.slice(pos);
    if (this.pending.length > 0) {
      this.stalledAt = this.pending.length;
      if (this.pending.length > MAX_RECORD_CHARS) {
        throw new CsvSyntaxError(
          `a record starting on line ${this.line} is longer than ${MAX_RECORD_CHARS} characters (an unterminated quote?)`,
          this.line,
        );
      }
    } else {
      this.stalledAt = -1;
    }
  }

  /** Parse complete records of buf; return the offset of the first incomplete one. */
  private parse(buf: string, final: boolean): number {
    const len = buf.length;
    const dc = this.delimCode;
    const delim = this.delimiter;
    const rec = this.rec;
    rec.buf = buf;
    let pos = 0;
    let nextDelim = -2; // -2 unknown; -1 none in the rest of buf
    let nextNl = -2;
    let line = this.line;
    outer: while (pos < len) {
      const recordStart = pos;
      let c = buf.charCodeAt(pos);
      // Blank lines are ignored (they still count as physical lines).
      if (c === LF) {
        pos++;
        line++;
        continue;
      }
      if (c === CR) {
        if (pos + 1 >= len) {
          if (!final) break;
          pos++;
          continue;
        }
        if (buf.charCodeAt(pos + 1) === LF) {
          pos += 2;
          line++;
          continue;
        }
      }
      let n = 0;
      let inner = 0; // line breaks inside quoted fields
      rec.malformed = null;
      for (;;) {
        if (n === rec.starts.length) rec.grow();
        c = pos < len ? buf.charCodeAt(pos) : -1;
        if (c === QUOTE) {
          let p = pos + 1;
          let kind = 1;
          let q: number;
          for (;;) {
            q = buf.indexOf('"', p);
            if (q === -1) {
              if (!final) {
                pos = recordStart;
                break outer;
              }
              throw new CsvSyntaxError(`unterminated quoted field starting on line ${line}`, line);
            }
            if (q + 1 < len && buf.charCodeAt(q + 1) === QUOTE) {
              kind = 2;
              p = q + 2;
              continue;
            }
            if (q + 1 >= len && !final) {
              pos = recordStart;
              break outer;
            }
            break;
          }
          rec.starts[n] = pos + 1;
          rec.ends[n] = q;
          rec.kinds[n] = kind;
          n++;
          // count line breaks inside the field (nextNl ends as the first line break after it)
          if (nextNl !== -1 && nextNl <= pos) nextNl = buf.indexOf("\n", pos + 1);
          while (nextNl !== -1 && nextNl < q) {
            inner++;
            nextNl = buf.indexOf("\n", nextNl + 1);
          }
          let after = q + 1;
          if (after >= len) {
            pos = after;
            break;
          }
          let a = buf.charCodeAt(after);
          if (a !== dc && a !== LF && !(a === CR && (after + 1 >= len ? final : buf.charCodeAt(after + 1) === LF))) {
            if (a === CR && after + 1 >= len) {
              pos = recordStart;
              break outer;
            }
            // Text after the closing quote: keep it in the field, but flag the record.
            if (rec.malformed === null) rec.malformed = `field ${n} has text after its closing quote`;
            while (after < len) {
              a = buf.charCodeAt(after);
              if (a === dc || a === LF || (a === CR && after + 1 < len && buf.charCodeAt(after + 1) === LF)) break;
              after++;
            }
            if (after >= len && !final) {
              pos = recordStart;
              break outer;
            }
            rec.ends[n - 1] = after;
            rec.kinds[n - 1] = 0;
            rec.starts[n - 1] = pos;
            if (after >= len) {
              pos = after;
              break;
            }
          }
          if (a === dc) {
            pos = after + 1;
            if (pos >= len && !final) {
              pos = recordStart;
              break outer;
            }
            if (pos >= len) {
              // trailing delimiter at end of file: one more empty field
              if (n === rec.starts.length) rec.grow();
              rec.starts[n] = pos;
              rec.ends[n] = pos;
              rec.kinds[n] = 0;
              n++;
              break;
            }
            continue;
          }
          pos = a === CR ? after + 2 : after + 1;
          break;
        }
        // unquoted field
        if (nextNl !== -1 && nextNl < pos) nextNl = buf.indexOf("\n", pos);
        if (nextNl === -1 && !final) {
          pos = recordStart;
          break outer;
        }
        const nl = nextNl === -1 ? len : nextNl;
        if (nextDelim !== -1 && nextDelim < pos) nextDelim = buf.indexOf(delim, pos);
        if (nextDelim !== -1 && nextDelim < nl) {
          rec.starts[n] = pos;
          rec.ends[n] = nextDelim;
          rec.kinds[n] = 0;
          n++;
          pos = nextDelim + 1;
          continue;
        }
        let end = nl;
        if (end > pos && buf.charCodeAt(end - 1) === CR) end--;
        rec.starts[n] = pos;
        rec.ends[n] = end;
        rec.kinds[n] = 0;
        n++;
        pos = nl + 1;
        break;
      }
      rec.n = n;
      rec.line = line;
      line += 1 + inner;
      this.line = line;
      this.onRecord(rec);
    }
    this.line = line;
    return pos;
  }
}

/** Delimiter of the header line: the candidate that occurs most often outside quotes. Null while the line is incomplete. */
export function detectDelimiter(buf: string, final: boolean): string | null {
  let end = -1;
  let inQ = false;
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (c === QUOTE) inQ = !inQ;
    else if (!inQ) {
      if (c === LF) {
        end = i;
        break;
      }
      if (c === 44) counts[0]++;
      else if (c === 59) counts[1]++;
      else if (c === 9) counts[2]++;
      else if (c === 124) counts[3]++;
    }
  }
  if (end === -1 && !final) {
    if (buf.length > MAX_RECORD_CHARS) throw new CsvSyntaxError("the header line is too long", 1);
    return null;
  }
  let best = 0;
  for (let i = 1; i < 4; i++) if (counts[i] > counts[best]) best = i;
  return DELIMITERS[best];
}

/** A record view over an array of field texts (for JSON exports mapped like CSV rows). */
export function recordFromArray(fields: string[], line: number, rec = new CsvRecord()): CsvRecord {
  while (rec.starts.length < fields.length) rec.grow();
  let buf = "";
  for (let i = 0; i < fields.length; i++) {
    rec.starts[i] = buf.length;
    buf += fields[i];
    rec.ends[i] = buf.length;
    rec.kinds[i] = 0;
  }
  rec.buf = buf;
  rec.n = fields.length;
  rec.line = line;
  rec.malformed = null;
  return rec;
}

/**
 * A copy of `s` that does not keep the chunk it was sliced from alive. Field texts are
 * slices of a large chunk buffer; anything kept beyond the row (cache keys, group names,
 * messages) must be detached, or each one pins a whole chunk in memory.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}
