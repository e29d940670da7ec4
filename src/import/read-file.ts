/**
 * Reads one file of an import into the engine's state: opens it (text, gzip, JSON or Parquet
 * parts), reads its header, picks the format's mapper and the kind's accumulator, and streams
 * every row through them, with its report (rows read, used, skipped, rejected with their lines).
 */
import { CsvParser, type CsvRecord, CsvSyntaxError, recordFromArray } from "./csv";
import { type TextSource, abortError, openText } from "./decode";
import { type BillingMapper, type ColumnUse, checkDuplicates } from "./formats/common";
import { billingMapper, detectAny, detectBilling, nearestBilling } from "./formats/index";
import { type ValueMapper, type VolumeMapper, isValue, isVolume, notRecognised, valueMapper, volumeMapper } from "./formats/volume";
import { parseJsonExport } from "./json";
import { type ParquetSink, parquetParts, readParquet } from "./parquet";
import { costAccumulator, FileBook, valueAccumulator, volumeAccumulator } from "./accumulators";
import { Periods } from "./periods";
import type { State } from "./state";
import type { Grain } from "../core/period";
import type { KeySpec } from "../core/grammar";
import { type ImportInput, type ImportOptions, type SourceFormat, type SourceKind, type SourceReport, ImportError, MAPPABLE_CODES } from "./types";

/** Size limits of what the engine reads (a test may lower them to reach them quickly). */
export const LIMITS = {
  /** Characters of a JSON export (it is parsed whole). */
  jsonMaxChars: 256 * 1024 * 1024,
};

export interface FileRun {
  report: SourceReport;
  preview: string[][];
  encoding: string;
  delimiter: string;
  compressed: boolean;
  /** asKind: the kind and format the header says, when it says one. */
  detected: { kind: SourceKind; format: SourceFormat } | null;
  /** asKind: why the file cannot be read without a (better) column mapping; its rows were not read. */
  unmapped: ImportError | null;
  /** A text file: the line after its last (1 + its line feeds); 0 for JSON and Parquet. */
  lines: number;
  /** What the rows showed that the format's variant is told from (see BillingMapper.variantFacts). */
  variantFacts: string[];
}

export interface RunOptions {
  grain: Grain;
  fiscal: number;
  key: KeySpec;
  basis: ImportOptions["cost"];
  signal?: AbortSignal;
  onProgress?: ImportOptions["onProgress"];
  onRequest?: ImportOptions["onRequest"];
  afterBatch?: ImportOptions["afterBatch"];
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
export async function runFile(input: ImportInput, state: State, o: RunOptions): Promise<FileRun> {
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
  const book = new FileBook(report, new Periods(o.grain, o.fiscal));
  const fileTags = new Set<string>();
  const preview: string[][] = [];
  let started = false;
  const target = { file, fileIndex: o.fileIndex, fixedKey: input.fixedKey };

  // Row handlers, set once the header is known.
  let handle: ((rec: CsvRecord) => void) | null = null;
  let ncols = 0;
  let detected: FileRun["detected"] = null;
  let unmapped: ImportError | null = null;
  /** The columns the billing mapper reads (a Parquet file reads only those); null = all. */
  let reads: ReadonlyMap<number, ColumnUse> | null = null;
  /** The mapper's variant, asked once the rows are read. */
  const variantOf: { of: (() => string | null) | null; facts: (() => string[]) | null } = { of: null, facts: null };

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
          handle = () => book.skip("not imported: the format was not recognised; give a column mapping");
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
      variantOf.facts = m.variantFacts ?? null;
      // A generic file's key is its mapped column; a groups file's key is the one its query grouped by.
      const keyFinal = m.format === "generic" || m.format === "groups";
      if (m.format === "groups") state.recognisedBilling = true;
      else if (keyFinal) {
        const mk = input.map?.key;
        const kc = mk ? (columns.find((c) => c === mk) ?? columns.find((c) => c.toLowerCase() === mk.toLowerCase()) ?? mk) : null;
        state.genericKeys.add(kc === null ? "(none)" : `column:${kc}`);
      } else state.recognisedBilling = true;
      handle = costAccumulator(book, m, keyFinal, target);
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
      const onRequest = m.format === "request-log" ? o.onRequest : undefined;
      handle = volumeAccumulator(book, state, m, jsonFormat !== undefined, onRequest, target);
    } else {
      // A mapping applies to a value file only when its columns are not recognised.
      const m: ValueMapper = valueMapper({ file, columns, map: isValue(columns) ? undefined : input.map, delimiter });
      report.format = "value";
      handle = valueAccumulator(book, state, m, target);
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
      book.reject(rec.line, `the row has ${rec.n} field${rec.n === 1 ? "" : "s"}, the header has ${ncols}`);
      return;
    }
    if (rec.malformed !== null) {
      book.reject(rec.line, `malformed quoting: ${rec.malformed}`);
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
      book.partPrefix = count > 1 ? `part ${name}: ` : "";
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
    if (parquet !== null) parquetCodecs = (await readParquet(file, parquet, sink, o.signal, o.afterBatch)).codecs;
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

  book.commit(state, o.fileIndex);
  report.tagKeys = [...fileTags].sort();
  const variant = variantOf.of?.() ?? null;
  if (variant !== null) report.variant = variant;
  for (const t of fileTags) state.tagKeys.add(t);
  return {
    report,
    preview,
    encoding: parquetCodecs !== null ? `parquet (${parquetCodecs.join(", ").toLowerCase() || "no data"})` : src.encoding + (src.bom ? " (BOM)" : ""),
    delimiter: isJson || parquetCodecs !== null ? "" : parser.delimiter,
    compressed: src.compressed,
    detected,
    unmapped,
    lines: isJson || parquetCodecs !== null ? 0 : parser.nextLine,
    variantFacts: variantOf.facts?.() ?? [],
  };
}

export function asInputError(file: string, e: unknown): Error {
  if (e instanceof ImportError) return e;
  if (e instanceof CsvSyntaxError) return new ImportError("csv-syntax", `${file}, line ${e.line}: ${e.message}`, file, e.line);
  if (e instanceof Error && e.name === "AbortError") return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new ImportError("unreadable", `${file}: the file cannot be read (${msg})`, file);
}
