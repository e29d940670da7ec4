/**
 * The long tail (src/import/tail.ts) on 10,000,000 generated requests: seeded token counts
 * (a heavy-tailed mix, as real traces have), 8 keys × 3 months, priced at gpt-4o-mini; each
 * request through TailCollector.add (as the engine's onRequest calls it), then every
 * key × period's exact p50/p90/p95/p99/max, TAILRATIO and TOPSHARE. Run in a child process so
 * its peak RSS is its own. Figures only: nothing passes or fails on time.
 */
import { spawn } from "node:child_process";
import { mulberry32 } from "../../src/core/random";
import { shippedPrices } from "../../src/import/prices/table";
import { TailCollector } from "../../src/import/tail";

const N = Number(process.env.AIECON_TAIL_N ?? 10_000_000);
const KEYS = ["chat", "code", "search", "summarise", "agent", "batch", "voice", "vision"];
const PERIODS = ["2026-01", "2026-02", "2026-03"];

function child(): void {
  const rssBefore = process.memoryUsage().rss;
  const rnd = mulberry32(42);
  const c = new TailCollector(shippedPrices(), "gpt-4o-mini");
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const u = rnd();
    // Most requests short, a few very long: input ~ 200 × e^(4u²), output ~ 20–800.
    const inTok = Math.floor(200 * Math.exp(4 * u * u)) + (i % 17);
    const outTok = 20 + Math.floor(rnd() * rnd() * 780);
    const key = KEYS[Math.floor(rnd() * rnd() * KEYS.length)];
    c.add(PERIODS[i % 3], key, inTok, outTok);
  }
  const t1 = performance.now();
  const r = c.result();
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const biggest = r.groups.reduce((a, g) => (g.requests > a.requests ? g : a));
  process.stdout.write(
    JSON.stringify({
      n: N,
      groups: r.groups.length,
      addMs: t1 - t0,
      figuresMs: t2 - t1,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssBeforeMiB: rssBefore / 2 ** 20,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      biggest: { key: biggest.key, period: biggest.period, requests: biggest.requests, p50: biggest.p50, p95: biggest.p95, p99: biggest.p99, tailRatio: biggest.tailRatio, topShare: biggest.topShare },
    }),
  );
}

export async function bench(): Promise<void> {
  const out = await new Promise<string>((ok, fail) => {
    const p = spawn(process.execPath, ["--import", "tsx", __filename], { env: { ...process.env, AIECON_TAIL_CHILD: "1" }, stdio: ["ignore", "pipe", "inherit"] });
    let s = "";
    p.stdout.on("data", (d: Buffer) => (s += d.toString()));
    p.on("close", (code) => (code === 0 ? ok(s) : fail(new Error(`tail bench child exited ${code}`))));
  });
  const j = JSON.parse(out) as { n: number; groups: number; addMs: number; figuresMs: number; cpuMs: number; rssBeforeMiB: number; peakRssMiB: number; biggest: Record<string, unknown> };
  const total = (j.addMs + j.figuresMs) / 1000;
  console.log(`requests           ${j.n.toLocaleString("en")} in ${j.groups} key × period groups (gpt-4o-mini list prices)`);
  console.log(`price + keep       ${(j.addMs / 1000).toFixed(2)} s (${((j.n / j.addMs) * 1000 / 1e6).toFixed(2)} M requests/s)`);
  console.log(`exact figures      ${(j.figuresMs / 1000).toFixed(2)} s (sort, p50/p90/p95/p99/max, TAILRATIO, TOPSHARE per group)`);
  console.log(`throughput         ${(j.n / total / 1e6).toFixed(2)} M requests/s overall`);
  console.log(`CPU time           ${(j.cpuMs / 1000).toFixed(2)} s (${(j.n / j.cpuMs / 1000).toFixed(2)} M requests per CPU second; wall time above is longer on a shared machine)`);
  console.log(`peak RSS           ${j.peakRssMiB.toFixed(1)} MiB (${j.rssBeforeMiB.toFixed(1)} MiB before the first request)`);
  console.log(`largest group      ${JSON.stringify(j.biggest)}`);
}

if (process.env.AIECON_TAIL_CHILD === "1") child();
