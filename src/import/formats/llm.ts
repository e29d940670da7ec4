/**
 * LLM API cost exports.
 * - `openai-costs`: the Costs API (GET /v1/organization/costs) page JSON — buckets with
 *   `start_time` (Unix seconds) and results with `amount.value`, `amount.currency`,
 *   `line_item` (`gpt-4o-2024-08-06, input`: the model before the comma), `project_id` —
 *   or the dashboard CSV (`amount_value`, `amount_currency`, `line_item`, `start_time[_iso]`).
 * - `anthropic-cost`: the cost report JSON — buckets with `starting_at` and results with
 *   `amount` (a decimal string in CENTS, divided by 100 here), `currency`, `model`,
 *   `workspace_id`, `cost_type`, `description`, `token_type`.
 * JSON amounts are read as their exact source text (see json.ts).
 */
import { Decimal } from "../../core/decimal";
import type { CsvRecord } from "../csv";
import type { KeySpec } from "../../core/grammar";
import { type BillingMapper, type FormatSpec, type MapperContext, type RowIssue, costAndDate, costOf, findCol, isMissing, modelFromLineItem, present, requireCol, rowKey, billingOut } from "./common";

/** Synthetic columns the JSON readers produce. */
export const OPENAI_COLUMNS = ["start_time", "amount_value", "amount_currency", "line_item", "project_id"];
export const ANTHROPIC_COLUMNS = ["starting_at", "amount", "currency", "model", "workspace_id", "cost_type", "description", "token_type"];


export function openAiMapper(ctx: MapperContext): BillingMapper {
  const cols = ctx.columns;
  const cCost = requireCol(ctx, "amount_value");
  const cDate = requireCol(ctx, "start_time_iso", "start_time");
  const cCur = findCol(cols, "amount_currency");
  const cItem = findCol(cols, "line_item");
  const cProj = findCol(cols, "project_id");
  const k = ctx.key;
  const out = billingOut({ provider: "OpenAI", service: "OpenAI API", chargeCategory: "Usage" });
  return {
    format: "openai-costs",
    dateColumn: cols[cDate],
    epochSeconds: true,
    out,
    map(rec: CsvRecord): RowIssue {
      const bad = costAndDate(rec, out, cCost, "amount.value", cDate);
      if (bad !== undefined) return bad;
      const cur = cCur >= 0 ? rec.get(cCur) : "";
      out.currency = isMissing(cur) ? "USD" : cur.toUpperCase();
      const item = cItem >= 0 ? rec.get(cItem) : "";
      const model = modelFromLineItem(item);
      if (model !== null) ctx.tagKeys.add("model");
      out.key = llmKey(k, rec, out.service, model, "project_id", cProj, cItem);
      return undefined;
    },
  };
}

export function anthropicMapper(ctx: MapperContext): BillingMapper {
  const cols = ctx.columns;
  const cCost = requireCol(ctx, "amount");
  const cDate = requireCol(ctx, "starting_at");
  const cCur = findCol(cols, "currency");
  const cModel = findCol(cols, "model");
  const cWs = findCol(cols, "workspace_id");
  const cType = findCol(cols, "cost_type");
  const cDesc = findCol(cols, "description");
  const k = ctx.key;
  const out = billingOut({ provider: "Anthropic", service: "Claude API" });
  return {
    format: "anthropic-cost",
    dateColumn: "starting_at",
    out,
    map(rec: CsvRecord): RowIssue {
      const c = costOf(rec, cCost, "amount");
      if (typeof c !== "string") return c;
      out.cost = new Decimal(c).div(100).toFixed(); // cents → currency units (exact: ÷100 terminates)
      out.date = rec.get(cDate);
      const cur = cCur >= 0 ? rec.get(cCur) : "";
      out.currency = isMissing(cur) ? "USD" : cur.toUpperCase();
      out.chargeCategory = cType >= 0 ? rec.get(cType) : "";
      const model = cModel >= 0 ? present(rec.get(cModel)) : null;
      if (model !== null) ctx.tagKeys.add("model");
      out.key = llmKey(k, rec, out.service, model, "workspace_id", cWs, cDesc);
      return undefined;
    },
  };
}

/**
 * The key of a row of an LLM provider's cost export: the model (default, `model`, `tag:model`),
 * its one grouping column as `resource` or as the tag of that column's name (`project_id`,
 * `workspace_id`), the service, or the line item / description as `sku`.
 */
function llmKey(k: KeySpec, rec: CsvRecord, service: string, model: string | null, groupName: string, groupCol: number, skuCol: number): string | null {
  return rowKey(k, rec, service, groupCol, skuCol, () =>
    k.kind === "tag" && k.name.toLowerCase() !== "model" ? (k.name === groupName && groupCol >= 0 ? present(rec.get(groupCol)) : null) : model,
  );
}

export const OPENAI_SPEC: FormatSpec = { format: "openai-costs", detect: ["amount_value", "line_item"], expected: ["start_time"], mapper: openAiMapper };
export const ANTHROPIC_SPEC: FormatSpec = { format: "anthropic-cost", detect: ["amount", "currency", "starting_at", ["cost_type", "model"]], mapper: anthropicMapper };
