/**
 * The built `aiecon` command reads a large CSV on two threads (its own bundle as the worker
 * thread's script): the JSON it prints is the one-thread JSON, byte for byte, and it says where
 * it cut the file (AIECON_THREADS_REPORT=1).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GENERATORS, generate } from "../import/generators";
import { BUILD_TIMEOUT, DIST, ensureBuilt } from "../../support/ensure-built";

const tmp = mkdtempSync(join(tmpdir(), "aiecon-threads-"));
/** A private copy of the built command (and the worker's script): other tests' builds clean dist/. */
const CLI = join(tmp, "aiecon.js");

beforeAll(async () => {
  await ensureBuilt();
  copyFileSync(join(DIST, "cli/aiecon.js"), CLI);
}, BUILD_TIMEOUT);

function aiecon(env: Record<string, string>, ...args: string[]): { status: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe("aiecon summarize on two threads", () => {
  it("a 9 MiB FOCUS file with bad rows: the one-thread JSON, cut near the middle", () => {
    const focus = GENERATORS.find((g) => g.format === "focus")!;
    const gen = generate(focus, 99, 80000, { currencies: ["USD", "EUR"], bad: ["non-numeric", "bad-date", "ragged"] });
    expect(Buffer.byteLength(gen.text)).toBeGreaterThan(8 * 1024 * 1024);
    const path = join(tmp, "focus-9mib.csv");
    writeFileSync(path, gen.text);
    const one = aiecon({ AIECON_THREADS: "1" }, "summarize", "--billing", path, "--json");
    const two = aiecon({ AIECON_THREADS_REPORT: "1" }, "summarize", "--billing", path, "--json");
    expect(one.status).toBe(3);
    expect(two.status).toBe(3);
    expect(two.err).toMatch(/focus-9mib\.csv read on 2 threads, cut at byte \d+/);
    expect(two.out).toBe(one.out);
    const j = JSON.parse(two.out) as { sources: { rowsRejected: number; rejected: { line: number }[] }[] };
    expect(j.sources[0].rowsRejected).toBe(gen.bad.size);
    expect(j.sources[0].rejected.map((x) => x.line)).toEqual([...gen.bad.keys()].slice(0, 1000));
  });
});
