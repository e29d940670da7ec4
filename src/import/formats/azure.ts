/**
 * Azure cost exports: EA (PascalCase) and MCA (camelCase), actual or amortized
 * (the amortized export carries amortized amounts in the same cost column), and the
 * legacy PreTaxCost / UsageDateTime layout. Dates are US `MM/DD/YYYY` or ISO.
 */
import type { CsvRecord } from "../csv";
import { AzureCostKind, azureLayout } from "./variant";
import { type BillingMapper, type FormatSpec, type MapperContext, type RowIssue, TagParser, costOf, findCol, findTag, isMissing, present, reads, requireCol, rowKey, billingOut } from "./common";

const COST = ["CostInBillingCurrency", "costInBillingCurrency", "Cost", "PreTaxCost", "cost", "preTaxCost"];

/** The columns read, in the order they are looked for (also used by the SQL generator). */
export const AZURE_COLUMNS = {
  cost: COST,
  date: ["Date", "UsageDateTime", "date", "usageDateTime"],
  currency: ["BillingCurrency", "billingCurrency", "BillingCurrencyCode", "billingCurrencyCode", "Currency"],
  resource: ["ResourceId", "InstanceId", "InstanceName"],
};

export function azureMapper(ctx: MapperContext): BillingMapper {
  const cols = ctx.columns;
  const cCost = requireCol(ctx, ...COST);
  const costName = cols[cCost];
  const cDate = requireCol(ctx, ...AZURE_COLUMNS.date);
  const cCur = requireCol(ctx, ...AZURE_COLUMNS.currency);
  const cCat = findCol(cols, "MeterCategory");
  const cMeter = findCol(cols, "MeterName");
  const cType = findCol(cols, "ChargeType");
  const cRes = findCol(cols, ...AZURE_COLUMNS.resource);
  const cTags = findCol(cols, "Tags");
  const cPub = findCol(cols, "PublisherName");
  const cPricing = findCol(cols, "PricingModel", "pricingModel");
  const costKind = new AzureCostKind();
  const layout = azureLayout(cols);
  const variantOf = (c: AzureCostKind): string => (c.kind === null ? layout : `${layout}, ${c.kind} cost`);
  const tags = new TagParser(ctx.tagKeys);
  const k = ctx.key;
  const wanted = k.kind === "tag" ? k.name : "model";
  const out = billingOut({ provider: "Microsoft" });
  return {
    format: "azure",
    dateColumn: cols[cDate],
    reads: reads(
      [cCost, "amount"], [cDate, "date"], [cCur, "text"], [cCat, "text"], [cType, "text"], [cTags, "tags"], [cPub, "text"], [cPricing, "text"],
      [k.kind === "sku" ? cMeter : -1, "text"], [k.kind === "resource" ? cRes : -1, "text"],
    ),
    out,
    variant: () => variantOf(costKind),
    variantFacts: () => costKind.facts(),
    variantOfFacts: (facts) => {
      const k = new AzureCostKind();
      k.add(facts);
      return variantOf(k);
    },
    map(rec: CsvRecord): RowIssue {
      const c = costOf(rec, cCost, costName);
      if (typeof c !== "string") return c;
      out.cost = c;
      if (cType >= 0 && cPricing >= 0) costKind.see(rec.get(cType), rec.get(cPricing), c);
      out.date = rec.get(cDate);
      const cur = rec.get(cCur);
      if (isMissing(cur)) return { reject: `${cols[cCur]} is empty` };
      out.currency = cur;
      out.service = cCat >= 0 ? rec.get(cCat) : "";
      out.chargeCategory = cType >= 0 ? rec.get(cType) : "Usage";
      const pub = cPub >= 0 ? present(rec.get(cPub)) : null;
      out.provider = pub !== null && pub !== "Microsoft" ? pub : "Microsoft";
      const t = cTags >= 0 ? tags.field(rec, cTags) : null;
      out.key = rowKey(k, rec, out.service, cRes, cMeter, () => (t !== null ? findTag(t, wanted) : null));
      return undefined;
    },
  };
}

export const AZURE_SPEC: FormatSpec = { format: "azure", detect: [COST, "MeterCategory"], expected: ["Date", "BillingCurrency"], mapper: azureMapper };
