#!/usr/bin/env node
// `npm test`: build the add-in and the CLI, typecheck, validate the manifest, then run every
// vitest project (unit and browser) and print one closing line "N passed, N failed, N skipped".
// Exits non-zero when any step or test fails.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureSystem } from "./ensure-system.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const results = join(root, "test-results");
mkdirSync(results, { recursive: true });
const extra = process.argv.slice(2);

function step(label, cmd, args) {
  console.log(`\n> ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: process.env });
  return r.status ?? 1;
}

let failedStep = null;
if (!ensureSystem()) failedStep = "system packages";
else if (step("build", "npx", ["webpack", "--mode", "production"]) !== 0) failedStep = "build";
else if (step("typecheck (every layer's tsconfig)", "node", ["scripts/typecheck.mjs"]) !== 0) failedStep = "typecheck";
else if (step("validate manifest", "node", ["scripts/validate-manifest.mjs"]) !== 0) failedStep = "validate";

if (failedStep) {
  console.log(`\n${failedStep} failed: no tests were run`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const jsonOut = join(results, "vitest.json");
const code = step("vitest", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${jsonOut}`,
  ...extra,
]);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(jsonOut)) {
  const report = JSON.parse(readFileSync(jsonOut, "utf8"));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites && !report.numFailedTests ? report.numFailedTestSuites : 0);
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
if (code !== 0 && failed === 0) failed = 1; // a suite that failed to load still fails the run
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(code === 0 && failed === 0 ? 0 : 1);
