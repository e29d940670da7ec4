/**
 * The shapes of the function table (./table.ts) and of a prepared function: what a parameter
 * is, what a body sees, what a call returns. The runner (./runner.ts) reads them.
 */
import type { Cutoffs } from "../core/bands";
import type { Decimal } from "../core/decimal";
import type { Relation, Rule } from "../core/rules";

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
export interface Domain {
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

export type Cell = number | string | CustomFunctions.Error;
export type Result = Cell | Cell[][];
