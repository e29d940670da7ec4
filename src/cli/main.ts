/**
 * Entry of the `aiecon` command (webpack → dist/cli/aiecon.js, the package bin).
 * With AIECON_REPORT_RSS=1 the peak resident set size is printed to stderr at the end.
 * The same bundle is the script of the worker thread that reads the second range of a large CSV
 * while the main thread reads the first (src/cli/threads.ts); AIECON_THREADS=1 reads every file
 * on one thread; AIECON_THREADS_REPORT=1 says on stderr where each large file was cut, or why not.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { run } from "./run";
import { isRangeWorker, nodeParallel, serveRange } from "./threads";

/**
 * V8's full collection, for the Parquet reader to run after each row group (ImportOptions.afterBatch):
 * the decoded columns of a row group outlive the young generation, and V8 would otherwise let
 * several row groups' garbage fill the old one (peak RSS 524 MiB against 230 MiB on the
 * import-parquet benchmark). `--expose-gc` set at run time makes `gc` a global of new contexts.
 */
function fullCollection(): (() => void) | undefined {
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    return typeof gc === "function" ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}

/** The collection, made on the first row group that asks for it (a command reading no Parquet never sets the flag). */
function lazyCollection(): () => void {
  let gc: (() => void) | undefined | null = null;
  return () => {
    if (gc === null) gc = fullCollection();
    gc?.();
  };
}

async function main(): Promise<void> {
  const verbose = process.env.AIECON_THREADS_REPORT === "1";
  const status = await run(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    collect: lazyCollection(),
    parallel:
      process.env.AIECON_THREADS === "1"
        ? undefined
        : nodeParallel({
            script: __filename,
            inline: true,
            onSplit: verbose ? (file, at, proven) => process.stderr.write(`aiecon: ${file} read on 2 threads, cut at byte ${at}${proven ? "" : " (parity proven by the first range's end)"}\n`) : undefined,
            onFallback: verbose ? (file, why) => process.stderr.write(`aiecon: ${file} read on 1 thread: ${why}\n`) : undefined,
          }),
  });
  if (process.env.AIECON_REPORT_RSS === "1") {
    process.stderr.write(`aiecon: peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB\n`);
  }
  process.exitCode = status;
}

if (isRangeWorker()) void serveRange();
else void main();
