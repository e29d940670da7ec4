/**
 * `aiecon`: the import engine on the command line.
 *
 *   aiecon inspect FILE [--json]
 *   aiecon summarize [--billing FILE]... [--volume FILE]... [--value FILE]...
 *                    [--period day|week|month|quarter] [--fiscal-start MONTH]
 *                    [--key KEY] [--cost billed|effective] [--map FIELD=COLUMN,...] [--json]
 *
 * Exit status: 0 success; 1 input error; 2 usage error; 3 finished, but rows were rejected.
 */
import { ImportError, inspect, summarize } from "../import/index";
import { fileInput } from "../import/node";
import { caseMergeText } from "../import/report-text";
import type { ColumnMap, CostBasis, ImportInput, ImportResult, InspectReport, PeriodGrain, SourceReport } from "../import/types";
import { parseMonth } from "../core/period";

export const USAGE = `usage:
  aiecon inspect FILE [--json]
  aiecon summarize [--billing FILE]... [--volume FILE]... [--value FILE]...
                   [--period day|week|month|quarter] [--fiscal-start MONTH]
                   [--key KEY] [--cost billed|effective]
                   [--map FIELD=COLUMN,...] [--json]

  --period        grouping period (default month)
  --fiscal-start  fiscal year start month (1-12 or a month name) for quarters
  --key           tag:NAME, service, resource, sku or model
                  (default tag:model when that tag exists, else service)
  --cost          billed (default) or effective (amortized)
  --map           column mapping of a generic file, e.g. date=Day,cost=Amount,currency=EUR,key=Model
                  (fields: date, cost, currency, key, count, value)
  --json          print JSON instead of a table

exit status: 0 success, 1 input error, 2 usage error, 3 some rows were rejected
`;

export class UsageError extends Error {}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const MAP_FIELDS = new Set(["date", "cost", "currency", "key", "count", "value"]);

function parseMap(spec: string, into: ColumnMap): void {
  for (const part of spec.split(",")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    if (eq <= 0) throw new UsageError(`--map: '${part}' is not FIELD=COLUMN`);
    const field = part.slice(0, eq).trim();
    const column = part.slice(eq + 1).trim();
    if (!MAP_FIELDS.has(field)) throw new UsageError(`--map: unknown field '${field}' (use date, cost, currency, key, count, value)`);
    if (column === "") throw new UsageError(`--map: no column given for '${field}'`);
    into[field as keyof ColumnMap] = column;
  }
}

interface SummarizeArgs {
  files: { path: string; kind: "billing" | "volume" | "value" }[];
  period: PeriodGrain;
  fiscal?: number;
  key?: string;
  cost: CostBasis;
  map?: ColumnMap;
  json: boolean;
}

