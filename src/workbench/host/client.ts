/**
 * The base of every Excel object of the host: queued writes and calls, `load()` over the
 * class's property table (props.ts), the PropertyNotLoaded rule, null objects, and the
 * collection base with `items`/`count`. As in Excel, nothing reaches the model before
 * `context.sync()`. DOM-free.
 */
import type { RequestContextImpl } from "./context";
import { HostError, propertyNotLoaded } from "./errors";
import { defineProps, propsOf, type Accessors, type LoadTable } from "./props";
import type { WorkbookModel } from "./workbook";

export type After = (() => void)[];
export interface Op {
  bytes: number;
  apply(after: After): void;
}

/** The JSON size of a value in UTF-8 bytes (what a request or response would carry). */
export function jsonBytes(v: unknown): number {
  if (v === undefined) return 0;
  const s = JSON.stringify(v);
  if (s === undefined) return 0;
  let n = s.length;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) n += s.charCodeAt(i) > 2047 ? 2 : 1;
  return n;
}

export type LoadArg = string | string[] | { select?: string | string[]; expand?: string | string[] } | undefined;

export function loadPaths(arg: LoadArg): string[] | undefined {
  if (arg === undefined || arg === null) return undefined;
  const split = (x: string | string[]): string[] => (Array.isArray(x) ? x : x.split(",")).map((s) => s.trim()).filter(Boolean);
  if (typeof arg === "string" || Array.isArray(arg)) return split(arg);
  return [...(arg.select ? split(arg.select) : []), ...(arg.expand ? split(arg.expand) : [])];
}

export function notFound(kind: string, key: string): never {
  throw new HostError("ItemNotFound", `The requested resource doesn't exist: ${kind} '${key}'.`);
}

/** `ClientResult<T>`: a value available after the next sync. */
export class ClientResultImpl<T> {
  private _v: T | undefined;
  private _ready = false;
  _set(v: T): void {
    this._v = v;
    this._ready = true;
  }
  get value(): T {
    if (!this._ready) throw propertyNotLoaded("value", "ClientResult");
    return this._v as T;
  }
}

