/**
 * Column tables: a sheet's table is declared once as an ordered list of columns (key, header,
 * cell, number format, least width, conditional format), and everything about where a column
 * stands is derived from that order: its letter, its index, the ranges other sheets read, its
 * number format and width rectangles. A cell formula names other columns by key, never by letter.
 */
import { cellAddress, columnIndexes, columnLetters, fixedColumnAddress, quoteSheet, sheetColumnRange } from "../a1";
import type { BandRule, BlockPlan, Cell, ConditionalFormatPlan, FormatPlan, Rect, TablePlan, TableId } from "./types";

/** The cells of one body row, by key: `cell("cost")` is `D7`, `fixed("key")` is `$B7`. */
export interface RowRefs<K extends string> {
  cell(key: K): string;
  fixed(key: K): string;
}

/** A number format: one for the whole column, or one per row, read from the row (a currency's format) and the table's context. */
export type FormatSpec<R, C = unknown> = string | ((row: R, ctx: C) => string);

export interface Column<K extends string, R, C> {
  readonly key: K;
  readonly header: string | ((ctx: C) => string);
  /** The body cell of a row; `at` names the other cells of the same row by key. */
  readonly cell: (row: R, at: RowRefs<K>, ctx: C) => Cell;
  /**
   * A string: one format over the body of the column (adjacent columns with the same string share
   * one rectangle). A function: one rectangle for the column, one format per row where rows differ.
   */
  readonly format?: FormatSpec<R, C>;
  /** Least width in points. */
  readonly minWidth?: number;
  /** Conditional format rules over the body (adjacent columns with the same rules share one). */
  readonly rules?: readonly BandRule[];
}

/** An ordered column table; `index` and `letter` come from each column's position. */
export class ColumnTable<K extends string, R, C> {
  private readonly at: ReadonlyMap<K, number>;

  constructor(readonly columns: readonly Column<K, R, C>[]) {
    this.at = columnIndexes(columns.map((c) => c.key));
  }

  get width(): number {
    return this.columns.length;
  }

  /** 0-based column of a key. */
  index(key: K): number {
    const i = this.at.get(key);
    if (i === undefined) throw new Error(`no column '${key}'`);
    return i;
  }

  letter(key: K): string {
    return columnLetters(this.index(key));
  }

  /** The table with its rows, its header at 0-based row `top` of `sheet`. */
  place(sheet: string, rows: readonly R[], ctx: C, top = 0): PlacedTable<K, R, C> {
    return new PlacedTable(this, sheet, rows, ctx, top);
  }
}

/** The key union of a column table: `KeyOf<typeof UNIT>`. */
export type KeyOf<T extends { index(key: never): number }> = Parameters<T["index"]>[0];

/** `columns<Row, Ctx>()([...])`: a column table whose keys are inferred from its columns. */
export function columns<R, C = void>(): <K extends string>(cols: readonly Column<K, R, C>[]) => ColumnTable<K, R, C> {
  return (cols) => new ColumnTable(cols);
}

/** The body of a table has at least one row, so that every table has a data row (Excel adds an empty one otherwise). */
function atLeastOneRow(body: Cell[][], width: number): Cell[][] {
  return body.length > 0 ? body : [new Array<Cell>(width).fill("")];
}

/** A column table laid on a sheet: header row at `top`, then one row per item (at least one row). */
export class PlacedTable<K extends string, R, C> {
  readonly header: string[];
  readonly body: Cell[][];
  /** Body rows on the sheet (at least 1). */
  readonly n: number;

  constructor(
    readonly table: ColumnTable<K, R, C>,
    readonly sheet: string,
    readonly rows: readonly R[],
    readonly ctx: C,
    readonly top: number,
  ) {
    const cols = table.columns;
    this.header = cols.map((c) => (typeof c.header === "string" ? c.header : c.header(ctx)));
    const cells = rows.map((r, i) => {
      const row = top + 1 + i;
      const at: RowRefs<K> = {
        cell: (key) => cellAddress(row, table.index(key)),
        fixed: (key) => fixedColumnAddress(row, table.index(key)),
      };
      return cols.map((c) => c.cell(r, at, ctx));
    });
    this.body = atLeastOneRow(cells, cols.length);
    this.n = this.body.length;
  }

  /** Header and body as one block. */
  block(mode: BlockPlan["mode"]): BlockPlan {
    return { row: this.top, col: 0, rowCount: this.n + 1, colCount: this.table.width, mode, cells: [this.header, ...this.body] };
  }

