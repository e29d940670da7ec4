/**
 * The one place that turns Excel arguments into decimals, broadcasts ranges, and maps
 * problems to Excel error values, for every AIECON custom function.
 *
 * A function is declared (src/functions/table.ts) as a list of parameters and a pure body
 * that takes Decimals (src/core). The runner:
 *  1. classifies each argument: a single value, a range, or the whole-range parameters
 *     (aggregate ranges, repeating ranges, cutoffs) that it reads in full;
 *  2. decides the whole-call problems: an incoming error value in a whole-range parameter,
 *     ranges of different shapes, a multi-cell range where one value is required,
 *     malformed cutoffs, ranges of different shapes for paired ranges;
 *  3. computes each cell: incoming error values first (left to right), then coercion
 *     (left to right, #VALUE! with a message naming the argument), then the body, whose
 *     DomainError becomes #DIV/0!, #NUM!, #N/A or #VALUE!.
 * It never throws.
 *
 * `CustomFunctions` is a global of the host (Excel, the workbench, the vm test); it is
 * only read when a function runs, never at load time.
 */
import { cutoffsValid, DEFAULT_CUTOFF_NUMBERS, DEFAULT_CUTOFFS, type Cutoffs } from "../core/bands";
import { Decimal, ZERO } from "../core/decimal";
import { DomainError } from "../core/errors";
import { parseStrictDecimal } from "../core/grammar";
import { relationViolation, violation, type Relation, type Rule } from "../core/rules";

/** A value of a cell computed by a body; an aggregate that spills returns rows of them. */
export type BodyValue = Decimal | string;
export type BodyResult = BodyValue | BodyValue[][];

/** What a body sees: single values (one per element-wise/scalar parameter), lists, paired cells, cutoffs. */
export interface BodyArgs {
  /** Element-wise and scalar parameters, by slot; `undefined` for an omitted optional without default. */
  v: (Decimal | undefined)[];
  /** Aggregate ranges (packed numbers) and repeating ranges (all numbers of all components), by slot. */
  lists: Decimal[][];
  /** Aggregate and repeating ranges declared `numbers: true`: the packed numbers as read (each is exactly the Decimal of its shortest form). */
  numbers: number[][];
  /** Paired ranges: the numbers of each cell position, `null` where the cell is not a number. */
  cells: (Decimal | null)[][];
  /** Paired ranges declared `numbers: true`: the plain number of each cell position, NaN where not a number. */
  pairNumbers: number[][];
  /** Cutoffs (default 10, 3, 1). */
  cutoffs: Cutoffs;
  /** The cutoffs as plain numbers when each is exactly a double (what a number cell gives), else null. */
  cutoffNumbers: readonly number[] | null;
  /** Text parameters, by slot (their default when omitted). */
  texts: string[];
}

/**
 * The domain of a number argument, checked as soon as the argument is read (left to right):
 * `rule` on its own value, `relation` against an earlier argument (given by parameter index).
 */
interface Domain {
  rule?: Rule;
  relation?: Relation;
}

export type ParamDecl =
  /** A number, broadcast element-wise over ranges. */
  | ({ kind: "each"; name: string; optional?: false } & Domain)
  /** An optional number, broadcast; null and "" mean omitted → default (`undefined`: "not given"). */
  | ({ kind: "each"; name: string; optional: true; default: Decimal | undefined } & Domain)
  /** One number, never broadcast (a multi-cell range is #VALUE!). */
  | ({ kind: "scalar"; name: string; optional?: false } & Domain)
  | ({ kind: "scalar"; name: string; optional: true; default: Decimal | undefined } & Domain)
  /** A range read row by row; only numbers count, packed. */
  | { kind: "range"; name: string; numbers?: boolean }
  /** A range paired cell by cell with another `paired` parameter of the same shape (`numbers`: as plain numbers, NaN where not a number). */
  | { kind: "paired"; name: string; with: number; numbers?: boolean }
  /** Repeating ranges (or single values) whose numbers are all collected, as SUM does. */
  | { kind: "repeating"; name: string; numbers?: boolean }
  /** Three numbers in strictly descending order, default 10, 3, 1. */
  | { kind: "cutoffs"; name: string; optional: true }
  /** An optional text (a single value; blank or omitted → default; a number or boolean is #VALUE!). */
  | { kind: "text"; name: string; optional: true; default: string };

