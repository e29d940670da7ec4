/**
 * Entry of the `aiecon` command (webpack → dist/cli/aiecon.js, the package bin).
 * With AIECON_REPORT_RSS=1 the peak resident set size is printed to stderr at the end.
 */
import { run } from "./run";

async function main(): Promise<void> {
  const status = await run(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  });
  if (process.env.AIECON_REPORT_RSS === "1") {
    process.stderr.write(`aiecon: peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB\n`);
  }
  process.exitCode = status;
}

void main();
