/**
 * Parquet billing exports (AWS Data Exports CUR 2.0 / FOCUS, legacy CUR, Azure cost and
 * FOCUS exports), read with hyparquet from a random-access source (`File.slice` in the
 * browser, a file handle in Node): row group by row group, only the columns the format's
 * mapper reads. Each row becomes the record its CSV twin would give (values as text, see
 * ./parquet-values.ts), so it goes through the same mapper. Memory is bounded by one row
 * group of the projected columns, whatever the size of the file.
 */
import { type FileMetaData, type SchemaTree, parquetMetadataAsync, parquetScan, parquetSchema } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { CsvRecord } from "./csv";
import { abortError } from "./decode";
import { legacyCurFromParquet } from "./formats/aws";
import { isParquetMagic } from "./parquet-magic";
import type { ColumnUse } from "./formats/common";
import { TEXT_PARSERS, type ValueKind, fits, isDecimal, textOf, valueKind } from "./parquet-values";
import { type ImportInput, type ImportPart, type RandomAccess, ImportError } from "./types";


async function startsWithMagic(r: RandomAccess): Promise<boolean> {
  if (r.byteLength < 4) return false;
  return isParquetMagic(new Uint8Array(await r.slice(0, 4)));
}

/**
 * The Parquet parts of an input: its `parts`, or the input itself when it has random access
 * and starts with `PAR1`; null when it is not Parquet (it is then read as text).
 */
export async function parquetParts(input: ImportInput): Promise<ImportPart[] | null> {
  if (input.parts !== undefined) return input.parts;
  if (input.random === undefined) return null;
  const random = input.random;
  let r: RandomAccess;
  try {
    r = random();
  } catch (e) {
    throw new ImportError("unreadable", `${input.name}: the file cannot be read (${e instanceof Error ? e.message : String(e)})`, input.name);
  }
  try {
    if (!(await startsWithMagic(r))) return null;
  } finally {
    await r.close?.();
  }
  return [{ name: input.name, size: input.size ?? r.byteLength, random }];
}

/** What the engine gives the reader: it learns the header, then gets the rows. */
export interface ParquetSink {
  /** The header is known: the columns to read and how the mapper reads them (null = every column, as text). */
  header(columns: string[]): ReadonlyMap<number, ColumnUse> | null;
  /** The part now being read (its rows' lines restart: row 1 of a part is line 2, as in its CSV twin). */
  part(name: string, index: number, count: number): void;
  /** One row; the record is reused. */
  row(rec: CsvRecord): void;
  /** Bytes of the source read so far. */
  progress(bytesRead: number, bytesTotal: number): void;
  /** Stop early (inspect has its preview): true ends the read. */
  enough(): boolean;
}

/** A record over an array of field texts, read in place (no joined buffer to slice). */
class FieldsRecord extends CsvRecord {
  fields: string[] = [];
  override get(i: number): string {
    return i >= 0 && i < this.n ? this.fields[i] : "";
  }
  override raw(i: number): string {
    return this.get(i);
  }
  override escaped(): boolean {
    return false;
  }
}

interface Column {
  /** Name in the Parquet schema. */
  name: string;
  /** Index in the header the mapper sees. */
  index: number;
  text: (v: unknown) => string;
}

