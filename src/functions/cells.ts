/**
 * The cell-level pieces of the runner (./runner.ts): Excel error values in and out, coercion of
 * one cell to a Decimal, the shapes of range arguments, and reading whole ranges and cutoffs.
 */
import { cutoffsValid, DEFAULT_CUTOFF_NUMBERS, DEFAULT_CUTOFFS } from "../core/bands";
import { Decimal, ZERO } from "../core/decimal";
import { DomainError } from "../core/errors";
import { parseStrictDecimal } from "../core/grammar";
import type { BodyArgs, ParamDecl } from "./decl";

// preState values
export const OK = 0;
export const IS_ERROR = 1;
export const BAD_TYPE = 2;
export const BAD_NUMBER = 3;

// Built-ins cached in module scope: in a host whose global object is slow to read (a Node vm
// context, some script runtimes) the hot path then never looks up a global.
export const isArray = Array.isArray;

// ---------------------------------------------------------------------------------------
// Errors

export function cfError(code: CustomFunctions.ErrorCode, message?: string): CustomFunctions.Error {
  return message === undefined ? new CustomFunctions.Error(code) : new CustomFunctions.Error(code, message);
}

export function valueError(message: string): CustomFunctions.Error {
  return cfError(CustomFunctions.ErrorCode.invalidValue, message);
}

export function numErrorValue(): CustomFunctions.Error {
  return cfError(CustomFunctions.ErrorCode.invalidNumber);
}

const ERROR_TYPE_CODES: Readonly<Record<string, string>> = {
  Div0: "#DIV/0!",
  NotAvailable: "#N/A",
  Num: "#NUM!",
  Null: "#NULL!",
  Name: "#NAME?",
  Ref: "#REF!",
  Value: "#VALUE!",
};

/** An incoming error value: a CustomFunctions.Error (code "#...") or an Excel ErrorCellValue. */
export function isErrorValue(x: unknown): boolean {
  if (typeof x !== "object" || x === null || isArray(x)) return false;
  const code = (x as { code?: unknown }).code;
  if (typeof code === "string") return code.charCodeAt(0) === 35; // "#"
  return (x as { type?: unknown }).type === "Error";
}

/** Errors Excel accepts as a custom function's input but not as its result (CustomFunctions.ErrorCode docs). */
const NOT_RETURNABLE: ReadonlySet<string> = new Set(["#REF!", "#NAME?"]);

/**
 * The error value to return for an incoming error of argument `name`: unchanged when it is a
 * CustomFunctions.Error, except #REF! and #NAME?, which Excel does not accept as a result:
 * those give #VALUE! naming the incoming error and the argument ("total_cost is #REF!").
 */
export function passError(x: unknown, name: string): CustomFunctions.Error {
  const code = (x as { code?: unknown }).code;
  if (typeof code === "string") return NOT_RETURNABLE.has(code) ? valueError(`${name} is ${code}`) : (x as CustomFunctions.Error);
  const errorType = String((x as { errorType?: unknown }).errorType ?? "Value");
  const mapped = (ERROR_TYPE_CODES[errorType] ?? "#VALUE!") as CustomFunctions.ErrorCode;
  if (NOT_RETURNABLE.has(mapped)) return valueError(`${name} is ${mapped}`);
  return mapped === CustomFunctions.ErrorCode.invalidValue || mapped === CustomFunctions.ErrorCode.notAvailable
    ? cfError(mapped, `error value #${errorType} passed in`)
    : cfError(mapped);
}

export function domainToError(e: unknown): CustomFunctions.Error {
  if (e instanceof DomainError) {
    switch (e.kind) {
      case "divZero":
        return cfError(CustomFunctions.ErrorCode.divisionByZero);
      case "num":
        return cfError(CustomFunctions.ErrorCode.invalidNumber);
      case "notAvailable":
        return cfError(CustomFunctions.ErrorCode.notAvailable, e.message);
      case "value":
        return cfError(CustomFunctions.ErrorCode.invalidValue, e.message);
    }
  }
  // Not expected; never let an exception escape into Excel.
  return cfError(CustomFunctions.ErrorCode.invalidValue, `internal error: ${e instanceof Error ? e.message : String(e)}`);
}

// ---------------------------------------------------------------------------------------
// Coercion

/** What the last failed `coerce` found: its state (BAD_TYPE, BAD_NUMBER) and #VALUE! message. */
export const coerced = { state: OK, message: "" };

export function describe(x: unknown): string {
  if (typeof x === "string") return x.trim() === "" ? "a blank text" : `the text "${x}"`;
  if (typeof x === "boolean") return `the boolean ${x ? "TRUE" : "FALSE"}`;
  if (isArray(x)) return "a range";
  return `a value of type ${typeof x}`;
}

/**
 * One cell of a number parameter → Decimal, `undefined` (omitted optional without default),
 * or null with coerced.state/coerced.message set. Error values must be checked before.
 */