export function parseSummarizeArgs(args: string[]): SummarizeArgs {
  const a: SummarizeArgs = { files: [], period: "month", cost: "billed", json: false };
  const value = (i: number, opt: string): string => {
    const v = args[i + 1];
    if (v === undefined || (v.startsWith("--") && v.length > 2)) throw new UsageError(`${opt} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    let arg = args[i];
    let inline: string | undefined;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 2) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const take = (): string => {
      if (inline !== undefined) return inline;
      const v = value(i, arg);
      i++;
      return v;
    };
    switch (arg) {
      case "--billing":
      case "--volume":
      case "--value":
        a.files.push({ path: take(), kind: arg.slice(2) as "billing" | "volume" | "value" });
        break;
      case "--period": {
        const p = take();
        if (!["day", "week", "month", "quarter"].includes(p)) throw new UsageError(`--period must be day, week, month or quarter, not '${p}'`);
        a.period = p as PeriodGrain;
        break;
      }
      case "--fiscal-start": {
        const m = parseMonth(take());
        if (m === null) throw new UsageError("--fiscal-start must be a month, 1-12 or a month name");
        a.fiscal = m;
        break;
      }
      case "--key": {
        const k = take();
        if (!(k === "service" || k === "resource" || k === "sku" || k === "model" || (k.startsWith("tag:") && k.length > 4))) {
          throw new UsageError(`--key must be tag:NAME, service, resource, sku or model, not '${k}'`);
        }
        a.key = k;
        break;
      }
      case "--cost": {
        const c = take();
        if (c !== "billed" && c !== "effective") throw new UsageError(`--cost must be billed or effective, not '${c}'`);
        a.cost = c;
        break;
      }
      case "--map":
        a.map = a.map ?? {};
        parseMap(take(), a.map);
        break;
      case "--json":
        if (inline !== undefined) throw new UsageError("--json takes no value");
        a.json = true;
        break;
      default:
        throw new UsageError(arg.startsWith("-") ? `unknown option '${arg}'` : `unexpected argument '${arg}' (give files with --billing, --volume or --value)`);
    }
  }
  if (a.files.length === 0) throw new UsageError("summarize needs at least one --billing, --volume or --value file");
  return a;
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

function table(head: string[], rows: string[][], rightAligned: Set<number>): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]): string => r.map((c, i) => pad(c, w[i], rightAligned.has(i))).join("  ").trimEnd();
  return [line(head), w.map((n) => "-".repeat(n)).join("  "), ...rows.map(line)].join("\n") + "\n";
}

function sourceText(s: SourceReport): string {
  const lines = [
    `${s.file}: ${s.kind}, format ${s.format}; rows read ${s.rowsRead}, used ${s.rowsUsed}, skipped ${s.rowsSkipped}, rejected ${s.rowsRejected}`,
  ];
  for (const [why, n] of Object.entries(s.skipped)) lines.push(`  skipped ${n}: ${why}`);
  for (const r of s.rejected.slice(0, 20)) lines.push(`  rejected line ${r.line}: ${r.reason}`);
  if (s.rowsRejected > 20) lines.push(`  … and ${s.rowsRejected - 20} more rejected rows (see --json)`);
  for (const m of s.caseMerges.slice(0, 20)) lines.push(`  ${caseMergeText(m)}`);
  if (s.caseMerges.length > 20) lines.push(`  … and ${s.caseMerges.length - 20} more keys merged by case (see --json)`);
  for (const [c, t] of Object.entries(s.totals)) lines.push(`  total ${c} ${t}`);
  if (s.inferences !== undefined) lines.push(`  inferences ${s.inferences}`);
  return lines.join("\n") + "\n";
}

export function formatSummary(r: ImportResult): string {
  let s = r.sources.map(sourceText).join("");
  s += `\nkey: ${r.key}; period: ${r.period}\n\n`;
  s += table(
    ["Period", "Key", "Currency", "Cost", "Inferences", "Value", "Cost/inference", "Value/inference", "ROI", "Band"],
    r.groups.map((g) => [
      g.period,
      g.key,
      g.currency,
      g.cost,
      g.inferences === null ? "-" : String(g.inferences),
      g.value ?? "-",
      g.costPerInference ?? "-",
      g.valuePerInference ?? "-",
      g.roiMultiple ?? "-",
      g.band ?? "-",
    ]),
    new Set([3, 4, 5, 6, 7, 8]),
  );
  s += "\n" + Object.entries(r.totals).map(([c, t]) => `total ${c} ${t}`).join("\n") + "\n";
  return s;
}

export function formatInspect(r: InspectReport): string {
  let s = sourceText(r);
  s += `  encoding ${r.encoding}${r.compressed ? ", gzip" : ""}${r.delimiter ? `, delimiter ${JSON.stringify(r.delimiter)}` : ""}\n`;
  s += `  periods ${r.periodRange ? `${r.periodRange.first} … ${r.periodRange.last}` : "-"}; currencies ${r.currencies.join(", ") || "-"}\n`;
  if (r.tagKeys.length) s += `  tag keys ${r.tagKeys.join(", ")}\n`;
  s += `  columns (${r.columns.length}): ${r.columns.join(", ")}\n`;
  return s;
}

/** Run the command; returns the exit status. */
export async function run(argv: string[], io: Io): Promise<number> {
  try {
    const [cmd, ...rest] = argv;
    if (cmd === undefined || cmd === "--help" || cmd === "-h" || cmd === "help") {
      (cmd === undefined ? io.err : io.out)(USAGE);
      return cmd === undefined ? 2 : 0;
    }
    if (cmd === "inspect") {
      const json = rest.includes("--json");
      const files = rest.filter((x) => x !== "--json");
      const unknown = files.find((x) => x.startsWith("--"));
      if (unknown) throw new UsageError(`unknown option '${unknown}'`);
      if (files.length !== 1) throw new UsageError("inspect needs exactly one FILE");
      const r = await inspect(fileInput(files[0], "billing"));
      io.out(json ? JSON.stringify(r, null, 2) + "\n" : formatInspect(r));
      return r.rowsRejected > 0 ? 3 : 0;
    }
    if (cmd === "summarize") {
      const a = parseSummarizeArgs(rest);
      const inputs: ImportInput[] = a.files.map((f) => fileInput(f.path, f.kind, { map: a.map }));
      const r = await summarize(inputs, { period: a.period, fiscalStartMonth: a.fiscal, key: a.key, cost: a.cost });
      io.out(a.json ? JSON.stringify(r, null, 2) + "\n" : formatSummary(r));
      return r.sources.some((s) => s.rowsRejected > 0) ? 3 : 0;
    }
    throw new UsageError(`unknown command '${cmd}'`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`aiecon: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof ImportError) {
      io.err(`aiecon: ${e.message}\n`);
      return 1;
    }
    io.err(`aiecon: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
