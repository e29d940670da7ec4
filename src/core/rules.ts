/**
 * The domain rules of a single number argument, as data: what values an argument may take
 * and which error a value outside them gives. The metrics (./metrics.ts) enforce them on
 * their inputs; the custom functions runner (src/functions/runner.ts) checks each argument's
 * rule as soon as that argument is read, left to right, so that the first problem met
 * decides the result (`COSTPERINFERENCE(100, 0, "abc")` is #DIV/0!, a problem of
 * `inferences`, before the type problem of `per`).
 */
import { Decimal, ONE, ZERO } from "./decimal";
import { DomainError, divZero, numError } from "./errors";

export type Rule =
  /** A divisor: 0 → #DIV/0!, negative → #NUM!. */
  | "divisor"
  /** Negative → #NUM!. */
  | "nonNegative"
  /** 0 or negative → #NUM!. */
  | "positive"
  /** Outside [0, 1] → #NUM!. */
  | "rate"
  /** Outside (0, 1] → #NUM!. */
  | "share";

/** A rule that relates an argument to an EARLIER one (checked on the later argument). */
export type Relation =
  /** This argument must not be greater than the other (`periods` ≤ `life_periods`). */
  | { atMost: number }
  /** This argument must be below the other (`cost_per_inference` < `value_per_inference`). */
  | { below: number };

/** The problem of value `d` under `rule`, or undefined when it obeys it. */
export function violation(rule: Rule, d: Decimal, name: string): DomainError | undefined {
  switch (rule) {
    case "divisor":
      if (d.isZero()) return divZero(`${name} is 0`);
      if (d.lt(ZERO)) return numError(`${name} is negative`);
      return undefined;
    case "nonNegative":
      return d.lt(ZERO) ? numError(`${name} is negative`) : undefined;
    case "positive":
      return d.lte(ZERO) ? numError(`${name} must be greater than 0`) : undefined;
    case "rate":
      return d.lt(ZERO) || d.gt(ONE) ? numError(`${name} is outside [0, 1]`) : undefined;
    case "share":
      return d.lte(ZERO) || d.gt(ONE) ? numError(`${name} is outside (0, 1]`) : undefined;
  }
}

/** The problem of `d` against the earlier argument `other`, or undefined. */
export function relationViolation(rel: Relation, d: Decimal, name: string, other: Decimal, otherName: string): DomainError | undefined {
  if ("atMost" in rel) return d.gt(other) ? numError(`${name} is greater than ${otherName}`) : undefined;
  return d.gte(other) ? numError(`${otherName} is not above ${name}`) : undefined;
}

/** Throws the problem of `d` under `rule`, if any. */
export function enforce(rule: Rule, d: Decimal, name: string): void {
  const e = violation(rule, d, name);
  if (e !== undefined) throw e;
}

/** True when the plain number x breaks `rule` (the same test as `violation`, on a double, which Decimal reads exactly). */
export function numberViolates(rule: Rule, x: number): boolean {
  switch (rule) {
    case "divisor":
    case "positive":
      return !(x > 0);
    case "nonNegative":
      return !(x >= 0);
    case "rate":
      return !(x >= 0 && x <= 1);
    case "share":
      return !(x > 0 && x <= 1);
  }
}

/** The argument a relation refers to (its parameter index). */
export function relatedTo(rel: Relation): number {
  return "atMost" in rel ? rel.atMost : rel.below;
}

/**
 * The problem of an argument's value `d`: its rule first, then its relation to the earlier
 * argument `other` (skipped when that is not given). Both the formulas and the runner use it.
 */
export function domainProblem(
  domain: { readonly rule?: Rule; readonly relation?: Relation },
  d: Decimal,
  name: string,
  other: Decimal | undefined,
  otherName: string,
): DomainError | undefined {
  if (domain.rule !== undefined) {
    const e = violation(domain.rule, d, name);
    if (e !== undefined) return e;
  }
  const rel = domain.relation;
  return rel === undefined || other === undefined ? undefined : relationViolation(rel, d, name, other, otherName);
}
