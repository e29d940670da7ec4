/**
 * Columns the user added to the add-in's tables (to the right of them, inside the table), kept
 * by a refresh: read back with the records (`readback.ts`) and laid beside the rewritten table.
 * Pure: a plan transform.
 */
import type { Cell, SheetId, WorkbookPlan } from "./plan";

export interface ExtraColumns {
  headers: string[];
  /** Per body row of the new table, the cells (formulas or constants) of the extra columns. */
  rows: Cell[][];
}

export type ExtrasByTable = Partial<Record<Extract<SheetId, "cost" | "volume" | "value" | "unit">, ExtraColumns>>;

/** The plan with each table's extra columns appended inside the table. */
export function withExtraColumns(plan: WorkbookPlan, extras: ExtrasByTable | undefined): WorkbookPlan {
  if (extras === undefined) return plan;
  return {
    ...plan,
    sheets: plan.sheets.map((sheet) => {
      const x = extras[sheet.id as keyof ExtrasByTable];
      if (x === undefined || x.headers.length === 0 || sheet.tables.length === 0) return sheet;
      const [t, ...others] = sheet.tables;
      const body = t.rowCount - 1;
      const n = x.headers.length;
      const cells: Cell[][] = [x.headers, ...Array.from({ length: body }, (_, i) => x.rows[i] ?? new Array<Cell>(n).fill(""))];
      return {
        ...sheet,
        blocks: [...sheet.blocks, { row: t.row, col: t.col + t.colCount, rowCount: t.rowCount, colCount: n, mode: "formulas" as const, cells }],
        tables: [{ ...t, colCount: t.colCount + n }, ...others],
        columnWidths: [...sheet.columnWidths, ...new Array<number>(Math.max(0, t.col + t.colCount + n - sheet.columnWidths.length)).fill(80)],
      };
    }),
  };
}

/**
 * Extra cells of the kept rows, then of the new rows: a column whose existing cells are all one
 * formula (a structured reference such as `=[@Cost]*1.2`) gets that formula on new rows too.
 */
export function carryExtras(headers: string[], old: Cell[][], kept: readonly number[], added: number): ExtraColumns {
  const rows = kept.map((i) => old[i] ?? new Array<Cell>(headers.length).fill(""));
  const fill = headers.map((_, c) => {
    const first = old[0]?.[c];
    return typeof first === "string" && first.startsWith("=") && old.every((r) => r[c] === first) ? first : "";
  });
  for (let i = 0; i < added; i++) rows.push([...fill]);
  return { headers, rows };
}
