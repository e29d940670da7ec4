/**
 * Model names in billing and volume data matched to price table entries. The rules, in
 * order; the first that finds an entry wins:
 *
 *  1. exact: the name is a table id (ignoring case and surrounding spaces):
 *     `gpt-4o-2024-08-06`, `azure/gpt-4o`, `anthropic.claude-3-5-sonnet-20240620-v1:0`.
 *  2. provider prefix stripped: a route (`azure/`, `bedrock/us-east-1/`, `openai/`: everything
 *     up to the last `/`), then a Bedrock inference-profile region (`us.`, `eu.`, `apac.`,
 *     `global.`, …), then a vendor (`anthropic.`, `meta.`, `amazon.`, …); the table is tried
 *     after each step: `azure/gpt-4o-mini` → `gpt-4o-mini`.
 *  3. date suffix stripped (after rule 2's strips): a Bedrock version `-v1:0` / `-v2`, then a
 *     date `-2024-08-06`, `-20240620` or `@20240620`: `gpt-4o-2099-01-01` → `gpt-4o`.
 *  4. the table's ids reduced by the same strips: the name's reduced form equals the reduced
 *     form of table ids that all have the same input and output price (`claude-3-5-sonnet` →
 *     `anthropic.claude-3-5-sonnet-20240620-v1:0` when every such entry costs the same). When
 *     they disagree the name is ambiguous: unmatched, with the candidates listed.
 *
 * Anything else (an Azure deployment named `prod-chat`, `Claude4.6Sonnet`) is unmatched and
 * listed, never guessed: the user names its model.
 */
import type { PriceRow, PriceTable } from "./convert";

export type MatchRule = "exact" | "provider prefix" | "date suffix" | "same model";

export interface Match {
  name: string;
  row: PriceRow;
  rule: MatchRule;
}

export interface NoMatch {
  name: string;
  reason: string;
}

const REGION = /^(?:us|eu|apac|au|jp|ca|global|us-gov)\./;
const VENDOR = /^(?:anthropic|meta|amazon|cohere|mistral|ai21|deepseek|qwen|openai|writer|twelvelabs|stability|google)\./;
const VERSION = /-v\d+(?::\d+)?$/;
const DATE = /(?:-\d{4}-\d{2}-\d{2}|-\d{8}|@\d{8})$/;

/** The name after each of rule 2's strips, in order (the name itself first). */
export function prefixForms(name: string): string[] {
  const out = [name];
  let s = name;
  const slash = s.lastIndexOf("/");
  if (slash >= 0 && slash < s.length - 1) out.push((s = s.slice(slash + 1)));
  if (REGION.test(s)) out.push((s = s.replace(REGION, "")));
  if (VENDOR.test(s)) out.push((s = s.replace(VENDOR, "")));
  return out;
}

/** Rule 3 on one form: without a version suffix, then without a date. */
export function dateForms(name: string): string[] {
  const out: string[] = [];
  let s = name;
  if (VERSION.test(s)) out.push((s = s.replace(VERSION, "")));
  if (DATE.test(s)) out.push((s = s.replace(DATE, "")));
  return out;
}

/** The fully reduced form (rules 2 and 3 applied to the end). */
export function reduced(name: string): string {
  const p = prefixForms(name.trim().toLowerCase());
  const last = p[p.length - 1];
  const d = dateForms(last);
  return d.length ? d[d.length - 1] : last;
}

const samePrice = (a: PriceRow, b: PriceRow): boolean => a.input === b.input && a.output === b.output;

export class PriceMatcher {
  private readonly byId = new Map<string, PriceRow>();
  private readonly byReduced = new Map<string, PriceRow[]>();

  constructor(readonly table: PriceTable) {
    for (const r of table.rows) {
      const id = r.model.trim().toLowerCase();
      if (!this.byId.has(id)) this.byId.set(id, r);
      const k = reduced(id);
      const list = this.byReduced.get(k);
      if (list === undefined) this.byReduced.set(k, [r]);
      else list.push(r);
    }
  }

  /** The entry of a model name by the rules above, or why there is none. */
  match(name: string): Match | NoMatch {
    const n = name.trim().toLowerCase();
    if (n === "") return { name, reason: "no model name" };
    const exact = this.byId.get(n);
    if (exact !== undefined) return { name, row: exact, rule: "exact" };
    const forms = prefixForms(n);
    for (const f of forms.slice(1)) {
      const r = this.byId.get(f);
      if (r !== undefined) return { name, row: r, rule: "provider prefix" };
    }
    for (const f of forms) {
      for (const d of dateForms(f)) {
        const r = this.byId.get(d);
        if (r !== undefined) return { name, row: r, rule: "date suffix" };
      }
    }
    const cands = this.byReduced.get(reduced(n));
    if (cands === undefined) return { name, reason: "no price entry by any rule" };
    if (cands.every((c) => samePrice(c, cands[0]))) return { name, row: cands[0], rule: "same model" };
    const byPrice = new Map<string, string>();
    for (const c of cands) {
      const k = `${c.input ?? "-"} / ${c.output ?? "-"}`;
      if (!byPrice.has(k)) byPrice.set(k, c.model);
    }
    const shown = [...byPrice].map(([p, m]) => `${p} (${m})`);
    return { name, reason: `ambiguous: ${cands.length} entries at ${byPrice.size} prices: ${shown.join(", ")}` };
  }
}

export function isMatch(m: Match | NoMatch): m is Match {
  return "row" in m;
}
