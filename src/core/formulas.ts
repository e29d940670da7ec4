/**
 * Each formula of the unit economics and the levers, written once: its arguments (name, domain
 * rule, default) and its arithmetic against `Arith` (./arith.ts). The metrics (./metrics.ts,
 * what the import engine uses) evaluate them in decimal; the custom functions
 * (src/functions/table.ts) take their parameters from here and evaluate them exactly on plain
 * numbers first (SAFE, then DD of ./ddarith.ts, then BIG), in decimal when those give up.
 *
 * Where a result is a product and a quotient, the product is formed first, so that the single
 * rounding (at 60 significant digits) happens once, at the division, which is always last.
 */
import type { Arith, NumberArith } from "./arith";
import { BIG, DECIMAL, SAFE } from "./arith";
import { DD } from "./ddarith";
import { Decimal } from "./decimal";
import { domainProblem, numberViolates, relatedTo, type Relation, type Rule } from "./rules";

/** One argument of a formula. */
export interface ArgDecl {
  readonly name: string;
  readonly rule?: Rule;
  readonly relation?: Relation;
  /** "req": required (a blank is 0); "opt": optional with `default`; "maybe": optional, absent when not given. */
  readonly kind: "req" | "opt" | "maybe";
  readonly default?: number;
}

/** The values a formula body receives: T for each argument, `T | undefined` for a "maybe" one. */
export type Args<T, P extends readonly ArgDecl[]> = { [K in keyof P]: P[K] extends { kind: "maybe" } ? T | undefined : T };

export interface Formula<P extends readonly ArgDecl[]> {
  readonly args: P;
  readonly f: <T>(A: Arith<T>, ...x: Args<T, P>) => T | undefined;
}

/** Any formula, whatever its arguments (its body is called with six values; it reads its own). */
export interface AnyFormula {
  readonly args: readonly ArgDecl[];
  readonly f: <T>(A: Arith<T>, ...x: never) => T | undefined;
}

const req = <N extends string>(name: N, rule?: Rule, relation?: Relation) => ({ name, kind: "req", rule, relation }) as const;
const opt = <N extends string>(name: N, def: number, rule?: Rule, relation?: Relation) =>
  ({ name, kind: "opt", default: def, rule, relation }) as const;
const maybe = <N extends string>(name: N, rule?: Rule, relation?: Relation) => ({ name, kind: "maybe", rule, relation }) as const;

function formula<const P extends readonly ArgDecl[]>(args: P, f: <T>(A: Arith<T>, ...x: Args<T, P>) => T | undefined): Formula<P> {
  return { args, f };
}

export const FORMULAS = {
  COSTPERINFERENCE: formula([req("total_cost"), req("inferences", "divisor"), opt("per", 1, "positive")], (A, total, inferences, per) =>
    A.div(A.mul(total, per), inferences),
  ),
  VALUEPERINFERENCE: formula(
    [req("attributed_value"), req("inferences", "divisor"), opt("per", 1, "positive")],
    (A, value, inferences, per) => A.div(A.mul(value, per), inferences),
  ),
  COSTTOVALUERATIO: formula([req("cost"), req("value", "divisor")], (A, cost, value) => A.div(cost, value)),
  ROIMULTIPLE: formula([req("value"), req("cost", "divisor")], (A, value, cost) => A.div(value, cost)),
  MARGINCONTRIBUTION: formula(
    [req("value_per_inference"), req("cost_per_inference"), maybe("inferences", "nonNegative")],
    (A, value, cost, inferences) => (inferences === undefined ? A.sub(value, cost) : A.mul(A.sub(value, cost), inferences)),
  ),
  VALUEFROMTIMESAVED: formula(
    [req("minutes_saved", "nonNegative"), req("hourly_rate", "nonNegative"), maybe("inferences", "nonNegative")],
    (A, minutes, rate, inferences) =>
      A.div(inferences === undefined ? A.mul(minutes, rate) : A.mul(A.mul(minutes, rate), inferences), A.lit(60)),
  ),
  TOKENCOST: formula(
    [
      req("input_tokens", "nonNegative"),
      req("output_tokens", "nonNegative"),
      req("input_price_per_million", "nonNegative"),
      req("output_price_per_million", "nonNegative"),
      opt("cached_input_tokens", 0, "nonNegative", { atMost: 0 }),
      maybe("cached_price_per_million", "nonNegative"),
    ],
    (A, input, output, inPrice, outPrice, cached, cachedPrice) =>
      A.div(
        A.add(A.add(A.mul(A.sub(input, cached), inPrice), A.mul(cached, cachedPrice ?? inPrice)), A.mul(output, outPrice)),
        A.lit(1_000_000),
      ),
  ),
  CASCADECOST: formula([req("small_model_cost"), req("large_model_cost"), req("escalation_rate", "rate")], (A, small, large, rate) =>
    A.add(small, A.mul(rate, large)),
  ),
  CACHESAVINGS: formula(
    [req("cost_per_inference"), req("hit_rate", "rate"), opt("cost_per_lookup", 0, "nonNegative")],
    (A, cost, hit, lookup) => A.sub(A.mul(hit, cost), lookup),
  ),
  SERVINGCOSTPERINFERENCE: formula(
    [req("hourly_cost", "nonNegative"), req("inferences_per_hour_at_capacity", "divisor"), opt("utilization", 1, "share")],
    (A, hourly, capacity, utilization) => A.div(hourly, A.mul(capacity, utilization)),
  ),
  AMORTIZE: formula(
    [req("cost"), req("life_periods", "divisor"), opt("periods", 1, "nonNegative", { atMost: 1 })],
    (A, cost, life, periods) => A.div(A.mul(cost, periods), life),
  ),
  BREAKEVENVOLUME: formula(
    [req("fixed_cost", "nonNegative"), req("value_per_inference"), req("cost_per_inference", undefined, { below: 1 })],
    (A, fixed, value, cost) => A.div(fixed, A.sub(value, cost)),
  ),
} as const satisfies Record<string, AnyFormula>;

