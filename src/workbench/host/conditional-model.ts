/** Conditional formats of the workbook model, and the format a cell shows under their rules. DOM-free. */
import { contains, type Rect } from "./address";
import { HostError } from "./errors";
import { shiftRelative, toEngineFormula, toExcel } from "./formula-text";
import { SheetModel, type CellFormat, type ConditionalFormatModel, type ExcelValue } from "./sheet-model";
import type { WorkbookModel } from "./workbook";
export function addConditionalFormat(wb: WorkbookModel, s: SheetModel, rect: Rect, type: string): ConditionalFormatModel {
  wb.requireLive(s);
  const known = ["ContainsText", "CellValue", "Custom"];
  if (!known.includes(type)) {
    throw new HostError("NotImplemented", `Conditional format type '${type}' is not supported by the workbench (supported: ${known.join(", ")}).`);
  }
  const cf: ConditionalFormatModel = { id: wb.newId(), sheet: s, rect, type, rule: {}, format: {}, stopIfTrue: false };
  s.conditionalFormats.push(cf);
  wb.version++;
  return cf;
}

/** The format a cell shows: its own, then the first conditional format whose rule holds. */
export function displayFormat(wb: WorkbookModel, s: SheetModel, r: number, c: number, value?: ExcelValue): CellFormat {
  const base = wb.formatAt(s, r, c);
  const cfs = s.conditionalFormats.filter((cf) => contains(cf.rect, r, c));
  if (cfs.length === 0) return base;
  const v = value ?? wb.readValues(s, { r0: r, r1: r, c0: c, c1: c })[0][0];
  for (const cf of cfs) {
    if (ruleHolds(wb, cf, r, c, v)) return { ...base, ...stripUndefined(cf.format) };
  }
  return base;
}

function evalRuleFormula(wb: WorkbookModel, formula: string, s: SheetModel, dr: number, dc: number): ExcelValue {
  const f = formula.startsWith("=") ? formula : `=${formula}`;
  const shifted = toEngineFormula(shiftRelative(f, dr, dc));
  try {
    const v = wb.hf.calculateFormula(shifted, s.hfId);
    return toExcel(Array.isArray(v) ? v[0]?.[0] : v);
  } catch {
    return "#VALUE!";
  }
}

function ruleHolds(wb: WorkbookModel, cf: ConditionalFormatModel, r: number, c: number, v: ExcelValue): boolean {
  const dr = r - cf.rect.r0;
  const dc = c - cf.rect.c0;
  const op = cf.rule.operator ?? "";
  if (cf.type === "ContainsText") {
    const t = String(v).toLowerCase();
    const needle = (cf.rule.text ?? "").toLowerCase();
    switch (op) {
      case "Contains":
        return t.includes(needle);
      case "NotContains":
        return !t.includes(needle);
      case "BeginsWith":
        return t.startsWith(needle);
      case "EndsWith":
        return t.endsWith(needle);
      default:
        return false;
    }
  }
  if (cf.type === "Custom") {
    const x = evalRuleFormula(wb, cf.rule.formula ?? "FALSE", cf.sheet, dr, dc);
    return x === true || (typeof x === "number" && x !== 0);
  }
  if (cf.type === "CellValue") {
    if (v === "") return false;
    const a = evalRuleFormula(wb, cf.rule.formula1 ?? "0", cf.sheet, dr, dc);
    const b = cf.rule.formula2 !== undefined ? evalRuleFormula(wb, cf.rule.formula2, cf.sheet, dr, dc) : a;
    const cmp = (x: ExcelValue, y: ExcelValue): number =>
      typeof x === "number" && typeof y === "number" ? x - y : String(x).toLowerCase().localeCompare(String(y).toLowerCase());
    switch (op) {
      case "Between":
        return cmp(v, a) >= 0 && cmp(v, b) <= 0;
      case "NotBetween":
        return cmp(v, a) < 0 || cmp(v, b) > 0;
      case "EqualTo":
        return cmp(v, a) === 0;
      case "NotEqualTo":
        return cmp(v, a) !== 0;
      case "GreaterThan":
        return cmp(v, a) > 0;
      case "LessThan":
        return cmp(v, a) < 0;
      case "GreaterThanOrEqual":
        return cmp(v, a) >= 0;
      case "LessThanOrEqual":
        return cmp(v, a) <= 0;
      default:
        return false;
    }
  }
  return false;
}

function stripUndefined(f: CellFormat): CellFormat {
  const out: CellFormat = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
