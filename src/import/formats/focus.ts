/** FOCUS 1.0–1.3: BilledCost / EffectiveCost, ChargePeriodStart, BillingCurrency, Tags (JSON). */
import type { CsvRecord } from "../csv";
import { focusVersion } from "./variant";
import { type BillingMapper, type FormatSpec, type MapperContext, type RowIssue, TagParser, costAndDate, findCol, findTag, present, reads, requireCol, rowKey, billingOut } from "./common";

export function focusMapper(ctx: MapperContext): BillingMapper {
  const costName = ctx.basis === "effective" ? "EffectiveCost" : "BilledCost";
  const cCost = requireCol(ctx, costName);
  const cDate = requireCol(ctx, "ChargePeriodStart");
  const cCur = requireCol(ctx, "BillingCurrency");
  const cProv = findCol(ctx.columns, "ServiceProviderName", "ProviderName");
  const cSvc = findCol(ctx.columns, "ServiceName");
  const cCat = findCol(ctx.columns, "ChargeCategory");
  const cTags = findCol(ctx.columns, "Tags");
  const cRes = findCol(ctx.columns, "ResourceId", "ResourceName");
  const cSku = findCol(ctx.columns, "SkuId");
  const tags = new TagParser(ctx.tagKeys);
  const k = ctx.key;
  const tagName = k.kind === "tag" ? k.name : "model";
  const out = billingOut();
  return {
    format: "focus",
    dateColumn: "ChargePeriodStart",
    reads: reads([cCost, "amount"], [cDate, "date"], [cCur, "text"], [cProv, "text"], [cSvc, "text"], [cCat, "text"], [cTags, "tags"],
      [k.kind === "resource" ? cRes : -1, "text"], [k.kind === "sku" ? cSku : -1, "text"]),
    out,
    variant: () => focusVersion(ctx.columns),
    map(rec: CsvRecord): RowIssue {
      const bad = costAndDate(rec, out, cCost, costName, cDate);
      if (bad !== undefined) return bad;
      const cur = rec.get(cCur);
      if (present(cur) === null) return { reject: "BillingCurrency is empty" };
      out.currency = cur;
      out.provider = cProv >= 0 ? rec.get(cProv) : "";
      out.service = cSvc >= 0 ? rec.get(cSvc) : "";
      out.chargeCategory = cCat >= 0 ? rec.get(cCat) : "";
      const t = cTags >= 0 ? tags.field(rec, cTags) : null;
      out.key = rowKey(k, rec, out.service, cRes, cSku, () => (t !== null ? findTag(t, tagName) : null));
      return undefined;
    },
  };
}

export const FOCUS_SPEC: FormatSpec = { format: "focus", detect: ["BilledCost", "ChargePeriodStart", "BillingCurrency"], mapper: focusMapper };
