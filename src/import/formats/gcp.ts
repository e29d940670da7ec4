/**
 * GCP BigQuery billing export flattened to CSV. Cost is net of credits:
 * `cost` + the sum of the `amount`s in `credits` (a list in JSON or Python-repr quoting).
 * Labels are a list of {key, value}.
 */
import { Decimal } from "../../core/decimal";
import { parseStrictDecimal } from "../../core/grammar";
import { type CsvRecord, detach } from "../csv";
import {
  type BillingMapper,
  type FormatSpec,
  type MapperContext,
  type RowIssue,
  TagParser,
  clip,
  costOf,
  findCol,
  findTag,
  isMissing,
  pythonReprToJson,
  requireCol,
  rowKey,
  billingOut,
} from "./common";

/** Sum of credit amounts, as exact text; or an error string. Cached by the cell text. */
export function creditsSum(raw: string): Decimal | string {
  const s = raw.trim();
  if (isMissing(s) || s === "[]") return new Decimal(0);
  // Keep the amounts' text exact: quote bare numbers after "amount" before JSON.parse.
  const quoted = (t: string): string => t.replace(/(["']amount["']\s*:\s*)(-?[0-9.]+(?:[eE][+-]?\d+)?)/g, '$1"$2"');
  let v: unknown;
  try {
    v = JSON.parse(quoted(s));
  } catch {
    try {
      v = JSON.parse(quoted(pythonReprToJson(s)));
    } catch {
      return `credits cannot be read: '${clip(s)}'`;
    }
  }
  if (!Array.isArray(v)) return `credits is not a list: '${clip(s)}'`;
  let sum = new Decimal(0);
  for (const c of v) {
    if (!c || typeof c !== "object") continue;
    const a = (c as Record<string, unknown>).amount;
    if (a === undefined || a === null) continue;
    const t = parseStrictDecimal(String(a));
    if (t === null) return `a credit amount is not a number: '${String(a)}'`;
    sum = sum.plus(t);
  }
  return sum;
}

export function gcpMapper(ctx: MapperContext): BillingMapper {
  const cols = ctx.columns;
  const cCost = requireCol(ctx, "cost");
  const cDate = requireCol(ctx, "usage_start_time");
  const cCur = requireCol(ctx, "currency");
  const cCredits = findCol(cols, "credits");
  const cSvc = findCol(cols, "service.description");
  const cSku = findCol(cols, "sku.description");
  const cProj = findCol(cols, "project.id");
  const cType = findCol(cols, "cost_type");
  const cLabels = findCol(cols, "labels");
  const tags = new TagParser(ctx.tagKeys);
  const creditCache = new Map<string, Decimal | string>();
  const k = ctx.key;
  const wanted = k.kind === "tag" ? k.name : "model";
  const out = billingOut({ provider: "Google Cloud" });
  return {
    format: "gcp",
    dateColumn: "usage_start_time",
    out,
    map(rec: CsvRecord): RowIssue {
      const c = costOf(rec, cCost, "cost");
      if (typeof c !== "string") return c;
      if (cCredits >= 0) {
        const raw = rec.get(cCredits);
        let cr = creditCache.get(raw);
        if (cr === undefined) {
          cr = creditsSum(raw);
          if (creditCache.size > 10000) creditCache.clear();
          creditCache.set(detach(raw), cr);
        }
        if (typeof cr === "string") return { reject: cr };
        out.cost = cr.isZero() ? c : new Decimal(c).plus(cr).toFixed();
      } else out.cost = c;
      out.date = rec.get(cDate);
      const cur = rec.get(cCur);
      if (isMissing(cur)) return { reject: "currency is empty" };
      out.currency = cur;
      out.service = cSvc >= 0 ? rec.get(cSvc) : "";
      out.chargeCategory = cType >= 0 ? rec.get(cType) : "";
      const t = cLabels >= 0 ? tags.field(rec, cLabels) : null;
      out.key = rowKey(k, rec, out.service, cProj, cSku, () => (t !== null ? findTag(t, wanted) : null));
      return undefined;
    },
  };
}

export const GCP_SPEC: FormatSpec = { format: "gcp", detect: ["cost", "currency", "usage_start_time", "service.description"], mapper: gcpMapper };
