/**
 * Parquet import benchmark: the import benchmark's seeded FOCUS data (test/bench/import.ts)
 * written by DuckDB as Snappy Parquet twice, with DECIMAL(18, 11) and with DOUBLE amounts
 * (Tags as a MAP, ChargePeriodStart a TIMESTAMP), then in one run for each:
 *  1. baseline: DuckDB `read_parquet` + the same GROUP BY the engine computes (month × model
 *     tag × currency: cost, line items), DuckDB on 2 threads;
 *  2. pipeline: `node dist/cli/aiecon.js summarize --billing FILE --json` in a child process,
 *     its peak RSS reported by the CLI (AIECON_REPORT_RSS=1).
 * Prints MB/s (of the Parquet file), the ratio to DuckDB and the peak RSS, and checks that
 * the totals equal the generator's sums and DuckDB's. Targets: ≥ 0.5× DuckDB, < 200 MiB.
 */
import { spawn } from "node:child_process";
import DecimalJs from "decimal.js";
import { existsSync, readFileSync, renameSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { ensureBenchFile } from "./import";

const ROOT = resolve(__dirname, "../..");
const DIR = resolve(ROOT, ".bench");
const CLI = resolve(ROOT, "dist/cli/aiecon.js");
const TOTALS = resolve(DIR, "focus-import-bench.totals.json");

const lit = (s: string): string => "'" + s.replace(/'/g, "''") + "'";

async function ensureParquet(csv: string, amount: "decimal" | "double"): Promise<string> {
  const out = resolve(DIR, `focus-import-bench.${amount}.snappy.parquet`);
  if (existsSync(out) && statSync(out).mtimeMs > statSync(csv).mtimeMs) return out;
  const type = amount === "decimal" ? "DECIMAL(18, 11)" : "DOUBLE";
  const db = await DuckDBInstance.create(":memory:", { threads: "2" });
  const c = await db.connect();
  await c.run(
    `COPY (SELECT * REPLACE (
        CAST(BilledCost AS ${type}) AS BilledCost, CAST(EffectiveCost AS ${type}) AS EffectiveCost, CAST(ListCost AS ${type}) AS ListCost,
        CAST(ChargePeriodStart AS TIMESTAMP) AS ChargePeriodStart, CAST(ChargePeriodEnd AS TIMESTAMP) AS ChargePeriodEnd,
        CASE WHEN Tags = 'NULL' THEN NULL ELSE CAST(CAST(Tags AS JSON) AS MAP(VARCHAR, VARCHAR)) END AS Tags)
      FROM read_csv(${lit(csv)}, all_varchar = true, header = true))
      TO ${lit(out + ".tmp")} (FORMAT parquet, COMPRESSION snappy)`,
  );
  c.closeSync();
  renameSync(out + ".tmp", out);
  return out;
}

/** DuckDB read_parquet + the engine's GROUP BY (month × model tag × currency), on 2 threads. */
async function duckdb(file: string): Promise<{ seconds: number; groups: number; totals: Record<string, string> }> {
  const db = await DuckDBInstance.create(":memory:", { threads: "2" });
  const c = await db.connect();
  const t0 = performance.now();
  const r = await c.runAndReadAll(
    `SELECT strftime(ChargePeriodStart, '%Y-%m') AS period, coalesce(Tags['model'], '(unattributed)') AS key, upper(trim(BillingCurrency)) AS currency,
            CAST(sum(CAST(BilledCost AS DECIMAL(38, 11))) AS VARCHAR) AS cost, count(*) AS n
     FROM read_parquet(${lit(file)}) GROUP BY ALL`,
  );
  const seconds = (performance.now() - t0) / 1000;
  const rows = r.getRowObjects() as { currency: string; cost: string }[];
  const totals = new Map<string, InstanceType<typeof DecimalJs>>();
  for (const g of rows) totals.set(g.currency, (totals.get(g.currency) ?? new DecimalJs(0)).plus(g.cost));
  c.closeSync();
  return { seconds, groups: rows.length, totals: Object.fromEntries([...totals].map(([k, v]) => [k, v.toFixed()])) };
}

async function pipeline(file: string): Promise<{ seconds: number; rssMiB: number; rows: number; groups: number; totals: Record<string, string> }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, "summarize", "--billing", file, "--json"], {
    env: { ...process.env, AIECON_REPORT_RSS: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
  await new Promise<void>((res) => child.on("close", () => res()));
  const seconds = (performance.now() - t0) / 1000;
  const m = /peak RSS ([\d.]+) MiB/.exec(err);
  try {
    const j = JSON.parse(out) as { sources: { rowsUsed: number }[]; groups: unknown[]; totals: Record<string, string> };
    return { seconds, rssMiB: m ? Number(m[1]) : NaN, rows: j.sources[0].rowsUsed, groups: j.groups.length, totals: j.totals };
  } catch {
    console.log("  pipeline output could not be read:", err.slice(0, 500));
    return { seconds, rssMiB: NaN, rows: 0, groups: 0, totals: {} };
  }
}

const equal = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([c, v]) => b[c] !== undefined && new DecimalJs(b[c]).eq(v));

export async function bench(): Promise<void> {
  if (!existsSync(CLI)) throw new Error("dist/cli/aiecon.js is missing: run `npx webpack --mode production` first");
  const tg = performance.now();
  const csv = await ensureBenchFile();
  const expected = JSON.parse(readFileSync(TOTALS, "utf8")) as Record<string, string>;
  for (const amount of ["decimal", "double"] as const) {
    const file = await ensureParquet(csv, amount);
    const mb = statSync(file).size / 1e6;
    console.log(`import-parquet bench (${amount} amounts): ${file} ${(statSync(file).size / 1048576).toFixed(1)} MiB (ready in ${((performance.now() - tg) / 1000).toFixed(1)} s)`);
    const ducks: Awaited<ReturnType<typeof duckdb>>[] = [];
    const pipes: Awaited<ReturnType<typeof pipeline>>[] = [];
    // Two alternating rounds (the machine may be shared): each figure is printed, the best of each compared.
    for (let round = 1; round <= 2; round++) {
      const d = await duckdb(file);
      ducks.push(d);
      console.log(`  round ${round} DuckDB read_parquet + GROUP BY (2 threads): ${d.seconds.toFixed(2)} s, ${(mb / d.seconds).toFixed(1)} MB/s, ${d.groups} groups`);
      const p = await pipeline(file);
      pipes.push(p);
      console.log(
        `  round ${round} aiecon summarize --json (CLI, child process): ${p.seconds.toFixed(2)} s, ${(mb / p.seconds).toFixed(1)} MB/s, ${p.rows} rows, ${p.groups} groups, peak RSS ${p.rssMiB.toFixed(1)} MiB`,
      );
    }
    const d = Math.min(...ducks.map((x) => x.seconds));
    const p = Math.min(...pipes.map((x) => x.seconds));
    const got = pipes[0].totals;
    // The generator's amounts have at most 13 significant digits: a double's shortest decimal gives each back exactly.
    const vsGen = equal(expected, got) ? "equal" : "DIFFERENT";
    console.log(`  totals ${JSON.stringify(got)}; generator's sums: ${vsGen}; DuckDB's: ${equal(ducks[0].totals, got) ? "equal" : `DIFFERENT ${JSON.stringify(ducks[0].totals)}`}`);
    console.log(`  best: DuckDB ${(mb / d).toFixed(1)} MB/s, pipeline ${(mb / p).toFixed(1)} MB/s`);
    console.log(`  ratio pipeline/DuckDB throughput: ${(d / p).toFixed(2)}x (target >= 0.5x)`);
    console.log(`  pipeline peak RSS: ${Math.max(...pipes.map((x) => x.rssMiB)).toFixed(1)} MiB (target < 200 MiB)`);
  }
}