/** What is known about the whole source: its codec(s), for inspect. */
export interface ParquetRead {
  codecs: string[];
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The metadata with DECIMAL annotations taken off, so hyparquet gives the unscaled integers (exact) rather than floats. */
function withRawDecimals(md: FileMetaData): FileMetaData {
  return { ...md, schema: md.schema.map((e) => (isDecimal(e) ? { ...e, converted_type: undefined, logical_type: undefined } : e)) };
}

function scaleOf(t: SchemaTree): number {
  const lt = t.element.logical_type;
  return lt?.type === "DECIMAL" ? lt.scale : (t.element.scale ?? 0);
}

/** Read every part of a Parquet source into the sink. Throws ImportError naming file, part, column and row group. */
export async function readParquet(file: string, parts: ImportPart[], sink: ParquetSink, signal?: AbortSignal, afterBatch?: () => void): Promise<ParquetRead> {
  const total = parts.reduce((n, p) => n + p.size, 0);
  let bytes = 0;
  let header: string[] | null = null;
  let uses: ReadonlyMap<number, ColumnUse> | null = null;
  const codecs = new Set<string>();
  const rec = new FieldsRecord();
  for (let pi = 0; pi < parts.length; pi++) {
    const part = parts[pi];
    const where = parts.length > 1 ? `${file}, part ${part.name}` : file;
    let raw: RandomAccess;
    try {
      raw = part.random();
    } catch (e) {
      throw new ImportError("unreadable", `${where}: the file cannot be read (${message(e)})`, file);
    }
    const source: RandomAccess = {
      byteLength: raw.byteLength,
      slice: async (start, end) => {
        const b = await raw.slice(start, end);
        bytes += b.byteLength;
        return b;
      },
    };
    try {
      if (!(await startsWithMagic(raw))) {
        throw new ImportError("parquet", `${where}: not a Parquet file (it does not start with PAR1), but it is a part of a Parquet export`, file);
      }
      let md: FileMetaData;
      try {
        md = await parquetMetadataAsync(source, { parsers: TEXT_PARSERS });
      } catch (e) {
        throw new ImportError("parquet", `${where}: the Parquet footer cannot be read (${message(e)}); is the file truncated?`, file);
      }
      const tree = parquetSchema(md);
      const names = tree.children.map((c) => c.element.name);
      const legacy = legacyCurFromParquet(names);
      const seen = legacy ?? names;
      if (header === null) {
        header = seen;
        uses = sink.header(seen);
      } else if (pi > 0) {
        // Every column the mapper reads must be in every part, under the same name.
        for (const i of uses?.keys() ?? header.keys()) {
          if (!seen.includes(header[i])) {
            throw new ImportError("parquet", `${where}: the column ${header[i]} of the first part is missing; the parts are not of one export`, file);
          }
        }
      }
      const hdr = header;
      const cols: Column[] = [];
      const wanted = uses ?? new Map(hdr.map((_, i): [number, ColumnUse] => [i, "text"]));
      for (const [index, use] of wanted) {
        const at = seen.indexOf(hdr[index]);
        if (at < 0) continue;
        const t = tree.children[at];
        const kind: ValueKind = valueKind(t.element, t.children.length > 0);
        if (uses !== null && !fits(use, kind)) {
          const type = t.children.length > 0 ? (t.element.logical_type?.type ?? t.element.converted_type ?? "a group") : (t.element.type ?? "?");
          throw new ImportError(
            "parquet",
            `${where}: the column ${names[at]} is ${type}${kind === "temporal" ? " (a date or time)" : ""}, which cannot be ${use === "amount" ? "an amount" : use === "date" ? "a date" : use === "tags" ? "tags" : "text"} (row group 0)`,
            file,
          );
        }
        cols.push({ name: names[at], index, text: textOf(kind, scaleOf(t)) });
      }
      for (const rg of md.row_groups) for (const c of rg.columns) if (c.meta_data) codecs.add(c.meta_data.codec);
      sink.part(part.name, pi, parts.length);
      const raw64 = withRawDecimals(md);
      const fields: string[] = new Array<string>(hdr.length).fill("");
      rec.fields = fields;
      rec.n = fields.length;
      const datas: ArrayLike<unknown>[] = cols.map(() => []);
      let start = 0;
      for (let g = 0; g < md.row_groups.length; g++) {
        if (signal?.aborted) throw abortError();
        const n = Number(md.row_groups[g].num_rows);
        if (n === 0) continue;
        // One scan per row group: nothing of another row group is planned, fetched or kept.
        let scan: Awaited<ReturnType<typeof parquetScan>>;
        try {
          scan = await parquetScan({ file: source, metadata: raw64, columns: cols.map((c) => c.name), compressors, parsers: TEXT_PARSERS, utf8: false, rowStart: start, rowEnd: start + n });
        } catch (e) {
          throw new ImportError("parquet", `${where}, row group ${g}: ${message(e)}`, file);
        }
        for (let c = 0; c < cols.length; c++) {
          let data: ArrayLike<unknown>;
          try {
            data = await scan.readColumn({ column: cols[c].name, rowStart: start, rowEnd: start + n });
          } catch (e) {
            if (e instanceof Error && e.name === "AbortError") throw e;
            throw new ImportError("parquet", `${where}, row group ${g}, column ${cols[c].name}: ${message(e)}`, file);
          }
          if (data.length !== n) {
            throw new ImportError("parquet", `${where}, row group ${g}, column ${cols[c].name}: ${data.length} values for ${n} rows`, file);
          }
          datas[c] = data;
        }
        // Each value becomes text as its row is mapped: no column of texts is kept (they would
        // outlive the young generation and fill the old one with a row group's worth of strings).
        for (let i = 0; i < n; i++) {
          let c = 0;
          try {
            for (; c < cols.length; c++) fields[cols[c].index] = cols[c].text(datas[c][i]);
          } catch (e) {
            throw new ImportError("parquet", `${where}, row group ${g}, column ${cols[c].name}: a value cannot be read (${message(e)})`, file);
          }
          // Line of the row in the CSV twin (header = line 1).
          rec.line = start + i + 2;
          sink.row(rec);
        }
        for (let k = 0; k < cols.length; k++) datas[k] = [];
        afterBatch?.();
        start += n;
        sink.progress(bytes, total);
        if (sink.enough()) return { codecs: [...codecs].sort() };
      }
    } finally {
      await raw.close?.();
    }
  }
  return { codecs: [...codecs].sort() };
}
