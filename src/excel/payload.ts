/** Estimates of the JSON payload a write adds to a request (pure). */
import type { Cell } from "./plan";

/** UTF-8 bytes of a string as JSON (quotes and escapes included), without allocating. */
export function jsonStringBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) n += 2;
    else if (c < 0x20) n += 6;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function cellBytes(v: Cell): number {
  if (typeof v === "string") return jsonStringBytes(v);
  if (typeof v === "number") return Number.isFinite(v) ? String(v).length : 4;
  return v ? 4 : 5;
}

/** Bytes of one row as a JSON array (`[a,b,c],`). */
export function rowBytes(row: readonly Cell[]): number {
  let n = 3;
  for (const v of row) n += cellBytes(v) + 1;
  return n;
}

/** Bytes of a 2-D array as JSON. */
export function cellsBytes(rows: readonly (readonly Cell[])[]): number {
  let n = 2;
  for (const r of rows) n += rowBytes(r);
  return n;
}

/** Fixed overhead counted for one API call in a request (object path, method, address). */
export const CALL_OVERHEAD_BYTES = 200;
