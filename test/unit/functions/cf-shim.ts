/**
 * A minimal `CustomFunctions` global as Excel's JavaScript runtime provides it
 * (associate, Error, ErrorCode), for unit tests of the custom functions and of code
 * that calls them. Import this module before calling any function; it installs the
 * global once and returns it.
 *
 *   import { installCustomFunctionsShim, isCfError } from "../functions/cf-shim";
 *   const CF = installCustomFunctionsShim();
 */

import { ErrorCode } from "../../../src/workbench/host/error-code";
export { ErrorCode };

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export class CfError {
  readonly code: ErrorCodeValue;
  readonly message?: string;
  constructor(code: ErrorCodeValue, message?: string) {
    this.code = code;
    if (message !== undefined) this.message = message;
  }
}

export interface CustomFunctionsShim {
  Error: typeof CfError;
  ErrorCode: typeof ErrorCode;
  /** Functions registered through associate, by id (upper case). */
  registry: Map<string, (...args: unknown[]) => unknown>;
  associate(id: string | Record<string, (...args: unknown[]) => unknown>, fn?: (...args: unknown[]) => unknown): void;
}

/** A fresh shim object (for a vm context or a custom global). */
export function createCustomFunctionsShim(): CustomFunctionsShim {
  const registry = new Map<string, (...args: unknown[]) => unknown>();
  return {
    Error: CfError,
    ErrorCode,
    registry,
    associate(id, fn) {
      if (typeof id === "string") {
        if (typeof fn !== "function") throw new TypeError(`associate("${id}") without a function`);
        registry.set(id.toUpperCase(), fn);
      } else {
        for (const [k, f] of Object.entries(id)) registry.set(k.toUpperCase(), f);
      }
    },
  };
}

/** Installs (once) and returns the global CustomFunctions shim. */
export function installCustomFunctionsShim(): CustomFunctionsShim {
  const g = globalThis as unknown as { CustomFunctions?: CustomFunctionsShim };
  if (!g.CustomFunctions || !(g.CustomFunctions as Partial<CustomFunctionsShim>).registry) {
    g.CustomFunctions = createCustomFunctionsShim();
  }
  return g.CustomFunctions;
}

/** True when x is an error value with a "#..." code (from this shim or any other realm). */
export function isCfError(x: unknown): x is { code: string; message?: string } {
  return typeof x === "object" && x !== null && typeof (x as { code?: unknown }).code === "string" && (x as { code: string }).code.startsWith("#");
}

installCustomFunctionsShim();
