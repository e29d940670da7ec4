/**
 * The one way a test gets a built add-in: `await ensureBuilt()` (or `ensureBuiltSync()` where
 * the caller cannot wait) in a `beforeAll` with `BUILD_TIMEOUT`.
 *
 * The build is fresh when every configuration of webpack.config.js (addin, workbench, cli) has
 * stamped a production build in .aiecon-build/<name>.json that started after the newest input
 * was saved (src/, assets/, webpack.config.js, manifest.xml, docs/support.md, tsconfig.json,
 * package.json), and the files the tests read are there. Otherwise it runs
 * `webpack --mode production` once: a lock (a directory holding the owner's pid) makes every
 * other process, vitest's workers and projects included, wait for that build and then find it
 * fresh, so two builds never run at once. A failed build fails the test with webpack's errors.
 */
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
/** The production add-in: what Excel loads, what is deployed. */
export const DIST = path.join(ROOT, "dist");
/** The workbench page (HyperFormula, GPL-3.0), served over dist/ by scripts/serve.mjs. */
export const DIST_WORKBENCH = path.join(ROOT, "dist-workbench");
/** For a `beforeAll` that may build: a production build takes one to three minutes. */
export const BUILD_TIMEOUT = 600_000;

const STAMPS = path.join(ROOT, ".aiecon-build");
const LOCK = path.join(STAMPS, "lock");
const CONFIGS = ["addin", "workbench", "cli"] as const;
const INPUTS = ["src", "assets", "webpack.config.js", "manifest.xml", "docs/support.md", "tsconfig.json", "package.json"];
const OUTPUTS = [
  "dist/functions.js",
  "dist/functions.json",
  "dist/taskpane.html",
  "dist/taskpane.js",
  "dist/manifest.xml",
  "dist/support.html",
  "dist/office-js/office.js",
  "dist/cli/aiecon.js",
  "dist-workbench/workbench.html",
  "dist-workbench/workbench.js",
];

function newestInput(): number {
  let newest = 0;
  const visit = (p: string): void => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (st === undefined) return;
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const i of INPUTS) visit(path.join(ROOT, i));
  return newest;
}

/** Why the build is not fresh, or null when it is. */
export function staleReason(): string | null {
  const missing = OUTPUTS.filter((f) => !fs.existsSync(path.join(ROOT, f)));
  if (missing.length > 0) return `${missing.join(", ")} missing`;
  const newest = newestInput();
  for (const name of CONFIGS) {
    const file = path.join(STAMPS, `${name}.json`);
    if (!fs.existsSync(file)) return `no stamp for the ${name} build`;
    const stamp = JSON.parse(fs.readFileSync(file, "utf8")) as { mode?: string; started?: number };
    if (stamp.mode !== "production") return `the ${name} build is a ${stamp.mode ?? "unknown"} build`;
    if (typeof stamp.started !== "number" || stamp.started < newest) return `a source is newer than the ${name} build`;
  }
  return null;
}

const WEBPACK = [path.join(ROOT, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production"];

function failure(e: unknown): Error {
  const out = e as { stdout?: string | Buffer; stderr?: string | Buffer; message?: string };
  const text = `${String(out.stdout ?? "")}\n${String(out.stderr ?? "")}`;
  const errors = text.split("\n").filter((l) => /ERROR|Error/.test(l)).slice(0, 10);
  return new Error(`\`webpack --mode production\` failed: ${errors.join(" | ") || out.message || String(e)}`);
}

/** Takes the lock once; false when another live process holds it. */
function tryLock(): boolean {
  fs.mkdirSync(STAMPS, { recursive: true });
  try {
    fs.mkdirSync(LOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    if (!abandoned()) return false;
    fs.rmSync(LOCK, { recursive: true, force: true });
    return tryLock();
  }
  fs.writeFileSync(path.join(LOCK, "pid"), String(process.pid));
  return true;
}

/** A lock whose owner has died, or that is older than a build can take. */
function abandoned(): boolean {
  const st = fs.statSync(LOCK, { throwIfNoEntry: false });
  if (st === undefined) return true;
  if (Date.now() - st.mtimeMs > BUILD_TIMEOUT) return true;
  let pid = 0;
  try {
    pid = Number(fs.readFileSync(path.join(LOCK, "pid"), "utf8").trim());
  } catch {
    /* the owner has not written its pid yet */
  }
  if (!Number.isInteger(pid) || pid <= 0) return Date.now() - st.mtimeMs > 10_000;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function unlock(): void {
  fs.rmSync(LOCK, { recursive: true, force: true });
}

/**
 * One attempt: null when fresh, "wait" when another process builds, else the build to run
 * while holding the lock (then `done` releases it and says whether the build is fresh now).
 */
function attempt(): null | "wait" | { done(): void } {
  if (staleReason() === null) return null;
  if (!tryLock()) return "wait";
  if (staleReason() === null) {
    unlock();
    return null;
  }
  return {
    done() {
      unlock();
      const still = staleReason();
      if (still !== null) throw new Error(`after \`webpack --mode production\`: ${still}`);
    },
  };
}

/** Builds dist/ and dist-workbench/ unless they are fresh; never two builds at once. */
export async function ensureBuilt(): Promise<void> {
  for (;;) {
    const a = attempt();
    if (a === null) return;
    if (a === "wait") {
      await new Promise((ok) => setTimeout(ok, 250));
      continue;
    }
    try {
      await new Promise<void>((ok, fail) =>
        execFile(process.execPath, WEBPACK, { cwd: ROOT, timeout: BUILD_TIMEOUT, maxBuffer: 64 * 1024 * 1024 }, (e, stdout, stderr) =>
          e ? fail(failure({ message: e.message, stdout, stderr })) : ok(),
        ),
      );
    } catch (e) {
      unlock();
      throw e;
    }
    a.done();
    return;
  }
}

/** ensureBuilt for a caller that cannot wait for a promise (blocks the thread while waiting). */
export function ensureBuiltSync(): void {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const a = attempt();
    if (a === null) return;
    if (a === "wait") {
      Atomics.wait(sleeper, 0, 0, 250);
      continue;
    }
    try {
      execFileSync(process.execPath, WEBPACK, { cwd: ROOT, timeout: BUILD_TIMEOUT, stdio: "pipe", maxBuffer: 64 * 1024 * 1024 });
    } catch (e) {
      unlock();
      throw failure(e);
    }
    a.done();
    return;
  }
}