/** Base of every API object: queued writes, loads and the PropertyNotLoaded rule. */
export abstract class ClientObject<T> {
  /** The class's property table (set on each prototype by `defineProps`). */
  declare readonly _table: LoadTable;
  protected _loaded = new Map<string, unknown>();
  private _cached: { v: T | null } | undefined;
  private _nullKnown: boolean | undefined;
  constructor(
    readonly context: RequestContextImpl,
    private readonly _resolver: () => T | null,
    queueResolve = false,
    /** A `…OrNullObject` result: `isNullObject` is loadable, and a load of a missing object loads nothing. */
    protected readonly _nullable = false,
  ) {
    if (queueResolve) {
      this.context._queue(16, (after) => {
        const v = this._target(true);
        after.push(() => {
          this._nullKnown = v === null;
        });
      });
    }
  }
  /** The name in errors (from the class's `defineProps`; a class whose name depends on the instance overrides it). */
  protected get _className(): string {
    return this._table.className;
  }
  /** Navigation properties (for load paths like "format/fill/color"). */
  protected _nav(prop: string): ClientObject<unknown> | undefined {
    void prop;
    return undefined;
  }
  get _model(): WorkbookModel {
    return this.context._model;
  }
  /** The model object, resolved (once) at apply time. */
  _target(allowNull = false): T {
    if (!this._cached) {
      const v = this._resolver();
      this._cached = { v };
    }
    const v = this._cached.v;
    if (v === null) {
      if (allowNull) return null as T;
      throw new HostError("ItemNotFound", `The requested resource doesn't exist (${this._className} is a null object).`);
    }
    return v;
  }
  get isNullObject(): boolean {
    if (!this._nullable) return false;
    if (this._nullKnown === undefined) throw propertyNotLoaded("isNullObject", this._className);
    return this._nullKnown;
  }
  /** A loaded (or written) property; PropertyNotLoaded before. */
  _get<V>(prop: string): V {
    if (!this._loaded.has(prop)) throw propertyNotLoaded(prop, this._className);
    return this._loaded.get(prop) as V;
  }
  /** Queues a property write; the written value is readable at once (as in office.js). */
  _set(prop: string, value: unknown, apply: (t: T) => void): void {
    this._loaded.set(prop, value);
    this.context._queue(jsonBytes(value) + prop.length, () => apply(this._target()));
  }
  protected _call(args: unknown, apply: (t: T) => void): void {
    this.context._queue(jsonBytes(args), () => apply(this._target()));
  }
  /** Reads a table property from the model object (at apply time); undefined for a name not in the table. */
  _readProp(prop: string, t: T): unknown {
    const read = this._table.read(prop);
    return read ? read(t as never, this._model, this as never, prop) : undefined;
  }
  load(arg?: LoadArg): this {
    const table = this._table;
    const paths = loadPaths(arg) ?? [...table.names];
    const own: string[] = [];
    for (const p of paths) {
      const [head, ...rest] = p.split("/");
      const nav = this._nav(head);
      if (nav) nav.load(rest.length ? rest.join("/") : undefined);
      else own.push(head);
    }
    const bad = own.filter((p) => !table.read(p));
    this.context._queue(jsonBytes(own), (after) => {
      if (bad.length) throw new HostError("InvalidArgument", `${this._className} has no property ${bad.join(", ")} that the workbench can load.`);
      const t = this._target(this._nullable);
      if (t === null) return;
      const vals = own.map((p) => [p, this._readProp(p, t)] as const);
      this.context._checkResponse(jsonBytes(vals.map((v) => v[1])), `${this._className} ${own.join(",")}`);
      after.push(() => {
        for (const [p, v] of vals) this._loaded.set(p, v);
      });
    });
    return this;
  }
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}
defineProps(ClientObject, "ClientObject", {});

/** `getCount()`: the count as a ClientResult after the next sync. */
export function countResult(o: ClientObject<unknown>, count: () => number): ClientResultImpl<number> {
  const r = new ClientResultImpl<number>();
  o.context._queue(8, (after) => {
    const n = count();
    after.push(() => r._set(n));
  });
  return r;
}

const list = propsOf<unknown[]>();
const COLLECTION = {
  count: list.ro<number>((l) => l.length),
};

/** A collection over a model list: `items` and `count` load together with each item's properties. */
export interface CollectionProxy<M, P extends ClientObject<unknown>> extends Accessors<typeof COLLECTION> {}
export abstract class CollectionProxy<M, P extends ClientObject<unknown>> extends ClientObject<M[]> {
  protected _items: P[] | undefined;
  protected abstract _wrap(m: M): P;
  get items(): P[] {
    if (!this._items) throw propertyNotLoaded("items", this._className);
    return this._items;
  }
  override load(arg?: LoadArg): this {
    const paths = loadPaths(arg) ?? [];
    const itemPaths = paths.filter((p) => p !== "count" && p !== "items").map((p) => p.replace(/^items\//, ""));
    this.context._queue(jsonBytes(paths), (after) => {
      const list = this._target();
      const wrapped = list.map((m) => this._wrap(m));
      // Each item loads its properties in this same sync.
      for (const w of wrapped) {
        const ops = this.context._ops;
        this.context._ops = [];
        w.load(itemPaths.length ? itemPaths : undefined);
        const mine = this.context._ops;
        this.context._ops = ops;
        for (const op of mine) op.apply(after);
      }
      const count = list.length;
      after.push(() => {
        this._items = wrapped;
        this._loaded.set("count", count);
      });
    });
    return this;
  }
  getCount(): ClientResultImpl<number> {
    return countResult(this, () => this._target().length);
  }
}
defineProps(CollectionProxy as abstract new (...args: never[]) => CollectionProxy<unknown, ClientObject<unknown>>, "Collection", COLLECTION);
