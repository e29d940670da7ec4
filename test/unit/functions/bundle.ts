/**
 * The BUILT custom functions bundle (dist/functions.js + dist/functions.json), loaded in a
 * Node `vm` context that provides only a `CustomFunctions` object (associate, Error,
 * ErrorCode) — no window, document or self — as Excel's JavaScript-only runtime does.
 *
 * ensureBuilt(): when dist is missing or older than the sources of the functions, runs
 * `npx webpack --mode production`. If that build cannot finish because another part of
 * the add-in does not compile yet, the functions entry alone is built with the same
 * webpack configuration (same loader, same metadata plugin) into a temporary directory,
 * and a warning says so.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";
import { createCustomFunctionsShim, type CustomFunctionsShim } from "./cf-shim";

export const ROOT = path.resolve(__dirname, "../../..");
const DIST = path.join(ROOT, "dist");

export interface FunctionsMetadata {
  allowErrorForDataTypeAny?: boolean;
  allowCustomDataForDataTypeAny?: boolean;
  functions: {
    id: string;
    name: string;
    description?: string;
    helpUrl?: string;
    parameters: { name: string; description?: string; type?: string; dimensionality?: string; optional?: boolean; repeating?: boolean }[];
    result: { type?: string; dimensionality?: string };
  }[];
}

function newestSource(): number {
  let newest = 0;
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith(".ts")) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(path.join(ROOT, "src/functions"));
  walk(path.join(ROOT, "src/core"));
  return newest;
}

function fresh(dir: string): boolean {
  const js = path.join(dir, "functions.js");
  const json = path.join(dir, "functions.json");
  if (!fs.existsSync(js) || !fs.existsSync(json)) return false;
  const built = Math.min(fs.statSync(js).mtimeMs, fs.statSync(json).mtimeMs);
  return built >= newestSource();
}

async function buildFunctionsOnly(outDir: string): Promise<void> {
  const webpack = require(path.join(ROOT, "node_modules/webpack")) as typeof import("webpack");
  const makeConfig = require(path.join(ROOT, "webpack.config.js")) as (
    env: unknown,
    argv: { mode: string },
  ) => import("webpack").Configuration[];
  const [addin] = makeConfig({}, { mode: "production" });
  const config: import("webpack").Configuration = {
    ...addin,
    context: ROOT,
    entry: { functions: path.join(ROOT, "src/functions/functions.ts") },
    output: { ...addin.output, path: outDir, clean: true },
    plugins: (addin.plugins ?? []).filter((p) =>
      ["CustomFunctionsMetadataPlugin", "AllowErrorsForDataTypeAnyPlugin"].includes(p?.constructor?.name ?? ""),
    ),
  };
  await new Promise<void>((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
}

let builtDir: string | undefined;

/** Directory holding a fresh functions.js + functions.json (dist/ whenever possible). */
export async function ensureBuilt(): Promise<string> {
  if (builtDir) return builtDir;
  if (fresh(DIST)) {
    builtDir = DIST;
    return DIST;
  }
  // Two vitest projects (unit, unit-blank0) may get here at once: one builds, the other waits.
  const unlock = buildLock();
  try {
    if (fresh(DIST)) {
      builtDir = DIST;
      return DIST;
    }
    return await build();
  } finally {
    unlock();
  }
}

const LOCK = path.join(ROOT, "node_modules", ".aiecon-build.lock");

/** Takes the cross-process build lock (a directory), waiting while another process holds it. */
function buildLock(): () => void {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      return () => fs.rmSync(LOCK, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      // A lock older than five minutes is left by a killed run.
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000 || Date.now() > deadline) fs.rmSync(LOCK, { recursive: true, force: true });
      else Atomics.wait(sleeper, 0, 0, 200);
    }
  }
}

async function build(): Promise<string> {
  let failure = "";
  try {
    execFileSync("npx", ["webpack", "--mode", "production"], { cwd: ROOT, stdio: "pipe", timeout: 280_000 });
    // webpack leaves an unchanged output file untouched, so its time may stay older than the sources.
    if (fs.existsSync(path.join(DIST, "functions.js")) && fs.existsSync(path.join(DIST, "functions.json"))) {
      builtDir = DIST;
      return DIST;
    }
    failure = "it produced no dist/functions.js";
  } catch (e) {
    const out = e as { stdout?: Buffer; stderr?: Buffer };
    failure = `${String(out.stdout ?? "")}${String(out.stderr ?? "")}`.split("\n").filter((l) => /ERROR|Error/.test(l)).slice(0, 5).join(" | ");
  }
  const tmp = path.join(os.tmpdir(), `aiecon-functions-${process.pid}`);
  await buildFunctionsOnly(tmp);
  console.warn(
    `functions bundle: \`npx webpack --mode production\` failed (${failure || "unknown error"}); ` +
      `testing the functions entry built alone with the same webpack config in ${tmp}`,
  );
  builtDir = tmp;
  return tmp;
}

export interface LoadedBundle {
  CF: CustomFunctionsShim;
  metadata: FunctionsMetadata;
  /** The associated function of an id; throws when not associated. */
  fn(id: string): (...args: unknown[]) => unknown;
  context: vm.Context;
}

/** Loads functions.js in a fresh vm context that provides only CustomFunctions. */
export function loadBundle(dir: string): LoadedBundle {
  const CF = createCustomFunctionsShim();
  const context = vm.createContext({ CustomFunctions: CF });
  const code = fs.readFileSync(path.join(dir, "functions.js"), "utf8");
  vm.runInContext(code, context, { filename: path.join(dir, "functions.js") });
  const metadata = JSON.parse(fs.readFileSync(path.join(dir, "functions.json"), "utf8")) as FunctionsMetadata;
  return {
    CF,
    metadata,
    context,
    fn(id: string) {
      const f = CF.registry.get(id.toUpperCase());
      if (!f) throw new Error(`${id} is not associated by functions.js`);
      return f;
    },
  };
}
