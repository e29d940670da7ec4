/** A1 addressing helpers (pure). Rows and columns are 0-based in the API, 1-based in A1 text. */

/** Column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(col: number): string {
  if (!Number.isInteger(col) || col < 0 || col > 16383) throw new RangeError(`column index out of range: ${col}`);
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** `B7` for (row 6, col 1), 0-based; `$B$7` when absolute. */
export function cellAddress(row: number, col: number, absolute = false): string {
  const d = absolute ? "$" : "";
  return `${d}${columnLetters(col)}${d}${row + 1}`;
}

/** `A1:H1001` for a 0-based rectangle. */
export function rangeAddress(row: number, col: number, rowCount: number, colCount: number, absolute = false): string {
  const a = cellAddress(row, col, absolute);
  if (rowCount === 1 && colCount === 1) return a;
  return `${a}:${cellAddress(row + rowCount - 1, col + colCount - 1, absolute)}`;
}

/** Sheet name as it appears before `!` in a formula: always quoted, quotes doubled. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** `'AI Cost Data'!$G$2:$G$1001` — a bounded absolute column range on a sheet (0-based rows, inclusive). */
export function sheetColumnRange(sheet: string, col: number, firstRow: number, lastRow: number): string {
  const c = columnLetters(col);
  return `${quoteSheet(sheet)}!$${c}$${firstRow + 1}:$${c}$${lastRow + 1}`;
}

/** `$B7` for (row 6, col 1), 0-based: the column fixed, the row relative (a criterion cell of a row formula). */
export function fixedColumnAddress(row: number, col: number): string {
  return `$${columnLetters(col)}${row + 1}`;
}

/**
 * The 0-based column of each key, by its position in `keys` (the first at column `first`):
 * letters are derived from where a column stands, never typed. Keys must be distinct.
 */
export function columnIndexes<K extends string>(keys: readonly K[], first = 0): ReadonlyMap<K, number> {
  const out = new Map<K, number>();
  keys.forEach((k, i) => {
    if (out.has(k)) throw new Error(`column key '${k}' appears twice`);
    out.set(k, first + i);
  });
  return out;
}
