/**
 * A billing file in no known layout, read through the user's column mapping
 * (`date=Day,cost=Amount,currency=EUR,key=Model`). Money is read leniently: currency
 * symbols, thousands separators, `(12.34)` negatives, decimal commas when the delimiter is `;`.
 */
import { parseLenientDecimal } from "../../core/grammar";
import type { CsvRecord } from "../csv";
import { ImportError } from "../types";
import { type BillingMapper, type MapperContext, type RowIssue, clip, findCol, isMissing, missingColumns, present, billingOut } from "./common";

export function genericMapper(ctx: MapperContext): BillingMapper {
  const map = ctx.map ?? {};
  const cols = ctx.columns;
  if (!map.date || !map.cost) {
    throw new ImportError(
      "not-recognised",
      `${ctx.file}: the billing format was not recognised; give a column mapping such as --map date=Day,cost=Amount,currency=USD,key=Model (columns found: ${cols.join(", ")})`,
      ctx.file,
    );
  }
  const need = (name: string): number => {
    const i = findCol(cols, name);
    if (i < 0) throw missingColumns(ctx.file, [name], cols);
    return i;
  };
  const cDate = need(map.date);
  const cCost = need(map.cost);
  let fixedCurrency: string | null = null;
  let cCur = -1;
  if (map.currency) {
    // A column of this file when the header has it (exact case); else a three-letter fixed code.
    cCur = cols.indexOf(map.currency);
    if (cCur < 0) {
      if (/^[A-Za-z]{3}$/.test(map.currency)) fixedCurrency = map.currency.toUpperCase();
      else {
        cCur = findCol(cols, map.currency);
        if (cCur < 0) throw missingColumns(ctx.file, [map.currency], cols);
      }
    }
  } else {
    cCur = findCol(cols, "currency", "Currency", "BillingCurrency");
    if (cCur < 0) {
      throw new ImportError(
        "no-currency",
        `${ctx.file}: no currency: map a currency column or give a fixed code (--map ...,currency=USD); columns found: ${cols.join(", ")}`,
        ctx.file,
      );
    }
  }
  const cKey = map.key ? need(map.key) : -1;
  const decimalComma = ctx.delimiter === ";";
  const costName = cols[cCost];
  const out = billingOut();
  return {
    format: "generic",
    dateColumn: cols[cDate],
    out,
    map(rec: CsvRecord): RowIssue {
      const s = rec.get(cCost);
      const v = parseLenientDecimal(s, decimalComma);
      if (v === null) return { reject: isMissing(s) ? `${costName} is empty` : `${costName} is not a number: '${clip(s)}'` };
      out.cost = v;
      out.date = rec.get(cDate);
      if (fixedCurrency !== null) out.currency = fixedCurrency;
      else {
        const cur = rec.get(cCur).trim();
        if (isMissing(cur)) return { reject: `${cols[cCur]} is empty` };
        out.currency = cur.toUpperCase();
      }
      out.key = cKey >= 0 ? present(rec.get(cKey)) : null;
      out.service = out.key ?? "";
      return undefined;
    },
  };
}
