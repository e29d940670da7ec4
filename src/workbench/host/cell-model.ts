/** Cells of the workbook model: formats, values and formulas written and read as Excel's API does, cleared, the used range. DOM-free. */
import { cols, contains, fullAddress, intersects, rectAddress, rows, type Rect } from "./address";
import { HostError } from "./errors";
import { parseInput } from "./input";
import { fromEngineFormula, isErrorText, toEngineFormula, toExcel } from "./formula-text";
import { checkNumberFormats, formatValue } from "./numfmt";
import type { CellFormat, ExcelValue, SheetModel } from "./sheet-model";
import type { WorkbookModel } from "./workbook";
import type { RawCellContent } from "hyperformula";
export function formatAt(s: SheetModel, r: number, c: number): CellFormat {
  const out: CellFormat = {};
  for (const f of s.formats) {
    if (contains(f.rect, r, c)) Object.assign(out, f.fmt);
  }
  return out;
}
export function numberFormatAt(s: SheetModel, r: number, c: number): string {
  for (let i = s.formats.length - 1; i >= 0; i--) {
    const f = s.formats[i];
    if (f.fmt.numberFormat !== undefined && contains(f.rect, r, c)) return f.fmt.numberFormat;
  }
  return "General";
}

export function setFormat(wb: WorkbookModel, s: SheetModel, rect: Rect, fmt: CellFormat): void {
  wb.requireLive(s);
  wb.version++;
  const last = s.formats[s.formats.length - 1];
  if (last && last.rect.r0 === rect.r0 && last.rect.r1 === rect.r1 && last.rect.c0 === rect.c0 && last.rect.c1 === rect.c1) {
    Object.assign(last.fmt, fmt);
  } else s.formats.push({ rect, fmt: { ...fmt } });
}

/** Sets a 2D array of number formats (or one for all), grouped into runs per column. */
export function setNumberFormats(wb: WorkbookModel, s: SheetModel, rect: Rect, formats: unknown): void {
  wb.requireLive(s);
  checkNumberFormats(formats);
  if (!Array.isArray(formats)) {
    if (typeof formats !== "string") throw new HostError("InvalidArgument", "numberFormat must be a string or a 2D array of strings.");
    wb.setFormat(s, rect, { numberFormat: formats });
    return;
  }
  wb.checkShape(formats, rect, "numberFormat");
  const grid = formats as unknown[][];
  const uniform = grid.every((row) => row.every((f) => f === grid[0][0]));
  if (uniform && (typeof grid[0][0] === "string")) {
    wb.setFormat(s, rect, { numberFormat: grid[0][0] as string });
    return;
  }
  for (let c = 0; c < cols(rect); c++) {
    let start = 0;
    for (let r = 1; r <= rows(rect); r++) {
      if (r === rows(rect) || grid[r][c] !== grid[start][c]) {
        const f = grid[start][c];
        if (typeof f === "string") {
          wb.setFormat(s, { r0: rect.r0 + start, r1: rect.r0 + r - 1, c0: rect.c0 + c, c1: rect.c0 + c }, { numberFormat: f });
        } else if (f !== null && f !== undefined) {
          throw new HostError("InvalidArgument", `numberFormat[${start}][${c}] must be a string.`);
        }
        start = r;
      }
    }
  }
}

