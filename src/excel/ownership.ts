/**
 * Which sheets the add-in created. The list lives in a workbook setting
 * (`AIECON.ownSheets`, saved with the document) as JSON: the id and the name
 * of every sheet of the last import. A sheet is the add-in's own when its id
 * is on the list (a sheet the user renamed stays ours; a sheet the user made
 * under one of our names is not), or, where the host gives no ids, its name.
 */

export const OWN_SHEETS_SETTING = "AIECON.ownSheets";

export interface OwnSheetRef {
  id: string;
  name: string;
}

export interface OwnSheetsRecord {
  version: 1;
  sheets: OwnSheetRef[];
  /** ISO time of the import that wrote them. */
  written?: string;
}

/** Parse the setting's value (a JSON string, or an object from hosts that store objects); null when absent or unreadable. */
export function parseOwnSheets(value: unknown): OwnSheetsRecord | null {
  let v: unknown = value;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      return null;
    }
  }
  if (typeof v !== "object" || v === null) return null;
  const sheets = (v as { sheets?: unknown }).sheets;
  if (!Array.isArray(sheets)) return null;
  const out: OwnSheetRef[] = [];
  for (const s of sheets) {
    if (typeof s === "object" && s !== null) {
      const id = (s as { id?: unknown }).id;
      const name = (s as { name?: unknown }).name;
      if (typeof name === "string") out.push({ id: typeof id === "string" ? id : "", name });
    }
  }
  return { version: 1, sheets: out };
}

export function serializeOwnSheets(sheets: OwnSheetRef[], written: Date = new Date()): string {
  const rec: OwnSheetsRecord = { version: 1, sheets, written: written.toISOString() };
  return JSON.stringify(rec);
}

/** Is this existing sheet (id, name) on the list? */
export function isOwn(record: OwnSheetsRecord | null, sheet: OwnSheetRef): boolean {
  if (record === null) return false;
  for (const s of record.sheets) {
    if (s.id !== "" && sheet.id !== "") {
      if (s.id === sheet.id) return true;
    } else if (s.name.toLowerCase() === sheet.name.toLowerCase()) return true;
  }
  return false;
}
