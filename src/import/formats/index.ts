/** Format detection from the header, and the mapper for each format. */
import type { BillingFormat, SourceFormat, SourceKind } from "../types";
import { AWS_CUR2_SPEC, AWS_CUR_SPEC } from "./aws";
import { AZURE_SPEC } from "./azure";
import { type BillingMapper, type FormatSpec, type MapperContext, findCol, headerHas } from "./common";
import { FOCUS_SPEC } from "./focus";
import { GCP_SPEC } from "./gcp";
import { GROUPS_SPEC } from "./groups";
import { genericMapper } from "./generic";
import { ANTHROPIC_SPEC, OPENAI_SPEC } from "./llm";
import { OCI_SPEC } from "./oci";
import { COUNT_NAMES, DATE_NAMES, isValue, isVolume } from "./volume";

/**
 * Every billing format's spec, in the order headers are tried: the most specific first
 * (an `aiecon sql` result, FOCUS, whose columns other exports may also carry, then each cloud).
 */
export const SPECS: readonly FormatSpec[] = [GROUPS_SPEC, FOCUS_SPEC, AWS_CUR2_SPEC, AWS_CUR_SPEC, OCI_SPEC, GCP_SPEC, AZURE_SPEC, OPENAI_SPEC, ANTHROPIC_SPEC];

/** The billing format a header belongs to, or null. */
export function detectBilling(cols: string[]): BillingFormat | null {
  return SPECS.find((s) => headerHas(cols, s.detect))?.format ?? null;
}

/** Kind and format of a header, for inspect (the kind given is a hint). */
export function detectAny(cols: string[], hint: SourceKind): { kind: SourceKind; format: SourceFormat } | null {
  const b = detectBilling(cols);
  if (b !== null) return { kind: "billing", format: b };
  if (hint !== "value" && isVolume(cols)) return { kind: "volume", format: findCol(cols, ...COUNT_NAMES) >= 0 ? "counts" : "request-log" };
  if (isValue(cols)) return { kind: "value", format: "value" };
  if (hint === "volume" && findCol(cols, ...DATE_NAMES) >= 0) return { kind: "volume", format: "request-log" };
  return null;
}

/** The signature of a format (for "looks like X but misses Y"): its detection columns (the first name of alternatives), then the columns it also has. */
export function signatureOf(spec: FormatSpec): string[] {
  return [...spec.detect.map((c) => (typeof c === "string" ? c : c[0])), ...(spec.expected ?? [])];
}

/** Signature columns of each billing format, derived from the specs. */
export const SIGNATURES = Object.fromEntries(SPECS.map((s) => [s.format, signatureOf(s)])) as Record<Exclude<BillingFormat, "generic">, string[]>;

/** The format a header half-matches (at least two signature columns), with what it misses. */
export function nearestBilling(cols: string[]): { format: BillingFormat; expected: string[]; missing: string[] } | null {
  let best: { format: BillingFormat; expected: string[]; missing: string[]; hits: number } | null = null;
  for (const spec of SPECS) {
    const sig: readonly (string | readonly string[])[] = [...spec.detect, ...(spec.expected ?? [])];
    const missing = sig.filter((c) => !headerHas(cols, [c])).map((c) => (typeof c === "string" ? c : c[0]));
    const hits = sig.length - missing.length;
    if (hits >= 2 && missing.length > 0 && (best === null || hits > best.hits)) best = { format: spec.format, expected: signatureOf(spec), missing, hits };
  }
  return best === null ? null : { format: best.format, expected: best.expected, missing: best.missing };
}

export function billingMapper(format: BillingFormat, ctx: MapperContext): BillingMapper {
  if (format === "generic") return genericMapper(ctx);
  const spec = SPECS.find((s) => s.format === format);
  if (spec === undefined) throw new Error(`no spec for the billing format '${format}'`);
  return spec.mapper(ctx);
}
