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
  /** For each row, the line of the file on which its result object starts. */
  lines: number[];
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
    throw new ImportError("bad-json", `${file}: the JSON cannot be read (${e instanceof Error ? e.message : String(e)})`, file);
  }
  // A page ({data: [...]}) or an array of pages or of buckets.
  const buckets: Record<string, unknown>[] = [];
  /** Each bucket's path in the document (`/0/data/3`), to find its results' lines. */
  const paths = new Map<Record<string, unknown>, string>();
  const addPage = (p: unknown, path: string): void => {
    if (p && typeof p === "object" && Array.isArray((p as Record<string, unknown>).data)) {
      (p as { data: unknown[] }).data.forEach((b, i) => {
        if (b && typeof b === "object") {
          buckets.push(b as Record<string, unknown>);
          paths.set(b as Record<string, unknown>, `${path}/data/${i}`);
        }
      });
    } else if (p && typeof p === "object" && Array.isArray((p as Record<string, unknown>).results)) {
      buckets.push(p as Record<string, unknown>);
      paths.set(p as Record<string, unknown>, path);
    }
  };
  if (Array.isArray(doc)) doc.forEach((p, i) => addPage(p, `/${i}`));
  else addPage(doc, "");
  const starts = resultLines(src);
  const lines: number[] = [];
  const lineOf = (b: Record<string, unknown>, j: number): number => starts.get(`${paths.get(b) ?? ""}/results/${j}`) ?? 0;
  if (buckets.length === 0 && !(doc && typeof doc === "object" && "data" in (doc as object))) {
    throw new ImportError("bad-json", `${file}: JSON that is not an OpenAI Costs/usage page or an Anthropic cost report (no "data" buckets)`, file);
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
      for (const [j, r] of ((b.results as Record<string, unknown>[]) ?? []).entries()) {
        lines.push(lineOf(b, j));
        rows.push([text(b.start_time), text(r.model), text(r.num_model_requests), text(r.input_tokens), text(r.output_tokens), text(r.project_id)]);
      }
    }
    return { format: "counts", kind: "volume", columns: OPENAI_USAGE_COLUMNS, rows, lines, skipped };
  }
  if (isAnthropic) {
    for (const b of buckets) {
      for (const [j, r] of ((b.results as Record<string, unknown>[]) ?? []).entries()) {
        lines.push(lineOf(b, j));
        rows.push([text(b.starting_at), text(r.amount), text(r.currency), text(r.model), text(r.workspace_id), text(r.cost_type), text(r.description), text(r.token_type)]);
      }
    }
    return { format: "anthropic-cost", kind: "billing", columns: ANTHROPIC_COLUMNS, rows, lines, skipped };
  }
  // OpenAI costs (also the default for pages whose buckets are all empty)
  const anthropicShape = buckets.some((b) => "starting_at" in b);
  if (first === undefined && anthropicShape) return { format: "anthropic-cost", kind: "billing", columns: ANTHROPIC_COLUMNS, rows, lines, skipped };
  for (const b of buckets) {
    const res = (b.results as Record<string, unknown>[]) ?? [];
    if (res.length === 0) skip("time bucket without results");
    for (const [j, r] of res.entries()) {
      lines.push(lineOf(b, j));
      const amount = (r.amount ?? {}) as Record<string, unknown>;
      rows.push([text(b.start_time), text(amount.value), text(amount.currency), text(r.line_item), text(r.project_id)]);
    }
  }
  return { format: "openai-costs", kind: "billing", columns: OPENAI_COLUMNS, rows, lines, skipped };
}

/**
 * The line on which each object inside a `results` array starts, keyed by its path in the
 * document (`/data/3/results/0`, `/1/data/0/results/2`). A light scan of the JSON text that
 * follows nesting, keys and array indexes (the text has already been parsed, so it is valid).
 */
function resultLines(src: string): Map<string, number> {
  const out = new Map<string, number>();
  const stack: { arr: boolean; path: string; key: string; idx: number; expectKey: boolean }[] = [];
  let line = 1;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 34) {
      let j = i + 1;
      let esc = false;
      while (j < src.length && src.charCodeAt(j) !== 34) j += src.charCodeAt(j) === 92 ? ((esc = true), 2) : 1;
      const top = stack[stack.length - 1];
      if (top !== undefined && !top.arr && top.expectKey) {
        const raw = src.slice(i, j + 1);
        top.key = esc ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        top.expectKey = false;
      }
      i = j;
    } else if (c === 123 || c === 91) {
      const top = stack[stack.length - 1];
      const path = top === undefined ? "" : `${top.path}/${top.arr ? top.idx : top.key}`;
      if (c === 123 && top !== undefined && top.arr && top.path.endsWith("/results")) out.set(path, line);
      stack.push({ arr: c === 91, path, key: "", idx: 0, expectKey: c === 123 });
    } else if (c === 125 || c === 93) stack.pop();
    else if (c === 44) {
      const top = stack[stack.length - 1];
      if (top !== undefined) {
        if (top.arr) top.idx++;
        else top.expectKey = true;
      }
    }
  }
  return out;
}
