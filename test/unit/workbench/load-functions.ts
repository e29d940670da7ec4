/** Loads the built dist/functions.js + functions.json into a host the way the workbench page does. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { runInThisContext } from "node:vm";
import { installCustomFunctionsShim, registerCustomFunctions, type CfMetadata } from "../../../src/workbench/host";

import { ensureBuiltSync as ensureBuilt, ROOT } from "../../support/ensure-built";

export { BUILD_TIMEOUT, DIST, DIST_WORKBENCH, ensureBuiltSync as ensureBuilt, ROOT } from "../../support/ensure-built";

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
