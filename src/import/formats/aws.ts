/**
 * AWS legacy CUR (`lineItem/UnblendedCost`) and CUR 2.0 (`line_item_unblended_cost`).
 * Basis `effective` is the amortized cost by line item type, as AWS documents it: one table,
 * `AWS_AMORTIZATION` below, read by the mapper here and by `aiecon sql` (../sql/generate.ts).
 */
import { Decimal } from "../../core/decimal";
import { parseStrictDecimal } from "../../core/grammar";
import type { CsvRecord } from "../csv";
import {
  type BillingMapper,
  type FormatSpec,
  type MapperContext,
  type RowIssue,
  TagParser,
  costOf,
  findCol,
  findTag,
  headerHas,
  isMissing,
  missingColumns,
  modelFromUsageType,
  normalTagName,
  present,
  reads,
  requireCol,
  rowKey,
  billingOut,
} from "./common";

/** The amount columns the amortization reads (names per variant in `LEGACY` / `CUR2`). */
export type AmortizationAmount = "spEff" | "spTotal" | "spUsed" | "riEff" | "riUnusedUpfront" | "riUnusedRecurring";

/**
 * How a line item type's effective cost is computed: the sum of `add` less the sum of
 * `subtract` (a missing amount is 0; no columns at all is 0), or 0 when the reservation ARN is
 * present and the unblended cost otherwise (`zeroWithReservation`).
 */
export type AmortizationRule =
  | { readonly add: readonly AmortizationAmount[]; readonly subtract?: readonly AmortizationAmount[] }
  | { readonly zeroWithReservation: true };

/** Effective (amortized) cost by `LineItemType`; a type not listed keeps its unblended cost. */
export const AWS_AMORTIZATION: Readonly<Record<string, AmortizationRule>> = {
  /** → SavingsPlanEffectiveCost */
  SavingsPlanCoveredUsage: { add: ["spEff"] },
  /** → TotalCommitmentToDate − UsedCommitment (the unused commitment) */
  SavingsPlanRecurringFee: { add: ["spTotal"], subtract: ["spUsed"] },
  /** → 0 (covered usage carries the cost) */
  SavingsPlanNegation: { add: [] },
  SavingsPlanUpfrontFee: { add: [] },
  /** → reservation EffectiveCost */
  DiscountedUsage: { add: ["riEff"] },
  /** → UnusedAmortizedUpfrontFeeForBillingPeriod + UnusedRecurringFee */
  RIFee: { add: ["riUnusedUpfront", "riUnusedRecurring"] },
  /** A fee with a reservation ARN is the RI upfront fee, amortized into usage → 0. */
  Fee: { zeroWithReservation: true },
};

export const AWS_CUR_SPEC: FormatSpec = {
  format: "aws-cur",
  detect: ["lineItem/UnblendedCost", "lineItem/UsageStartDate"],
  expected: ["lineItem/CurrencyCode"],
  mapper: (ctx) => awsMapper(ctx, false),
};
export const AWS_CUR2_SPEC: FormatSpec = {
  format: "aws-cur2",
  detect: ["line_item_unblended_cost", "line_item_usage_start_date"],
  expected: ["line_item_currency_code"],
  mapper: (ctx) => awsMapper(ctx, true),
};
const isAwsCur = (cols: string[]): boolean => headerHas(cols, AWS_CUR_SPEC.detect);
const isAwsCur2 = (cols: string[]): boolean => headerHas(cols, AWS_CUR2_SPEC.detect);

export interface Names {
  cost: string; date: string; currency: string; type: string; product: string; productName: string; resource: string; usageType: string;
  spEff: string; spTotal: string; spUsed: string; riEff: string; riUnusedUpfront: string; riUnusedRecurring: string; riArn: string;
  billType: string;
}

