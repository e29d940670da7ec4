/** Node-only helper: a file on disk as an ImportInput (the only module that imports node:fs). */
import { closeSync, createReadStream, openSync, readSync, readdirSync, readFileSync, statSync } from "node:fs";
import { open } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";
import { Readable } from "node:stream";
import { isParquetMagic } from "./parquet-magic";
import type { ColumnMap, ImportInput, ImportPart, RandomAccess, SourceKind } from "./types";
import { ImportError } from "./types";

type Extra = { map?: ColumnMap; fixedKey?: string; name?: string };

function unreadable(path: string, e: unknown): ImportError {
  if (e instanceof ImportError) return e;
  return new ImportError("unreadable", `${path}: the file cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, path);
}

/** Random access to a file through one file handle, opened on first read. */
export function fileRandom(path: string, size: number): RandomAccess {
  let handle: ReturnType<typeof open> | null = null;
  return {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      handle ??= open(path, "r");
      const h = await handle;
      const stop = Math.min(end ?? size, size);
      const buf = new Uint8Array(Math.max(0, stop - start));
      let off = 0;
      while (off < buf.byteLength) {
        const { bytesRead } = await h.read(buf, off, buf.byteLength - off, start + off);
        if (bytesRead === 0) break;
        off += bytesRead;
      }
      return buf.buffer.slice(0, off);
    },
    async close(): Promise<void> {
      const h = handle;
      handle = null;
      if (h !== null) await (await h).close();
    },
  };
}

export function fileInput(path: string, kind: SourceKind, extra?: Extra): ImportInput {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new ImportError("unreadable", `${path}: is a directory, not a file`, path);
    size = st.size;
  } catch (e) {
    throw unreadable(path, e);
  }
  return {
    name: extra?.name ?? basename(path),
    kind,
    size,
    map: extra?.map,
    fixedKey: extra?.fixedKey,
    open(): ReadableStream<Uint8Array> {
      const rs = createReadStream(path, { highWaterMark: 64 * 1024 });
      return Readable.toWeb(rs) as unknown as ReadableStream<Uint8Array>;
    },
    random: () => fileRandom(path, size),
    path,
  };
}

/** The first bytes of a file. */
function head(path: string, n: number): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const b = new Uint8Array(n);
    const got = readSync(fd, b, 0, n, 0);
    return b.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

function part(path: string, name: string): ImportPart {
  const size = statSync(path).size;
  return { name, size, random: () => fileRandom(path, size) };
}

/** Every file under a directory, in path order. */
function walk(dir: string): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, d.name);
    if (d.isDirectory()) out.push(...walk(p));
    else if (d.isFile()) out.push(p);
  }
  return out;
}

/** A CUR 2.0 / Data Exports manifest: its listed data files, or null when the JSON is no manifest. */
function manifestFiles(path: string): string[] | null {
  const b = head(path, 1);
  if (b[0] !== 0x7b) return null; // "{"
  if (statSync(path).size > 64 * 1024 * 1024) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
  const files = doc !== null && typeof doc === "object" ? (doc as { dataFiles?: unknown }).dataFiles : undefined;
  if (!Array.isArray(files) || !files.every((f) => typeof f === "string")) return null;
  return files as string[];
}

/**
 * Where a manifest's data file is on disk: under the export's root (the folder above the
 * manifest's `metadata/` folder) at the path the S3 key has after the export's name
 * (`data/BILLING_PERIOD=…/…`), or beside the manifest.
 */
function locate(manifest: string, key: string): string | null {
  const dir = dirname(manifest);
  const parts = dir.split(sep);
  const m = parts.lastIndexOf("metadata");
  const rel = key.replace(/^s3:\/\/[^/]+\//, "").split("/");
  const di = rel.lastIndexOf("data");
  const candidates: string[] = [];
  if (m >= 0 && di >= 0) candidates.push(join(parts.slice(0, m).join(sep) || sep, ...rel.slice(di)));
  candidates.push(join(dir, rel[rel.length - 1]));
  for (const c of candidates) {
    try {
      if (statSync(c).isFile()) return c;
    } catch {
      /* next */
    }
  }
  return null;
}

/** Parquet parts as one input; any other file as an input of its own. */
function grouped(name: string, files: { path: string; name: string }[], kind: SourceKind, extra?: Extra): ImportInput[] {
  const parquet: ImportPart[] = [];
  const others: ImportInput[] = [];
  for (const f of files) {
    if (isParquetMagic(head(f.path, 4))) parquet.push(part(f.path, f.name));
    else if (manifestFiles(f.path) === null) others.push(fileInput(f.path, kind, { ...extra, name: f.name }));
  }
  if (parquet.length === 0) return others;
  const first = parquet[0];
  const input: ImportInput =
    parquet.length === 1
      ? { name: first.name, kind, size: first.size, open: () => { throw new Error("a Parquet part is read with random access"); }, parts: parquet }
      : { name, kind, size: parquet.reduce((n, p) => n + p.size, 0), open: () => { throw new Error("a multi-part export is read with random access"); }, parts: parquet };
  if (extra?.map) input.map = extra.map;
  if (extra?.fixedKey) input.fixedKey = extra.fixedKey;
  return [input, ...others];
}

/**
 * What the command line reads for a path: a file; a directory (a multi-part export: its
 * Parquet parts, found by their PAR1 magic, are one source; other files are sources of their
 * own; manifests are skipped); or a CUR 2.0 manifest JSON (the parts it lists, one source;
 * a listed part that is missing is an error naming it).
 */
export function pathInputs(path: string, kind: SourceKind, extra?: Extra): ImportInput[] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw unreadable(path, e);
  }
  if (isDir) {
    let files: string[];
    try {
      files = walk(path);
    } catch (e) {
      throw unreadable(path, e);
    }
    if (files.length === 0) throw new ImportError("empty", `${path}: the directory holds no files`, path);
    const label = extra?.name ?? basename(path);
    return grouped(label, files.map((f) => ({ path: f, name: relative(path, f) })), kind, extra);
  }
  let listed: string[] | null;
  try {
    listed = manifestFiles(path);
  } catch (e) {
    throw unreadable(path, e);
  }
  if (listed === null) return [fileInput(path, kind, extra)];
  const found: { path: string; name: string }[] = [];
  for (const key of listed) {
    const at = locate(path, key);
    if (at === null) {
      throw new ImportError("missing-part", `${path}: the manifest lists ${key}, which is not there (looked for ${basename(key)} under the export folder and beside the manifest)`, path);
    }
    found.push({ path: at, name: basename(at) });
  }
  if (found.length === 0) throw new ImportError("empty", `${path}: the manifest lists no data files`, path);
  return grouped(extra?.name ?? basename(path), found, kind, extra);
}