export function checkShape(data: unknown[], rect: Rect, what: string): void {
  const ok = data.length === rows(rect) && data.every((row) => Array.isArray(row) && row.length === cols(rect));
  if (!ok) {
    const h = data.length;
    const w = Array.isArray(data[0]) ? (data[0] as unknown[]).length : 0;
    throw new HostError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range: ${what} is ${h}×${w}, the range ${rectAddress(rect)} is ${rows(rect)}×${cols(rect)}.`,
    );
  }
}

/** Writes `values` or `formulas` (same parsing in Excel): a 2D array of the range's shape, or one value for every cell. */
export function writeCells(wb: WorkbookModel, s: SheetModel, rect: Rect, data: unknown, what: "values" | "formulas"): void {
  wb.requireLive(s);
  const h = rows(rect);
  const w = cols(rect);
  let grid: unknown[][];
  if (Array.isArray(data)) {
    wb.checkShape(data, rect, what);
    grid = data as unknown[][];
  } else {
    if (h * w > 5_000_000) throw new HostError("InvalidArgument", `The range ${rectAddress(rect)} is too large to set one value to every cell.`);
    grid = Array.from({ length: h }, () => new Array<unknown>(w).fill(data));
  }
  wb.beginWrite();
  const out: RawCellContent[][] = [];
  let pendingFormats: { r: number; c: number; f: string }[] | undefined;
  const hasTextFormat = s.formats.some((f) => f.fmt.numberFormat === "@" && intersects(f.rect, rect));
  let sparse = false;
  for (let r = 0; r < h; r++) {
    const src = grid[r];
    const row: RawCellContent[] = new Array(w);
    for (let c = 0; c < w; c++) {
      const textFormat = hasTextFormat && wb.numberFormatAt(s, rect.r0 + r, rect.c0 + c) === "@";
      const p = parseInput(src[c], textFormat, `${what}[${r}][${c}]`);
      if (p === undefined) {
        sparse = true;
        row[c] = undefined;
        continue;
      }
      if (p.kind === "empty") row[c] = null;
      else if (p.kind === "formula") row[c] = checkFormula(wb, p.formula, s, rect.r0 + r, rect.c0 + c);
      else {
        row[c] = typeof p.value === "string" ? "'" + p.value : p.value;
        if (p.autoFormat && wb.numberFormatAt(s, rect.r0 + r, rect.c0 + c) === "General") {
          (pendingFormats ??= []).push({ r: rect.r0 + r, c: rect.c0 + c, f: p.autoFormat });
        }
      }
    }
    out.push(row);
  }
  try {
    if (!sparse) {
      wb.hf.setCellContents({ sheet: s.hfId, row: rect.r0, col: rect.c0 }, out);
    } else {
      // null in the input leaves the cell as it is: write runs of the other cells.
      for (let r = 0; r < h; r++) {
        let c = 0;
        while (c < w) {
          if (out[r][c] === undefined) {
            c++;
            continue;
          }
          let e = c;
          while (e < w && out[r][e] !== undefined) e++;
          wb.hf.setCellContents({ sheet: s.hfId, row: rect.r0 + r, col: rect.c0 + c }, [out[r].slice(c, e)]);
          c = e;
        }
      }
    }
  } catch (e) {
    throw new HostError("InvalidArgument", `Writing ${what} to ${wb.address({ sheet: s, rect })} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  for (const f of pendingFormats ?? []) wb.setFormat(s, { r0: f.r, r1: f.r, c0: f.c, c1: f.c }, { numberFormat: f.f });
}

function checkFormula(wb: WorkbookModel, formula: string, s: SheetModel, r: number, c: number): string {
  const f = toEngineFormula(formula);
  if (!wb.hf.validateFormula(f)) {
    throw new HostError(
      "InvalidArgument",
      `The formula ${formula} in ${fullAddress(s.name, { r0: r, c0: c, r1: r, c1: c })} is not valid (or uses syntax the workbench's formula engine, HyperFormula, does not support).`,
    );
  }
  return f;
}

/** Computed values of a range as Excel's API returns them. */
export function readValues(wb: WorkbookModel, s: SheetModel, rect: Rect): ExcelValue[][] {
  wb.requireLive(s);
  wb.endWrite();
  const dims = wb.hf.getSheetDimensions(s.hfId);
  const out: ExcelValue[][] = [];
  const r1 = Math.min(rect.r1, dims.height - 1);
  const c1 = Math.min(rect.c1, dims.width - 1);
  const raw = r1 >= rect.r0 && c1 >= rect.c0
    ? wb.hf.getRangeValues({ start: { sheet: s.hfId, row: rect.r0, col: rect.c0 }, end: { sheet: s.hfId, row: r1, col: c1 } })
    : [];
  for (let r = 0; r < rows(rect); r++) {
    const src = raw[r];
    const row: ExcelValue[] = new Array(cols(rect));
    for (let c = 0; c < cols(rect); c++) row[c] = toExcel(src?.[c]);
    out.push(row);
  }
  wb.stale(s, rect, out);
  return out;
}

/** Formulas where a cell has one, the value otherwise (text without any apostrophe prefix, as Excel returns it). */
export function readFormulas(wb: WorkbookModel, s: SheetModel, rect: Rect): ExcelValue[][] {
  const values = wb.readValues(s, rect);
  const dims = wb.hf.getSheetDimensions(s.hfId);
  for (let r = 0; r < values.length && rect.r0 + r < dims.height; r++) {
    for (let c = 0; c < values[r].length && rect.c0 + c < dims.width; c++) {
      const addr = { sheet: s.hfId, row: rect.r0 + r, col: rect.c0 + c };
      const f = wb.hf.getCellFormula(addr);
      if (f !== undefined) values[r][c] = fromEngineFormula(f);
    }
  }
  return values;
}

export function readNumberFormats(wb: WorkbookModel, s: SheetModel, rect: Rect): string[][] {
  wb.requireLive(s);
  const out: string[][] = [];
  for (let r = rect.r0; r <= rect.r1; r++) {
    const row: string[] = [];
    for (let c = rect.c0; c <= rect.c1; c++) row.push(wb.numberFormatAt(s, r, c));
    out.push(row);
  }
  return out;
}

/** Text as displayed (number format applied). */
export function readText(wb: WorkbookModel, s: SheetModel, rect: Rect): string[][] {
  const v = wb.readValues(s, rect);
  return v.map((row, r) => row.map((x, c) => formatValue(x, wb.numberFormatAt(s, rect.r0 + r, rect.c0 + c))));
}

export function valueTypes(wb: WorkbookModel, s: SheetModel, rect: Rect): string[][] {
  return wb.readValues(s, rect).map((row) =>
    row.map((x) => (x === "" ? "Empty" : typeof x === "number" ? "Double" : typeof x === "boolean" ? "Boolean" : /^#[A-Z0-9/]+[!?A]?$/.test(x) && isErrorText(x) ? "Error" : "String")),
  );
}

export function clear(wb: WorkbookModel, s: SheetModel, rect: Rect, applyTo: string): void {
  wb.requireLive(s);
  if (applyTo === "All" || applyTo === "Contents") {
    const dims = wb.hf.getSheetDimensions(s.hfId);
    const r1 = Math.min(rect.r1, dims.height - 1);
    const c1 = Math.min(rect.c1, dims.width - 1);
    if (r1 >= rect.r0 && c1 >= rect.c0) {
      wb.beginWrite();
      wb.hf.setCellContents(
        { sheet: s.hfId, row: rect.r0, col: rect.c0 },
        Array.from({ length: r1 - rect.r0 + 1 }, () => new Array<RawCellContent>(c1 - rect.c0 + 1).fill(null)),
      );
    }
  }
  if (applyTo === "All" || applyTo === "Formats") {
    wb.version++;
    s.formats = s.formats.filter((f) => !(f.rect.r0 >= rect.r0 && f.rect.r1 <= rect.r1 && f.rect.c0 >= rect.c0 && f.rect.c1 <= rect.c1));
    s.formats.push({ rect, fmt: { numberFormat: "General", fill: null, bold: false, italic: false, fontColor: "#000000" } });
    s.conditionalFormats = s.conditionalFormats.filter((cf) => !intersects(cf.rect, rect));
  }
}

/** The used range: the smallest rectangle holding every non-empty cell, or undefined. */
export function usedRect(wb: WorkbookModel, s: SheetModel): Rect | undefined {
  wb.requireLive(s);
  wb.endWrite();
  const dims = wb.hf.getSheetDimensions(s.hfId);
  if (dims.height === 0 || dims.width === 0) return undefined;
  const id = s.hfId;
  const empty = (row: number, col: number): boolean => wb.hf.isCellEmpty({ sheet: id, row, col });
  const rowHas = (r: number): boolean => {
    for (let c = 0; c < dims.width; c++) if (!empty(r, c)) return true;
    return false;
  };
  let r1 = dims.height - 1;
  while (r1 >= 0 && !rowHas(r1)) r1--;
  if (r1 < 0) return undefined;
  let r0 = 0;
  while (!rowHas(r0)) r0++;
  const colHas = (c: number): boolean => {
    for (let r = r0; r <= r1; r++) if (!empty(r, c)) return true;
    return false;
  };
  let c0 = 0;
  while (!colHas(c0)) c0++;
  let c1 = dims.width - 1;
  while (c1 > c0 && !colHas(c1)) c1--;
  return { r0, c0, r1, c1 };
}
