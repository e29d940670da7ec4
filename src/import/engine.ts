/**
 * The import engine: files in, exact reconciled cost / volume / value records out,
 * grouped by period × workload key × currency, with nothing lost on the way.
 * Knows nothing of Excel, the DOM or Node: it reads Web ReadableStreams.
 */
import { Decimal } from "../core/decimal";
import { DecimalSum } from "../core/money";
import { DomainError } from "../core/errors";
import { checkAmount } from "../core/excel-number";
import { valueFromTimeSaved } from "../core/metrics";
import { KEY_CHOICES, type KeySpec, keyText, parseKeySpec } from "../core/grammar";
import { GRAIN_CHOICES, type Grain, grainOfLabel, isGrain, isValidLabel, parseTimestamp, periodOf, relabel } from "../core/period";
import { CsvParser, type CsvRecord, CsvSyntaxError, detach, recordFromArray } from "./csv";
import { type TextSource, abortError, openText } from "./decode";
import { type BillingMapper, type ColumnUse, type RowIssue, checkDuplicates, normCurrency } from "./formats/common";
import { billingMapper, detectAny, detectBilling, nearestBilling } from "./formats/index";
import { type ValueMapper, type VolumeMapper, isValue, isVolume, notRecognised, valueMapper, volumeMapper } from "./formats/volume";
import { parseJsonExport } from "./json";
import { type ParquetSink, parquetParts, readParquet } from "./parquet";
import { groupsOf } from "./groups";
import { cleanKey, foldKey, keylessVolumeKey, UNATTRIBUTED } from "./keys";
import {
  type CaseMerge,
  type CostRecord,
  type ImportInput,
  type ImportOptions,
  type ImportResult,
  type InspectAsReport,
  type InspectReport,
  type SourceFormat,
  type SourceKind,
  type SourceReport,
  type ValueAssumption,
  type ValueRecord,
  type VolumeRecord,
  ImportError,
  MAPPABLE_CODES,
} from "./types";

export { UNATTRIBUTED };
/** inspect: the totals key of a value file without a currency (it takes the billing currency at import). */
export const BILLING_CURRENCY = "(billing currency)";
/** At most this many rejected rows are listed per file (rowsRejected counts them all). */
export const MAX_REJECTED_LISTED = 1000;
/** Size limits of what the engine reads (a test may lower them to reach them quickly). */
export const LIMITS = {
  /** Characters of a JSON export (it is parsed whole). */
  jsonMaxChars: 256 * 1024 * 1024,
};
const SEP = "\u001f";

interface CostEntry {
  period: string;
  /** Key value from the mapper (in default mode: the `model` tag); null = none. */
  key: string | null;
  /** The mapper's key is final whatever the default (generic files). */
  keyFinal: boolean;
  provider: string;
  service: string;
  chargeCategory: string;
  currency: string;
  source: string;
  fileIndex: number;
  /** Rows added into this entry. */
  rows: number;
  sum: DecimalSum;
}

interface VolumeEntry {
  period: string;
  key: string;
  source: string;
  fileIndex: number;
  rows: number;
  inferences: number;
  inTok: number | null;
  outTok: number | null;
}

interface ValueEntry {
  period: string;
  key: string;
  currency: string;
  source: string;
  fileIndex: number;
  rows: number;
  sum: DecimalSum;
}

/** Everything summarize accumulates across files. */
class State {
  cost = new Map<string, CostEntry>();
  volume = new Map<string, VolumeEntry>();
  value = new Map<string, ValueEntry>();
  tagKeys = new Set<string>();
  /** The key of each generic billing file: `column:NAME` (its mapped key column) or `(none)`. */
  genericKeys = new Set<string>();
  /** A billing file in a recognised format was read (its key follows `--key`). */
  recognisedBilling = false;
}

/** Period labels from date text, cached by text. */
class Periods {
  private cache = new Map<string, string | null>();
  constructor(
    private readonly grain: Grain,
    private readonly fiscal: number,
  ) {}
  /** A label, or null when the text is not a date / period. */
  get(text: string, epoch: boolean): string | null {
    // Fast path: `YYYY-MM-DD` or `YYYY-MM-DD[ T]hh:mm:ss[Z]` (no offset): the label depends on the date only.
    const n = text.length;
    if (n >= 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && (n === 10 || ((n === 19 || (n === 20 && text.charCodeAt(19) === 90)) && plainTime(text)))) {
      const d = text.slice(0, 10);
      let v = this.cache.get(d);
      if (v === undefined) {
        v = this.compute(d, false);
        this.cache.set(d, v);
      }
      return v;
    }
    let v = this.cache.get(text);
    if (v !== undefined) return v;
    v = this.compute(text.trim(), epoch);
    if (this.cache.size > 50000) this.cache.clear();
    this.cache.set(detach(text), v);
    return v;
  }
  private compute(t: string, epoch: boolean): string | null {
    const ms = parseTimestamp(t, epoch);
    if (!Number.isNaN(ms)) return periodOf(ms, this.grain, this.fiscal);
    if (grainOfLabel(t) !== null) return relabel(t, this.grain, this.fiscal);
    return null;
  }
  /** Why a text gives no period. */
  why(column: string, text: string): string {
    const t = text.trim();
    if (t === "" || t === "NULL") return `${column} is empty`;
    const g = grainOfLabel(t);
    const shown = t.length > 60 ? t.slice(0, 60) + "…" : t;
    if (g !== null && !isValidLabel(t)) return `${column} holds a date that cannot be read: '${shown}'`;
    if (g !== null) return `${column} '${t}' is a ${g} and cannot be split into ${this.grain}s`;
    if (DATE_SHAPE.test(t)) return `${column} holds a date that cannot be read: '${shown}'`;
    return `${column} is not a date: '${t.length > 60 ? t.slice(0, 60) + "…" : t}'`;
  }
}

