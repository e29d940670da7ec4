#!/usr/bin/env node
// `npm run typecheck`: tsc --noEmit over every layer's configuration, in parallel, then one
// line per configuration. Each layer sees only the globals it may use:
//   tsconfig.core.json       src/core, src/import (minus node.ts): ES2022 + types/web-platform.d.ts
//   tsconfig.functions.json  src/functions: ES2022 + CustomFunctions (Excel's JavaScript-only runtime)
//   tsconfig.excel.json      src/excel: ES2022 + office-js + types/web-platform.d.ts
//   tsconfig.node.json       src/cli, src/import/node.ts: ES2022 + Node
//   tsconfig.browser.json    src/taskpane, src/workbench: DOM + office-js
//   tsconfig.json            everything, tests included (what editors use)
// Exits non-zero when any configuration has a diagnostic.
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const root = fileURLToPath(new URL("..", import.meta.url));
export const CONFIGS = ["tsconfig.core.json", "tsconfig.functions.json", "tsconfig.excel.json", "tsconfig.node.json", "tsconfig.browser.json", "tsconfig.json"];
const tsc = join(root, "node_modules/typescript/bin/tsc");

function check(config) {
  const started = Date.now();
  return new Promise((ok) => {
    const child = spawn(process.execPath, [tsc, "--noEmit", "--pretty", "false", "-p", config], { cwd: root });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => ok({ config, code, out, seconds: (Date.now() - started) / 1000 }));
  });
}

// As many at once as there are processors (each tsc is single-threaded).
const queue = [...CONFIGS];
const results = [];
await Promise.all(
  Array.from({ length: Math.max(1, Math.min(availableParallelism(), CONFIGS.length)) }, async () => {
    for (let c = queue.shift(); c !== undefined; c = queue.shift()) results.push(await check(c));
  }),
);
results.sort((a, b) => CONFIGS.indexOf(a.config) - CONFIGS.indexOf(b.config));
let failed = 0;
for (const r of results) {
  if (r.out.trim()) process.stdout.write(r.out.endsWith("\n") ? r.out : `${r.out}\n`);
  if (r.code !== 0) failed++;
  console.log(`${r.code === 0 ? "ok  " : "FAIL"} ${r.config} (${r.seconds.toFixed(1)} s)`);
}
process.exit(failed === 0 ? 0 : 1);
