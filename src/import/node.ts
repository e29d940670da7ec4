/** Node-only helper: a file on disk as an ImportInput (the only module that imports node:fs). */
import { createReadStream, statSync } from "node:fs";
import { basename } from "node:path";
import { Readable } from "node:stream";
import type { ColumnMap, ImportInput, SourceKind } from "./types";
import { ImportError } from "./types";

export function fileInput(path: string, kind: SourceKind, extra?: { map?: ColumnMap; fixedKey?: string; name?: string }): ImportInput {
  let size: number | undefined;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new ImportError("unreadable", `${path}: is a directory, not a file`, path);
    size = st.size;
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError("unreadable", `${path}: the file cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, path);
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
  };
}