/** Text shaped like a date (ISO, US, European, `YYYY/MM/DD`) whose parts are out of range. */
const DATE_SHAPE = /^(?:\d{4}-\d{2}-\d{2}(?:[T ]|$)|\d{1,2}[/.]\d{1,2}[/.]\d{4}(?:[ T]|$)|\d{4}\/\d{1,2}\/\d{1,2}(?:[ T]|$))/;

/** `hh:mm:ss` at offset 11 with a valid clock time (after `YYYY-MM-DD` and a space or `T`). */
function plainTime(s: string): boolean {
  const sep = s.charCodeAt(10);
  if (sep !== 32 && sep !== 84) return false;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  const h = (s.charCodeAt(11) - 48) * 10 + (s.charCodeAt(12) - 48);
  const m = (s.charCodeAt(14) - 48) * 10 + (s.charCodeAt(15) - 48);
  const x = (s.charCodeAt(17) - 48) * 10 + (s.charCodeAt(18) - 48);
  // NaN-free digit check: every digit position must be 0-9
  return (
    isDigit(s, 11) && isDigit(s, 12) && isDigit(s, 14) && isDigit(s, 15) && isDigit(s, 17) && isDigit(s, 18) && h <= 23 && m <= 59 && x <= 59
  );
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

interface FileRun {
  report: SourceReport;
  preview: string[][];
  encoding: string;
  delimiter: string;
  compressed: boolean;
  /** asKind: the kind and format the header says, when it says one. */
  detected: { kind: SourceKind; format: SourceFormat } | null;
  /** asKind: why the file cannot be read without a (better) column mapping; its rows were not read. */
  unmapped: ImportError | null;
}

interface RunOptions {
  grain: Grain;
  fiscal: number;
  key: KeySpec;
  basis: ImportOptions["cost"];
  signal?: AbortSignal;
  onProgress?: ImportOptions["onProgress"];
  onRequest?: ImportOptions["onRequest"];
  fileIndex: number;
  fileCount: number;
  previewRows: number;
  /** inspect: detect the kind from the header instead of trusting input.kind. */
  detectKind: boolean;
  /**
   * inspect as a kind: read as input.kind (as the import will), note what the header says,
   * and when a column mapping is needed keep the header and first rows instead of throwing.
   */
  asKind: boolean;
}

/** The report of a file before any row is read (no format detected yet). */
export function newReport(input: ImportInput): SourceReport {
  return {
    file: input.name,
    kind: input.kind,
    format: input.kind === "billing" ? "generic" : input.kind === "value" ? "value" : "counts",
    rowsRead: 0,
    rowsUsed: 0,
    rowsSkipped: 0,
    skipped: {},
    rowsRejected: 0,
    rejected: [],
    rowsWarned: 0,
    warnings: [],
    totals: {},
    periodRange: null,
    currencies: [],
    tagKeys: [],
    columns: [],
    caseMerges: [],
  };
}

/** Read one file into the state. */
async function runFile(input: ImportInput, state: State, o: RunOptions): Promise<FileRun> {
  if (o.signal?.aborted) throw abortError();
  const report = newReport(input);
  const file = input.name;
  // Parquet (told by its PAR1 magic) is read with random access; anything else as text.
  const parquet = await parquetParts(input);
  let parquetBytes = 0;
  let src: TextSource;
  if (parquet !== null) {
    src = { encoding: "utf-8", bom: false, compressed: false, next: async () => null, bytesRead: () => parquetBytes, cancel: async () => undefined };
  } else {
    let stream: ReadableStream<Uint8Array>;
    try {
      stream = input.open();
    } catch (e) {
      throw new ImportError("unreadable", `${file}: the file cannot be read (${e instanceof Error ? e.message : String(e)})`, file);
    }
    try {
      src = await openText(file, stream, o.signal);
    } catch (e) {
      throw asInputError(file, e);
    }
  }
  const periods = new Periods(o.grain, o.fiscal);
  const fileTags = new Set<string>();
  const preview: string[][] = [];
  let started = false;
  let pMin: string | null = null;
  let pMax: string | null = null;
  const currencies = new Set<string>();
  const fileEntries: CostEntry[] = [];
  const fileValues: ValueEntry[] = [];
  let inferences = 0;

  /** A multi-part source: the part a rejected row is in. */
  let partPrefix = "";
  const reject = (line: number, reason: string): void => {
    report.rowsRejected++;
    if (report.rejected.length < MAX_REJECTED_LISTED) report.rejected.push({ line, reason: detach(partPrefix + reason) });
  };
  /** An amount that does not fit a cell is a rejected row; one Excel rounds is used, with a warning. */
  const fits = (line: number, amount: string, what: string): boolean => {
    const chk = checkAmount(amount, what);
    if (chk === null) return true;
    if ("reject" in chk) {
      reject(line, chk.reject);
      return false;
    }
    report.rowsWarned = (report.rowsWarned ?? 0) + 1;
    if ((report.warnings ??= []).length < MAX_REJECTED_LISTED) report.warnings.push({ line, reason: chk.warn });
    return true;
  };
  const skip = (reason: string): void => {
    report.rowsSkipped++;
    const r = detach(reason);
    report.skipped[r] = (report.skipped[r] ?? 0) + 1;
  };
  /** The period of a mapped row; null once its skip or rejection (with its line) is recorded. */
  const admit = (line: number, issue: RowIssue, dateColumn: string, date: string, epoch: boolean): string | null => {
    if (issue !== undefined) {
      if ("reject" in issue) reject(line, issue.reject);
      else skip(issue.skip);
      return null;
    }
    const p = periods.get(date, epoch);
    if (p === null) reject(line, periods.why(dateColumn, date));
    return p;
  };
  const seePeriod = (p: string): void => {
    if (pMin === null || p < pMin) pMin = p;
    if (pMax === null || p > pMax) pMax = p;
  };

  // Row handlers, set once the header is known.
  let handle: ((rec: CsvRecord) => void) | null = null;
  let ncols = 0;
  let detected: FileRun["detected"] = null;
  let unmapped: ImportError | null = null;
  /** The columns the billing mapper reads (a Parquet file reads only those); null = all. */
  let reads: ReadonlyMap<number, ColumnUse> | null = null;
  /** The mapper's variant, asked once the rows are read. */
  const variantOf: { of: (() => string | null) | null } = { of: null };

  const setup = (columns: string[], delimiter: string, jsonFormat?: SourceFormat, jsonKind?: SourceKind): void => {
    report.columns = columns;
    checkDuplicates(file, columns);
    if (!o.asKind) return setupKind(columns, delimiter, jsonFormat, jsonKind);
    detected = jsonKind !== undefined && jsonFormat !== undefined ? { kind: jsonKind, format: jsonFormat } : detectAny(columns, input.kind);
    try {
      setupKind(columns, delimiter, jsonFormat, jsonKind);
    } catch (e) {
      if (!(e instanceof ImportError && MAPPABLE_CODES.has(e.code))) throw e;
      unmapped = e;
      handle = () => undefined;
    }
  };

  const setupKind = (columns: string[], delimiter: string, jsonFormat?: SourceFormat, jsonKind?: SourceKind): void => {
    let kind: SourceKind = input.kind;
    let format: SourceFormat | null = jsonFormat ?? null;
    if (jsonKind !== undefined) {
      if (!o.detectKind && jsonKind !== kind) {
        throw new ImportError("wrong-kind", `${file}: this JSON is a ${jsonKind} export (${jsonFormat}), but it was given as a ${kind} file`, file);
      }
      kind = jsonKind;
    } else if (o.detectKind) {
      const d = detectAny(columns, input.kind);
      if (d !== null) {
        kind = d.kind;
        format = d.format;
      }
    }
    report.kind = kind;
    ncols = columns.length;
    if (kind === "billing") {
      let f = (format as ReturnType<typeof detectBilling>) ?? detectBilling(columns);
      if (f === null) {
        const near = input.map?.cost ? null : nearestBilling(columns);
        if (near !== null) {
          throw new ImportError(
            "missing-columns",
            `${file}: looks like a ${near.format} export but required column(s) are missing: ${near.missing.join(", ")}; expected ${near.expected.join(", ")}; found ${columns.join(", ")}`,
            file,
          );
        }
        f = "generic";
        if (o.detectKind && !input.map?.cost) {
          // inspect of an unknown layout: report its columns and rows so the user can map them.
          report.format = "generic";
          handle = () => skip("not imported: the format was not recognised; give a column mapping");
          return;
        }
      }
      const m: BillingMapper = billingMapper(f, {
        file,
        columns,
        key: o.key,
        basis: o.basis,
        map: input.map,
        delimiter,
        tagKeys: fileTags,
      });
      report.format = m.format;
      reads = m.reads ?? null;
      variantOf.of = m.variant ?? null;
      // A generic file's key is its mapped column; a groups file's key is the one its query grouped by.
      const keyFinal = m.format === "generic" || m.format === "groups";
      if (m.format === "groups") state.recognisedBilling = true;
      else if (keyFinal) {
        const mk = input.map?.key;
        const kc = mk ? (columns.find((c) => c === mk) ?? columns.find((c) => c.toLowerCase() === mk.toLowerCase()) ?? mk) : null;
        state.genericKeys.add(kc === null ? "(none)" : `column:${kc}`);
      } else state.recognisedBilling = true;
      const out = m.out;
      const epoch = m.epochSeconds === true;
      const fixedKey = input.fixedKey;
      const local = new Map<string, CostEntry>();
      let last: CostEntry | null = null;
      handle = (rec) => {
        const p = admit(rec.line, m.map(rec), m.dateColumn, out.date, epoch);
        if (p === null || !fits(rec.line, out.cost, "the cost")) return;
        const key = fixedKey ?? out.key;
        const cur = normCurrency(out.currency);
        // Exports are usually sorted: a row like the one before adds to the same entry.
        if (
          last !== null &&
          p === last.period &&
          key === last.key &&
          out.service === last.service &&
          cur === last.currency &&
          out.chargeCategory === last.chargeCategory &&
          out.provider === last.provider
        ) {
          last.sum.add(out.cost);
          last.rows++;
          report.rowsUsed++;
          return;
        }
        const k = p + SEP + (key ?? "") + SEP + out.provider + SEP + out.service + SEP + out.chargeCategory + SEP + cur;
        let e = local.get(k);
        if (e === undefined) {
          e = {
            period: p,
            key: key === null ? null : detach(key),
            keyFinal: keyFinal || fixedKey !== undefined,
            provider: detach(out.provider),
            service: detach(out.service),
            chargeCategory: detach(out.chargeCategory),
            currency: detach(cur),
            source: file,
            fileIndex: o.fileIndex,
            rows: 0,
            sum: new DecimalSum(),
          };
          local.set(k, e);
          fileEntries.push(e);
          currencies.add(e.currency);
          seePeriod(p);
        }
        e.sum.add(out.cost);
        e.rows++;
        last = e;
        report.rowsUsed++;
      };
    } else if (kind === "volume") {
      let m: VolumeMapper;
      try {
        // A mapping applies to a volume file only when its columns are not recognised.
        m = volumeMapper({ file, columns, map: isVolume(columns) ? undefined : input.map, delimiter });
      } catch (e) {
        if (o.detectKind) throw notRecognised(file, "billing, volume or value", columns);
        throw e;
      }
      report.format = jsonFormat ?? m.format;
      const out = m.out;
      const epoch = jsonFormat !== undefined;
      const onRequest = m.format === "request-log" ? o.onRequest : undefined;
      handle = (rec) => {
        const p = admit(rec.line, m.map(rec), m.dateColumn, out.date, epoch);
        if (p === null) return;
        const key = input.fixedKey ?? out.key ?? UNATTRIBUTED;
        const k = p + SEP + key + SEP + o.fileIndex;
        let e = state.volume.get(k);
        if (e === undefined) {
          e = { period: p, key: detach(key), source: file, fileIndex: o.fileIndex, rows: 0, inferences: 0, inTok: null, outTok: null };
          state.volume.set(k, e);
          seePeriod(p);
        }
        e.inferences += out.count;
        e.rows++;
        if (out.inTok !== null) e.inTok = (e.inTok ?? 0) + out.inTok;
        if (out.outTok !== null) e.outTok = (e.outTok ?? 0) + out.outTok;
        inferences += out.count;
        report.rowsUsed++;
        onRequest?.(e.period, e.key, out.inTok, out.outTok);
      };
    } else {
      // A mapping applies to a value file only when its columns are not recognised.
      const m: ValueMapper = valueMapper({ file, columns, map: isValue(columns) ? undefined : input.map, delimiter });
      report.format = "value";
      const out = m.out;
      handle = (rec) => {
        const p = admit(rec.line, m.map(rec), m.dateColumn, out.date, false);
        if (p === null || !fits(rec.line, out.value, "the value")) return;
        const key = input.fixedKey ?? out.key ?? UNATTRIBUTED;
        const cur = normCurrency(out.currency);
        const k = p + SEP + key + SEP + cur + SEP + o.fileIndex;
        let e = state.value.get(k);
        if (e === undefined) {
          e = { period: p, key: detach(key), currency: detach(cur), source: file, fileIndex: o.fileIndex, rows: 0, sum: new DecimalSum() };
          state.value.set(k, e);
          fileValues.push(e);
          seePeriod(p);
        }
        e.sum.add(out.value);
        e.rows++;
        report.rowsUsed++;
      };
    }
  };

  const onRecord = (rec: CsvRecord): void => {
    if (handle === null) {
      const cols = rec.toArray().map((c) => c.trim());
      setup(cols, parser.delimiter);
      return;
    }
    report.rowsRead++;
    if (preview.length < o.previewRows) preview.push(rec.toArray());
    if (rec.n !== ncols) {
      // A lone empty field on a line of its own is a blank line of a one-column file.
      reject(rec.line, `the row has ${rec.n} field${rec.n === 1 ? "" : "s"}, the header has ${ncols}`);
      return;
    }
    if (rec.malformed !== null) {
      reject(rec.line, `malformed quoting: ${rec.malformed}`);
      return;
    }
    handle(rec);
  };
  const parser = new CsvParser(onRecord);

  let bytesTotal = parquet !== null ? parquet.reduce((n, p) => n + p.size, 0) : input.size;
  let parquetCodecs: string[] | null = null;
  const sink: ParquetSink = {
    header: (columns) => {
      setup(columns, ",");
      return reads;
    },
    part: (name, _i, count) => {
      partPrefix = count > 1 ? `part ${name}: ` : "";
    },
    row: (rec) => {
      report.rowsRead++;
      if (preview.length < o.previewRows) preview.push(rec.toArray());
      handle?.(rec);
    },
    progress: (bytesRead, total) => {
      parquetBytes = bytesRead;
      o.onProgress?.({ file, fileIndex: o.fileIndex, fileCount: o.fileCount, bytesRead, bytesTotal: total, rowsRead: report.rowsRead });
    },
    enough: () => unmapped !== null && preview.length >= o.previewRows,
  };
  let isJson = false;
  const jsonParts: string[] = [];
  let jsonLen = 0;
  /** asKind: the mapping is missing and the preview is full: the rest of the file is not read. */
  let stopped = false;
  try {
    if (parquet !== null) parquetCodecs = (await readParquet(file, parquet, sink, o.signal)).codecs;
    else for (;;) {
      if (unmapped !== null && preview.length >= o.previewRows) {
        stopped = true;
        break;
      }
      const chunk = await src.next();
      if (chunk === null) break;
      if (!started) {
        started = true;
        const t = chunk.trimStart();
        isJson = t.startsWith("{") || t.startsWith("[");
      }
      if (isJson) {
        jsonLen += chunk.length;
        if (jsonLen > LIMITS.jsonMaxChars) throw new ImportError("too-large", `${file}: the JSON export is larger than ${LIMITS.jsonMaxChars} characters`, file);
        jsonParts.push(chunk);
      } else {
        parser.push(chunk);
      }
      if (o.onProgress) {
        o.onProgress({ file, fileIndex: o.fileIndex, fileCount: o.fileCount, bytesRead: src.bytesRead(), bytesTotal, rowsRead: report.rowsRead });
      }
    }
    if (isJson) {
      const table = parseJsonExport(file, jsonParts.join(""));
      jsonParts.length = 0;
      setup(table.columns, ",", table.format, table.kind);
      for (const [why, n] of Object.entries(table.skipped)) {
        report.rowsRead += n;
        report.rowsSkipped += n;
        report.skipped[why] = n;
      }
      const rec = recordFromArray([], 0);
      table.rows.forEach((row, i) => {
        report.rowsRead++;
        if (preview.length < o.previewRows) preview.push(row);
        recordFromArray(row, table.lines[i] || i + 1, rec);
        handle?.(rec);
      });
    } else if (stopped) {
      await src.cancel();
    } else {
      parser.finish();
      if (handle === null) throw new ImportError("no-header", `${file}: the file has no header line (only blank lines)`, file);
    }
  } catch (e) {
    await src.cancel();
    throw asInputError(file, e);
  }
  bytesTotal = bytesTotal ?? src.bytesRead();
  o.onProgress?.({ file, fileIndex: o.fileIndex, fileCount: o.fileCount, bytesRead: src.bytesRead(), bytesTotal, rowsRead: report.rowsRead });

  // Per-file totals and entries into the shared state.
  const totals = new Map<string, Decimal>();
  for (const e of fileEntries) {
    const k = [e.period, e.key ?? "", e.provider, e.service, e.chargeCategory, e.currency, o.fileIndex].join(SEP);
    const prev = state.cost.get(k);
    if (prev === undefined) state.cost.set(k, e);
    else {
      prev.sum.addDecimal(e.sum.value());
      prev.rows += e.rows;
    }
    totals.set(e.currency, (totals.get(e.currency) ?? new Decimal(0)).plus(e.sum.value()));
  }
  for (const e of fileValues) {
    totals.set(e.currency, (totals.get(e.currency) ?? new Decimal(0)).plus(e.sum.value()));
  }
  report.totals = Object.fromEntries([...totals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, d]) => [c, d.toFixed()]));
  report.currencies = [...new Set([...currencies, ...fileValues.map((v) => v.currency)])].filter((c) => c !== "").sort();
  report.periodRange = pMin !== null && pMax !== null ? { first: pMin, last: pMax } : null;
  report.tagKeys = [...fileTags].sort();
  const variant = variantOf.of?.() ?? null;
  if (variant !== null) report.variant = variant;
  if (report.kind === "volume") report.inferences = inferences;
  for (const t of fileTags) state.tagKeys.add(t);
  return {
    report,
    preview,
    encoding: parquetCodecs !== null ? `parquet (${parquetCodecs.join(", ").toLowerCase() || "no data"})` : src.encoding + (src.bom ? " (BOM)" : ""),
    delimiter: isJson || parquetCodecs !== null ? "" : parser.delimiter,
    compressed: src.compressed,
    detected,
    unmapped,
  };
}