export function coerce(x: unknown, p: ParamDecl): Decimal | undefined | null {
  if (typeof x === "number") {
    if (x - x === 0) return new Decimal(x); // finite
    coerced.state = BAD_NUMBER;
    return null;
  }
  if (x === null || x === undefined || x === "") {
    if ((p.kind === "each" || p.kind === "scalar") && p.optional === true) return p.default;
    return ZERO;
  }
  if (typeof x === "string") {
    // The spec's plain decimal number after trimming spaces (one grammar: src/core/grammar.ts).
    const t = parseStrictDecimal(x);
    if (t !== null) {
      const d = new Decimal(t);
      if (d.isFinite()) return d;
      coerced.state = BAD_NUMBER;
      return null;
    }
  }
  coerced.state = BAD_TYPE;
  coerced.message = `${p.name} must be a number, not ${describe(x)}`;
  return null;
}

// ---------------------------------------------------------------------------------------
// Shapes

/** Rows and columns of a rectangular non-empty 2D array, or null. */
export function shapeOf(a: unknown[]): [number, number] | null {
  const rows = a.length;
  if (rows === 0) return null;
  const first = a[0];
  if (!isArray(first) || first.length === 0) return null;
  const cols = first.length;
  for (let r = 1; r < rows; r++) {
    const row = a[r];
    if (!isArray(row) || row.length !== cols) return null;
  }
  return [rows, cols];
}

/** A range argument as a list of rows (a single value becomes 1×1); 1D arrays are one row. */
export function asRows(x: unknown): unknown[][] {
  if (!isArray(x)) return [[x]];
  if (x.length > 0 && !isArray(x[0])) return [x];
  return x as unknown[][];
}

/** An optional range argument that was omitted: null, "", or a 1×1 of those. */
export function isOmitted(x: unknown): boolean {
  if (x === null || x === undefined || x === "") return true;
  if (isArray(x) && x.length === 1 && isArray(x[0]) && x[0].length === 1) {
    const v = (x[0] as unknown[])[0];
    return v === null || v === undefined || v === "";
  }
  return false;
}

/** First error value met in a range read row by row, or undefined. */
export function firstErrorIn(x: unknown): unknown {
  const rows = asRows(x);
  for (const row of rows) {
    if (!isArray(row)) {
      if (isErrorValue(row)) return row;
      continue;
    }
    for (const v of row) if (isErrorValue(v)) return v;
  }
  return undefined;
}

/** Components of a repeating parameter: Excel passes an array of ranges. */
export function components(x: unknown): unknown[] {
  if (!isArray(x)) return [x];
  if (x.length > 0 && isArray(x[0]) && x[0].length > 0 && isArray(x[0][0])) return x;
  if (x.length > 0 && isArray(x[0])) return [x];
  return x;
}

// ---------------------------------------------------------------------------------------
// Whole parameters

/** Numbers of a range, read row by row, packed; only finite numbers count. */
export function collectNumbers(x: unknown, out: Decimal[]): void {
  for (const row of asRows(x)) {
    const cells = isArray(row) ? row : [row];
    for (const v of cells) {
      if (typeof v === "number" && v - v === 0) out.push(new Decimal(v));
    }
  }
}

/** Numbers of a range, read row by row, packed, as JavaScript numbers (finite only). */
export function collectPlainNumbers(x: unknown, out: number[]): void {
  for (const row of asRows(x)) {
    const cells = isArray(row) ? row : [row];
    for (const v of cells) {
      if (typeof v === "number" && v - v === 0) out.push(v);
    }
  }
}

/** Parses cutoffs into args.cutoffs; returns a #VALUE! message when malformed. */
export function parseCutoffs(x: unknown, name: string, args: BodyArgs): string | undefined {
  args.cutoffs = DEFAULT_CUTOFFS;
  args.cutoffNumbers = DEFAULT_CUTOFF_NUMBERS;
  if (isOmitted(x)) return undefined;
  const cells: unknown[] = [];
  for (const row of asRows(x)) {
    if (isArray(row)) cells.push(...row);
    else cells.push(row);
  }
  const bad = `${name} must be three numbers in strictly descending order, such as 10, 3, 1`;
  if (cells.length !== 3) return `${bad}; got ${cells.length} cell${cells.length === 1 ? "" : "s"}`;
  const ds: Decimal[] = [];
  for (const c of cells) {
    if (c === null || c === undefined || c === "") return `${bad}; got a blank`;
    const d = coerce(c, { kind: "each", name });
    if (d === null || d === undefined) return `${bad}; got ${describe(c)}`;
    ds.push(d);
  }
  if (!cutoffsValid(ds)) return `${bad}; got ${ds.map((d) => d.toString()).join(", ")}`;
  args.cutoffs = ds;
  const plain = ds.map((d) => d.toNumber());
  args.cutoffNumbers = plain.every((x, i) => new Decimal(x).eq(ds[i])) ? plain : null;
  return undefined;
}
