/** A1 addresses: parsing and formatting (DOM-free). Rows and columns are 0-based internally. */
import { HostError } from "./errors";

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** A rectangle of cells, inclusive bounds, 0-based. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export function colName(c: number): string {
  let s = "";
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellName(r: number, c: number): string {
  return `${colName(c)}${r + 1}`;
}

export function rectAddress(rect: Rect): string {
  const a = cellName(rect.r0, rect.c0);
  if (rect.r0 === rect.r1 && rect.c0 === rect.c1) return a;
  if (rect.r0 === 0 && rect.r1 === MAX_ROWS - 1) return `${colName(rect.c0)}:${colName(rect.c1)}`;
  if (rect.c0 === 0 && rect.c1 === MAX_COLS - 1) return `${rect.r0 + 1}:${rect.r1 + 1}`;
  return `${a}:${cellName(rect.r1, rect.c1)}`;
}

/** Quotes a sheet name for use in a formula or address when Excel would. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

export function fullAddress(sheet: string, rect: Rect): string {
  return `${quoteSheet(sheet)}!${rectAddress(rect)}`;
}

export interface ParsedAddress {
  sheet?: string;
  rect: Rect;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

function bad(address: string): HostError {
  return new HostError("InvalidArgument", `The address '${address}' is not a valid A1 reference.`);
}

/** Parses "A1", "A1:B2", "A:C", "2:5", optionally prefixed by "Sheet!" or "'Sheet name'!". */
export function parseAddress(address: string): ParsedAddress {
  let s = address.trim();
  let sheet: string | undefined;
  const bang = s.lastIndexOf("!");
  if (bang >= 0) {
    let sh = s.slice(0, bang);
    if (sh.startsWith("'") && sh.endsWith("'") && sh.length >= 2) sh = sh.slice(1, -1).replace(/''/g, "'");
    sheet = sh;
    s = s.slice(bang + 1);
  }
  const parts = s.split(":");
  if (parts.length > 2 || parts.some((p) => p === "")) throw bad(address);
  const a = parts[0];
  const b = parts[1] ?? parts[0];
  let rect: Rect;
  const ca = CELL.exec(a);
  const cb = CELL.exec(b);
  if (ca && cb) {
    rect = { r0: Number(ca[2]) - 1, c0: colIndex(ca[1]), r1: Number(cb[2]) - 1, c1: colIndex(cb[1]) };
  } else if (parts.length === 2 && COL.test(a) && COL.test(b)) {
    rect = { r0: 0, c0: colIndex(COL.exec(a)![1]), r1: MAX_ROWS - 1, c1: colIndex(COL.exec(b)![1]) };
  } else if (parts.length === 2 && ROW.test(a) && ROW.test(b)) {
    rect = { r0: Number(ROW.exec(a)![1]) - 1, c0: 0, r1: Number(ROW.exec(b)![1]) - 1, c1: MAX_COLS - 1 };
  } else {
    throw bad(address);
  }
  rect = normalize(rect);
  if (rect.r0 < 0 || rect.c0 < 0 || rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLS) throw bad(address);
  return sheet === undefined ? { rect } : { sheet, rect };
}

export function normalize(r: Rect): Rect {
  return { r0: Math.min(r.r0, r.r1), c0: Math.min(r.c0, r.c1), r1: Math.max(r.r0, r.r1), c1: Math.max(r.c0, r.c1) };
}

export function rows(r: Rect): number {
  return r.r1 - r.r0 + 1;
}
export function cols(r: Rect): number {
  return r.c1 - r.c0 + 1;
}
export function intersects(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}
export function contains(a: Rect, r: number, c: number): boolean {
  return r >= a.r0 && r <= a.r1 && c >= a.c0 && c <= a.c1;
}