function asInputError(file: string, e: unknown): Error {
  if (e instanceof ImportError) return e;
  if (e instanceof CsvSyntaxError) return new ImportError("csv-syntax", `${file}, line ${e.line}: ${e.message}`, file, e.line);
  if (e instanceof Error && e.name === "AbortError") return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new ImportError("unreadable", `${file}: the file cannot be read (${msg})`, file);
}

function validateOptions(options: ImportOptions): { grain: Grain; fiscal: number; key: KeySpec } {
  const grain = options.period;
  if (!isGrain(grain)) throw new ImportError("bad-option", `unknown period '${String(grain)}': use ${GRAIN_CHOICES}`);
  const fiscal = options.fiscalStartMonth ?? 1;
  if (!Number.isInteger(fiscal) || fiscal < 1 || fiscal > 12) throw new ImportError("bad-option", `the fiscal year start month must be 1–12, not ${fiscal}`);
  if (options.cost !== "billed" && options.cost !== "effective") throw new ImportError("bad-option", `unknown cost basis '${String(options.cost)}': use billed or effective`);
  const key = parseKeySpec(options.key);
  if (key === null) throw new ImportError("bad-option", `unknown key '${options.key}': use ${KEY_CHOICES}`);
  return { grain, fiscal, key };
}

/** The currency of value data without one: the billing currency, when there is exactly one. */
function billingCurrencyOf(billingCurrencies: readonly string[], what: string, file?: string): string {
  if (billingCurrencies.length === 1) return billingCurrencies[0];
  if (billingCurrencies.length === 0) {
    throw new ImportError("no-currency", `${what} has no currency and there is no billing data to take it from; add a currency column or give one`, file);
  }
  throw new ImportError(
    "no-currency",
    `${what} has no currency, and the billing data has several currencies (${billingCurrencies.join(", ")}); add a currency column`,
    file,
  );
}

