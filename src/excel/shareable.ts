/**
 * *Make shareable*: on the sheets the add-in owns (the ownership setting), every AIECON call is
 * replaced by its native Excel formula (src/excel/native.ts), so the workbook computes without
 * the add-in. Only changed cells are written; a sheet the user made is never touched.
 */
import { toNative } from "./native";
import type { ExcelRun } from "./types";
import { listOwnSheets } from "./writer";

export interface ShareableReport {
  /** Formulas rewritten. */
  changed: number;
  /** Own sheets scanned. */
  sheets: string[];
  /** AIECON calls left in place (no native equivalent), e.g. "Notes!B3 AIECON.TAILRATIO/2". */
  untranslated: string[];
  syncs: number;
}

/** Cells written between syncs. */
const CHUNK = 2000;

export async function makeShareable(run: ExcelRun): Promise<ShareableReport> {
  const own = await listOwnSheets(run);
  return run(async (ctx) => {
    let syncs = 0;
    const used = own.map((name) => {
      const r = ctx.workbook.worksheets.getItem(name).getUsedRangeOrNullObject();
      r.load("formulas,rowIndex,columnIndex");
      return { name, r };
    });
    await ctx.sync();
    syncs += 1;
    let changed = 0;
    let pending = 0;
    const untranslated: string[] = [];
    for (const { name, r } of used) {
      if (r.isNullObject) continue;
      const ws = ctx.workbook.worksheets.getItem(name);
      const formulas = r.formulas as unknown[][];
      for (const [i, row] of formulas.entries()) {
        for (const [j, f] of row.entries()) {
          if (typeof f !== "string" || !f.startsWith("=") || !f.toUpperCase().includes("AIECON.")) continue;
          const t = toNative(f);
          for (const u of t.untranslated) untranslated.push(`${name}!R${r.rowIndex + i + 1}C${r.columnIndex + j + 1} ${u}`);
          if (t.replaced === 0) continue;
          ws.getRangeByIndexes(r.rowIndex + i, r.columnIndex + j, 1, 1).formulas = [[t.formula]];
          changed += 1;
          pending += 1;
          if (pending >= CHUNK) {
            await ctx.sync();
            syncs += 1;
            pending = 0;
          }
        }
      }
    }
    if (pending > 0) {
      await ctx.sync();
      syncs += 1;
    }
    return { changed, sheets: own, untranslated, syncs };
  });
}
