/** OCI cost report: cost/myCost, lineItem/intervalUsageStart, cost/currencyCode, `tags/*` columns. */
import type { CsvRecord } from "../csv";
import { type BillingMapper, type FormatSpec, type MapperContext, type RowIssue, costAndDate, findCol, isMissing, present, requireCol, rowKey, billingOut } from "./common";

export function ociMapper(ctx: MapperContext): BillingMapper {
  const cols = ctx.columns;
  const cCost = requireCol(ctx, "cost/myCost");
  const cDate = requireCol(ctx, "lineItem/intervalUsageStart");
  const cCur = requireCol(ctx, "cost/currencyCode");
  const cSvc = findCol(cols, "product/service");
  const cRes = findCol(cols, "product/resourceId");
  const cSku = findCol(cols, "cost/productSku");
  const cCorr = findCol(cols, "lineItem/isCorrection");
  const tagCols: { name: string; index: number }[] = [];
  cols.forEach((c, index) => c.startsWith("tags/") && tagCols.push({ name: c.slice(5), index }));
  const unseen = [...tagCols];
  const k = ctx.key;
  const wanted = (k.kind === "tag" ? k.name : "model").toLowerCase();
  // `tag:CreatedBy` finds `tags/Oracle-Tags.CreatedBy` (name after the namespace) too.
  const tagCol =
    tagCols.find((t) => t.name.toLowerCase() === wanted) ??
    tagCols.find((t) => t.name.slice(t.name.lastIndexOf(".") + 1).toLowerCase() === wanted);
  const out = billingOut({ provider: "Oracle" });
  return {
    format: "oci",
    dateColumn: "lineItem/intervalUsageStart",
    out,
    map(rec: CsvRecord): RowIssue {
      const bad = costAndDate(rec, out, cCost, "cost/myCost", cDate);
      if (bad !== undefined) return bad;
      const cur = rec.get(cCur);
      if (isMissing(cur)) return { reject: "cost/currencyCode is empty" };
      out.currency = cur;
      out.service = cSvc >= 0 ? rec.get(cSvc) : "";
      out.chargeCategory = cCorr >= 0 && rec.get(cCorr).toLowerCase() === "true" ? "Correction" : "Usage";
      for (let i = unseen.length - 1; i >= 0; i--) {
        if (!isMissing(rec.get(unseen[i].index))) {
          ctx.tagKeys.add(unseen[i].name);
          unseen.splice(i, 1);
        }
      }
      out.key = rowKey(k, rec, out.service, cRes, cSku, () => (tagCol ? present(rec.get(tagCol.index)) : null));
      return undefined;
    },
  };
}

export const OCI_SPEC: FormatSpec = { format: "oci", detect: ["lineItem/intervalUsageStart", "cost/myCost"], expected: ["cost/currencyCode"], mapper: ociMapper };
