/** Test helpers of the parallel CSV reader: worker threads from the TypeScript sources, and one-thread vs two-thread runs. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect } from "vitest";
import { nodeParallel } from "../../../../src/cli/threads";
import { summarize } from "../../../../src/import/index";
import { fileInput } from "../../../../src/import/node";
import type { ImportOptions, ImportResult, SourceKind } from "../../../../src/import/types";

const ROOT = resolve(__dirname, "../../../..");

export interface TwoThreads {
  one: ImportResult;
  two: ImportResult;
  splits: { at: number; proven: boolean }[];
  fallbacks: string[];
}

/**
 * The file read on one thread, then in two ranges on two worker threads (`inline`: the first
 * range in this thread, as the command line does), whatever its size, the cut looked for at `candidate`.
 */
export async function bothWays(path: string, opts: Partial<ImportOptions> & { kind?: SourceKind; candidate?: number; inline?: boolean } = {}): Promise<TwoThreads> {
  const { kind = "billing", candidate, inline, ...rest } = opts;
  const options: ImportOptions = { period: "month", cost: "billed", ...rest };
  const one = await summarize([fileInput(path, kind)], options);
  const splits: TwoThreads["splits"] = [];
  const fallbacks: string[] = [];
  const parallel = nodeParallel({
    script: join(ROOT, "src/cli/range-worker.ts"),
    execArgv: ["--require", "tsx/cjs"],
    minBytes: 0,
    inline,
    candidate: candidate === undefined ? undefined : () => candidate,
    onSplit: (_f, at, proven) => splits.push({ at, proven }),
    onFallback: (_f, why) => fallbacks.push(why),
  });
  const two = await summarize([fileInput(path, kind)], { ...options, parallel });
  // The same result object, and the same bytes once printed (key order included).
  expect(two).toEqual(one);
  expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  return { one, two, splits, fallbacks };
}

let dir: string | null = null;

/** Write a generated file to a temporary folder; its path. */
export function tempFile(name: string, data: string | Uint8Array): string {
  dir ??= mkdtempSync(join(tmpdir(), "aiecon-parallel-"));
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}
