/**
 * Helpers for calling the AIECON custom functions as Excel does: every argument a matrix
 * (a single value arrives as [[x]]), an omitted optional argument as null.
 */
import { expect } from "vitest";
import { installCustomFunctionsShim, isCfError } from "./cf-shim";
import * as functions from "../../../src/functions/functions";
import { FN, type FunctionId } from "../../../src/functions/table";

installCustomFunctionsShim();

export type Fn = (...args: unknown[]) => unknown;

export const SOURCE: Readonly<Record<string, Fn>> = functions as unknown as Record<string, Fn>;

/**
 * The blank convention of this test run: Excel passes a blank cell as `null` on the web and
 * Mac and as `0` on Windows desktop. The `unit` project runs with null, the `unit-blank0`
 * project (vitest.config.ts) runs every function test again with AIECON_BLANK=zero.
 */
export type BlankConvention = "null" | "zero";
export const BLANK: BlankConvention = process.env.AIECON_BLANK === "zero" ? "zero" : "null";
/** True in the run where a blank cell arrives as 0 (Windows desktop). */
export const BLANK_IS_ZERO = BLANK === "zero";

/**
 * Wraps a single value as Excel passes it to a matrix parameter. A top-level `null` or
 * `undefined` is an omitted argument and arrives as `null` on every platform; a `null` inside
 * a matrix is a blank cell, which arrives as `0` under the Windows convention.
 */
export function xl(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  return Array.isArray(v) ? (BLANK_IS_ZERO ? blanksToZero(v) : v) : [[v]];
}

function blanksToZero(a: unknown[]): unknown[] {
  return a.map((x) => (x === null ? 0 : Array.isArray(x) ? blanksToZero(x) : x));
}

/** An array of 2D arrays: the components of a repeating parameter as Excel passes them. */
function isComponentList(x: unknown): boolean {
  return Array.isArray(x) && x.length > 0 && x.every((c) => Array.isArray(c) && c.length > 0 && Array.isArray(c[0]));
}

/** The invocation object Excel passes as the LAST argument of every custom function, declared or not. */
export function invocation(id: string): { functionName: string; isInValuePreview: boolean } {
  return { functionName: `AIECON.${id}`, isInValuePreview: false };
}

/**
 * Calls a function with Excel-shaped arguments, as Excel calls it: each argument a matrix
 * (blank cells as the run's convention gives them), omitted optionals null up to the declared
 * parameters, a repeating parameter's components (given spread, from its position on) as ONE
 * array holding each repetition, and the invocation object last.
 */
export function callWith(fns: Readonly<Record<string, Fn>> | ((id: string) => Fn), id: string, ...args: unknown[]): unknown {
  const f = typeof fns === "function" ? fns(id) : fns[id];
  if (!f) throw new Error(`no function ${id}`);
  let shaped = args.map(xl);
  const rep = (FN as Readonly<Record<string, (typeof FN)[FunctionId] | undefined>>)[id]?.params.findIndex((p) => p.kind === "repeating") ?? -1;
  // (one argument that is already a list of 2D components is taken as Excel's one array)
  const given = shaped.slice(rep);
  const asOne = given.length === 1 && isComponentList(given[0]);
  if (rep >= 0 && shaped.length > rep && !asOne) shaped = [...shaped.slice(0, rep), given];
  // Omitted optional arguments arrive as null, up to the declared parameters; then the invocation object.
  while (shaped.length < f.length) shaped.push(null);
  return f(...shaped, invocation(id));
}

/** The single value of a result: the cell of a 1×1 matrix, or the value itself. */
export function single(r: unknown): unknown {
  if (Array.isArray(r)) {
    expect(r.length, `result ${JSON.stringify(r)} is not 1×1`).toBe(1);
    expect((r[0] as unknown[]).length, `result ${JSON.stringify(r)} is not 1×1`).toBe(1);
    return (r[0] as unknown[])[0];
  }
  return r;
}

/** Calls through the source functions and returns the single value. */
export function call(id: string, ...args: unknown[]): unknown {
  return single(callWith(SOURCE, id, ...args));
}

/** "#DIV/0!" etc. for an error value, else the value itself (for compact expectations). */
export function show(x: unknown): unknown {
  if (isCfError(x)) return x.code;
  if (Array.isArray(x)) return x.map((row: unknown) => (Array.isArray(row) ? row.map(show) : show(row)));
  return x;
}

/** The message of an error value ("" when none). */
export function messageOf(x: unknown): string {
  return isCfError(x) ? (x.message ?? "") : "";
}
