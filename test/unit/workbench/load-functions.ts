/** Loads the built dist/functions.js + functions.json into a host the way the workbench page does. */
import { execSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { runInThisContext } from "node:vm";
import { installCustomFunctionsShim, registerCustomFunctions, type CfMetadata } from "../../../src/workbench/host";

export const ROOT = resolve(__dirname, "../../..");

export function ensureBuilt(): void {
  if (!existsSync(resolve(ROOT, "dist/functions.js")) || !existsSync(resolve(ROOT, "dist/functions.json"))) {
    execSync("npx webpack --mode production", { cwd: ROOT, stdio: "inherit" });
  }
}

/** Installs the CustomFunctions shim, runs dist/functions.js, registers functions.json into HyperFormula. */
export function loadBuiltFunctions(): { names: string[]; metadata: CfMetadata } {
  ensureBuilt();
  const registry = installCustomFunctionsShim(globalThis);
  const file = resolve(ROOT, "dist/functions.js");
  runInThisContext(readFileSync(file, "utf8"), { filename: file });
  const metadata = JSON.parse(readFileSync(resolve(ROOT, "dist/functions.json"), "utf8")) as CfMetadata;
  const names = registerCustomFunctions(metadata, registry);
  return { names, metadata };
}
