/**
 * `npm run bench`: runs every benchmark module in test/bench (each exports `bench()`),
 * one after the other in this process, and prints their figures. Benchmarks print
 * numbers; they never pass or fail on time. Run one with `npm run bench -- functions`.
 */
import { readdirSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

interface BenchModule {
  bench(): Promise<void>;
}

const dir = __dirname;
const only = process.argv.slice(2);
const order = ["functions", "import", "excel-write"];
const names = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts")
  .map((f) => f.slice(0, -3))
  .filter((n) => only.length === 0 || only.includes(n))
  .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));

async function main(): Promise<void> {
  console.log(
    `AIECON benchmarks on node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  );
  for (const name of names) {
    console.log(`\n=== ${name} ===`);
    const mod = (await import(pathToFileURL(join(dir, `${name}.ts`)).href)) as BenchModule;
    await mod.bench();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