export interface FunctionDecl {
  id: string;
  /** True when the function is element-wise: it returns a 2D array (a spill). */
  elementwise: boolean;
  /** An aggregate whose body returns rows (COSTBRIDGE, FORECASTUNITCOST): the result is always a 2D array. */
  spills?: boolean;
  params: readonly ParamDecl[];
  body: (a: BodyArgs) => BodyResult;
  /**
   * Optional exact shortcut on plain numbers (one per element-wise/scalar parameter, an
   * omitted optional as its default): returns exactly what body would give, converted to a
   * number, or undefined when it cannot guarantee that (invalid or unusual input) — the runner
   * then takes the decimal path, which also produces the errors.
   */
  fast?: (x: number[], a: BodyArgs) => number | string | undefined;
}

/** A declared function, prepared for fast calls (all scratch space allocated once). */
export interface PreparedFunction {
  readonly decl: FunctionDecl;
  readonly params: readonly ParamDecl[];
  /** Slot of each parameter in BodyArgs.v / lists / cells (-1 when not applicable). */
  readonly slot: readonly number[];
  /** Parameters that are single values per cell (each + scalar), in order. */
  readonly cellParams: readonly number[];
  readonly hasWhole: boolean;
  readonly args: BodyArgs;
  // per-call scratch: for each parameter
  readonly raw: unknown[];
  readonly isRange: boolean[];
  readonly single: unknown[];
  readonly pre: (Decimal | undefined)[];
  readonly preState: number[];
  readonly preMsg: string[];
  readonly preErr: unknown[];
  /** What a blank means for each element-wise parameter, as a number: 0 if required, else its default (NaN: none). */
  readonly defaultNumber: number[];
  /** Scratch numbers for the fast path, one per element-wise/scalar parameter. */
  readonly nums: number[];
  /** Whether the single-valued arguments of this call have been coerced yet. */
  preDone: boolean;
}

type Cell = number | string | CustomFunctions.Error;
export type Result = Cell | Cell[][];

// preState values
const OK = 0;
const IS_ERROR = 1;
const BAD_TYPE = 2;
const BAD_NUMBER = 3;

// Built-ins cached in module scope: in a host whose global object is slow to read (a Node vm
// context, some script runtimes) the hot path then never looks up a global.
const isArray = Array.isArray;

export function prepare(decl: FunctionDecl): PreparedFunction {
  const n = decl.params.length;
  const slot: number[] = [];
  const cellParams: number[] = [];
  let nv = 0;
  let nl = 0;
  let nc = 0;
  let nt = 0;
  let hasWhole = false;
  decl.params.forEach((p, i) => {
    if (p.kind === "each" || p.kind === "scalar") {
      const rel = p.relation;
      const at = rel === undefined ? -1 : "atMost" in rel ? rel.atMost : rel.below;
      const other = at >= 0 ? decl.params[at] : undefined;
      if (rel !== undefined && (at >= i || other === undefined || (other.kind !== "each" && other.kind !== "scalar"))) {
        throw new Error(`${decl.id}: the relation of ${p.name} must name an earlier number parameter`);
      }
      slot.push(nv++);
      cellParams.push(i);
    } else {
      hasWhole = true;
      if (p.kind === "range" || p.kind === "repeating") slot.push(nl++);
      else if (p.kind === "paired") slot.push(nc++);
      else if (p.kind === "text") slot.push(nt++);
      else slot.push(-1);
    }
  });
  return {
    decl,
    params: decl.params,
    slot,
    cellParams,
    hasWhole,
    args: {
      v: new Array<Decimal | undefined>(nv).fill(undefined),
      lists: Array.from({ length: nl }, () => []),
      numbers: Array.from({ length: nl }, () => []),
      cells: Array.from({ length: nc }, () => []),
      pairNumbers: Array.from({ length: nc }, () => []),
      cutoffs: DEFAULT_CUTOFFS,
      cutoffNumbers: DEFAULT_CUTOFF_NUMBERS,
      texts: new Array<string>(nt).fill(""),
    },
    raw: new Array<unknown>(n).fill(undefined),
    isRange: new Array<boolean>(n).fill(false),
    single: new Array<unknown>(n).fill(undefined),
    pre: new Array<Decimal | undefined>(n).fill(undefined),
    preState: new Array<number>(n).fill(OK),
    preMsg: new Array<string>(n).fill(""),
    preErr: new Array<unknown>(n).fill(undefined),
    // A blank counts as 0 in a required position; in an optional one it is the default (NaN: none).
    defaultNumber: decl.params.map((p) =>
      p.kind !== "each" && p.kind !== "scalar" ? NaN : p.optional !== true ? 0 : p.default !== undefined ? p.default.toNumber() : NaN,
    ),
    nums: new Array<number>(nv).fill(0),
    preDone: false,
  };
}

