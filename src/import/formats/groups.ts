/** `groups`: the result of `aiecon sql` saved as CSV: one row per period × key × currency. */
import type { CsvRecord } from "../csv";
import { type BillingMapper, type FormatSpec, type MapperContext, type RowIssue, costAndDate, isMissing, requireCol, billingOut } from "./common";

/** The columns the query emits, in its order: period, key, currency, cost, line items. */
export const GROUPS_COLUMNS = ["aiecon_period", "aiecon_key", "aiecon_currency", "aiecon_cost", "aiecon_line_items"] as const;

export function groupsMapper(ctx: MapperContext): BillingMapper {
  const [P, K, C, COST] = GROUPS_COLUMNS;
  const cP = requireCol(ctx, P), cK = requireCol(ctx, K), cC = requireCol(ctx, C), cCost = requireCol(ctx, COST);
  const out = billingOut();
  return {
    format: "groups",
    dateColumn: P,
    out,
    map(rec: CsvRecord): RowIssue {
      const bad = costAndDate(rec, out, cCost, COST, cP);
      if (bad !== undefined) return bad;
      const cur = rec.get(cC);
      if (isMissing(cur)) return { reject: `${C} is empty` };
      out.currency = cur;
      const k = rec.get(cK);
      out.key = isMissing(k) ? null : k;
      return undefined;
    },
  };
}

export const GROUPS_SPEC: FormatSpec = { format: "groups", detect: GROUPS_COLUMNS, mapper: groupsMapper };
