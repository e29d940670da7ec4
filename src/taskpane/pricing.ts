/**
 * The task pane's pricing choices (issue 12), without DOM: *Price the tokens (AI Prices)*
 * (default on when a volume file has token counts and the formulas are AIECON functions), for request logs *Write the request rows
 * (AI Requests)* (offered while they number at most 100,000) and *Price requests as* (a model
 * of the shipped price table: required when a request log has no model column), and the
 * models the Scenarios sheet compares besides the data's three cheapest. What the files hold
 * is read from their inspect reports (columns, format, rows used); the requests themselves
 * stay in the import worker (./tail-import.ts).
 */
import { volumeShape } from "../import/formats/volume";
import { isMatch, PriceMatcher } from "../import/prices/match";
import { shippedPrices, type PriceTable } from "../import/prices/table";
import { REQUEST_ROWS_LIMIT, type LongTailData } from "../import/tail-rows";
import type { WriteOptions } from "../excel/types";
import type { FileEntry } from "./model";
import { formatCount } from "./numbers";

export interface PricingChoices {
  /** Price the tokens; null: the default (on when a volume file has token counts). */
  prices: boolean | null;
  /** Write the request rows to AI Requests when they fit. */
  requestRows: boolean;
  /** *Price requests as*: a model of the price table, or "" (each request's model column). */
  priceModel: string;
  /** Scenarios candidates typed by the user, separated by commas. */
  candidates: string;
}

export function defaultPricing(): PricingChoices {
  return { prices: null, requestRows: true, priceModel: "", candidates: "" };
}

/** What the chosen volume files hold, as their inspect reports tell. */
export interface TokenFacts {
  /** Some volume file has input and output token columns. */
  tokens: boolean;
  /** Request logs (one row per request) with token columns. */
  requestLogs: readonly FileEntry[];
  /** Those without a key (model) column: their requests need *Price requests as*. */
  keyless: readonly FileEntry[];
  /** Rows used of the request logs: the requests. */
  requests: number;
}

export function tokenFacts(entries: readonly FileEntry[]): TokenFacts {
  let tokens = false;
  const requestLogs: FileEntry[] = [];
  const keyless: FileEntry[] = [];
  let requests = 0;
  for (const e of entries) {
    const r = e.report;
    if (e.kind !== "volume" || e.status !== "ready" || r === undefined) continue;
    const shape = volumeShape(r.columns, e.map);
    if (!shape.tokens) continue;
    tokens = true;
    if (r.format !== "request-log") continue;
    requestLogs.push(e);
    requests += r.rowsUsed;
    if (!shape.keyed) keyless.push(e);
  }
  return { tokens, requestLogs, keyless, requests };
}

/** Pricing with the formulas chosen: native Excel workbooks get no pricing sheets unless asked (they use AIECON functions, no native form yet). */
export type PricingState = PricingChoices & { formulas: "aiecon" | "native" };

export function pricesOn(c: PricingState, f: TokenFacts): boolean {
  return c.prices ?? (f.tokens && c.formulas === "aiecon");
}

/** Why the request rows cannot be written (more than AI Requests takes), or null. */
export function requestRowsReason(f: TokenFacts): string | null {
  if (f.requests <= REQUEST_ROWS_LIMIT) return null;
  return `${formatCount(f.requests)} requests: more than the ${formatCount(REQUEST_ROWS_LIMIT)} rows AI Requests takes. Long Tail gets the exact figures as values.`;
}

let matcher: PriceMatcher | null = null;
const table = (): PriceTable => shippedPrices();
function priceMatcher(): PriceMatcher {
  matcher ??= new PriceMatcher(table());
  return matcher;
}

/** The price table's model for a name (by the matching rules), or why there is none. */
export function findModel(name: string): { model: string } | { reason: string } {
  const m = priceMatcher().match(name);
  return isMatch(m) ? { model: m.row.model } : { reason: m.reason };
}

