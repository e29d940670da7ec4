/** Settings, custom properties and document properties of the workbench host: keyed values. DOM-free. */
import { ClientObject, CollectionProxy, jsonBytes, notFound } from "./client";
import type { RequestContextImpl } from "./context";
import { HostError } from "./errors";
import { defineProps, propsOf, type Accessors } from "./props";
import type { WorkbookModel } from "./workbook";

interface KV {
  key: string;
  value: unknown;
}

abstract class KVCollection<P extends ClientObject<unknown>> extends CollectionProxy<KV, P> {
  constructor(ctx: RequestContextImpl, private readonly map: () => Map<string, KV>) {
    super(ctx, () => [...map().values()]);
  }
  protected abstract _make(resolver: () => KV | null, queue: boolean, nullable: boolean): P;
  protected _wrap(m: KV): P {
    return this._make(() => m, false, false);
  }
  protected _validate(key: string, value: unknown): void {
    void key;
    void value;
  }
  add(key: string, value: unknown): P {
    let created: KV | undefined;
    const p = this._make(() => created ?? null, false, false);
    this.context._queue(jsonBytes([key, value]), () => {
      this._validate(key, value);
      const m = this.map();
      const k = key.toLowerCase();
      const existing = m.get(k);
      if (existing) existing.value = value;
      else m.set(k, { key, value });
      created = m.get(k);
      this._model.version++;
    });
    return p;
  }
  getItem(key: string): P {
    return this._make(() => this.map().get(key.toLowerCase()) ?? notFound(this._className, key), true, false);
  }
  getItemOrNullObject(key: string): P {
    return this._make(() => this.map().get(key.toLowerCase()) ?? null, true, true);
  }
  _remove(kv: KV): void {
    this.map().delete(kv.key.toLowerCase());
    this._model.version++;
  }
}

const kv = propsOf<KV>();
const KEYED_VALUE = {
  key: kv.ro<string>((x) => x.key),
  /** A copy, as a response would carry it (a Date stays a Date). */
  value: kv.rw<unknown>(
    (x) => (x.value instanceof Date ? new Date(x.value) : JSON.parse(JSON.stringify(x.value ?? null))),
    (x, v, m) => {
      x.value = v;
      m.version++;
    },
  ),
  type: kv.ro<string>((x) => (typeof x.value === "number" ? "Number" : typeof x.value === "boolean" ? "Boolean" : x.value instanceof Date ? "Date" : "String")),
};

interface KVProxy extends Accessors<typeof KEYED_VALUE> {}
abstract class KVProxy extends ClientObject<KV> {
  constructor(ctx: RequestContextImpl, resolver: () => KV | null, queue: boolean, nullable: boolean, private readonly remove: (kv: KV) => void) {
    super(ctx, resolver, queue, nullable);
  }
  delete(): void {
    this._call(null, (x) => this.remove(x));
  }
}
defineProps(KVProxy, "KeyedValue", KEYED_VALUE);

export class SettingProxy extends KVProxy {
}
defineProps(SettingProxy, "Setting", {});
export class SettingCollectionProxy extends KVCollection<SettingProxy> {
  constructor(ctx: RequestContextImpl) {
    super(ctx, () => ctx._model.settings);
  }
  protected _make(resolver: () => KV | null, queue: boolean, nullable: boolean): SettingProxy {
    return new SettingProxy(this.context, resolver, queue, nullable, (x) => this._remove(x));
  }
  protected override _validate(key: string, value: unknown): void {
    if (typeof key !== "string" || key === "") throw new HostError("InvalidArgument", "A setting key must be a non-empty string.");
    if (jsonBytes(value) > 2 * 1024 * 1024) throw new HostError("InvalidArgument", `Setting '${key}' is too large.`);
  }
}
defineProps(SettingCollectionProxy, "SettingCollection", {});

export class CustomPropertyProxy extends KVProxy {
}
defineProps(CustomPropertyProxy, "CustomProperty", {});
export class CustomPropertyCollectionProxy extends KVCollection<CustomPropertyProxy> {
  constructor(ctx: RequestContextImpl) {
    super(ctx, () => ctx._model.customProperties);
  }
  protected _make(resolver: () => KV | null, queue: boolean, nullable: boolean): CustomPropertyProxy {
    return new CustomPropertyProxy(this.context, resolver, queue, nullable, (x) => this._remove(x));
  }
  protected override _validate(key: string, value: unknown): void {
    if (typeof key !== "string" || key === "" || key.length > 255) throw new HostError("InvalidArgument", "A custom property key must be 1 to 255 characters.");
    if (typeof value === "string" && value.length > 255) throw new HostError("InvalidArgument", `Custom property '${key}': a string value is limited to 255 characters.`);
    if (!["string", "number", "boolean"].includes(typeof value) && !(value instanceof Date)) {
      throw new HostError("InvalidArgument", `Custom property '${key}' must be a string, number, boolean or Date.`);
    }
  }
  deleteAll(): void {
    this.context._queue(8, () => {
      this._model.customProperties.clear();
    });
  }
}
defineProps(CustomPropertyCollectionProxy, "CustomPropertyCollection", {});

/** Built-in document properties are held by the proxy (the model has none); only `title` has an accessor. */
const d = propsOf<WorkbookModel, { readonly _props: Record<string, string> }>();
const stored = d.load<string>((_m, _model, self, name) => self._props[name] ?? "");
const DOCUMENT_PROPERTIES = {
  title: d.rw<string>(
    (_m, _model, self, name) => self._props[name] ?? "",
    (_m, v, _model, self) => {
      self._props.title = v;
    },
  ),
  author: stored,
  subject: stored,
  comments: stored,
};

export interface DocumentPropertiesProxy extends Accessors<typeof DOCUMENT_PROPERTIES> {}
export class DocumentPropertiesProxy extends ClientObject<WorkbookModel> {
  readonly custom: CustomPropertyCollectionProxy;
  readonly _props: Record<string, string> = {};
  constructor(ctx: RequestContextImpl) {
    super(ctx, () => ctx._model);
    this.custom = new CustomPropertyCollectionProxy(ctx);
  }
}
defineProps(DocumentPropertiesProxy, "DocumentProperties", DOCUMENT_PROPERTIES);
