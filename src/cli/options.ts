/**
 * The option values the `aiecon` commands share, read once: `--period`, `--fiscal-start`,
 * `--key`, `--cost`. Each returns the value or throws a UsageError that names the option.
 */
import { KEY_CHOICES, parseKeySpec } from "../core/grammar";
import { GRAIN_CHOICES, isGrain, parseMonth } from "../core/period";
import type { CostBasis, PeriodGrain } from "../import/types";

/** A command line the commands cannot read (exit status 2). */
export class UsageError extends Error {}

export function periodOption(v: string): PeriodGrain {
  if (!isGrain(v)) throw new UsageError(`--period must be ${GRAIN_CHOICES}, not '${v}'`);
  return v;
}

export function fiscalStartOption(v: string): number {
  const m = parseMonth(v);
  if (m === null) throw new UsageError("--fiscal-start must be a month, 1-12 or a month name");
  return m;
}

export function keyOption(v: string): string {
  const k = parseKeySpec(v);
  if (k === null || k.kind === "default") throw new UsageError(`--key must be ${KEY_CHOICES}, not '${v}'`);
  return v;
}

export function costOption(v: string): CostBasis {
  if (v !== "billed" && v !== "effective") throw new UsageError(`--cost must be billed or effective, not '${v}'`);
  return v;
}