/** The key in default mode: `tag:model` when some billing file has that tag, else the service. */
function keyChoice(state: State, key: KeySpec): { name: string; useService: boolean } {
  const hasModelTag = [...state.tagKeys].some((t) => t.toLowerCase() === "model");
  const name = key.kind === "default" ? (hasModelTag ? keyText({ kind: "tag", name: "model" }) : "service") : keyText(key);
  return { name, useService: key.kind === "default" && !hasModelTag };
}

/** The key of a cost entry as the file spells it. */
function costKey(e: CostEntry, useService: boolean): string {
  const k = e.keyFinal || !useService ? e.key : e.service === "" ? null : e.service;
  return k === null || k === "" ? UNATTRIBUTED : k;
}

/**
 * One spelling per key ignoring case: the first met, in file order then row order, over
 * cost, volume and value files alike. Every other spelling's rows are reported in the
 * `caseMerges` of their file. Returns the canonical spelling of a key.
 */
function foldKeys(state: State, useService: boolean, reports: readonly SourceReport[]): (key: string) => string {
  const met: { fileIndex: number; key: string; rows: number }[] = [];
  for (const e of state.cost.values()) met.push({ fileIndex: e.fileIndex, key: costKey(e, useService), rows: e.rows });
  for (const e of state.volume.values()) met.push({ fileIndex: e.fileIndex, key: e.key, rows: e.rows });
  for (const e of state.value.values()) met.push({ fileIndex: e.fileIndex, key: e.key, rows: e.rows });
  // Each map holds its entries in file order, then in the order of their first row; a file is of
  // one kind, so a stable sort by file gives file order, then row order.
  met.sort((a, b) => a.fileIndex - b.fileIndex);
  const canonical = new Map<string, string>();
  const merges = new Map<string, CaseMerge>();
  for (const m of met) {
    const f = foldKey(m.key);
    let c = canonical.get(f);
    // The first spelling met, trimmed (a key of spaces alone has no key).
    if (c === undefined) canonical.set(f, (c = cleanKey(m.key) === "" ? UNATTRIBUTED : cleanKey(m.key)));
    if (c !== m.key) {
      const id = String(m.fileIndex) + SEP + m.key;
      const x = merges.get(id);
      if (x !== undefined) x.rows += m.rows;
      else {
        const merge: CaseMerge = { spelling: m.key, mergedInto: c, rows: m.rows };
        if (cleanKey(m.key) !== m.key) merge.spaces = true;
        merges.set(id, merge);
        reports[m.fileIndex].caseMerges.push(merge);
      }
    }
  }
  return (key) => canonical.get(foldKey(key)) ?? key;
}

