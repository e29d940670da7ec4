/**
 * Import benchmark: a seeded FOCUS-style CSV of at least 500 MB (AI and non-AI services,
 * model tags in Tags, non-ASCII text, quoted commas and doubled quotes), then in one run:
 *  1. baseline: raw papaparse streaming parse of the file (Node stream, chunk callback);
 *  2. pipeline: `node dist/cli/aiecon.js summarize --billing FILE --json` in a child process
 *     (decode, parse, map, exact decimals, aggregate), its peak RSS reported by the CLI
 *     itself (AIECON_REPORT_RSS=1 → process.resourceUsage().maxRSS), on 2 threads (the file
 *     cut in two: the main thread and a worker thread) and on 1 (AIECON_THREADS=1).
 * Prints MB/s, the ratios to the baseline, the peak RSS and the load average (the machine may
 * be shared). Targets (2 threads): ≥ 1.8×, < 200 MiB.
 */
import { spawn } from "node:child_process";
import DecimalJs from "decimal.js";
import { createWriteStream, existsSync, mkdirSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import { mulberry32 } from "../../src/core/random";

const ROOT = resolve(__dirname, "../..");
const DIR = resolve(ROOT, ".bench");
const FILE = resolve(DIR, "focus-import-bench.csv");
/** The generator's own exact BilledCost sums per currency (decimal.js), to check the pipeline against. */
const TOTALS = resolve(DIR, "focus-import-bench.totals.json");
const TARGET_BYTES = 520 * 1024 * 1024;
const CLI = resolve(ROOT, "dist/cli/aiecon.js");

const HEADER = [
  "BilledCost", "BillingAccountId", "BillingCurrency", "ChargeCategory", "ChargeDescription", "ChargePeriodEnd",
  "ChargePeriodStart", "ConsumedQuantity", "ConsumedUnit", "EffectiveCost", "ListCost", "ProviderName", "RegionName",
  "ResourceId", "ResourceName", "ServiceCategory", "ServiceName", "SkuId", "SubAccountName", "Tags",
];

const AI = [
  { provider: "AWS", service: "Amazon Bedrock", models: ["claude-sonnet-4", "llama-3-70b", "titan-embed"] },
  { provider: "Microsoft", service: "Azure OpenAI Service", models: ["gpt-4o", "gpt-4o-mini", "o3-mini"] },
  { provider: "Google Cloud", service: "Vertex AI", models: ["gemini-1.5-pro", "gemini-2.0-flash"] },
];
const NON_AI = [
  { provider: "AWS", service: "Amazon Elastic Compute Cloud" },
  { provider: "AWS", service: "Amazon Simple Storage Service" },
  { provider: "Microsoft", service: "Virtual Machines" },
  { provider: "Google Cloud", service: "Compute Engine" },
  { provider: "AWS", service: "AWS Lambda" },
];
const REGIONS = ["US East (N. Virginia)", "Europe (Zürich)", "South America (São Paulo)", "Asia Pacific (東京)", "Europe (Frankfurt)"];
const TEAMS = ["search", "support-bot", "données", "ranking", "façade"];

function q(s: string): string {
  return '"' + s.replace(/"/g, '""') + '"';
}

/** Generate the file (seeded) unless it is already there. */
export async function ensureBenchFile(): Promise<string> {
  if (existsSync(FILE) && existsSync(TOTALS) && statSync(FILE).size >= 500 * 1024 * 1024) return FILE;
  const Dx = DecimalJs.clone({ precision: 80 });
  const sums = new Map<string, InstanceType<typeof Dx>>();
  mkdirSync(DIR, { recursive: true });
  const rnd = mulberry32(20240918);
  const ws = createWriteStream(FILE + ".tmp");
  let written = 0;
  const write = (s: string): Promise<void> =>
    new Promise((res) => {
      written += Buffer.byteLength(s);
      if (ws.write(s)) res();
      else ws.once("drain", () => res());
    });
  await write(HEADER.map(q).join(",") + "\n");
  const base = Date.UTC(2024, 0, 1);
  let row = 0;
  while (written < TARGET_BYTES) {
    let chunk = "";
    for (let i = 0; i < 2000; i++, row++) {
      const ai = rnd() < 0.45;
      const s = ai ? AI[Math.floor(rnd() * AI.length)] : NON_AI[Math.floor(rnd() * NON_AI.length)];
      const model = ai ? (s as (typeof AI)[number]).models[Math.floor(rnd() * 3) % (s as (typeof AI)[number]).models.length] : null;
      const t = base + Math.floor(rnd() * 366 * 24) * 3600000;
      const start = new Date(t).toISOString().slice(0, 19).replace("T", " ");
      const end = new Date(t + 3600000).toISOString().slice(0, 19).replace("T", " ");
      const cost = (rnd() * 12).toFixed(11);
      const eff = (Number(cost) * 0.8).toFixed(11);
      const cur = rnd() < 0.9 ? "USD" : "EUR";
      const cat = rnd() < 0.97 ? "Usage" : rnd() < 0.5 ? "Credit" : "Tax";
      const billed = cat === "Credit" ? "-" + cost : cost;
      sums.set(cur, (sums.get(cur) ?? new Dx(0)).plus(billed));
      const region = REGIONS[Math.floor(rnd() * REGIONS.length)];
      const team = TEAMS[Math.floor(rnd() * TEAMS.length)];
      const tags = model
        ? `{"model": "${model}", "team": "${team}", "env": "prod"}`
        : rnd() < 0.5
          ? `{"team": "${team}", "env": "dev"}`
          : "NULL";
      const desc = ai
        ? `$${(rnd() * 10).toFixed(2)} per million tokens, ${model}, in ${region}`
        : `${s.service} usage, "standard" tier, in ${region}`;
      chunk +=
        [
          billed, "123456789012", cur, cat, q(desc), q(end), q(start), (rnd() * 1e6).toFixed(3), ai ? "Tokens" : "Hours",
          eff, cost, q(s.provider), q(region), q(`arn:res:${row % 9973}:instance/i-${(row * 2654435761 >>> 0).toString(16)}`),
          q(`res-${row % 997}`), ai ? "AI and Machine Learning" : "Compute", q(s.service), `SKU${row % 311}`, q(`Équipe ${team}`),
          tags === "NULL" ? "NULL" : q(tags),
        ].join(",") + "\n";
    }
    await write(chunk);
  }
  await new Promise<void>((res, rej) => ws.end((e?: Error | null) => (e ? rej(e) : res())));
  const { renameSync } = await import("node:fs");
  renameSync(FILE + ".tmp", FILE);
  const { writeFileSync } = await import("node:fs");
  writeFileSync(TOTALS, JSON.stringify(Object.fromEntries([...sums].sort().map(([c, d]) => [c, d.toFixed()]))));
  return FILE;
}

/** Raw papaparse streaming parse, in a child process like the pipeline (same conditions, own RSS). */
async function papaBaseline(file: string): Promise<{ seconds: number; rows: number; rssMiB: number }> {
  const script = `
    const Papa = require(${JSON.stringify(require.resolve("papaparse"))});
    const fs = require("fs");
    let rows = 0;
    Papa.parse(fs.createReadStream(process.argv[1], { encoding: "utf8", highWaterMark: 64 * 1024 }), {
      skipEmptyLines: true,
      chunk: (r) => { rows += r.data.length; },
      complete: () => { process.stdout.write(JSON.stringify({ rows, rss: process.resourceUsage().maxRSS / 1024 })); },
      error: (e) => { console.error(e); process.exit(1); },
    });`;
  const t0 = performance.now();
  const child = spawn(process.execPath, ["-e", script, file], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  await new Promise<void>((res) => child.on("close", () => res()));
  const seconds = (performance.now() - t0) / 1000;
  const j = JSON.parse(out) as { rows: number; rss: number };
  return { seconds, rows: j.rows - 1, rssMiB: j.rss };
}

async function pipeline(file: string, threads: 1 | 2): Promise<{ seconds: number; rssMiB: number; rows: number; status: number | null; totals: unknown }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, "summarize", "--billing", file, "--json"], {
    env: { ...process.env, AIECON_REPORT_RSS: "1", AIECON_THREADS: String(threads) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
  const status = await new Promise<number | null>((res) => child.on("close", (c) => res(c)));
  const seconds = (performance.now() - t0) / 1000;
  const m = /peak RSS ([\d.]+) MiB/.exec(err);
  let rows = 0;
  let totals: unknown = null;
  try {
    const j = JSON.parse(out) as { sources: { rowsUsed: number }[]; totals: unknown };
    rows = j.sources[0].rowsUsed;
    totals = j.totals;
  } catch {
    console.log("pipeline output could not be read:", err.slice(0, 500));
  }
  return { seconds, rssMiB: m ? Number(m[1]) : NaN, rows, status, totals };
}

export async function bench(): Promise<void> {
  if (!existsSync(CLI)) throw new Error("dist/cli/aiecon.js is missing: run `npx webpack --mode production` first");
  const tg = performance.now();
  const file = await ensureBenchFile();
  const size = statSync(file).size;
  const mb = size / 1e6;
  console.log(`import bench: ${file} ${(size / 1048576).toFixed(1)} MiB (ready in ${((performance.now() - tg) / 1000).toFixed(1)} s)`);
  // Two alternating rounds (the machine may be shared): each figure is printed, the best of each is compared.
  const bases: Awaited<ReturnType<typeof papaBaseline>>[] = [];
  const pipes: Record<1 | 2, Awaited<ReturnType<typeof pipeline>>[]> = { 1: [], 2: [] };
  const load = (): string => loadavg().map((x) => x.toFixed(2)).join(", ");
  console.log(`  load average before: ${load()} (${cpus().length} cores)`);
  for (let round = 1; round <= 2; round++) {
    const base = await papaBaseline(file);
    bases.push(base);
    console.log(
      `  round ${round} baseline papaparse stream parse (child process): ${base.seconds.toFixed(2)} s, ${(mb / base.seconds).toFixed(1)} MB/s, ${base.rows} rows, peak RSS ${base.rssMiB.toFixed(1)} MiB`,
    );
    for (const threads of [2, 1] as const) {
      const p = await pipeline(file, threads);
      pipes[threads].push(p);
      console.log(
        `  round ${round} aiecon summarize --json (CLI, child process, ${threads} thread${threads === 1 ? "" : "s"}): ${p.seconds.toFixed(2)} s, ${(mb / p.seconds).toFixed(1)} MB/s, ${p.rows} rows, exit ${p.status}, peak RSS ${p.rssMiB.toFixed(1)} MiB`,
      );
    }
  }
  console.log(`  load average after: ${load()}`);
  const b = Math.min(...bases.map((x) => x.seconds));
  const { readFileSync } = await import("node:fs");
  const expected = JSON.parse(readFileSync(TOTALS, "utf8")) as Record<string, string>;
  console.log(`  best: baseline ${(mb / b).toFixed(1)} MB/s`);
  for (const threads of [2, 1] as const) {
    const runs = pipes[threads];
    const p = Math.min(...runs.map((x) => x.seconds));
    const same = runs.every((r) => {
      const got = (r.totals ?? {}) as Record<string, string>;
      return Object.keys(expected).length === Object.keys(got).length && Object.entries(expected).every(([c, v]) => got[c] !== undefined && new DecimalJs(got[c]).eq(v));
    });
    const target = threads === 2 ? " (target >= 1.8x)" : "";
    console.log(`  ${threads} thread${threads === 1 ? "" : "s"}: best ${(mb / p).toFixed(1)} MB/s, ratio pipeline/baseline ${(b / p).toFixed(2)}x${target}, peak RSS ${Math.max(...runs.map((x) => x.rssMiB)).toFixed(1)} MiB${threads === 2 ? " (target < 200 MiB)" : ""}`);
    console.log(`    totals ${JSON.stringify(runs[0].totals)}; generator's independent sums ${JSON.stringify(expected)}: ${same ? "equal" : "DIFFERENT"}`);
  }
}