export type FormulaId = keyof typeof FORMULAS;

/** The problem of argument i of a formula (its rule, then its relation to an earlier one), or undefined. */
export function argProblem(args: readonly ArgDecl[], i: number, x: readonly (Decimal | undefined)[]) {
  const a = args[i];
  const d = x[i];
  if (d === undefined) return undefined;
  const at = a.relation === undefined ? -1 : relatedTo(a.relation);
  return domainProblem(a, d, a.name, at < 0 ? undefined : x[at], at < 0 ? "" : args[at].name);
}

/**
 * A formula in decimal: each argument's domain checked left to right (the first problem is
 * thrown as a DomainError), then the arithmetic. `x` holds a Decimal per argument, undefined
 * for a "maybe" argument not given (defaults are the caller's).
 */
export function evaluate(fm: AnyFormula, x: readonly (Decimal | undefined)[]): Decimal {
  for (let i = 0; i < fm.args.length; i++) {
    const e = argProblem(fm.args, i, x);
    if (e !== undefined) throw e;
  }
  return computeDecimal(fm, x);
}

/** The formula's arithmetic in decimal, for arguments whose domains were checked already (the runner checks them as it reads them). */
export function computeDecimal(fm: AnyFormula, x: readonly (Decimal | undefined)[]): Decimal {
  const f = fm.f as <T>(A: Arith<T>, ...v: (T | undefined)[]) => T | undefined;
  const r = f(DECIMAL, x[0], x[1], x[2], x[3], x[4], x[5]);
  if (r === undefined) throw new Error("a decimal formula gave no value"); // not reachable: DECIMAL never gives up
  return r;
}

function exactWith<T>(A: NumberArith<T>, fm: AnyFormula, x: readonly number[]): number | undefined {
  const n = fm.args.length;
  // Up to six arguments, read positionally (no array is built on this path).
  let a0: T | undefined | null;
  let a1: T | undefined | null;
  let a2: T | undefined | null;
  let a3: T | undefined | null;
  let a4: T | undefined | null;
  let a5: T | undefined | null;
  A.begin();
  // (each argument in A; NaN — a "maybe" argument not given — as undefined; give up when A cannot hold one)
  let v = x[0];
  if (n > 0 && (a0 = v !== v ? undefined : (A.num(v) ?? null)) === null) return undefined;
  v = x[1];
  if (n > 1 && (a1 = v !== v ? undefined : (A.num(v) ?? null)) === null) return undefined;
  v = x[2];
  if (n > 2 && (a2 = v !== v ? undefined : (A.num(v) ?? null)) === null) return undefined;
  v = x[3];
  if (n > 3 && (a3 = v !== v ? undefined : (A.num(v) ?? null)) === null) return undefined;
  v = x[4];
  if (n > 4 && (a4 = v !== v ? undefined : (A.num(v) ?? null)) === null) return undefined;
  v = x[5];
  if (n > 5 && (a5 = v !== v ? undefined : (A.num(v) ?? null)) === null) return undefined;
  // (null never reaches the body: each null returned above)
  const f = fm.f as (A: Arith<T>, ...v: (T | undefined | null)[]) => T | undefined;
  return A.out(f(A, a0, a1, a2, a3, a4, a5));
}

/**
 * Which exact path to try first. SAFE is the cheapest on short decimals but gives up on a
 * full-precision double only after trying 15 scales; DD answers both. Along a spill the cells
 * are alike, so after DD answered where SAFE gave up, DD goes first (every 64th call SAFE
 * first again). Both are exact: the order changes the time, never the result.
 */
let ddFirst = false;
let probe = 0;

/**
 * A formula on plain numbers (NaN: a "maybe" argument not given), exactly as `evaluate` would
 * give it turned into a number, or undefined when that cannot be guaranteed: an argument outside
 * its domain (the decimal path then gives the error), or a value SAFE and BIG cannot hold.
 */
export function exact(fm: AnyFormula, x: readonly number[]): number | undefined {
  const args = fm.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const v = x[i];
    if (v !== v) continue;
    if (a.rule !== undefined && numberViolates(a.rule, v)) return undefined;
    const rel = a.relation;
    if (rel !== undefined) {
      const o = x[relatedTo(rel)];
      if (o === o && ("atMost" in rel ? !(v <= o) : !(v < o))) return undefined;
    }
  }
  let y: number | undefined;
  if (ddFirst) {
    y = exactWith(DD, fm, x) ?? exactWith(SAFE, fm, x);
    if ((++probe & 63) === 0) ddFirst = false; // now and then, SAFE first again
  } else {
    y = exactWith(SAFE, fm, x);
    if (y === undefined) {
      y = exactWith(DD, fm, x);
      ddFirst = y !== undefined;
    }
  }
  y ??= exactWith(BIG, fm, x);
  return y === undefined ? undefined : y === 0 ? 0 : y;
}
