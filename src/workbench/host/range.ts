/** `Excel.Range` of the workbench host: cells, formulas, formats, and the ranges derived from a range. DOM-free. */
import { cols, rows, MAX_COLS, MAX_ROWS, type Rect } from "./address";
import { ClientObject } from "./client";
import { ConditionalFormatCollectionProxy } from "./conditional";
import type { RequestContextImpl } from "./context";
import { HostError } from "./errors";
import { defineProps, propsOf, type Accessors, type Read } from "./props";
import { RangeFormatProxy } from "./range-format";
import type { RangeRef, WorkbookModel } from "./workbook";
import { WorksheetProxy } from "./worksheet";

const p = propsOf<RangeRef>();
/** Every read of a range's property fails on a deleted sheet. */
const live =
  <V>(read: (ref: RangeRef, m: WorkbookModel) => V): Read<RangeRef, unknown, V> =>
  (ref, m) => {
    m.requireLive(ref.sheet);
    return read(ref, m);
  };
/** A per-cell grid: also fails when the range is too large to load. */
const grid =
  <V>(read: (ref: RangeRef, m: WorkbookModel) => V): Read<RangeRef, unknown, V> =>
  (ref, m, _self, name) => {
    m.requireLive(ref.sheet);
    if (rows(ref.rect) * cols(ref.rect) > 5_000_000) {
      throw new HostError("ResponsePayloadSizeLimitExceeded", `Loading ${name} of ${m.address(ref)} exceeds the response limit.`);
    }
    return read(ref, m);
  };
const writeCells =
  (what: "values" | "formulas") =>
  (ref: RangeRef, v: unknown[][], m: WorkbookModel): void =>
    m.writeCells(ref.sheet, ref.rect, v, what);
const writeNumberFormats = (ref: RangeRef, v: unknown[][], m: WorkbookModel): void => m.setNumberFormats(ref.sheet, ref.rect, v);
const address = live((ref, m) => m.address(ref));
const formulas = grid((ref, m) => m.readFormulas(ref.sheet, ref.rect));
const numberFormats = grid((ref, m) => m.readNumberFormats(ref.sheet, ref.rect));

const RANGE = {
  address: p.ro<string>(address),
  addressLocal: p.ro<string>(address),
  rowCount: p.ro<number>(live((ref) => rows(ref.rect))),
  columnCount: p.ro<number>(live((ref) => cols(ref.rect))),
  cellCount: p.ro<number>(live((ref) => rows(ref.rect) * cols(ref.rect))),
  rowIndex: p.ro<number>(live((ref) => ref.rect.r0)),
  columnIndex: p.ro<number>(live((ref) => ref.rect.c0)),
  values: p.rw<unknown[][]>(
    grid((ref, m) => m.readValues(ref.sheet, ref.rect)),
    writeCells("values"),
  ),
  formulas: p.rw<unknown[][]>(formulas, writeCells("formulas")),
  formulasLocal: p.rw<unknown[][]>(formulas, writeCells("formulas")),
  numberFormat: p.rw<unknown[][]>(numberFormats, writeNumberFormats),
  numberFormatLocal: p.rw<unknown[][]>(numberFormats, writeNumberFormats),
  text: p.ro<string[][]>(grid((ref, m) => m.readText(ref.sheet, ref.rect))),
  valueTypes: p.ro<string[][]>(grid((ref, m) => m.valueTypes(ref.sheet, ref.rect))),
  isEntireColumn: p.ro<boolean>(live((ref) => ref.rect.r0 === 0 && ref.rect.r1 === MAX_ROWS - 1)),
  isEntireRow: p.ro<boolean>(live((ref) => ref.rect.c0 === 0 && ref.rect.c1 === MAX_COLS - 1)),
};

function sub(ref: RangeRef, rect: Rect): RangeRef {
  if (rect.r0 < 0 || rect.c0 < 0 || rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLS || rect.r1 < rect.r0 || rect.c1 < rect.c0) {
    throw new HostError("InvalidArgument", "The requested range is outside the sheet.");
  }
  return { sheet: ref.sheet, rect };
}

/** The used cells of `ref` (its intersection with the sheet's used range), or null. */
function usedWithin(m: WorkbookModel, ref: RangeRef): RangeRef | null {
  const u = m.usedRect(ref.sheet);
  const i = u && { r0: Math.max(u.r0, ref.rect.r0), c0: Math.max(u.c0, ref.rect.c0), r1: Math.min(u.r1, ref.rect.r1), c1: Math.min(u.c1, ref.rect.c1) };
  return !i || i.r0 > i.r1 || i.c0 > i.c1 ? null : { sheet: ref.sheet, rect: i };
}

