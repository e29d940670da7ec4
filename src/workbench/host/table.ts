/** `Excel.Table` of the workbench host: the table collections, a table, its rows and its columns. DOM-free. */
import { cols, type Rect } from "./address";
import { ClientObject, ClientResultImpl, CollectionProxy, countResult, jsonBytes, loadPaths, notFound, type LoadArg } from "./client";
import type { RequestContextImpl } from "./context";
import { HostError, propertyNotLoaded } from "./errors";
import { defineProps, propsOf, type Accessors } from "./props";
import { RangeProxy } from "./range";
import type { SheetModel, TableModel } from "./workbook";
import { WorksheetProxy } from "./worksheet";

export class TableCollectionProxy extends CollectionProxy<TableModel, TableProxy> {
  constructor(ctx: RequestContextImpl, private readonly sheet: () => SheetModel | undefined) {
    super(ctx, () => {
      const s = sheet();
      return s ? ctx._model.tables.filter((t) => t.sheet === s) : ctx._model.tables;
    });
  }
  protected _wrap(m: TableModel): TableProxy {
    return new TableProxy(this.context, () => m);
  }
  add(address: RangeProxy | string, hasHeaders: boolean): TableProxy {
    let created: TableModel | undefined;
    const t = new TableProxy(this.context, () => created ?? null);
    this.context._queue(jsonBytes(typeof address === "string" ? address : "") + 8, () => {
      const s = this.sheet();
      const ref =
        typeof address === "string"
          ? this._model.resolve(address, s ?? this._model.activeSheet)
          : address._target();
      if (s && ref.sheet !== s) throw new HostError("InvalidArgument", `The address of a table added to '${s.name}' must be on that sheet.`);
      created = this._model.addTable(ref, hasHeaders);
    });
    return t;
  }
  private find(key: string): TableModel | undefined {
    const list = this._target();
    return list.find((t) => t.name.toLowerCase() === key.toLowerCase() || t.id === key);
  }
  getItem(key: string): TableProxy {
    return new TableProxy(this.context, () => this.find(key) ?? notFound("table", key), true);
  }
  getItemOrNullObject(key: string): TableProxy {
    return new TableProxy(this.context, () => this.find(key) ?? null, true, true);
  }
  getItemAt(index: number): TableProxy {
    return new TableProxy(this.context, () => this._target()[index] ?? notFound("table", `#${index}`), true);
  }
}
defineProps(TableCollectionProxy, "TableCollection", {});

const p = propsOf<TableModel>();
const TABLE = {
  name: p.rw<string>(
    (t) => t.name,
    (t, v, m) => m.renameTable(t, v),
  ),
  id: p.ro<string>((t) => t.id),
  style: p.field("style", true),
  showTotals: p.field("showTotals"),
  showHeaders: p.field("showHeaders"),
  showBandedRows: p.field("showBandedRows"),
  showFilterButton: p.field("showFilterButton"),
};

export interface TableProxy extends Accessors<typeof TABLE> {}
export class TableProxy extends ClientObject<TableModel> {
  readonly rows: TableRowCollectionProxy;
  readonly columns: TableColumnCollectionProxy;
  constructor(ctx: RequestContextImpl, resolver: () => TableModel | null, queueResolve = false, nullable = false) {
    super(ctx, () => {
      const t = resolver();
      if (t && !ctx._model.tables.includes(t)) throw new HostError("ItemNotFound", `The table '${t.name}' has been deleted.`);
      return t;
    }, queueResolve, nullable);
    this.rows = new TableRowCollectionProxy(ctx, () => this._target());
    this.columns = new TableColumnCollectionProxy(ctx, () => this._target());
  }
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this._target().sheet);
  }
  private range(f: (t: TableModel) => Rect | null): RangeProxy {
    return new RangeProxy(this.context, () => {
      const t = this._target();
      const r = f(t);
      if (!r) throw new HostError("ItemNotFound", `Table '${t.name}' has no such range.`);
      return { sheet: t.sheet, rect: r };
    }, true);
  }
  getRange(): RangeProxy {
    return this.range((t) => t.rect);
  }
  getHeaderRowRange(): RangeProxy {
    return this.range((t) => ({ ...t.rect, r1: t.rect.r0 }));
  }
  getDataBodyRange(): RangeProxy {
    // An empty table keeps one blank data row, as in Excel.
    return this.range((t) => ({ ...t.rect, r0: t.rect.r0 + 1, r1: Math.max(t.rect.r1, t.rect.r0 + 1) }));
  }
  getTotalRowRange(): RangeProxy {
    return this.range(() => null);
  }
  delete(): void {
    this._call(null, (t) => {
      this._model.clear(t.sheet, t.rect, "All");
      this._model.deleteTable(t);
    });
  }
  convertToRange(): RangeProxy {
    const r = this.getRange();
    this._call(null, (t) => this._model.deleteTable(t));
    return r;
  }
  clearFilters(): void {
    this._call(null, () => undefined);
  }
}
defineProps(TableProxy, "Table", TABLE);

const dataRows = (t: TableModel): number => t.rect.r1 - t.rect.r0;
const TABLE_ROWS = {
  count: p.ro<number>(dataRows),
};

