/** Test helpers: in-memory inputs with chosen chunk sizes, a seeded PRNG, exact sums. */
import DecimalJs from "decimal.js";
import { gzipSync } from "node:zlib";
import { resolve } from "node:path";
import type { ColumnMap, ImportInput, SourceKind } from "../../../src/import/types";
export { mulberry32 } from "../../../src/core/random";

export const DATA = resolve(__dirname, "../../../../shared/data");

/** Independent exact arithmetic for the tests (not the engine's configured Decimal). */
export const D = DecimalJs.clone({ precision: 200 });

export function sum(values: string[]): string {
  return values.reduce((a, v) => a.plus(v), new D(0)).toFixed();
}

export function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === "string" ? new TextEncoder().encode(data) : data;
}

export function memInput(
  name: string,
  data: string | Uint8Array,
  kind: SourceKind = "billing",
  opts: { chunk?: number; map?: ColumnMap; fixedKey?: string } = {},
): ImportInput {
  const bytes = bytesOf(data);
  const chunk = opts.chunk ?? 65536;
  return {
    name,
    kind,
    size: bytes.byteLength,
    map: opts.map,
    fixedKey: opts.fixedKey,
    open() {
      let pos = 0;
      return new ReadableStream<Uint8Array>({
        pull(c) {
          if (pos >= bytes.byteLength) {
            c.close();
            return;
          }
          c.enqueue(bytes.slice(pos, pos + chunk));
          pos += chunk;
        },
      });
    },
  };
}

export function gzip(data: string | Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(bytesOf(data)));
}

export function utf16(text: string, be: boolean, bom: boolean): Uint8Array {
  const body = Buffer.from(text, "utf16le");
  if (be) body.swap16();
  const head = bom ? (be ? [0xfe, 0xff] : [0xff, 0xfe]) : [];
  return new Uint8Array([...head, ...body]);
}

/** CSV cell: quoted when it holds a delimiter, quote or line break. */
export function cell(s: string, delim = ","): string {
  return s.includes(delim) || s.includes('"') || s.includes("\n") || s.includes("\r") ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export function csv(rows: string[][], delim = ",", eol = "\n"): string {
  return rows.map((r) => r.map((c) => cell(c, delim)).join(delim)).join(eol) + eol;
}
