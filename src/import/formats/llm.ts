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
import { type BillingMapper, type MapperContext, type RowIssue, costOf, findCol, hasCols, isMissing, modelFromLineItem, present, requireCol } from "./common";

/** Synthetic columns the JSON readers produce. */
export const OPENAI_COLUMNS = ["start_time", "amount_value", "amount_currency", "line_item", "project_id"];
export const ANTHROPIC_COLUMNS = ["starting_at", "amount", "currency", "model", "workspace_id", "cost_type", "description", "token_type"];

export function isOpenAiCsv(cols: string[]): boolean {
  return hasCols(cols, "amount_value", "line_item");
}
export function isAnthropicCsv(cols: string[]): boolean {
  return hasCols(cols, "amount", "currency") && (findCol(cols, "cost_type") >= 0 || findCol(cols, "model") >= 0) && findCol(cols, "starting_at") >= 0;
}

export function openAiMapper(ctx: MapperContext): BillingMapper {
  const cols = ctx.columns;
  const cCost = requireCol(ctx, "amount_value");
  const cDate = requireCol(ctx, "start_time_iso", "start_time");
  const cCur = findCol(cols, "amount_currency");
  const cItem = findCol(cols, "line_item");
  const cProj = findCol(cols, "project_id");
  const k = ctx.key;
  const out = { date: "", cost: "", currency: "", provider: "OpenAI", service: "OpenAI API", chargeCategory: "Usage", key: null as string | null };
  return {
    format: "openai-costs",
    dateColumn: cols[cDate],
    epochSeconds: true,
    out,
    map(rec: CsvRecord): RowIssue {
      const c = costOf(rec, cCost, "amount.value");
      if (typeof c !== "string") return c;
      out.cost = c;
      out.date = rec.get(cDate);
      const cur = cCur >= 0 ? rec.get(cCur) : "";
      out.currency = isMissing(cur) ? "USD" : cur.toUpperCase();
      const item = cItem >= 0 ? rec.get(cItem) : "";
      const model = modelFromLineItem(item);
      if (model !== null) ctx.tagKeys.add("model");
      switch (k.kind) {
        case "default":
        case "model":
          out.key = model;
          break;
        case "tag":
          out.key = k.name.toLowerCase() === "model" ? model : k.name === "project_id" && cProj >= 0 ? present(rec.get(cProj)) : null;
          break;
        case "service":
          out.key = out.service;
          break;
        case "resource":
          out.key = cProj >= 0 ? present(rec.get(cProj)) : null;
          break;
        case "sku":
          out.key = present(item);
          break;
      }
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
  const out = { date: "", cost: "", currency: "", provider: "Anthropic", service: "Claude API", chargeCategory: "", key: null as string | null };
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
      switch (k.kind) {
        case "default":
        case "model":
          out.key = model;
          break;
        case "tag":
          out.key = k.name.toLowerCase() === "model" ? model : k.name === "workspace_id" && cWs >= 0 ? present(rec.get(cWs)) : null;
          break;
        case "service":
          out.key = out.service;
          break;
        case "resource":
          out.key = cWs >= 0 ? present(rec.get(cWs)) : null;
          break;
        case "sku":
          out.key = cDesc >= 0 ? present(rec.get(cDesc)) : null;
          break;
      }
      return undefined;
    },
  };
}
