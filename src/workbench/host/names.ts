/** `Excel.NamedItemCollection` and `Excel.NamedItem` of the workbench host. DOM-free. */
import { ClientObject, CollectionProxy, jsonBytes, notFound } from "./client";
import type { RequestContextImpl } from "./context";
import { defineProps, propsOf, type Accessors } from "./props";
import { RangeProxy } from "./range";
import type { NameModel } from "./workbook";

export class NamedItemCollectionProxy extends CollectionProxy<NameModel, NamedItemProxy> {
  constructor(ctx: RequestContextImpl) {
    super(ctx, () => ctx._model.names);
  }
  protected _wrap(m: NameModel): NamedItemProxy {
    return new NamedItemProxy(this.context, () => m);
  }
  add(name: string, reference: RangeProxy | string, comment?: string): NamedItemProxy {
    let created: NameModel | undefined;
    const p = new NamedItemProxy(this.context, () => created ?? null);
    this.context._queue(jsonBytes([name, typeof reference === "string" ? reference : "", comment]), () => {
      created = this._model.addName(name, typeof reference === "string" ? reference : reference._target(), comment ?? "");
    });
    return p;
  }
  addFormulaLocal(name: string, formula: string, comment?: string): NamedItemProxy {
    return this.add(name, formula, comment);
  }
  getItem(name: string): NamedItemProxy {
    return new NamedItemProxy(this.context, () => this._model.nameByName(name) ?? notFound("named item", name), true);
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(this.context, () => this._model.nameByName(name) ?? null, true, true);
  }
}
defineProps(NamedItemCollectionProxy, "NamedItemCollection", {});

const p = propsOf<NameModel>();
const NAMED_ITEM = {
  name: p.ro<string>((n) => n.name),
  formula: p.ro<string>((n) => n.formula),
  /** A range name's address, else the formula's value (its top-left one for an array). */
  value: p.ro<unknown>((n, m) => {
    const r = m.nameRange(n);
    if (r) return m.address(r);
    const v = m.nameValue(n);
    return Array.isArray(v) ? v[0]?.[0] : v;
  }),
  type: p.ro<string>((n, m) => (m.nameRange(n) ? "Range" : "Formula")),
  comment: p.field("comment"),
  visible: p.field("visible"),
};

export interface NamedItemProxy extends Accessors<typeof NAMED_ITEM> {}
export class NamedItemProxy extends ClientObject<NameModel> {
  getRange(): RangeProxy {
    return new RangeProxy(this.context, () => this._model.nameRange(this._target()) ?? notFound("range of name", this._target().name), true);
  }
  getRangeOrNullObject(): RangeProxy {
    return new RangeProxy(this.context, () => this._model.nameRange(this._target()) ?? null, true, true);
  }
  delete(): void {
    this._call(null, (n) => this._model.deleteName(n));
  }
}
defineProps(NamedItemProxy, "NamedItem", NAMED_ITEM);
