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
import { DEFAULT_CUTOFF_NUMBERS, DEFAULT_CUTOFFS } from "../core/bands";
import { Decimal } from "../core/decimal";
import { DomainError } from "../core/errors";
import { domainProblem, relatedTo } from "../core/rules";
import {
  asRows,
  BAD_NUMBER,
  BAD_TYPE,
  coerce,
  coerced,
  collectNumbers,
  collectPlainNumbers,
  components,
  describe,
  domainToError,
  firstErrorIn,
  IS_ERROR,
  isArray,
  isErrorValue,
  numErrorValue,
  OK,
  parseCutoffs,
  passError,
  shapeOf,
  valueError,
} from "./cells";
import type { BodyArgs, BodyValue, Cell, Domain, FunctionDecl, PreparedFunction, Result } from "./decl";

export type { BodyArgs, BodyResult, BodyValue, FunctionDecl, ParamDecl, PreparedFunction, Result } from "./decl";
export { isErrorValue, valueError } from "./cells";

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
      const at = rel === undefined ? -1 : relatedTo(rel);
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
      preState[i] = coerced.state;
      f.preMsg[i] = coerced.message;
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
      if (x === null) return coerced.state === BAD_NUMBER ? numErrorValue() : valueError(coerced.message);
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
  const at = p.relation === undefined ? -1 : relatedTo(p.relation);
  return domainProblem(p, d, p.name, at < 0 ? undefined : f.args.v[f.slot[at]], at < 0 ? "" : f.params[at].name);
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
