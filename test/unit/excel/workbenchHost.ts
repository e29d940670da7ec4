/**
 * The workbench host (src/workbench/host) in node, with the AIECON custom functions of the
 * BUILT bundle (dist/functions.js + functions.json) registered into its HyperFormula engine,
 * as the workbench page does.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";
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
  registerCustomFunctions(metadata, registry);
  registered = true;
}

export async function newHost(): Promise<WorkbenchHost> {
  await registerAiecon();
  return createHost();
}
