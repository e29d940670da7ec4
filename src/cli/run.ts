/**
 * `aiecon`: the import engine on the command line.
 *
 *   aiecon inspect FILE [--json]
 *   aiecon summarize [--billing FILE]... [--volume FILE]... [--value FILE]...
 *                    [--period day|week|month|quarter] [--fiscal-start MONTH]
 *                    [--key KEY] [--cost billed|effective] [--map FIELD=COLUMN,...] [--prices FILE] [--json]
 *   aiecon tail --volume FILE... [--prices FILE] [--model NAME] [--key NAME] [--period P] [--json]
 *
 * Exit status: 0 success; 1 input error; 2 usage error; 3 finished, but rows were rejected.
 */
import { ImportError, inspect, summarize } from "../import/index";
import { pathInputs } from "../import/node";
import type { ParallelCsv } from "../import/parallel";
import { caseMergeText } from "../import/report-text";
import type { ColumnMap, CostBasis, ImportInput, ImportResult, InspectReport, PeriodGrain, SourceReport } from "../import/types";
import { parseArgs } from "node:util";
import { KEY_CHOICES } from "../core/grammar";
import { costOption, fiscalStartOption, keyOption, periodOption, readOptions, UsageError, type OptionTable } from "./options";
import { GRAINS } from "../core/period";
import { listCosts, listKey } from "../import/listcost";
import { loadPrices } from "./prices";
import { formatTail, parseTailArgs, runTail } from "./tail";
import { DIALECTS, type DialectName, SQL_FORMATS, type SqlFormat, type SqlOptions, SqlError, generateSql } from "../import/sql/generate";

export const USAGE = `usage:
  aiecon inspect FILE [--json]
  aiecon summarize [--billing FILE]... [--volume FILE]... [--value FILE]...
                   [--period ${GRAINS.join("|")}] [--fiscal-start MONTH]
                   [--key KEY] [--cost billed|effective]
                   [--map FIELD=COLUMN,...] [--prices FILE] [--json]
  aiecon tail --volume FILE... [--prices FILE] [--model NAME] [--key NAME]
                   [--period ${GRAINS.join("|")}] [--fiscal-start MONTH] [--json]
  aiecon sql --format ${SQL_FORMATS.join("|")} --dialect ${Object.keys(DIALECTS).join("|")}
             --table NAME [--period …] [--fiscal-start …] [--key KEY] [--cost billed|effective]
             prints one SQL query computing the cost groups in the warehouse; save its
             result as CSV and import it with --billing (format groups)

  --period        grouping period (default month)
  --fiscal-start  fiscal year start month (1-12 or a month name) for quarters
  --key           ${KEY_CHOICES}
                  (default tag:model when that tag exists, else service)
  --cost          billed (default) or effective (amortized)
  --map           column mapping of a generic file, e.g. date=Day,cost=Amount,currency=EUR,key=Model
                  (fields: date, cost, currency, key, count, value)
  --prices        a price table (compact, or a LiteLLM price map) instead of the shipped one;
                  summarize --json gives listCost per group where tokens are known
  --json          print JSON instead of a table

  FILE is a CSV, gzip, JSON or Parquet file (told by its bytes), a directory of a
  multi-part export (its Parquet parts are one source), or a CUR 2.0 manifest JSON
  (the parts it lists are one source).

tail: the cost per request of request logs at list price, per key and period: p50, p90,
p95, p99, max, tail ratio (p95 / median) and the share of cost of the costliest 5 %.
  --model         price every request at this model (else each key is matched as a model)
  --key           one key for every request (else the key column, else the file name)

exit status: 0 success, 1 input error, 2 usage error, 3 some rows were rejected
`;

export { UsageError };

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Threads for large billing CSV files (src/cli/threads.ts); without it every file is read on one thread. */
  parallel?: ParallelCsv;
  /** A full garbage collection, run after each Parquet row group (ImportOptions.afterBatch). */
  collect?: () => void;
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
  prices?: string;
  json: boolean;
}

const SUMMARIZE_OPTIONS: OptionTable<SummarizeArgs> = {
  billing: { read: (v, a) => a.files.push({ path: v, kind: "billing" }) },
  volume: { read: (v, a) => a.files.push({ path: v, kind: "volume" }) },
  value: { read: (v, a) => a.files.push({ path: v, kind: "value" }) },
  period: { read: (v, a) => (a.period = periodOption(v)) },
  "fiscal-start": { read: (v, a) => (a.fiscal = fiscalStartOption(v)) },
  key: { read: (v, a) => (a.key = keyOption(v)) },
  cost: { read: (v, a) => (a.cost = costOption(v)) },
  map: { read: (v, a) => parseMap(v, (a.map ??= {})) },
  prices: { read: (v, a) => (a.prices = v) },
  json: { flag: true, read: (a) => (a.json = true) },
};

export function parseSummarizeArgs(args: string[]): SummarizeArgs {
  const a = readOptions<SummarizeArgs>(args, SUMMARIZE_OPTIONS, { files: [], period: "month", cost: "billed", json: false }, "give files with --billing, --volume or --value");
  if (a.files.length === 0) throw new UsageError("summarize needs at least one --billing, --volume or --value file");
  return a;
}

