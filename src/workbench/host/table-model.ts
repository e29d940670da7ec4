/** Tables of the workbook model: names, headers (ColumnN for blanks and duplicates), rows added. DOM-free. */
import { cols, intersects } from "./address";
import { HostError } from "./errors";
import { validName, type RangeRef, type TableModel } from "./sheet-model";
import type { WorkbookModel } from "./workbook";
export function tableByName(wb: WorkbookModel, name: string): TableModel | undefined {
  const n = name.toLowerCase();
  return wb.tables.find((t) => t.name.toLowerCase() === n);
}
export function requireTable(wb: WorkbookModel, name: string): TableModel {
  const t = wb.tableByName(name);
  if (!t) throw new HostError("ItemNotFound", `The requested resource doesn't exist: table '${name}'.`);
  return t;
}
function checkNewName(wb: WorkbookModel, name: string, self?: TableModel): void {
  if (!validName(name)) throw new HostError("InvalidArgument", `The name '${name}' is not a valid table or range name.`);
  const t = wb.tableByName(name);
  if ((t && t !== self) || wb.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) {
    throw new HostError("ItemAlreadyExists", `A table or name '${name}' already exists.`);
  }
}
export function addTable(wb: WorkbookModel, ref: RangeRef, hasHeaders: boolean): TableModel {
  wb.requireLive(ref.sheet);
  const { sheet, rect } = ref;
  if (rect.r1 - rect.r0 > 1_048_000 || rect.c1 - rect.c0 > 16000) throw new HostError("InvalidArgument", "A table cannot cover whole rows or columns.");
  if (wb.tables.some((t) => t.sheet === sheet && intersects(t.rect, rect))) {
    throw new HostError("InvalidArgument", `A table can't overlap another table (${wb.address(ref)}).`);
  }
  let i = wb.tables.length + 1;
  while (wb.tableByName(`Table${i}`)) i++;
  const t: TableModel = {
    id: wb.newId(),
    name: `Table${i}`,
    sheet,
    rect: hasHeaders ? rect : { ...rect },
    style: "TableStyleMedium2",
    showTotals: false,
    showHeaders: true,
    showBandedRows: true,
    showFilterButton: true,
  };
  if (!hasHeaders) {
    // Excel inserts a header row "Column1".. above the data: here the data moves down one row.
    const data = rect.r1 >= rect.r0 ? wb.readFormulas(sheet, rect) : [];
    const headers = [Array.from({ length: cols(rect) }, (_, k) => `Column${k + 1}`)];
    wb.writeCells(sheet, { ...rect, r1: rect.r0 }, headers, "values");
    if (data.length) wb.writeCells(sheet, { ...rect, r0: rect.r0 + 1, r1: rect.r1 + 1 }, data, "formulas");
    t.rect = { ...rect, r1: rect.r1 + 1 };
  } else {
    // Blank or duplicate headers become ColumnN, as in Excel.
    const head = wb.readValues(sheet, { ...rect, r1: rect.r0 })[0];
    const seen = new Set<string>();
    let changed = false;
    const fixed = head.map((h, k) => {
      let name = h === "" ? `Column${k + 1}` : String(h);
      while (seen.has(name.toLowerCase())) {
        name = `${name}${k + 1}`;
        changed = true;
      }
      if (h === "") changed = true;
      seen.add(name.toLowerCase());
      return name;
    });
    if (changed) wb.writeCells(sheet, { ...rect, r1: rect.r0 }, [fixed.map((x) => "'" + x)], "values");
  }
  wb.version++;
  wb.tables.push(t);
  return t;
}
export function renameTable(wb: WorkbookModel, t: TableModel, name: string): void {
  if (t.name === name) return;
  checkNewName(wb, name, t);
  wb.version++;
  t.name = name;
}
export function deleteTable(wb: WorkbookModel, t: TableModel): void {
  wb.version++;
  wb.tables = wb.tables.filter((x) => x !== t);
}
export function tableHeaders(wb: WorkbookModel, t: TableModel): string[] {
  return wb.readValues(t.sheet, { ...t.rect, r1: t.rect.r0 })[0].map(String);
}
/** Appends rows (or inserts at a data-row index) and grows the table. */
export function addTableRows(wb: WorkbookModel, t: TableModel, index: number | null | undefined, values: unknown[][] | undefined, count: number): void {
  const dataRows = t.rect.r1 - t.rect.r0;
  const at = index === null || index === undefined || index < 0 ? dataRows : Math.min(index, dataRows);
  const n = values ? values.length : count;
  if (n <= 0) return;
  const insertRow = t.rect.r0 + 1 + at;
  const w = cols(t.rect);
  const below = wb.readValues(t.sheet, { r0: insertRow, r1: insertRow + n - 1, c0: t.rect.c0, c1: t.rect.c1 });
  if (at < dataRows || below.some((row) => row.some((x) => x !== ""))) {
    wb.beginWrite();
    wb.hf.addRows(t.sheet.hfId, [insertRow, n]);
    for (const o of wb.tables) if (o !== t && o.sheet === t.sheet && o.rect.r0 >= insertRow) {
      o.rect = { ...o.rect, r0: o.rect.r0 + n, r1: o.rect.r1 + n };
    }
  }
  t.rect = { ...t.rect, r1: t.rect.r1 + n };
  if (values) {
    if (!values.every((row) => Array.isArray(row) && row.length === w)) {
      throw new HostError("InvalidArgument", `Each row added to table '${t.name}' must have ${w} values.`);
    }
    wb.writeCells(t.sheet, { r0: insertRow, r1: insertRow + n - 1, c0: t.rect.c0, c1: t.rect.c1 }, values, "values");
  }
  wb.version++;
}
