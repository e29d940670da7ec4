/** Defined names of the workbook model. DOM-free. */
import { quoteSheet } from "./address";
import { HostError } from "./errors";
import { absolute, toEngineFormula, toExcel } from "./formula-text";
import { validName, type ExcelValue, type NameModel, type RangeRef } from "./sheet-model";
import type { WorkbookModel } from "./workbook";
export function nameByName(wb: WorkbookModel, name: string): NameModel | undefined {
  const n = name.toLowerCase();
  return wb.names.find((x) => x.name.toLowerCase() === n);
}
export function addName(wb: WorkbookModel, name: string, reference: RangeRef | string, comment: string): NameModel {
  if (!validName(name)) throw new HostError("InvalidArgument", `The name '${name}' is not valid.`);
  if (wb.nameByName(name) || wb.tableByName(name)) throw new HostError("ItemAlreadyExists", `The name '${name}' already exists.`);
  const formula =
    typeof reference === "string"
      ? reference.startsWith("=")
        ? reference
        : `=${reference}`
      : `=${quoteSheet(reference.sheet.name)}!${absolute(reference.rect)}`;
  wb.beginWrite();
  try {
    wb.hf.addNamedExpression(name, toEngineFormula(formula));
  } catch (e) {
    throw new HostError("InvalidArgument", `The name '${name}' could not be defined as ${formula}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const m: NameModel = { name, formula, comment, visible: true };
  wb.names.push(m);
  return m;
}
export function deleteName(wb: WorkbookModel, m: NameModel): void {
  wb.beginWrite();
  wb.hf.removeNamedExpression(m.name);
  wb.names = wb.names.filter((x) => x !== m);
}
export function nameValue(wb: WorkbookModel, m: NameModel): ExcelValue | ExcelValue[][] {
  wb.endWrite();
  const v = wb.hf.getNamedExpressionValue(m.name);
  return Array.isArray(v) ? v.map((row) => row.map(toExcel)) : toExcel(v);
}
export function nameRange(wb: WorkbookModel, m: NameModel): RangeRef | undefined {
  try {
    return wb.resolve(m.formula.slice(1).replace(/\$/g, ""), undefined);
  } catch {
    return undefined;
  }
}
