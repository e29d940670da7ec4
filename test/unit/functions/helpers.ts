/**
 * Helpers for calling the AIECON custom functions as Excel does: every argument a matrix
 * (a single value arrives as [[x]]), an omitted optional argument as null.
 */
import { expect } from "vitest";
import { installCustomFunctionsShim, isCfError } from "./cf-shim";
import * as functions from "../../../src/functions/functions";

installCustomFunctionsShim();

export type Fn = (...args: unknown[]) => unknown;

export const SOURCE: Readonly<Record<string, Fn>> = functions as unknown as Record<string, Fn>;

/** Wraps a single value as Excel passes it to a matrix parameter; arrays and undefined stay as they are. */
export function xl(v: unknown): unknown {
  return v === undefined || Array.isArray(v) ? v : [[v]];
}

/** The invocation object Excel passes as the LAST argument of every custom function, declared or not. */
export function invocation(id: string): { functionName: string; isInValuePreview: boolean } {
  return { functionName: `AIECON.${id}`, isInValuePreview: false };
}

/**
 * Calls a function with Excel-shaped arguments, as Excel calls it: each argument a matrix, the
 * invocation object last. TCOPERINFERENCE's repeating components (given spread after
 * `inferences`) arrive as ONE array holding each repetition, as Excel passes them.
 */
export function callWith(fns: Readonly<Record<string, Fn>> | ((id: string) => Fn), id: string, ...args: unknown[]): unknown {
  const f = typeof fns === "function" ? fns(id) : fns[id];
  if (!f) throw new Error(`no function ${id}`);
  let shaped = args.map(xl);
  if (id === "TCOPERINFERENCE" && shaped.length > 2) shaped = [shaped[0], shaped.slice(1)];
  // Omitted optional arguments arrive as null, up to the declared parameters; then the invocation object.
  while (shaped.length < f.length) shaped.push(null);
  return f(...shaped.map((a) => (a === undefined ? null : a)), invocation(id));
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