export interface TableRowCollectionProxy extends Accessors<typeof TABLE_ROWS> {}
export class TableRowCollectionProxy extends ClientObject<TableModel> {
  getCount(): ClientResultImpl<number> {
    return countResult(this, () => dataRows(this._target()));
  }
  add(index?: number | null, values?: unknown[][] | boolean | string | number, alwaysInsert?: boolean): void {
    void alwaysInsert;
    const v = Array.isArray(values) ? (Array.isArray(values[0]) ? (values as unknown[][]) : [values as unknown[]]) : undefined;
    this._call(v, (t) => this._model.addTableRows(t, index, v, 1));
  }
  getItemAt(index: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      const t = this._target();
      if (index < 0 || index >= dataRows(t)) notFound("table row", String(index));
      return { sheet: t.sheet, rect: { ...t.rect, r0: t.rect.r0 + 1 + index, r1: t.rect.r0 + 1 + index } };
    }, true);
  }
}
defineProps(TableRowCollectionProxy, "TableRowCollection", TABLE_ROWS);

interface ColumnRef {
  table: TableModel;
  index: number;
}

const TABLE_COLUMNS = {
  count: p.ro<number>((t) => cols(t.rect)),
};

export interface TableColumnCollectionProxy extends Accessors<typeof TABLE_COLUMNS> {}
export class TableColumnCollectionProxy extends ClientObject<TableModel> {
  private _items: TableColumnProxy[] | undefined;
  get items(): TableColumnProxy[] {
    if (!this._items) throw propertyNotLoaded("items", this._className);
    return this._items;
  }
  override load(arg?: LoadArg): this {
    const paths = loadPaths(arg) ?? [];
    const itemPaths = paths.filter((p) => p !== "count" && p !== "items").map((p) => p.replace(/^items\//, ""));
    this.context._queue(16, (after) => {
      const t = this._target();
      const items = Array.from({ length: cols(t.rect) }, (_, i) => new TableColumnProxy(this.context, () => ({ table: t, index: i })));
      const vals = items.map((c) => c._readAll(itemPaths));
      after.push(() => {
        this._items = items;
        this._loaded.set("count", items.length);
        items.forEach((c, i) => c._assign(vals[i]));
      });
    });
    return this;
  }
  getCount(): ClientResultImpl<number> {
    return countResult(this, () => cols(this._target().rect));
  }
  private byName(t: TableModel, key: string | number): number {
    const h = this._model.tableHeaders(t);
    const i = typeof key === "number" ? key - 1 : h.findIndex((x) => x.toLowerCase() === String(key).toLowerCase());
    return i;
  }
  getItem(key: string | number): TableColumnProxy {
    return new TableColumnProxy(this.context, () => {
      const t = this._target();
      const i = this.byName(t, key);
      if (i < 0 || i >= cols(t.rect)) notFound("table column", String(key));
      return { table: t, index: i };
    }, true);
  }
  getItemOrNullObject(key: string | number): TableColumnProxy {
    return new TableColumnProxy(this.context, () => {
      const t = this._target();
      const i = this.byName(t, key);
      return i < 0 || i >= cols(t.rect) ? null : { table: t, index: i };
    }, true, true);
  }
  getItemAt(index: number): TableColumnProxy {
    return new TableColumnProxy(this.context, () => {
      const t = this._target();
      if (index < 0 || index >= cols(t.rect)) notFound("table column", `#${index}`);
      return { table: t, index };
    }, true);
  }
}
defineProps(TableColumnCollectionProxy, "TableColumnCollection", TABLE_COLUMNS);

const c = propsOf<ColumnRef>();
const TABLE_COLUMN = {
  name: c.rw<string>(
    (col, m) => m.tableHeaders(col.table)[col.index],
    (col, v, m) => {
      const rect = { ...col.table.rect, r1: col.table.rect.r0, c0: col.table.rect.c0 + col.index, c1: col.table.rect.c0 + col.index };
      m.writeCells(col.table.sheet, rect, [["'" + v]], "values");
    },
  ),
  index: c.ro<number>((col) => col.index),
  id: c.ro<number>((col) => col.index + 1),
  values: c.ro<unknown[][]>((col, m) => m.readValues(col.table.sheet, { ...col.table.rect, c0: col.table.rect.c0 + col.index, c1: col.table.rect.c0 + col.index })),
};

export interface TableColumnProxy extends Accessors<typeof TABLE_COLUMN> {}
export class TableColumnProxy extends ClientObject<ColumnRef> {
  /** The columns of a collection load read at once (name, index and id unless told). */
  _readAll(paths: string[]): [string, unknown][] {
    const col = this._target();
    return (paths.length ? paths : ["name", "index", "id"]).map((p) => [p, this._readProp(p, col)]);
  }
  _assign(vals: [string, unknown][]): void {
    for (const [k, v] of vals) this._loaded.set(k, v);
  }
  private range(dr0: number, body: boolean | "header"): RangeProxy {
    return new RangeProxy(this.context, () => {
      const col = this._target();
      const t = col.table.rect;
      const x = t.c0 + col.index;
      const r0 = t.r0 + dr0;
      const r1 = body === "header" ? t.r0 : Math.max(t.r1, body ? t.r0 + 1 : t.r1);
      return { sheet: col.table.sheet, rect: { r0, r1, c0: x, c1: x } };
    }, true);
  }
  getRange(): RangeProxy {
    return this.range(0, false);
  }
  getDataBodyRange(): RangeProxy {
    return this.range(1, true);
  }
  getHeaderRowRange(): RangeProxy {
    return this.range(0, "header");
  }
}
defineProps(TableColumnProxy, "TableColumn", TABLE_COLUMN);
