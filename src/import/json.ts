/**
 * The JSON API exports: OpenAI Costs API pages, OpenAI usage (completions) pages, and the
 * Anthropic cost report. They are small, so the text is read whole. Amounts are taken as
 * their exact source text: bare numbers after `"value"`/`"amount"` keys are quoted before
 * JSON.parse so no binary float ever stands between the file and the Decimal.
 */
import { ANTHROPIC_COLUMNS, OPENAI_COLUMNS } from "./formats/llm";
import { OPENAI_USAGE_COLUMNS } from "./formats/volume";
import type { SourceFormat } from "./types";
import { ImportError } from "./types";

export interface JsonTable {
  format: SourceFormat;
  kind: "billing" | "volume";
  columns: string[];
  rows: string[][];
  /** Buckets or results without a cost, skipped with a reason. */
  skipped: Record<string, number>;
}

const AMOUNT_RE = /("(?:value|amount|input_tokens|output_tokens|num_model_requests)"\s*:\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

function text(v: unknown): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
}

export function parseJsonExport(file: string, src: string): JsonTable {
  let doc: unknown;
  try {
    doc = JSON.parse(src.replace(AMOUNT_RE, '$1"$2"'));
  } catch (e) {
    throw new ImportError(`${file}: the JSON cannot be read (${e instanceof Error ? e.message : String(e)})`, file);
  }
  // A page ({data: [...]}) or an array of pages or of buckets.
  const buckets: Record<string, unknown>[] = [];
  const addPage = (p: unknown): void => {
    if (p && typeof p === "object" && Array.isArray((p as Record<string, unknown>).data)) {
      for (const b of (p as { data: unknown[] }).data) if (b && typeof b === "object") buckets.push(b as Record<string, unknown>);
    } else if (p && typeof p === "object" && Array.isArray((p as Record<string, unknown>).results)) {
      buckets.push(p as Record<string, unknown>);
    }
  };
  if (Array.isArray(doc)) doc.forEach(addPage);
  else addPage(doc);
  if (buckets.length === 0 && !(doc && typeof doc === "object" && "data" in (doc as object))) {
    throw new ImportError(`${file}: JSON that is not an OpenAI Costs/usage page or an Anthropic cost report (no "data" buckets)`, file);
  }
  let first: Record<string, unknown> | undefined;
  for (const b of buckets) {
    const r = b.results;
    if (Array.isArray(r) && r.length > 0) {
      first = r[0] as Record<string, unknown>;
      break;
    }
  }
  const skipped: Record<string, number> = {};
  const skip = (why: string): void => {
    skipped[why] = (skipped[why] ?? 0) + 1;
  };
  const obj = (first?.object as string | undefined) ?? "";
  const isUsage = first !== undefined && ("num_model_requests" in first || obj.startsWith("organization.usage"));
  const isOpenAi = first !== undefined && !isUsage && (obj.startsWith("organization.costs") || (typeof first.amount === "object" && first.amount !== null));
  const isAnthropic = first !== undefined && !isUsage && !isOpenAi && "amount" in first;
  const rows: string[][] = [];
  if (isUsage) {
    for (const b of buckets) {
      for (const r of (b.results as Record<string, unknown>[]) ?? []) {
        rows.push([text(b.start_time), text(r.model), text(r.num_model_requests), text(r.input_tokens), text(r.output_tokens), text(r.project_id)]);
      }
    }
    return { format: "counts", kind: "volume", columns: OPENAI_USAGE_COLUMNS, rows, skipped };
  }
  if (isAnthropic) {
    for (const b of buckets) {
      for (const r of (b.results as Record<string, unknown>[]) ?? []) {
        rows.push([text(b.starting_at), text(r.amount), text(r.currency), text(r.model), text(r.workspace_id), text(r.cost_type), text(r.description), text(r.token_type)]);
      }
    }
    return { format: "anthropic-cost", kind: "billing", columns: ANTHROPIC_COLUMNS, rows, skipped };
  }
  // OpenAI costs (also the default for pages whose buckets are all empty)
  const anthropicShape = buckets.some((b) => "starting_at" in b);
  if (first === undefined && anthropicShape) return { format: "anthropic-cost", kind: "billing", columns: ANTHROPIC_COLUMNS, rows, skipped };
  for (const b of buckets) {
    const res = (b.results as Record<string, unknown>[]) ?? [];
    if (res.length === 0) skip("time bucket without results");
    for (const r of res) {
      const amount = (r.amount ?? {}) as Record<string, unknown>;
      rows.push([text(b.start_time), text(amount.value), text(amount.currency), text(r.line_item), text(r.project_id)]);
    }
  }
  return { format: "openai-costs", kind: "billing", columns: OPENAI_COLUMNS, rows, skipped };
}
