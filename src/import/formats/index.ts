/** Format detection from the header, and the mapper for each format. */
import type { BillingFormat, SourceFormat, SourceKind } from "../types";
import { awsMapper, isAwsCur, isAwsCur2 } from "./aws";
import { azureMapper, isAzure } from "./azure";
import type { BillingMapper, MapperContext } from "./common";
import { focusMapper, isFocus } from "./focus";
import { gcpMapper, isGcp } from "./gcp";
import { groupsMapper, isGroups } from "./groups";
import { genericMapper } from "./generic";
import { anthropicMapper, isAnthropicCsv, isOpenAiCsv, openAiMapper } from "./llm";
import { isOci, ociMapper } from "./oci";
import { findCol } from "./common";
import { COUNT_NAMES, DATE_NAMES, isValue, isVolume } from "./volume";

/** The billing format a header belongs to, or null. */
export function detectBilling(cols: string[]): BillingFormat | null {
  if (isGroups(cols)) return "groups";
  if (isFocus(cols)) return "focus";
  if (isAwsCur2(cols)) return "aws-cur2";
  if (isAwsCur(cols)) return "aws-cur";
  if (isOci(cols)) return "oci";
  if (isGcp(cols)) return "gcp";
  if (isAzure(cols)) return "azure";
  if (isOpenAiCsv(cols)) return "openai-costs";
  if (isAnthropicCsv(cols)) return "anthropic-cost";
  return null;
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

/** Signature columns of each billing format (for "looks like X but misses Y" errors). */
export const SIGNATURES: Record<Exclude<BillingFormat, "generic">, string[]> = {
  groups: ["aiecon_period", "aiecon_key", "aiecon_currency", "aiecon_cost"],
  focus: ["BilledCost", "ChargePeriodStart", "BillingCurrency"],
  "aws-cur2": ["line_item_unblended_cost", "line_item_usage_start_date", "line_item_currency_code"],
  "aws-cur": ["lineItem/UnblendedCost", "lineItem/UsageStartDate", "lineItem/CurrencyCode"],
  oci: ["lineItem/intervalUsageStart", "cost/myCost", "cost/currencyCode"],
  gcp: ["cost", "currency", "usage_start_time", "service.description"],
  azure: ["CostInBillingCurrency", "MeterCategory", "Date", "BillingCurrency"],
  "openai-costs": ["amount_value", "line_item", "start_time"],
  "anthropic-cost": ["amount", "currency", "starting_at", "cost_type"],
};

/** The format a header half-matches (at least two signature columns), with what it misses. */
export function nearestBilling(cols: string[]): { format: BillingFormat; expected: string[]; missing: string[] } | null {
  let best: { format: BillingFormat; expected: string[]; missing: string[]; hits: number } | null = null;
  for (const [format, sig] of Object.entries(SIGNATURES) as [BillingFormat, string[]][]) {
    const missing = sig.filter((c) => findCol(cols, c) < 0);
    const hits = sig.length - missing.length;
    if (hits >= 2 && missing.length > 0 && (best === null || hits > best.hits)) best = { format, expected: sig, missing, hits };
  }
  return best === null ? null : { format: best.format, expected: best.expected, missing: best.missing };
}

export function billingMapper(format: BillingFormat, ctx: MapperContext): BillingMapper {
  switch (format) {
    case "focus":
      return focusMapper(ctx);
    case "aws-cur":
      return awsMapper(ctx, false);
    case "aws-cur2":
      return awsMapper(ctx, true);
    case "azure":
      return azureMapper(ctx);
    case "gcp":
      return gcpMapper(ctx);
    case "oci":
      return ociMapper(ctx);
    case "openai-costs":
      return openAiMapper(ctx);
    case "anthropic-cost":
      return anthropicMapper(ctx);
    case "groups":
      return groupsMapper(ctx);
    case "generic":
      return genericMapper(ctx);
  }
}
