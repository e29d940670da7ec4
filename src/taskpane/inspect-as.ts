/**
 * Inspect a file as the kind the user gave it, for the task pane (runs in the import
 * worker; no DOM, so it is unit-tested in node with the real engine).
 */
import { inspect, newReport, summarize } from "../import/index";
import type { ImportInput, InspectReport } from "../import/types";
import { openText } from "../import/decode";
import { CsvParser } from "../import/csv";
import type { PaneInspect } from "./protocol";

/** Errors that a column mapping can cure: an unrecognised format or missing columns. */
function isMappable(e: unknown): boolean {
  return e instanceof Error && /not recogni[sz]ed|required column|column mapping|missing/i.test(e.message);
}

/** Header and first rows of a delimited file, for the mapping preview. */
export async function headOf(input: ImportInput, rows = 10): Promise<Pick<InspectReport, "columns" | "preview" | "encoding" | "delimiter" | "compressed">> {
  const src = await openText(input.name, input.open());
  const records: string[][] = [];
  const parser = new CsvParser((rec) => {
    if (records.length <= rows) records.push(rec.toArray());
  });
  try {
    for (let text = await src.next(); text !== null && records.length <= rows; text = await src.next()) parser.push(text);
    if (records.length <= rows) parser.finish();
  } finally {
    await src.cancel().catch(() => undefined);
  }
  const [header = [], ...preview] = records;
  return {
    columns: header.map((c) => c.trim()),
    preview,
    encoding: src.encoding,
    delimiter: parser.delimiter,
    compressed: src.compressed,
  };
}

function blankReport(input: ImportInput, head: Awaited<ReturnType<typeof headOf>>): InspectReport {
  return {
    ...newReport(input),
    columns: head.columns,
    preview: head.preview,
    encoding: head.encoding,
    delimiter: head.delimiter,
    compressed: head.compressed,
  };
}

/**
 * Inspect a file as the kind the user gave it. The engine's `inspect` detects the kind
 * from the header (as the command line does); when that differs from the user's, or
 * when a column mapping is given, the file is read again as that kind through
 * `summarize`, so that the totals shown are the ones the import will use.
 */
export async function paneInspect(input: ImportInput, signal?: AbortSignal): Promise<PaneInspect> {
  let r: InspectReport | null = null;
  let first: unknown = null;
  try {
    r = await inspect(input, { signal });
  } catch (e) {
    first = e;
  }
  if (r !== null && r.kind === input.kind && !input.map && r.format !== "generic") return { report: r, needsMap: false };
  const detected = r !== null && r.kind !== input.kind ? { kind: r.kind, format: r.format } : undefined;
  try {
    const res = await summarize([input], { period: "month", cost: "billed", signal });
    const s = res.sources[0];
    const head = r ?? (await headOf(input));
    const report: InspectReport = {
      ...s,
      preview: head.preview,
      encoding: head.encoding,
      delimiter: head.delimiter,
      compressed: head.compressed,
    };
    return { report, needsMap: !!input.map || s.format === "generic", detected };
  } catch (e) {
    if (!isMappable(e)) throw e;
    let head: Awaited<ReturnType<typeof headOf>>;
    try {
      head = r ?? (await headOf(input));
    } catch {
      throw first ?? e;
    }
    if (head.columns.length === 0) throw first ?? e;
    return {
      report: blankReport(input, head),
      needsMap: true,
      mapError: input.map ? (e as Error).message : undefined,
      detected,
    };
  }
}

