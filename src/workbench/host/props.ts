/**
 * Property tables: each Excel object of the host declares its scalar properties once, in a table
 * (name → how a load reads it from the model, whether and how a write applies), and
 * `defineProps` puts the accessors on the class's prototype from it. Every accessor follows
 * the office.js rules the host keeps:
 *
 * - a read before `load()` and `sync()` throws PropertyNotLoaded (`_get`);
 * - a write is readable at once and queued, applied at sync (`_set`);
 * - `load()` with no argument loads every table property, in table order; a name not in
 *   the table fails the sync with InvalidArgument.
 *
 * `Accessors<typeof TABLE>` is the instance type the table gives (readonly where it has no
 * write), merged into the class by an interface of the same name, so the class still
 * type-checks against the @types/office-js shapes it stands in for. DOM-free.
 */
import type { WorkbookModel } from "./workbook";

/** Reads a property from the model object `t` at apply time (the value a load gives). */
export type Read<T, O, V> = (t: T, m: WorkbookModel, self: O, name: string) => V;
/** Applies a written value to the model object `t` at sync. */
export type Write<T, O, V> = (t: T, v: V, m: WorkbookModel, self: O) => void;

/**
 * One row of a property table. `mode`: "ro" a getter, "rw" a getter and a setter, "load" no
 * accessor (loadable and in toJSON only: Excel has it, the add-in does not use it, or the
 * class writes its accessor by hand).
 */
export interface Prop<T, O, V, M extends Mode = Mode> {
  readonly mode: M;
  readonly read: Read<T, O, V | undefined>;
  readonly write?: Write<T, O, V>;
  /** Type only: the property's value type. */
  readonly _value?: (v: V) => V;
}
type Mode = "ro" | "rw" | "load";

/** A table's rows as `defineProps` sees them (value types erased). */
export interface PropRow<T, O> {
  readonly mode: Mode;
  readonly read: (t: T, m: WorkbookModel, self: O, name: string) => unknown;
  readonly write?: (t: T, v: never, m: WorkbookModel, self: O) => void;
}
export type PropTable<T, O> = Record<string, PropRow<T, O>>;

const none = (): undefined => undefined;
const ignore = (): void => undefined;

/**
 * The row builders for objects over model type `T` (and, where a read needs the proxy itself,
 * the members `O` it reads). The value type is given explicitly: `rw<string>(read, write)`.
 */
export function propsOf<T, O = unknown>() {
  return {
    /** Read-only. */
    ro: <V>(read: Read<T, O, V>): Prop<T, O, V, "ro"> => ({ mode: "ro", read }),
    /** Read and write; without `write` the value is accepted and ignored (as the renderer ignores it). */
    rw: <V>(read: Read<T, O, V>, write?: Write<T, O, V>): Prop<T, O, V, "rw"> => ({ mode: "rw", read, write: write ?? ignore }),
    /** A model field read and written as it is; `touch`: the write changes what the grid shows (bumps the model's version). */
    field: <K extends keyof T>(key: K, touch = false): Prop<T, O, T[K], "rw"> => ({
      mode: "rw",
      read: (t) => t[key],
      write: (t, v, m) => {
        t[key] = v;
        if (touch) m.version++;
      },
    }),
    /** Accepted and ignored both ways: a write is queued and dropped, a load gives undefined. */
    ignored: <V>(): Prop<T, O, V, "rw"> => ({ mode: "rw", read: none, write: ignore }),
    /** Loadable only, no accessor. */
    load: <V>(read: Read<T, O, V>): Prop<T, O, V, "load"> => ({ mode: "load", read }),
  };
}

type ValueOf<P> = P extends { readonly _value?: (v: infer V) => unknown } ? V : never;
type Keys<Tab, M extends Mode> = { [K in keyof Tab]: Tab[K] extends { readonly mode: M } ? K : never }[keyof Tab];

/** The accessors a table gives an instance. */
export type Accessors<Tab> = { readonly [K in Keys<Tab, "ro">]: ValueOf<Tab[K]> } & { -readonly [K in Keys<Tab, "rw">]: ValueOf<Tab[K]> };

/** What an accessor needs of the object it is defined on (ClientObject has it). */
export interface PropHost<T> {
  readonly _model: WorkbookModel;
  _get(prop: string): unknown;
  _set(prop: string, value: unknown, apply: (t: T) => void): void;
}

/** A class's table as the load machinery uses it, on each prototype as `_table`. */
export interface LoadTable {
  /** The class's name in errors (Excel's: "Range", "Worksheet", …). */
  readonly className: string;
  /** Loadable names, in table order, after those of the base class (what `load()` with no argument loads). */
  readonly names: readonly string[];
  /** The read of a loadable name (absent: not loadable). */
  read(name: string): ErasedRead | undefined;
}
type ErasedRead = (t: never, m: WorkbookModel, self: never, name: string) => unknown;

function loadTable(className: string, table: PropTable<never, never>, base: LoadTable | undefined): LoadTable {
  const reads = new Map<string, ErasedRead>(base ? base.names.map((n) => [n, base.read(n) as ErasedRead]) : []);
  for (const [k, row] of Object.entries(table)) reads.set(k, row.read as ErasedRead);
  const names = [...reads.keys()];
  return { className, names, read: (name) => reads.get(name) };
}

/**
 * Declares an Excel object class: its name in errors, and its property table (added to its base
 * class's). Defines the table's accessors, and the table as `_table`, on the class's prototype.
 */
export function defineProps<T, O extends PropHost<T>>(cls: abstract new (...args: never[]) => O, className: string, table: PropTable<T, O>): void {
  const proto = cls.prototype as object;
  const base = (Object.getPrototypeOf(proto) as { _table?: LoadTable })._table;
  Object.defineProperty(proto, "_table", { value: loadTable(className, table as PropTable<never, never>, base), configurable: true });
  for (const [name, row] of Object.entries(table)) {
    if (row.mode === "load") continue;
    const write = row.write as Write<T, O, unknown> | undefined;
    Object.defineProperty(proto, name, {
      configurable: true,
      get(this: O): unknown {
        return this._get(name);
      },
      set:
        row.mode === "rw" && write
          ? function (this: O, v: unknown): void {
              this._set(name, v, (t) => write(t, v, this._model, this));
            }
          : undefined,
    });
  }
}
