/**
 * The BUILT custom functions bundle (dist/functions.js + dist/functions.json), loaded in a
 * Node `vm` context that provides only a `CustomFunctions` object (associate, Error,
 * ErrorCode) — no window, document or self — as Excel's JavaScript-only runtime does.
 * The build comes from test/support/ensure-built.ts (rebuilt when a source is newer).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";
import { DIST, ensureBuilt as ensureDist } from "../../support/ensure-built";
import { createCustomFunctionsShim, type CustomFunctionsShim } from "./cf-shim";

export { BUILD_TIMEOUT, ROOT } from "../../support/ensure-built";

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

/** The directory holding a fresh functions.js + functions.json: dist/, built when stale. */
export async function ensureBuilt(): Promise<string> {
  await ensureDist();
  return DIST;
}

export interface LoadedBundle {
  CF: CustomFunctionsShim;
  metadata: FunctionsMetadata;
  /** The associated function of an id; throws when not associated. */
  fn(id: string): (...args: unknown[]) => unknown;
  /**
   * The associated function called as Excel calls it: omitted optionals null up to the declared
   * parameters, then the invocation object (for benchmarks; tests use helpers.ts `callWith`).
   */
  excel(id: string): (...args: unknown[]) => unknown;
  context: vm.Context;
}

/** Loads functions.js in a fresh vm context that provides only CustomFunctions. */
export function loadBundle(dir: string): LoadedBundle {
  const CF = createCustomFunctionsShim();
  const context = vm.createContext({ CustomFunctions: CF });
  const code = fs.readFileSync(path.join(dir, "functions.js"), "utf8");
  vm.runInContext(code, context, { filename: path.join(dir, "functions.js") });
  const metadata = JSON.parse(fs.readFileSync(path.join(dir, "functions.json"), "utf8")) as FunctionsMetadata;
  const fn = (id: string): ((...args: unknown[]) => unknown) => {
    const f = CF.registry.get(id.toUpperCase());
    if (!f) throw new Error(`${id} is not associated by functions.js`);
    return f;
  };
  return {
    CF,
    metadata,
    context,
    fn,
    excel(id: string) {
      const f = fn(id);
      const inv = { functionName: `AIECON.${id}`, isInValuePreview: false };
      return (...a: unknown[]) => {
        while (a.length < f.length) a.push(null);
        a.push(inv);
        return f(...a);
      };
    },
  };
}