/** Options of `inspect`: the import options, and the kind to read the file as. */
export interface InspectOptions extends Partial<ImportOptions> {
  /**
   * Read the file as this kind, as the import will (not as the kind its header suggests),
   * in one read; say what the header suggests when that is another kind, and answer with
   * the header and first rows when a column mapping is needed rather than throwing.
   */
  asKind?: SourceKind;
}

/** Look at one file before import: format, rows, periods, currencies, totals, columns, a preview. */
export async function inspect(input: ImportInput, options?: InspectOptions & { asKind?: undefined }): Promise<InspectReport>;
/** Look at one file as a kind (see `InspectOptions.asKind`). */
export async function inspect(input: ImportInput, options: InspectOptions & { asKind: SourceKind }): Promise<InspectAsReport>;
export async function inspect(input: ImportInput, options: InspectOptions = {}): Promise<InspectReport | InspectAsReport> {
  const { asKind, ...rest } = options;
  const opts: ImportOptions = { period: "month", cost: "billed", ...rest };
  const { grain, fiscal, key } = validateOptions(opts);
  const given: ImportInput = asKind === undefined ? input : { ...input, kind: asKind, open: () => input.open() };
  const state = new State();
  const run = await runFile(given, state, {
    grain,
    fiscal,
    key,
    basis: opts.cost,
    signal: opts.signal,
    onProgress: opts.onProgress,
    fileIndex: 0,
    fileCount: 1,
    previewRows: 10,
    detectKind: asKind === undefined,
    asKind: asKind !== undefined,
  });
  const report = run.report;
  const head = { preview: run.preview, encoding: run.encoding, delimiter: run.delimiter, compressed: run.compressed };
  const detected = run.detected !== null && run.detected.kind !== report.kind ? run.detected : undefined;
  if (run.unmapped !== null) {
    // Nothing was read but the header and the first rows: enough to map the columns.
    if (report.columns.length === 0) throw run.unmapped;
    const blank: InspectReport = { ...newReport(given), columns: report.columns, ...head };
    return { report: blank, needsMap: true, mapError: given.map ? run.unmapped.message : undefined, detected };
  }
  foldKeys(state, keyChoice(state, key).useService, [report]);
  if (asKind !== undefined && (detected !== undefined || given.map !== undefined || report.format === "generic")) {
    // Read as the import will read it: value rows without a currency take the billing
    // currency, and a file alone has none.
    for (const e of state.value.values()) if (e.currency === "") billingCurrencyOf([], `the value file ${e.source}`, e.source);
    return { report: { ...report, ...head }, needsMap: given.map !== undefined || report.format === "generic", detected };
  }
  if (report.totals[""] !== undefined) {
    // A value file without a currency column: its currency is the billing currency, known only at import.
    const { "": billing, ...rest } = report.totals;
    report.totals = { ...rest, [BILLING_CURRENCY]: billing };
  }
  const full: InspectReport = { ...report, ...head };
  return asKind === undefined ? full : { report: full, needsMap: false };
}