/** The models of the shipped table that have input and output prices (the pickers' suggestions). */
export function pricedModels(): string[] {
  return table()
    .rows.filter((r) => r.input !== null && r.output !== null)
    .map((r) => r.model);
}

/** The typed candidates: names separated by commas, semicolons or line breaks. */
export function parseCandidates(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** A typed model the price table does not have (*Price requests as*, or a Scenarios candidate), or null. */
export function choiceProblem(c: PricingChoices): { field: "priceModel" | "candidates"; message: string } | null {
  const model = c.priceModel.trim();
  if (model !== "") {
    const m = findModel(model);
    if ("reason" in m) return { field: "priceModel", message: `"Price requests as": ${model} is not in the price table (${m.reason}). Choose one of the suggested models.` };
  }
  for (const name of parseCandidates(c.candidates)) {
    const m = findModel(name);
    if ("reason" in m) return { field: "candidates", message: `Scenarios candidate ${name} is not in the price table (${m.reason}). Type a model the table has, or remove it.` };
  }
  return null;
}

/** Why the pricing choices do not let Import start, or null. */
export function pricingBlocker(entries: readonly FileEntry[], c: PricingState): string | null {
  const f = tokenFacts(entries);
  if (!pricesOn(c, f)) return null;
  if (c.priceModel.trim() === "" && f.keyless.length > 0) {
    const names = f.keyless.map((e) => e.name).join(", ");
    return `Choose a model under "Price requests as": ${names} ${f.keyless.length === 1 ? "has" : "have"} no model column, so ${f.keyless.length === 1 ? "its" : "their"} requests cannot be priced otherwise.`;
  }
  return choiceProblem(c)?.message ?? null;
}

/** What the worker collects of the requests: priced as `model` (else each request's model column), their rows kept while they fit when `rows`. */
export interface TailRequest {
  model?: string;
  rows: boolean;
}

/** The import's pricing: the worker's long-tail request (request logs only) and the writer's options. */
export function pricingPlan(entries: readonly FileEntry[], c: PricingState): { tail?: TailRequest; write: Pick<WriteOptions, "prices" | "priceModel" | "scenarioCandidates"> } {
  const f = tokenFacts(entries);
  if (!pricesOn(c, f)) return { write: {} };
  const found = c.priceModel.trim() === "" ? null : findModel(c.priceModel.trim());
  const model = found !== null && "model" in found ? found.model : undefined;
  const candidates = parseCandidates(c.candidates).flatMap((n) => {
    const m = findModel(n);
    return "model" in m ? [m.model] : [];
  });
  const write: Pick<WriteOptions, "prices" | "priceModel" | "scenarioCandidates"> = { prices: table() };
  if (model !== undefined) write.priceModel = model;
  if (candidates.length > 0) write.scenarioCandidates = candidates;
  if (f.requestLogs.length === 0) return { write };
  const tail: TailRequest = { rows: c.requestRows && requestRowsReason(f) === null };
  if (model !== undefined) tail.model = model;
  return { tail, write };
}

/** The status lines of an import's long tail: requests priced and written, keys left unpriced. */
export function tailLines(lt: LongTailData | undefined): string[] {
  if (lt === undefined) return [];
  const priced = lt.tail.groups.reduce((a, g) => a + g.requests, 0);
  const lines = [
    `Long Tail: ${formatCount(priced)} requests priced${lt.requests !== null ? `, written to AI Requests with live figures` : ", the figures written as values"}.`,
  ];
  for (const u of lt.tail.unpriced) lines.push(`Not priced: ${u.key} (${formatCount(u.requests)} requests): ${u.reason}. Choose a model under "Price requests as".`);
  if (lt.tail.requestsWithoutTokens > 0) lines.push(`${formatCount(lt.tail.requestsWithoutTokens)} requests without input or output tokens were not priced.`);
  return lines;
}