const SQL_OPTIONS: OptionTable<Partial<SqlOptions>> = {
  format: {
    read: (v, a) => {
      if (!(SQL_FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format must be ${SQL_FORMATS.join(", ")}, not '${v}'`);
      a.format = v as SqlFormat;
    },
  },
  dialect: {
    read: (v, a) => {
      if (!Object.hasOwn(DIALECTS, v)) throw new UsageError(`--dialect must be ${Object.keys(DIALECTS).join(", ")}, not '${v}'`);
      a.dialect = v as DialectName;
    },
  },
  table: {
    // A table name, never SQL: dotted parts of letters, digits, _ $ - and the quotes that
    // BigQuery (`project-id.dataset.table`) and Snowflake ("Quoted") use.
    read: (v, a) => {
      if (!/^[\w$`"-]+(?:\.[\w$`"-]+)*$/.test(v)) throw new UsageError(`--table must be a table name such as billing.cur2 or \`project.dataset.table\`, not '${v}'`);
      a.table = v;
    },
  },
  period: { read: (v, a) => (a.period = periodOption(v)) },
  "fiscal-start": { read: (v, a) => (a.fiscalStartMonth = fiscalStartOption(v)) },
  key: { read: (v, a) => (a.key = keyOption(v)) },
  cost: { read: (v, a) => (a.cost = costOption(v)) },
};

export function parseSqlArgs(args: string[]): SqlOptions {
  const a = readOptions<Partial<SqlOptions>>(args, SQL_OPTIONS, { period: "month", cost: "billed" }, "sql reads no files: it prints SQL to run where the data is");
  if (a.format === undefined || a.dialect === undefined || a.table === undefined) throw new UsageError("sql needs --format, --dialect and --table");
  return a as SqlOptions;
}

/** `inspect FILE [--json]`: an argument that starts with `--` is an option, any other a file. */
export function parseInspectArgs(args: string[]): { file: string; json: boolean } {
  let json = false;
  let unknown: string | null = null;
  const files: string[] = [];
  let lastIndex = -1;
  for (const t of parseArgs({ args, options: { json: { type: "boolean" } }, strict: false, allowPositionals: true, tokens: true }).tokens) {
    if (t.kind === "option" && t.rawName === "--json" && !t.inlineValue) json = true;
    else if (t.index === lastIndex) continue; // one more option of a short group such as `-abc`
    else if (args[t.index].startsWith("--")) unknown = unknown ?? args[t.index];
    else files.push(args[t.index]);
    lastIndex = t.index;
  }
  if (unknown !== null) throw new UsageError(`unknown option '${unknown}'`);
  if (files.length !== 1) throw new UsageError("inspect needs exactly one FILE");
  return { file: files[0], json };
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
  for (const r of (s.warnings ?? []).slice(0, 20)) lines.push(`  warning line ${r.line}: ${r.reason}`);
  if ((s.rowsWarned ?? 0) > 20) lines.push(`  … and ${(s.rowsWarned ?? 0) - 20} more warnings (see --json)`);
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

/**
 * summarize --json: each group whose period × key has input and output tokens gains listCost
 * (USD at list price), listModel and listRule; `listPrices` names the table and the keys
 * whose model has no price entry.
 */
function withListCost(r: ImportResult, prices: string | undefined): unknown {
  if (r.volumeRecords.every((v) => v.inputTokens === null && v.outputTokens === null)) return r;
  const table = loadPrices(prices);
  const l = listCosts(r.volumeRecords, table);
  return {
    ...r,
    groups: r.groups.map((g) => ({ ...g, ...l.byGroup.get(listKey(g.period, g.key)) })),
    listPrices: { source: table.source, date: table.date, currency: "USD", unmatched: l.unmatched },
  };
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
      const { file, json } = parseInspectArgs(rest);
      const given = pathInputs(file, "billing");
      if (given.length !== 1) throw new UsageError(`${file} holds ${given.length} sources (Parquet parts are one, each other file one); inspect one of them`);
      const r = await inspect(given[0]);
      io.out(json ? JSON.stringify(r, null, 2) + "\n" : formatInspect(r));
      return r.rowsRejected > 0 ? 3 : 0;
    }
    if (cmd === "summarize") {
      const a = parseSummarizeArgs(rest);
      const inputs: ImportInput[] = a.files.flatMap((f) => pathInputs(f.path, f.kind, { map: a.map }));
      const r = await summarize(inputs, { period: a.period, fiscalStartMonth: a.fiscal, key: a.key, cost: a.cost, parallel: io.parallel, afterBatch: io.collect });
      io.out(a.json ? JSON.stringify(withListCost(r, a.prices), null, 2) + "\n" : formatSummary(r));
      return r.sources.some((s) => s.rowsRejected > 0) ? 3 : 0;
    }
    if (cmd === "tail") {
      const a = parseTailArgs(rest);
      const r = await runTail(a);
      io.out(a.json ? JSON.stringify(r, null, 2) + "\n" : formatTail(r, table));
      return r.sources.some((s) => s.rowsRejected > 0) ? 3 : 0;
    }
    if (cmd === "sql") {
      try {
        io.out(generateSql(parseSqlArgs(rest)));
      } catch (e) {
        if (e instanceof SqlError) throw new UsageError(e.message);
        throw e;
      }
      return 0;
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