export const LEGACY: Names = {
  cost: "lineItem/UnblendedCost", date: "lineItem/UsageStartDate", currency: "lineItem/CurrencyCode", type: "lineItem/LineItemType",
  product: "lineItem/ProductCode", productName: "product/ProductName", resource: "lineItem/ResourceId", usageType: "lineItem/UsageType",
  spEff: "savingsPlan/SavingsPlanEffectiveCost", spTotal: "savingsPlan/TotalCommitmentToDate", spUsed: "savingsPlan/UsedCommitment",
  riEff: "reservation/EffectiveCost", riUnusedUpfront: "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
  riUnusedRecurring: "reservation/UnusedRecurringFee", riArn: "reservation/ReservationARN", billType: "bill/BillType",
};
export const CUR2: Names = {
  cost: "line_item_unblended_cost", date: "line_item_usage_start_date", currency: "line_item_currency_code", type: "line_item_line_item_type",
  product: "line_item_product_code", productName: "product_product_name", resource: "line_item_resource_id", usageType: "line_item_usage_type",
  spEff: "savings_plan_savings_plan_effective_cost", spTotal: "savings_plan_total_commitment_to_date", spUsed: "savings_plan_used_commitment",
  riEff: "reservation_effective_cost", riUnusedUpfront: "reservation_unused_amortized_upfront_fee_for_billing_period",
  riUnusedRecurring: "reservation_unused_recurring_fee", riArn: "reservation_reservation_a_r_n", billType: "bill_bill_type",
};

/**
 * The header of a legacy CUR export written as Parquet (its columns snake case, as
 * `line_item_unblended_cost`, and its tags one column each, `resource_tags_user_NAME`, with
 * no `resource_tags` map as CUR 2.0 has), spelled as the legacy CSV spells it, so that it
 * goes through the legacy mapper like its CSV twin. null when the header is not one.
 */
export function legacyCurFromParquet(cols: string[]): string[] | null {
  if (!isAwsCur2(cols) || findCol(cols, "resource_tags") >= 0 || isAwsCur(cols)) return null;
  const legacy = new Map<string, string>();
  for (const k of Object.keys(CUR2) as (keyof Names)[]) legacy.set(CUR2[k], LEGACY[k]);
  return cols.map((c) => legacy.get(c) ?? (c.startsWith("resource_tags_") ? "resourceTags/" + c.slice("resource_tags_".length) : c));
}

