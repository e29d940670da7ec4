/**
 * The writer's first look at the workbook (one sync, two when a table name clashes): the
 * ownership record, the add-in's own sheets present, the foreign sheets, tables and defined
 * names in the way of the add-in's names, and the calculation mode when asked for.
 */
import { SHEET_IDS, SHEET_NAMES, TABLE_IDS, TABLE_NAMES } from "./plan";
import { isOwn, OWN_SHEETS_SETTING, type OwnSheetRef, type OwnSheetsRecord, parseOwnSheets } from "./ownership";

/** What the first look at the workbook found. */
export interface Inspection {
  record: OwnSheetsRecord | null;
  /** Own sheets present now. */
  own: OwnSheetRef[];
  /** Names of foreign sheets/tables in the way. */
  conflicts: string[];
  /** `Application.calculationMode` when asked for and readable (ExcelApi 1.8), else null. */
  calculationMode: CalculationMode | null;
  syncs: number;
}

type CalculationMode = Excel.Application["calculationMode"];

interface RequirementsGlobal {
  Office?: { context?: { requirements?: { isSetSupported(name: string, minVersion?: string): boolean } } };
}

/**
 * `Application.calculationMode` needs ExcelApi 1.8; loading it on an older Excel would fail the sync,
 * so it is read only where Office says the set is supported (or where there is no Office global:
 * the workbench host and the test fakes, which implement it).
 */
function calculationModeReadable(): boolean {
  const requirements = (globalThis as RequirementsGlobal).Office?.context?.requirements;
  return requirements === undefined || requirements.isSetSupported("ExcelApi", "1.8");
}

export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export async function inspect(ctx: Excel.RequestContext, readCalculationMode = false): Promise<Inspection> {
  // The calculation mode rides on the first sync of the write, which looks at the workbook anyway.
  const app = readCalculationMode && calculationModeReadable() ? ctx.workbook.application : null;
  app?.load("calculationMode");
  const setting = ctx.workbook.settings.getItemOrNullObject(OWN_SHEETS_SETTING);
  setting.load("value");
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name,items/id");
  const tables = ctx.workbook.tables;
  tables.load("items/name");
  const names = ctx.workbook.names;
  names.load("items/name");
  await ctx.sync();
  let syncs = 1;
  const calculationMode = app === null ? null : app.calculationMode;
  const record = setting.isNullObject ? null : parseOwnSheets(setting.value);
  const present: OwnSheetRef[] = sheets.items.map((s) => ({ id: s.id ?? "", name: s.name }));
  const own = present.filter((s) => isOwn(record, s));
  const conflicts: string[] = [];
  for (const id of SHEET_IDS) {
    const name = SHEET_NAMES[id];
    const hit = present.find((s) => sameName(s.name, name));
    if (hit !== undefined && !own.includes(hit)) conflicts.push(`sheet "${hit.name}"`);
  }
  // A table with one of our names on a sheet that is not ours is in the way too, and so is a
  // defined name (tables and names share one namespace).
  const ourTableNames = TABLE_IDS.map((t) => TABLE_NAMES[t]);
  for (const n of names.items) {
    if (ourTableNames.some((t) => sameName(t, n.name))) conflicts.push(`defined name "${n.name}"`);
  }
  const clashing = tables.items.filter((t) => ourTableNames.some((n) => sameName(n, t.name)));
  if (clashing.length > 0) {
    const owners = clashing.map((t) => {
      const ws = t.worksheet;
      ws.load("name");
      return { table: t.name, ws };
    });
    await ctx.sync();
    syncs++;
    for (const o of owners) {
      if (!own.some((s) => sameName(s.name, o.ws.name))) conflicts.push(`table "${o.table}" (on sheet "${o.ws.name}")`);
    }
  }
  return { record, own, conflicts, calculationMode, syncs };
}
