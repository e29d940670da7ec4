/**
 * The option values the `aiecon` commands share, read once: `--period`, `--fiscal-start`,
 * `--key`, `--cost`. Each returns the value or throws a UsageError that names the option.
 * And the one reader of every command's option table (`readOptions`).
 */
import { parseArgs } from "node:util";
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

/**
 * One option of a command: a flag (no value), or an option that reads its value into the
 * command's arguments. `read` checks the value and throws a UsageError naming the option.
 */
export type OptionSpec<T> = { flag: true; read: (into: T) => void } | { flag?: false; read: (value: string, into: T) => void };

/** A command's options by long name (without `--`). */
export type OptionTable<T> = Readonly<Record<string, OptionSpec<T>>>;

/**
 * Reads a command line with `node:util` `parseArgs` (as tokens, in order: a list of files keeps
 * its order across options) against one option table, the same way for every command: the
 * value of an option is the rest of `--opt=VALUE` or the next argument unless that is another
 * `--option`; the last of a repeated single-valued option wins (its `read` decides); a flag
 * takes no value; anything else is an unknown option, or an unexpected argument with `hint`.
 */
export function readOptions<T>(args: string[], table: OptionTable<T>, into: T, hint: string): T {
  const options: Record<string, { type: "string" | "boolean" }> = {};
  for (const [name, spec] of Object.entries(table)) options[name] = { type: spec.flag === true ? "boolean" : "string" };
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind === "option-terminator") throw new UsageError(`unknown option '${args[t.index]}'`);
    if (t.kind === "positional") {
      throw new UsageError(t.value.startsWith("-") ? `unknown option '${t.value}'` : `unexpected argument '${t.value}' (${hint})`);
    }
    const spec = t.rawName.startsWith("--") && Object.hasOwn(table, t.name) ? table[t.name] : undefined;
    if (spec === undefined) throw new UsageError(`unknown option '${written(args[t.index])}'`);
    if (spec.flag === true) {
      if (t.inlineValue) throw new UsageError(`${t.rawName} takes no value`);
      spec.read(into);
      continue;
    }
    const v = t.value;
    if (v === undefined || v === "" || (!t.inlineValue && v.startsWith("--") && v.length > 2)) throw new UsageError(`${t.rawName} needs a value`);
    spec.read(v, into);
  }
  return into;
}

/** An argument as the user wrote it, without an inline `=VALUE` of a long option. */
function written(raw: string): string {
  const eq = raw.indexOf("=");
  return raw.startsWith("--") && eq > 2 ? raw.slice(0, eq) : raw;
}
