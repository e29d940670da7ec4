/**
 * The workbench host (src/workbench/host) in node, with the AIECON custom functions of the
 * BUILT bundle (dist/functions.js + functions.json) registered into its HyperFormula engine,
 * as the workbench page does.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";
import { HyperFormula } from "hyperformula";
import { createHost, type WorkbenchHost } from "../../../src/workbench/host/index";
import { CfError, ErrorCode, FunctionRegistry, registerCustomFunctions, type CfMetadata } from "../../../src/workbench/host/functions";
import { ensureBuilt } from "../functions/bundle";

let registered = false;

export async function registerAiecon(): Promise<void> {
  if (registered) return;
  const dir = await ensureBuilt();
  const registry = new FunctionRegistry();
  const shim = { associate: registry.associate.bind(registry), Error: CfError, ErrorCode };
  vm.runInContext(fs.readFileSync(path.join(dir, "functions.js"), "utf8"), vm.createContext({ CustomFunctions: shim }));
  const metadata = JSON.parse(fs.readFileSync(path.join(dir, "functions.json"), "utf8")) as CfMetadata;
  // HyperFormula 3.5 wants the plugin's methods as OWN properties of its prototype; the host's
  // per-registration subclass inherits them (reported in /work/notes/host-requests.md). Test-only shim:
  type PluginClass = Parameters<typeof HyperFormula.registerFunctionPlugin>[0];
  const original = HyperFormula.registerFunctionPlugin.bind(HyperFormula);
  const patched = (plugin: PluginClass, translations?: Parameters<typeof HyperFormula.registerFunctionPlugin>[1]): void => {
    const proto = plugin.prototype as unknown as Record<string, unknown>;
    for (const name of ["call", "size"]) {
      if (!Object.prototype.hasOwnProperty.call(proto, name) && typeof proto[name] === "function") {
        Object.defineProperty(proto, name, { value: proto[name], writable: true, configurable: true });
      }
    }
    original(plugin, translations);
  };
  HyperFormula.registerFunctionPlugin = patched as typeof HyperFormula.registerFunctionPlugin;
  try {
    registerCustomFunctions(metadata, registry);
  } finally {
    HyperFormula.registerFunctionPlugin = original as typeof HyperFormula.registerFunctionPlugin;
  }
  registered = true;
}

export async function newHost(): Promise<WorkbenchHost> {
  await registerAiecon();
  return createHost();
}