export interface RangeProxy extends Accessors<typeof RANGE> {}
export class RangeProxy extends ClientObject<RangeRef> {
  readonly format: RangeFormatProxy;
  readonly conditionalFormats: ConditionalFormatCollectionProxy;
  constructor(ctx: RequestContextImpl, resolver: () => RangeRef | null, queueResolve = false, nullable = false) {
    super(ctx, resolver, queueResolve, nullable);
    this.format = new RangeFormatProxy(ctx, () => this._target());
    this.conditionalFormats = new ConditionalFormatCollectionProxy(ctx, () => this._target());
  }
  protected override _nav(prop: string): ClientObject<unknown> | undefined {
    if (prop === "format") return this.format as ClientObject<unknown>;
    if (prop === "worksheet") return this.worksheet as ClientObject<unknown>;
    return undefined;
  }
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this._target().sheet);
  }
  private derive(f: (ref: RangeRef) => RangeRef | null, nullable = false): RangeProxy {
    return new RangeProxy(this.context, () => f(this._target()), true, nullable);
  }
  getCell(row: number, column: number): RangeProxy {
    return this.derive((r) => sub(r, { r0: r.rect.r0 + row, c0: r.rect.c0 + column, r1: r.rect.r0 + row, c1: r.rect.c0 + column }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): RangeProxy {
    return this.derive((r) => sub(r, { r0: r.rect.r0 + rowOffset, r1: r.rect.r1 + rowOffset, c0: r.rect.c0 + columnOffset, c1: r.rect.c1 + columnOffset }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, r1: r.rect.r1 + deltaRows, c1: r.rect.c1 + deltaColumns }));
  }
  getAbsoluteResizedRange(numRows: number, numColumns: number): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, r1: r.rect.r0 + numRows - 1, c1: r.rect.c0 + numColumns - 1 }));
  }
  getRow(row: number): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, r0: r.rect.r0 + row, r1: r.rect.r0 + row }));
  }
  getColumn(column: number): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, c0: r.rect.c0 + column, c1: r.rect.c0 + column }));
  }
  getEntireColumn(): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, r0: 0, r1: MAX_ROWS - 1 }));
  }
  getEntireRow(): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, c0: 0, c1: MAX_COLS - 1 }));
  }
  getLastRow(): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, r0: r.rect.r1 }));
  }
  getLastColumn(): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, c0: r.rect.c1 }));
  }
  getLastCell(): RangeProxy {
    return this.derive((r) => sub(r, { r0: r.rect.r1, c0: r.rect.c1, r1: r.rect.r1, c1: r.rect.c1 }));
  }
  getRowsBelow(count = 1): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, r0: r.rect.r1 + 1, r1: r.rect.r1 + count }));
  }
  getRowsAbove(count = 1): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, r0: r.rect.r0 - count, r1: r.rect.r0 - 1 }));
  }
  getColumnsAfter(count = 1): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, c0: r.rect.c1 + 1, c1: r.rect.c1 + count }));
  }
  getColumnsBefore(count = 1): RangeProxy {
    return this.derive((r) => sub(r, { ...r.rect, c0: r.rect.c0 - count, c1: r.rect.c0 - 1 }));
  }
  getBoundingRect(anotherRange: RangeProxy | string): RangeProxy {
    return this.derive((r) => {
      const o = typeof anotherRange === "string" ? this._model.resolve(anotherRange, r.sheet) : anotherRange._target();
      return sub(r, { r0: Math.min(r.rect.r0, o.rect.r0), c0: Math.min(r.rect.c0, o.rect.c0), r1: Math.max(r.rect.r1, o.rect.r1), c1: Math.max(r.rect.c1, o.rect.c1) });
    });
  }
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    void valuesOnly;
    return this.derive((r) => {
      const used = usedWithin(this._model, r);
      if (!used) throw new HostError("ItemNotFound", "The range has no used cells.");
      return used;
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    void valuesOnly;
    return this.derive((r) => usedWithin(this._model, r), true);
  }
  clear(applyTo: string = "All"): void {
    this._call(applyTo, (r) => this._model.clear(r.sheet, r.rect, applyTo));
  }
  select(): void {
    this._call(null, (r) => this._model.activate(r.sheet));
  }
  calculate(): void {
    this._call(null, () => undefined);
  }
}
defineProps(RangeProxy, "Range", RANGE);