// ---------------------------------------------------------------------------------------
// Errors

function cfError(code: CustomFunctions.ErrorCode, message?: string): CustomFunctions.Error {
  return message === undefined ? new CustomFunctions.Error(code) : new CustomFunctions.Error(code, message);
}

export function valueError(message: string): CustomFunctions.Error {
  return cfError(CustomFunctions.ErrorCode.invalidValue, message);
}

function numErrorValue(): CustomFunctions.Error {
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
function passError(x: unknown, name: string): CustomFunctions.Error {
  const code = (x as { code?: unknown }).code;
  if (typeof code === "string") return NOT_RETURNABLE.has(code) ? valueError(`${name} is ${code}`) : (x as CustomFunctions.Error);
  const errorType = String((x as { errorType?: unknown }).errorType ?? "Value");
  const mapped = (ERROR_TYPE_CODES[errorType] ?? "#VALUE!") as CustomFunctions.ErrorCode;
  if (NOT_RETURNABLE.has(mapped)) return valueError(`${name} is ${mapped}`);
  return mapped === CustomFunctions.ErrorCode.invalidValue || mapped === CustomFunctions.ErrorCode.notAvailable
    ? cfError(mapped, `error value #${errorType} passed in`)
    : cfError(mapped);
}

function domainToError(e: unknown): CustomFunctions.Error {
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

let coerceMessage = "";
let coerceState = OK;

function describe(x: unknown): string {
  if (typeof x === "string") return x.trim() === "" ? "a blank text" : `the text "${x}"`;
  if (typeof x === "boolean") return `the boolean ${x ? "TRUE" : "FALSE"}`;
  if (isArray(x)) return "a range";
  return `a value of type ${typeof x}`;
}

/**
 * One cell of a number parameter → Decimal, `undefined` (omitted optional without default),
 * or null with coerceState/coerceMessage set. Error values must be checked before.
 */
function coerce(x: unknown, p: ParamDecl): Decimal | undefined | null {
  if (typeof x === "number") {
    if (x - x === 0) return new Decimal(x); // finite
    coerceState = BAD_NUMBER;
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
      coerceState = BAD_NUMBER;
      return null;
    }
  }
  coerceState = BAD_TYPE;
  coerceMessage = `${p.name} must be a number, not ${describe(x)}`;
  return null;
}

// ---------------------------------------------------------------------------------------
// Shapes

/** Rows and columns of a rectangular non-empty 2D array, or null. */
function shapeOf(a: unknown[]): [number, number] | null {
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
function asRows(x: unknown): unknown[][] {
  if (!isArray(x)) return [[x]];
  if (x.length > 0 && !isArray(x[0])) return [x];
  return x as unknown[][];
}

/** An optional range argument that was omitted: null, "", or a 1×1 of those. */
function isOmitted(x: unknown): boolean {
  if (x === null || x === undefined || x === "") return true;
  if (isArray(x) && x.length === 1 && isArray(x[0]) && x[0].length === 1) {
    const v = (x[0] as unknown[])[0];
    return v === null || v === undefined || v === "";
  }
  return false;
}

/** First error value met in a range read row by row, or undefined. */
function firstErrorIn(x: unknown): unknown {
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
function components(x: unknown): unknown[] {
  if (!isArray(x)) return [x];
  if (x.length > 0 && isArray(x[0]) && x[0].length > 0 && isArray(x[0][0])) return x;
  if (x.length > 0 && isArray(x[0])) return [x];
  return x;
}

// ---------------------------------------------------------------------------------------
// Whole parameters

/** Numbers of a range, read row by row, packed; only finite numbers count. */
function collectNumbers(x: unknown, out: Decimal[]): void {
  for (const row of asRows(x)) {
    const cells = isArray(row) ? row : [row];
    for (const v of cells) {
      if (typeof v === "number" && v - v === 0) out.push(new Decimal(v));
    }
  }
}

/** Numbers of a range, read row by row, packed, as JavaScript numbers (finite only). */
function collectPlainNumbers(x: unknown, out: number[]): void {
  for (const row of asRows(x)) {
    const cells = isArray(row) ? row : [row];
    for (const v of cells) {
      if (typeof v === "number" && v - v === 0) out.push(v);
    }
  }
}

/** Parses cutoffs into args.cutoffs; returns a #VALUE! message when malformed. */
function parseCutoffs(x: unknown, name: string, args: BodyArgs): string | undefined {
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

// ---------------------------------------------------------------------------------------
// The runner

function toCell(r: BodyValue): Cell {
  if (typeof r === "string") return r;
  const n = r.toNumber();
  if (n - n !== 0) return numErrorValue(); // NaN or ±Infinity
  return n === 0 ? 0 : n; // no -0 in a cell
}

/** Coerces the single-valued (broadcast) arguments of this call, once. */
function coerceSingles(f: PreparedFunction): void {
  f.preDone = true;
  const { cellParams, isRange, single, params, preState, pre } = f;
  for (let j = 0; j < cellParams.length; j++) {
    const i = cellParams[j];
    if (isRange[i] || preState[i] === IS_ERROR) continue;
    const d = coerce(single[i], params[i]);
    if (d === null) {
      preState[i] = coerceState;
      f.preMsg[i] = coerceMessage;
    } else {
      preState[i] = OK;
      pre[i] = d;
    }
  }
}

/** The fast path on plain numbers; undefined when not applicable. */
function fastCell(f: PreparedFunction, fast: (x: number[], a: BodyArgs) => number | string | undefined, r: number, c: number): number | string | undefined {
  const { cellParams, isRange, raw, single, nums } = f;
  for (let j = 0; j < cellParams.length; j++) {
    const i = cellParams[j];
    let x = isRange[i] ? (raw[i] as unknown[][])[r][c] : single[i];
    if (typeof x !== "number") {
      if (x === null || x === undefined || x === "") x = f.defaultNumber[i];
      else return undefined;
    }
    nums[j] = x as number;
  }
  return fast(nums, f.args);
}

/** Computes one cell at (r, c) (an aggregate that spills: its whole result). */
function computeCell(f: PreparedFunction, r: number, c: number): Cell | Cell[][] {
  const { cellParams, isRange, raw, params, slot, preState, pre, args } = f;
  const m = cellParams.length;
  // 1. incoming error values, left to right
  for (let j = 0; j < m; j++) {
    const i = cellParams[j];
    if (isRange[i]) {
      const x = (raw[i] as unknown[][])[r][c];
      if (x !== null && typeof x === "object" && isErrorValue(x)) return passError(x, params[i].name);
    } else if (preState[i] === IS_ERROR) {
      return passError(f.preErr[i], params[i].name);
    }
  }
  // 1b. exact shortcut on plain numbers
  const fast = f.decl.fast;
  if (fast !== undefined) {
    const y = fastCell(f, fast, r, c);
    if (y !== undefined) return y === 0 ? 0 : y;
  }
  // 2. coercion and each argument's domain, left to right: the first problem decides
  if (!f.preDone) coerceSingles(f);
  for (let j = 0; j < m; j++) {
    const i = cellParams[j];
    let d: Decimal | undefined;
    if (isRange[i]) {
      const x = coerce((raw[i] as unknown[][])[r][c], params[i]);
      if (x === null) return coerceState === BAD_NUMBER ? numErrorValue() : valueError(coerceMessage);
      d = x;
    } else {
      const s = preState[i];
      if (s === BAD_TYPE) return valueError(f.preMsg[i]);
      if (s === BAD_NUMBER) return numErrorValue();
      d = pre[i];
    }
    args.v[slot[i]] = d;
    const p = params[i] as Domain & { name: string };
    if (d !== undefined && (p.rule !== undefined || p.relation !== undefined)) {
      const e = domainOf(f, p, d);
      if (e !== undefined) return domainToError(e);
    }
  }
  // 3. the body
  try {
    const r = f.decl.body(args);
    return isArray(r) ? r.map((row) => row.map(toCell)) : toCell(r);
  } catch (e) {
    return domainToError(e);
  }
}

/** The problem of argument `p`'s value `d` under its rule, then against the earlier argument it relates to. */
function domainOf(f: PreparedFunction, p: Domain & { name: string }, d: Decimal): DomainError | undefined {
  if (p.rule !== undefined) {
    const e = violation(p.rule, d, p.name);
    if (e !== undefined) return e;
  }
  const rel = p.relation;
  if (rel === undefined) return undefined;
  const at = "atMost" in rel ? rel.atMost : rel.below;
  const other = f.args.v[f.slot[at]];
  return other === undefined ? undefined : relationViolation(rel, d, p.name, other, f.params[at].name);
}

function wrap(f: PreparedFunction, x: Cell | Cell[][]): Result {
  if (isArray(x)) return x;
  return f.decl.elementwise || f.decl.spills === true ? [[x]] : x;
}

/**
 * Runs a prepared function on Excel arguments (up to 6 positional). Returns a 2D array
 * for element-wise functions, a single value for the others; never throws.
 */
export function run(f: PreparedFunction, a0?: unknown, a1?: unknown, a2?: unknown, a3?: unknown, a4?: unknown, a5?: unknown): Result {
  try {
    return runUnsafe(f, a0, a1, a2, a3, a4, a5);
  } catch (e) {
    return wrap(f, domainToError(e));
  } finally {
    // Hold no reference to this call's arguments (ranges can be large).
    const { raw, single } = f;
    for (let i = 0; i < raw.length; i++) {
      raw[i] = undefined;
      single[i] = undefined;
    }
    if (f.hasWhole) {
      const { lists, numbers, cells, pairNumbers } = f.args;
      for (const l of lists) l.length = 0;
      for (const l of numbers) l.length = 0;
      for (const l of cells) l.length = 0;
      for (const l of pairNumbers) l.length = 0;
    }
  }
}

function runUnsafe(f: PreparedFunction, a0: unknown, a1: unknown, a2: unknown, a3: unknown, a4: unknown, a5: unknown): Result {
  const { params, raw, isRange, single, preState } = f;
  const n = params.length;
  f.preDone = false;
  raw[0] = a0;
  if (n > 1) raw[1] = a1;
  if (n > 2) raw[2] = a2;
  if (n > 3) raw[3] = a3;
  if (n > 4) raw[4] = a4;
  if (n > 5) raw[5] = a5;

  let rows = 1;
  let cols = 1;
  let haveRange = false;
  // Whole-call problems: the first (lowest parameter index) #VALUE! message.
  let problemAt = n;
  let problem = "";
  let firstSingleError: unknown = undefined;
  let firstSingleErrorAt = n;

  // 1. classify the element-wise and scalar parameters: a single value (broadcast) or a range.
  for (let i = 0; i < n; i++) {
    const p = params[i];
    if (p.kind !== "each" && p.kind !== "scalar") continue;
    const a = raw[i];
    let x: unknown = a;
    isRange[i] = false;
    if (isArray(a)) {
      if (a.length === 1 && isArray(a[0]) && a[0].length === 1) {
        x = a[0][0];
      } else {
        const shape = shapeOf(a);
        if (shape === null) {
          if (i < problemAt) {
            problemAt = i;
            problem = `${p.name} is not a rectangular range`;
          }
          continue;
        }
        if (shape[0] === 1 && shape[1] === 1) {
          x = (a[0] as unknown[])[0];
        } else if (p.kind === "scalar") {
          if (i < problemAt) {
            problemAt = i;
            problem = `${p.name} must be a single value, not a ${shape[0]}×${shape[1]} range`;
          }
          continue;
        } else {
          if (!haveRange) {
            haveRange = true;
            rows = shape[0];
            cols = shape[1];
          } else if (shape[0] !== rows || shape[1] !== cols) {
            if (i < problemAt) {
              problemAt = i;
              problem = `${p.name} is a ${shape[0]}×${shape[1]} range but an earlier argument is ${rows}×${cols}: ranges must have the same shape`;
            }
            continue;
          }
          isRange[i] = true;
          continue;
        }
      }
    }
    single[i] = x;
    if (x !== null && typeof x === "object" && isErrorValue(x)) {
      preState[i] = IS_ERROR;
      f.preErr[i] = x;
      if (i < firstSingleErrorAt) {
        firstSingleErrorAt = i;
        firstSingleError = x;
      }
    } else {
      preState[i] = OK; // coerced lazily (coerceSingles), only if the fast path does not apply
    }
  }

  // 2. whole-range parameters
  if (f.hasWhole) {
    const args = f.args;
    for (let i = 0; i < n; i++) {
      const p = params[i];
      if (p.kind === "each" || p.kind === "scalar") continue;
      const a = raw[i];
      if (p.kind === "repeating") {
        for (const comp of components(a)) {
          const e = firstErrorIn(comp);
          if (e !== undefined) return wholeError(f, i, e, firstSingleErrorAt, firstSingleError);
        }
      } else {
        const e = firstErrorIn(a);
        if (e !== undefined) return wholeError(f, i, e, firstSingleErrorAt, firstSingleError);
      }
      const s = f.slot[i];
      if (p.kind === "range") {
        if (p.numbers === true) {
          const list = args.numbers[s];
          list.length = 0;
          collectPlainNumbers(a, list);
        } else {
          const list = args.lists[s];
          list.length = 0;
          collectNumbers(a, list);
        }
      } else if (p.kind === "repeating") {
        if (p.numbers === true) {
          const list = args.numbers[s];
          list.length = 0;
          for (const comp of components(a)) collectPlainNumbers(comp, list);
        } else {
          const list = args.lists[s];
          list.length = 0;
          for (const comp of components(a)) collectNumbers(comp, list);
        }
      } else if (p.kind === "text") {
        let x = a;
        if (isArray(x) && x.length === 1 && isArray(x[0]) && x[0].length === 1) x = x[0][0];
        if (isArray(x)) {
          if (i < problemAt) {
            problemAt = i;
            problem = `${p.name} must be a single text`;
          }
        } else if (isErrorValue(x)) {
          return wholeError(f, i, x, firstSingleErrorAt, firstSingleError);
        } else if (x === null || x === undefined || x === "") {
          args.texts[s] = p.default;
        } else if (typeof x === "string") {
          args.texts[s] = x;
        } else if (i < problemAt) {
          problemAt = i;
          problem = `${p.name} must be a text, not ${describe(x)}`;
        }
      } else if (p.kind === "paired") {
        const cells = args.cells[s];
        cells.length = 0;
        const rowsOf = asRows(a);
        const other = asRows(raw[p.with]);
        let same = rowsOf.length === other.length;
        for (let r = 0; same && r < rowsOf.length; r++) {
          const ra = rowsOf[r];
          const rb = other[r];
          same = isArray(ra) && isArray(rb) && ra.length === rb.length;
        }
        if (!same && i < problemAt) {
          problemAt = i;
          problem = `${p.name} and ${params[p.with].name} must be ranges of the same shape`;
        }
        const plain = args.pairNumbers[s];
        plain.length = 0;
        for (const row of rowsOf) {
          for (const v of isArray(row) ? row : [row]) {
            if (p.numbers === true) plain.push(typeof v === "number" && v - v === 0 ? v : NaN);
            else cells.push(typeof v === "number" && v - v === 0 ? new Decimal(v) : null);
          }
        }
      } else {
        const msg = parseCutoffs(a, p.name, args);
        if (msg !== undefined && i < problemAt) {
          problemAt = i;
          problem = msg;
        }
      }
    }
  }

  // 3. whole-call problems: an incoming single error value wins over them.
  if (problemAt < n) return wrap(f, firstSingleError !== undefined ? passError(firstSingleError, params[firstSingleErrorAt].name) : valueError(problem));

  // 4. cells
  if (!haveRange) return wrap(f, computeCell(f, 0, 0));
  const out: Cell[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: Cell[] = [];
    for (let c = 0; c < cols; c++) row.push(computeCell(f, r, c) as Cell); // element-wise: one value per cell
    out.push(row);
  }
  return out;
}

function wholeError(f: PreparedFunction, at: number, e: unknown, singleAt: number, single: unknown): Result {
  // Left to right: a single error value in an earlier argument is met first.
  return wrap(f, singleAt < at ? passError(single, f.params[singleAt].name) : passError(e, f.params[at].name));
}
