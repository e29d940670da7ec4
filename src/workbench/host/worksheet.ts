/** `Excel.WorksheetCollection`, `Excel.Worksheet` and its freeze panes, in the workbench host. DOM-free. */
import { MAX_COLS, MAX_ROWS, parseAddress } from "./address";
import { ChartCollectionProxy } from "./chart";
import { ClientObject, CollectionProxy, jsonBytes, notFound } from "./client";
import type { RequestContextImpl } from "./context";
import { HostError } from "./errors";
import { defineProps, propsOf, type Accessors, type Read } from "./props";
import { PageLayoutProxy } from "./page-layout";
import { RangeProxy } from "./range";
import { TableCollectionProxy } from "./table";
import type { SheetModel, WorkbookModel } from "./workbook";

export class WorksheetCollectionProxy extends CollectionProxy<SheetModel, WorksheetProxy> {
  constructor(ctx: RequestContextImpl) {
    super(ctx, () => ctx._model.sheets);
  }
  protected _wrap(s: SheetModel): WorksheetProxy {
    return new WorksheetProxy(this.context, () => s);
  }
  add(name?: string): WorksheetProxy {
    let created: SheetModel | undefined;
    const ws = new WorksheetProxy(this.context, () => created ?? null);
    this.context._queue(jsonBytes(name), () => {
      created = this._model.addSheet(name);
    });
    return ws;
  }
  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this._model.sheetByName(key) ?? this._model.sheetById(key) ?? notFound("worksheet", key), true);
  }
  getItemOrNullObject(key: string): WorksheetProxy {
    const ws = new WorksheetProxy(this.context, () => this._model.sheetByName(key) ?? this._model.sheetById(key) ?? null, true, true);
    return ws;
  }
  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this._model.activeSheet ?? notFound("worksheet", "(active)"), true);
  }
  getFirst(visibleOnly?: boolean): WorksheetProxy {
    return new WorksheetProxy(this.context, () => (visibleOnly ? this._model.sheets.find((s) => s.visibility === "Visible") : this._model.sheets[0]) ?? notFound("worksheet", "(first)"), true);
  }
  getLast(visibleOnly?: boolean): WorksheetProxy {
    return new WorksheetProxy(this.context, () => {
      const l = visibleOnly ? this._model.sheets.filter((s) => s.visibility === "Visible") : this._model.sheets;
      return l[l.length - 1] ?? notFound("worksheet", "(last)");
    }, true);
  }
}
defineProps(WorksheetCollectionProxy, "WorksheetCollection", {});

const p = propsOf<SheetModel>();
/** Every read of a sheet's property fails on a deleted sheet. */
const live =
  <V>(read: (s: SheetModel, m: WorkbookModel) => V): Read<SheetModel, unknown, V> =>
  (s, m) => {
    m.requireLive(s);
    return read(s, m);
  };
const WORKSHEET = {
  name: p.rw<string>(
    live((s) => s.name),
    (s, v, m) => m.renameSheet(s, v),
  ),
  id: p.ro<string>(live((s) => s.id)),
  position: p.rw<number>(
    live((s, m) => m.sheets.indexOf(s)),
    (s, v, m) => m.moveSheet(s, v),
  ),
  visibility: p.rw<string>(
    live((s) => s.visibility),
    (s, v, m) => m.setVisibility(s, v),
  ),
  tabColor: p.rw<string>(
    live((s) => s.tabColor),
    (s, v) => {
      s.tabColor = v;
    },
  ),
  showGridlines: p.rw<boolean>(
    live((s) => s.showGridlines),
    (s, v) => {
      s.showGridlines = v;
    },
  ),
  standardWidth: p.load<number>(live(() => 8.43)),
};

export interface WorksheetProxy extends Accessors<typeof WORKSHEET> {}
export class WorksheetProxy extends ClientObject<SheetModel> {
  readonly tables: TableCollectionProxy;
  readonly charts: ChartCollectionProxy;
  readonly freezePanes: FreezePanesProxy;
  readonly pageLayout: PageLayoutProxy;
  constructor(ctx: RequestContextImpl, resolver: () => SheetModel | null, queueResolve = false, nullable = false) {
    super(ctx, resolver, queueResolve, nullable);
    this.tables = new TableCollectionProxy(ctx, () => this._target());
    this.charts = new ChartCollectionProxy(ctx, () => this._target());
    this.freezePanes = new FreezePanesProxy(ctx, () => this._target());
    this.pageLayout = new PageLayoutProxy(ctx, () => this._target());
  }
  activate(): void {
    this._call(null, (s) => this._model.activate(s));
  }
  delete(): void {
    this._call(null, (s) => this._model.deleteSheet(s));
  }
  calculate(): void {
    this._call(null, () => undefined);
  }
  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.context, () => {
      const s = this._target();
      if (address === undefined || address === "") return { sheet: s, rect: { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 } };
      const p = parseAddress(address);
      if (p.sheet !== undefined && p.sheet.toLowerCase() !== s.name.toLowerCase()) {
        throw new HostError("InvalidArgument", `The address '${address}' names another sheet than '${s.name}'.`);
      }
      return { sheet: s, rect: p.rect };
    }, true);
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      if (![startRow, startColumn, rowCount, columnCount].every(Number.isInteger) || startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1 || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLS) {
        throw new HostError("InvalidArgument", `getRangeByIndexes(${startRow}, ${startColumn}, ${rowCount}, ${columnCount}) is outside the sheet.`);
      }
      return { sheet: this._target(), rect: { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 } };
    }, true);
  }
  getCell(row: number, column: number): RangeProxy {
    return this.getRangeByIndexes(row, column, 1, 1);
  }
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    void valuesOnly;
    return new RangeProxy(this.context, () => {
      const s = this._target();
      return { sheet: s, rect: this._model.usedRect(s) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    }, true);
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    void valuesOnly;
    return new RangeProxy(this.context, () => {
      const s = this._target();
      const r = this._model.usedRect(s);
      return r ? { sheet: s, rect: r } : null;
    }, true, true);
  }
}
defineProps(WorksheetProxy, "Worksheet", WORKSHEET);

/** `Excel.WorksheetFreezePanes`: no properties, four calls. */
export class FreezePanesProxy extends ClientObject<SheetModel> {
  freezeRows(count?: number): void {
    this._call(count, (s) => {
      s.freezeRows = count ?? 1;
      this._model.version++;
    });
  }
  freezeColumns(count?: number): void {
    this._call(count, (s) => {
      s.freezeCols = count ?? 1;
      this._model.version++;
    });
  }
  freezeAt(range: RangeProxy | string): void {
    this._call(typeof range === "string" ? range : null, (s) => {
      const r = typeof range === "string" ? this._model.resolve(range, s).rect : range._target().rect;
      s.freezeRows = r.r1 + 1;
      s.freezeCols = r.c1 + 1;
      this._model.version++;
    });
  }
  unfreeze(): void {
    this._call(null, (s) => {
      s.freezeRows = 0;
      s.freezeCols = 0;
    });
  }
}
defineProps(FreezePanesProxy, "WorksheetFreezePanes", {});