  tablePlan(id: TableId, name: string, style: string): TablePlan {
    return { id, name, row: this.top, col: 0, rowCount: this.n + 1, colCount: this.table.width, style };
  }

  /** The body of a column, as a rectangle (chart series). */
  rect(key: K): Rect {
    return { row: this.top + 1, col: this.table.index(key), rowCount: this.n, colCount: 1 };
  }

  /** `'Sheet'!$G$2:$G$31`: the body of a column, for formulas on other sheets. */
  range(key: K): string {
    return sheetColumnRange(this.sheet, this.table.index(key), this.top + 1, this.top + this.n);
  }

  /** `G2:G31`: the body of a column on its own sheet (always a range, even of one cell). */
  bodyAddress(key: K): string {
    const c = this.table.letter(key);
    return `${c}${this.top + 2}:${c}${this.top + 1 + this.n}`;
  }

  /** `'Sheet'!G7`: one cell of a column at a 1-based Excel row, for formulas on other sheets. */
  cellAt(key: K, excelRow: number): string {
    return `${quoteSheet(this.sheet)}!${this.table.letter(key)}${excelRow}`;
  }

  /** Number formats of the columns (of those `keep` keeps), in column order. */
  formats(keep: (key: K) => boolean = () => true): FormatPlan[] {
    const out: FormatPlan[] = [];
    let last: { plan: FormatPlan; col: number; fixed: boolean } | null = null;
    this.table.columns.forEach((c, col) => {
      const format = c.format;
      if (format === undefined || !keep(c.key)) return;
      if (typeof format === "string") {
        if (last !== null && last.fixed && last.col === col - 1 && last.plan.format === format) {
          last.plan.colCount += 1;
        } else {
          out.push({ row: this.top + 1, col, rowCount: this.n, colCount: 1, format });
        }
      } else {
        out.push(columnFormat(col, this.top + 1, this.rows.map((r) => format(r, this.ctx))));
      }
      last = { plan: out[out.length - 1], col, fixed: typeof format === "string" };
    });
    return out;
  }

  conditionalFormats(): ConditionalFormatPlan[] {
    const out: ConditionalFormatPlan[] = [];
    let last: { plan: ConditionalFormatPlan; col: number; rules: readonly BandRule[] } | null = null;
    this.table.columns.forEach((c, col) => {
      if (c.rules === undefined) return;
      if (last !== null && last.col === col - 1 && last.rules === c.rules) last.plan.colCount += 1;
      else out.push({ row: this.top + 1, col, rowCount: this.n, colCount: 1, rules: [...c.rules] });
      last = { plan: out[out.length - 1], col, rules: c.rules };
    });
    return out;
  }

  /** Column widths in points: from the header and the first rows, at least each column's `minWidth`. */
  widths(): number[] {
    return widths(this.header, this.body).map((w, i) => Math.max(w, this.table.columns[i].minWidth ?? 0));
  }
}

/** One number format per row for a column whose rows carry different currencies; a single one when all agree. */
function columnFormat(col: number, firstRow: number, rowFormats: string[]): FormatPlan {
  const rowCount = Math.max(1, rowFormats.length);
  const unique = new Set(rowFormats);
  if (unique.size <= 1) {
    const only = rowFormats.length > 0 ? rowFormats[0] : null;
    return { row: firstRow, col, rowCount, colCount: 1, format: only };
  }
  return { row: firstRow, col, rowCount, colCount: 1, format: null, perRow: rowFormats };
}

/** Characters a number takes in a fixed format with grouping, decimals and a currency code (never e-notation). */
function numberChars(n: number): number {
  const intDigits = Math.abs(n) < 1 ? 1 : Math.floor(Math.log10(Math.abs(n))) + 1;
  return Math.max(12, intDigits + Math.floor((intDigits - 1) / 3) + 8);
}

/** Points for a text of `chars` characters in the default font, with a margin. */
export function textWidth(chars: number): number {
  return Math.min(60, Math.max(8, chars + 2)) * 6.5;
}

function widthFor(header: string, samples: Cell[]): number {
  let chars = header.length;
  for (const s of samples) {
    const len = typeof s === "string" ? (s.startsWith("=") ? 12 : s.length) : typeof s === "number" ? numberChars(s) : 5;
    if (len > chars) chars = len;
  }
  return textWidth(chars);
}

function widths(header: string[], body: Cell[][]): number[] {
  const sample = body.slice(0, 200);
  return header.map((h, c) => widthFor(h, sample.map((r) => r[c])));
}