/** Import every file and compute the unit economics per period × key × currency. */
export async function summarize(inputs: ImportInput[], options: ImportOptions): Promise<ImportResult> {
  const { grain, fiscal, key } = validateOptions(options);
  const state = new State();
  const sources: SourceReport[] = [];
  // Value files without a currency take the billing currency: resolved after all files are read.
  const order = inputs.map((input, i) => ({ input, i }));
  for (const { input, i } of order) {
    const run = await runFile(input, state, {
      grain,
      fiscal,
      key,
      basis: options.cost,
      signal: options.signal,
      onProgress: options.onProgress,
      onRequest: options.onRequest,
      fileIndex: i,
      fileCount: inputs.length,
      previewRows: 0,
      detectKind: false,
      asKind: false,
    });
    sources.push(run.report);
  }
  if (options.signal?.aborted) throw abortError();

  // The key: default = tag:model when that tag exists, else service.
  const { name: keyName, useService } = keyChoice(state, key);
  // Keys that differ only in case are one key, spelled as first met.
  const canonical = foldKeys(state, useService, sources);
  // A generic file's key is its mapped key column (spec): reported as `column:NAME`.
  const genericKeys = [...state.genericKeys].sort().join(", ");
  const reportedKey = genericKeys === "" ? keyName : state.recognisedBilling ? `${keyName}; generic files: ${genericKeys}` : genericKeys;

  // Cost records (period, key, provider, service, charge category, currency, source).
  const costMap = new Map<string, CostRecord & { d: Decimal }>();
  const totals = new Map<string, Decimal>();
  for (const e of state.cost.values()) {
    const finalKey = canonical(costKey(e, useService));
    const v = e.sum.value();
    const id = [e.period, finalKey, e.provider, e.service, e.chargeCategory, e.currency, e.fileIndex].join(SEP);
    const prev = costMap.get(id);
    if (prev) prev.d = prev.d.plus(v);
    else
      costMap.set(id, {
        period: e.period,
        key: finalKey,
        provider: e.provider,
        service: e.service,
        chargeCategory: e.chargeCategory,
        currency: e.currency,
        cost: "",
        source: e.source,
        d: v,
      });
    totals.set(e.currency, (totals.get(e.currency) ?? new Decimal(0)).plus(v));
  }
  const billingCurrencies = [...totals.keys()].sort();

  // Value currency: a value file without a currency column is in the billing currency.
  const billingCurrency = (what: string, file?: string): string => billingCurrencyOf(billingCurrencies, what, file);
  const valueRecs = new Map<string, ValueRecord & { d: Decimal }>();
  for (const e of state.value.values()) {
    let cur = e.currency;
    if (cur === "") {
      cur = billingCurrency(`the value file ${e.source}`, e.source);
      const src = sources[e.fileIndex];
      if (src.totals[""] !== undefined) {
        src.totals[cur] = new Decimal(src.totals[cur] ?? 0).plus(src.totals[""]).toFixed();
        delete src.totals[""];
        src.currencies = [...new Set([...src.currencies, cur])].sort();
      }
    }
    const key = canonical(e.key);
    const id = [e.period, key, cur, e.source, e.fileIndex].join(SEP);
    const v = e.sum.value();
    const prev = valueRecs.get(id);
    if (prev) prev.d = prev.d.plus(v);
    else valueRecs.set(id, { period: e.period, key, value: "", currency: cur, method: "imported", source: e.source, d: v });
  }

  // Volume: per period × key over all volume files.
  const inf = new Map<string, number>();
  const volumeRecs = new Map<string, VolumeRecord>();
  const costHasKeys = [...costMap.values()].some((r) => r.key !== UNATTRIBUTED);
  for (const e of state.volume.values()) {
    const key = keylessVolumeKey(canonical(e.key), UNATTRIBUTED, costHasKeys);
    // Two spellings of a key in one file are one record (as the cost and value records are).
    const id = [e.period, key, e.source, e.fileIndex].join(SEP);
    const prev = volumeRecs.get(id);
    if (prev) {
      prev.inferences += e.inferences;
      if (e.inTok !== null) prev.inputTokens = (prev.inputTokens ?? 0) + e.inTok;
      if (e.outTok !== null) prev.outputTokens = (prev.outputTokens ?? 0) + e.outTok;
    } else volumeRecs.set(id, { period: e.period, key, inferences: e.inferences, inputTokens: e.inTok, outputTokens: e.outTok, source: e.source });
    const k = e.period + SEP + key;
    inf.set(k, (inf.get(k) ?? 0) + e.inferences);
  }
  const volumeRecords = [...volumeRecs.values()];

  const importedValueKeys = new Set([...valueRecs.values()].map((r) => r.period + SEP + r.key));

  // User assumptions: value per inference, or minutes saved × hourly rate, over the volume.
  const assumptionRecs: (ValueRecord & { d: Decimal })[] = [];
  const assumptions = options.assumptions ?? [];
  if (assumptions.length > 0) {
    // An assumption names a key ignoring case, as Excel would match it: `gpt-4o` is for `GPT-4o`.
    const byKey = new Map<string, ValueAssumption>();
    for (const a of assumptions) {
      const f = foldKey(a.key);
      const other = byKey.get(f);
      if (other !== undefined) {
        throw new ImportError(
          "assumption",
          other.key === a.key
            ? `there are two value assumptions for '${a.key}'`
            : `the value assumptions for '${other.key}' and '${a.key}' are for the same key (keys are compared ignoring case, as Excel compares them)`,
        );
      }
      byKey.set(f, a);
    }
    for (const [k, n] of inf) {
      const [period, key] = k.split(SEP);
      if (importedValueKeys.has(k)) continue;
      const a = byKey.get(foldKey(key)) ?? byKey.get("*");
      if (a === undefined) continue;
      let d: Decimal;
      let method: ValueRecord["method"];
      try {
        if (a.valuePerInference !== undefined && a.valuePerInference !== "") {
          d = new Decimal(a.valuePerInference).times(n);
          method = "per-inference value";
        } else if (a.minutesSaved !== undefined && a.hourlyRate !== undefined) {
          // As AIECON.VALUEFROMTIMESAVED(minutes, rate, inferences): multiplied first, divided by 60 once.
          d = valueFromTimeSaved(new Decimal(a.minutesSaved), new Decimal(a.hourlyRate), new Decimal(n));
          method = "time saved";
        } else continue;
      } catch (e) {
        if (e instanceof DomainError) throw new ImportError("assumption", `the value assumption for '${a.key}': ${e.message}`);
        throw new ImportError("assumption", `the value assumption for '${a.key}' is not a number`);
      }
      const cur = a.currency ? a.currency.toUpperCase() : billingCurrency(`the value assumption for '${a.key}'`);
      assumptionRecs.push({ period, key, value: "", currency: cur, method, source: "assumption", d });
    }
  }

  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const costRecords: CostRecord[] = [...costMap.values()]
    .map(({ d, ...r }) => ({ ...r, cost: d.toFixed() }))
    .sort(
      (a, b) =>
        cmp(a.period, b.period) ||
        cmp(a.key, b.key) ||
        cmp(a.provider, b.provider) ||
        cmp(a.service, b.service) ||
        cmp(a.chargeCategory, b.chargeCategory) ||
        cmp(a.currency, b.currency) ||
        cmp(a.source, b.source),
    );
  volumeRecords.sort((a, b) => cmp(a.period, b.period) || cmp(a.key, b.key) || cmp(a.source, b.source));
  const valueRecords: ValueRecord[] = [...valueRecs.values(), ...assumptionRecs]
    .map(({ d, ...r }) => ({ ...r, value: d.toFixed() }))
    .sort((a, b) => cmp(a.period, b.period) || cmp(a.key, b.key) || cmp(a.currency, b.currency) || cmp(a.source, b.source));
  const groups = groupsOf(costRecords, volumeRecords, valueRecords);

  return {
    sources,
    groups,
    totals: Object.fromEntries(billingCurrencies.map((c) => [c, (totals.get(c) as Decimal).toFixed()])),
    key: reportedKey,
    period: grain,
    costRecords,
    volumeRecords,
    valueRecords,
    tagKeys: [...state.tagKeys].sort(),
  };
}