export function awsMapper(ctx: MapperContext, v2: boolean): BillingMapper {
  const N = v2 ? CUR2 : LEGACY;
  const cols = ctx.columns;
  const cCost = requireCol(ctx, N.cost);
  const cDate = requireCol(ctx, N.date);
  const cCur = requireCol(ctx, N.currency);
  const cType = findCol(cols, N.type);
  const cProd = findCol(cols, N.product);
  const cProdName = findCol(cols, N.productName);
  const cRes = findCol(cols, N.resource);
  const cUsage = findCol(cols, N.usageType);
  const eff = ctx.basis === "effective";
  const need = (n: string): number => (eff ? findCol(cols, n) : -1);
  const amountCol = new Map<AmortizationAmount, number>();
  for (const rule of Object.values(AWS_AMORTIZATION)) {
    if ("add" in rule) for (const a of [...rule.add, ...(rule.subtract ?? [])]) amountCol.set(a, need(N[a]));
  }
  const cRiArn = need(N.riArn);
  if (eff && cType < 0) throw missingColumns(ctx.file, [N.type], cols);

  // Tags: legacy = one column per tag (`resourceTags/user:NAME`); CUR 2.0 = `resource_tags` JSON map.
  const tagCols: { name: string; index: number }[] = [];
  let cTagJson = -1;
  if (v2) cTagJson = findCol(cols, "resource_tags");
  else cols.forEach((c, index) => c.startsWith("resourceTags/") && tagCols.push({ name: c.slice("resourceTags/".length), index }));
  const unseenTagCols = [...tagCols];
  const tags = new TagParser(ctx.tagKeys);
  const k = ctx.key;
  const wanted = k.kind === "tag" ? k.name : "model";
  const ln = wanted.toLowerCase();
  const tagCol = tagCols.find((t) => t.name === wanted || t.name === "user:" + wanted) ?? tagCols.find((t) => normalTagName(t.name).toLowerCase() === ln);
  const out = billingOut({ provider: "AWS" });

  const num = (rec: CsvRecord, a: AmortizationAmount): Decimal | string => {
    const i = amountCol.get(a) ?? -1;
    const s = i >= 0 ? rec.get(i) : "";
    if (isMissing(s)) return new Decimal(0);
    const v = parseStrictDecimal(s);
    return v === null ? `${N[a]} is not a number: '${s}'` : new Decimal(v);
  };
  /** The effective cost of a record whose type has a rule: a Decimal, null (keep unblended), or why it is rejected. */
  const amortized = (rec: CsvRecord, rule: AmortizationRule): Decimal | string | null => {
    if (!("add" in rule)) return cRiArn >= 0 && !isMissing(rec.get(cRiArn)) ? new Decimal(0) : null;
    let d = new Decimal(0);
    for (const [names, sign] of [[rule.add, 1], [rule.subtract ?? [], -1]] as const) {
      for (const a of names) {
        const v = num(rec, a);
        if (typeof v === "string") return v;
        d = sign > 0 ? d.plus(v) : d.minus(v);
      }
    }
    return d;
  };

  return {
    format: v2 ? "aws-cur2" : "aws-cur",
    dateColumn: N.date,
    reads: reads(
      [cCost, "amount"], [cDate, "date"], [cCur, "text"], [cType, "text"], [cProd, "text"], [cProdName, "text"],
      [k.kind === "resource" ? cRes : -1, "text"], [k.kind === "sku" || k.kind === "model" ? cUsage : -1, "text"],
      ...[...amountCol.values()].map((i): [number, "amount"] => [i, "amount"]), [cRiArn, "text"],
      [cTagJson, "tags"], ...tagCols.map((t): [number, "text"] => [t.index, "text"]),
    ),
    out,
    map(rec: CsvRecord): RowIssue {
      const c = costOf(rec, cCost, N.cost);
      if (typeof c !== "string") return c;
      const type = cType >= 0 ? rec.get(cType) : "";
      out.cost = c;
      const rule = eff && Object.hasOwn(AWS_AMORTIZATION, type) ? AWS_AMORTIZATION[type] : undefined;
      if (rule) {
        const d = amortized(rec, rule);
        if (typeof d === "string") return { reject: d };
        if (d !== null) out.cost = d.toFixed();
      }
      out.date = rec.get(cDate);
      const cur = rec.get(cCur);
      if (isMissing(cur)) return { reject: `${N.currency} is empty` };
      out.currency = cur;
      // The service is the product code (spec); the product name when a row has no code.
      const code = cProd >= 0 ? present(rec.get(cProd)) : null;
      out.service = code ?? (cProdName >= 0 ? rec.get(cProdName) : "");
      out.chargeCategory = type;
      // Tag keys seen (every row, whatever the key), then the key by the rule every format shares.
      let t: Record<string, string> | null = null;
      if (cTagJson >= 0) t = tags.field(rec, cTagJson);
      else {
        for (let i = unseenTagCols.length - 1; i >= 0; i--) {
          if (!isMissing(rec.get(unseenTagCols[i].index))) {
            ctx.tagKeys.add(normalTagName(unseenTagCols[i].name));
            unseenTagCols.splice(i, 1);
          }
        }
      }
      out.key = rowKey(k, rec, out.service, cRes, cUsage, () => {
        // The model named in the usage type (`USE1-Claude3Sonnet-input-tokens`); the `model` tag only when none is named.
        const named = k.kind === "model" && cUsage >= 0 ? modelFromUsageType(rec.get(cUsage)) : null;
        if (named !== null) return named;
        if (cTagJson >= 0) return t !== null ? findTag(t, wanted) : null;
        return tagCol ? present(rec.get(tagCol.index)) : null;
      });
      return undefined;
    },
  };
}
