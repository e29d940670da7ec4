/**
 * Custom functions in the workbench: a `CustomFunctions` shim (what Excel's custom functions
 * runtime offers to functions.js) and a HyperFormula plugin built from functions.json that
 * calls the very functions functions.js associated. No function is implemented here.
 * DOM-free: the browser loads functions.js with a <script> tag, tests with node's vm.
 */
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  type ImplementedFunctions,
} from "hyperformula";
import { OWN_SHAPES } from "../../functions/spill";
import { ErrorCode } from "./error-code";

// HyperFormula's internal AST/value types are not exported by its package entry; these are the
// parts used here (structurally identical to hyperformula/typings/parser and interpreter).
interface Ast {
  type: string;
}
interface ProcedureAst extends Ast {
  procedureName: string;
  args: Ast[];
}
type InterpreterState = unknown;
type InternalScalarValue = number | string | boolean | typeof EmptyValue | CellError | { val: number };
type InterpreterValue = InternalScalarValue | SimpleRangeValue;

// ---------------------------------------------------------------- functions.json

export interface CfParameter {
  name: string;
  description?: string;
  type?: "number" | "string" | "boolean" | "any";
  dimensionality?: "scalar" | "matrix";
  optional?: boolean;
  repeating?: boolean;
}
export interface CfFunction {
  id: string;
  name: string;
  description?: string;
  parameters: CfParameter[];
  result?: { type?: string; dimensionality?: "scalar" | "matrix" };
  options?: {
    stream?: boolean;
    cancelable?: boolean;
    volatile?: boolean;
    requiresAddress?: boolean;
    requiresParameterAddresses?: boolean;
  };
}
export interface CfMetadata {
  allowErrorForDataTypeAny?: boolean;
  allowCustomDataForDataTypeAny?: boolean;
  functions: CfFunction[];
}

// ---------------------------------------------------------------- CustomFunctions shim

export { ErrorCode, type ErrorCodeText } from "./error-code";

/** `CustomFunctions.Error`: an Excel error value a function returns (or receives). */
export class CfError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(message ?? "");
    this.name = "CustomFunctions.Error";
    this.code = code;
  }
}

export type CfImplementation = (...args: unknown[]) => unknown;

/** Functions associated by functions.js, by upper-case id. */
export class FunctionRegistry {
  readonly impls = new Map<string, CfImplementation>();
  associate(idOrMap: string | Record<string, CfImplementation>, fn?: CfImplementation): void {
    if (typeof idOrMap === "string") {
      if (typeof fn !== "function") throw new TypeError(`CustomFunctions.associate("${idOrMap}"): not a function`);
      this.impls.set(idOrMap.toUpperCase(), fn);
    } else {
      for (const [id, f] of Object.entries(idOrMap)) this.associate(id, f);
    }
  }
}

export interface CustomFunctionsShim {
  associate: FunctionRegistry["associate"];
  Error: typeof CfError;
  ErrorCode: typeof ErrorCode;
}

/** Puts `CustomFunctions` on globalThis (before functions.js runs); returns the registry it feeds. */
export function installCustomFunctionsShim(target: object = globalThis, registry = new FunctionRegistry()): FunctionRegistry {
  const shim: CustomFunctionsShim = {
    associate: (a, f) => registry.associate(a, f),
    Error: CfError,
    ErrorCode,
  };
  (target as { CustomFunctions?: CustomFunctionsShim }).CustomFunctions = shim;
  return registry;
}

// ---------------------------------------------------------------- blank cells

/**
 * What a blank cell arrives as in a custom function's argument: `null` on Excel on the web and
 * on the Mac, `0` on Windows desktop (scalar and range arguments alike). The workbench follows
 * the web by default; tests run both. Registration is global, so is this setting.
 */
export type BlankConvention = "null" | "zero";
let blankConvention: BlankConvention = "null";

export function setBlankConvention(mode: BlankConvention): void {
  blankConvention = mode;
}
export function getBlankConvention(): BlankConvention {
  return blankConvention;
}
function blankValue(): null | 0 {
  return blankConvention === "zero" ? 0 : null;
}

// ---------------------------------------------------------------- error mapping

const TO_HF: Record<string, ErrorType> = {
  "#VALUE!": ErrorType.VALUE,
  "#N/A": ErrorType.NA,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#NUM!": ErrorType.NUM,
  "#NAME?": ErrorType.NAME,
  "#REF!": ErrorType.REF,
};
/** Errors HyperFormula has no type for are carried as ERROR with the Excel text as message prefix. */
export const FOREIGN_ERROR_PREFIX = "\u0000excel:";

export function toHfError(code: string, message?: string): CellError {
  const t = TO_HF[code];
  if (t !== undefined) return new CellError(t, message || undefined);
  return new CellError(ErrorType.ERROR, `${FOREIGN_ERROR_PREFIX}${code}\u0000${message ?? ""}`);
}

const FROM_HF: Record<string, string> = {
  VALUE: "#VALUE!",
  NA: "#N/A",
  DIV_BY_ZERO: "#DIV/0!",
  NUM: "#NUM!",
  NAME: "#NAME?",
  REF: "#REF!",
  SPILL: "#SPILL!",
  CYCLE: "#CYCLE!",
  ERROR: "#ERROR!",
  LIC: "#LIC!",
};

/** The Excel text of a HyperFormula error (type + message). */
export function excelErrorText(type: string, message?: string): string {
  if (type === "ERROR" && message?.startsWith(FOREIGN_ERROR_PREFIX)) {
    return message.slice(FOREIGN_ERROR_PREFIX.length).split("\u0000")[0];
  }
  return FROM_HF[type] ?? `#${type}!`;
}

function cfErrorFromHf(e: CellError): CfError {
  return new CfError(excelErrorText(e.type, e.message), e.message?.startsWith(FOREIGN_ERROR_PREFIX) ? undefined : e.message);
}

// ---------------------------------------------------------------- the plugin

interface Registered {
  meta: CfFunction;
  registry: FunctionRegistry;
  allowErrors: boolean;
}

/** Function name in formulas → what it calls. Shared by every HyperFormula instance (registration is global). */
const REGISTERED = new Map<string, Registered>();
const PLUGIN_FUNCTIONS = new Set<string>();

type Marshalled = unknown;
const BAD = Symbol("bad");

function plainScalar(v: InternalScalarValue): number | string | boolean | CellError | null {
  if (v === EmptyValue) return null;
  if (v instanceof CellError) return v;
  if (typeof v === "object" && v !== null) return (v as { val: number }).val; // RichNumber (date, currency, percent)
  return v as number | string | boolean;
}

/** An error that stops the call (Excel does not run the function, the cell shows the error). */
class Stop {
  constructor(readonly error: CellError) {}
}

function marshalScalar(v: InternalScalarValue, p: CfParameter, allowErrors: boolean): Marshalled | Stop {
  const x = plainScalar(v);
  if (x instanceof CellError) {
    if ((p.type ?? "any") === "any" && allowErrors) return cfErrorFromHf(x);
    return new Stop(x);
  }
  switch (p.type ?? "any") {
    case "number":
      if (x === null) return 0;
      if (typeof x === "number") return x;
      if (typeof x === "boolean") return x ? 1 : 0;
      if (x.trim() !== "" && Number.isFinite(Number(x))) return Number(x);
      return new Stop(new CellError(ErrorType.VALUE, `${p.name} is not a number`));
    case "string":
      if (x === null) return "";
      if (typeof x === "boolean") return x ? "TRUE" : "FALSE";
      return String(x);
    case "boolean":
      if (x === null) return false;
      if (typeof x === "boolean") return x;
      if (typeof x === "number") return x !== 0;
      if (/^(true|false)$/i.test(x)) return x.toUpperCase() === "TRUE";
      return new Stop(new CellError(ErrorType.VALUE, `${p.name} is not a boolean`));
    default:
      return x === null ? blankValue() : x;
  }
}

function marshalMatrix(v: InterpreterValue, p: CfParameter, allowErrors: boolean): Marshalled | Stop {
  const data = (v instanceof SimpleRangeValue ? v.data : [[v]]) as InternalScalarValue[][];
  const out: unknown[][] = [];
  for (const row of data) {
    const r: unknown[] = [];
    for (const cell of row) {
      const x = plainScalar(cell);
      if (x instanceof CellError) {
        if (!allowErrors) return new Stop(x);
        r.push(cfErrorFromHf(x));
      } else if (p.type === "number" && x !== null && typeof x !== "number") {
        return new Stop(new CellError(ErrorType.VALUE, `${p.name} holds a value that is not a number`));
      } else r.push(x === null ? blankValue() : x);
    }
    out.push(r);
  }
  return out;
}

function resultScalar(x: unknown, name: string): InternalScalarValue {
  if (x instanceof CfError || (typeof x === "object" && x !== null && typeof (x as { code?: unknown }).code === "string")) {
    const e = x as { code: string; message?: string };
    return toHfError(e.code, e.message);
  }
  if (typeof x === "number") return Number.isFinite(x) ? x : new CellError(ErrorType.NUM, `${name} returned ${x}`);
  if (typeof x === "string" || typeof x === "boolean") return x;
  if (x === null || x === undefined) return EmptyValue;
  return new CellError(ErrorType.VALUE, `${name} returned a ${typeof x}, which a cell cannot hold`);
}

function isMatrixResult(meta: CfFunction): boolean {
  return meta.result?.dimensionality === "matrix";
}

function paramFor(meta: CfFunction, i: number): CfParameter | undefined {
  const ps = meta.parameters;
  if (i < ps.length) return ps[i];
  const firstRep = ps.findIndex((p) => p.repeating);
  if (firstRep < 0) return undefined;
  const reps = ps.length - firstRep;
  return ps[firstRep + ((i - firstRep) % reps)];
}

/**
 * The invocation object Excel passes last: functionName and isInValuePreview always;
 * address / parameterAddresses only when functions.json asks for them (`requiresAddress`,
 * `requiresParameterAddresses`); the workbench has no A1 address of the calling cell at this
 * point, so it gives the fields as undefined, as Excel does for a preview.
 */
function invocationFor(meta: CfFunction, name: string, _rr: number, _cc: number): Record<string, unknown> {
  const inv: Record<string, unknown> = { functionName: name, isInValuePreview: false };
  if (meta.options?.requiresAddress) inv.address = undefined;
  if (meta.options?.requiresParameterAddresses) inv.parameterAddresses = meta.parameters.map(() => undefined);
  if (meta.options?.cancelable) inv.onCanceled = undefined;
  return inv;
}

/** The plugin class that HyperFormula instantiates; one method serves every AIECON function. */
class CustomFunctionsPlugin extends FunctionPlugin {
  call(ast: ProcedureAst, state: InterpreterState): InterpreterValue {
    const reg = REGISTERED.get(ast.procedureName.toUpperCase());
    if (!reg) return new CellError(ErrorType.NAME, `Unknown function ${ast.procedureName}`);
    const { meta, registry, allowErrors } = reg;
    const name = `${ast.procedureName}`;
    const fn = registry.impls.get(meta.id.toUpperCase());
    if (!fn) return new CellError(ErrorType.NAME, `${name}: functions.js did not associate id ${meta.id}`);
    if (meta.options?.stream) return new CellError(ErrorType.NA, `${name}: streaming functions are not supported in the workbench`);
    const ps = meta.parameters;
    const required = ps.filter((p) => !p.optional && !p.repeating).length;
    const repeating = ps.some((p) => p.repeating);
    const args: Ast[] = ast.args;
    if (args.length < required || (!repeating && args.length > ps.length)) {
      return new CellError(ErrorType.NA, `${name} takes ${required === ps.length ? required : `${required} to ${repeating ? "many" : ps.length}`} arguments, got ${args.length}`);
    }
    // Evaluate arguments.
    const values: (InterpreterValue | typeof BAD)[] = args.map((a) => (a.type === "EMPTY" ? BAD : (this.evaluateAst(a as never, state as never) as InterpreterValue)));
    // Scalar parameters given a range are lifted (Excel's dynamic-array behaviour): one call per element.
    let liftRows = 1;
    let liftCols = 1;
    values.forEach((v, i) => {
      const p = paramFor(meta, i);
      if (p && p.dimensionality !== "matrix" && v instanceof SimpleRangeValue && (v.height() > 1 || v.width() > 1)) {
        liftRows = Math.max(liftRows, v.height());
        liftCols = Math.max(liftCols, v.width());
      }
    });
    const callAt = (rr: number, cc: number): InternalScalarValue | InternalScalarValue[][] => {
      const out: unknown[] = [];
      const reps: unknown[][] = [];
      const firstRep = ps.findIndex((p) => p.repeating);
      for (let i = 0; i < Math.max(values.length, ps.length); i++) {
        const p = paramFor(meta, i)!;
        const v = i < values.length ? values[i] : BAD;
        let m: Marshalled | Stop;
        if (v === BAD) m = null;
        else if (p.dimensionality === "matrix") m = marshalMatrix(v, p, allowErrors);
        else {
          let s: InterpreterValue = v;
          if (s instanceof SimpleRangeValue) {
            const d = s.data as InternalScalarValue[][];
            const row = d.length === 1 ? d[0] : d[rr];
            s = row === undefined ? new CellError(ErrorType.NA) : (row.length === 1 ? row[0] : row[cc]) ?? new CellError(ErrorType.NA);
          }
          m = marshalScalar(s as InternalScalarValue, p, allowErrors);
        }
        if (m instanceof Stop) return m.error;
        if (firstRep >= 0 && i >= firstRep) {
          if (i < values.length) {
            const k = (i - firstRep) % (ps.length - firstRep);
            if (k === 0) reps.push([]);
            reps[reps.length - 1].push(m);
          }
        } else out.push(m);
      }
      if (firstRep >= 0) {
        const per = ps.length - firstRep;
        out.push(per === 1 ? reps.map((r) => r[0]) : reps);
      }
      // Excel passes every custom function an invocation object as its LAST argument, declared or not.
      out.push(invocationFor(meta, name, rr, cc));
      let result: unknown;
      try {
        result = fn(...out);
      } catch (e) {
        return new CellError(ErrorType.VALUE, `${name} threw: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (result && typeof (result as { then?: unknown }).then === "function") {
        return new CellError(ErrorType.NA, `${name} returned a Promise; asynchronous functions are not supported in the workbench`);
      }
      if (Array.isArray(result)) {
        if (!isMatrixResult(meta)) return new CellError(ErrorType.VALUE, `${name} returned an array but functions.json declares a scalar result`);
        if (result.length === 0 || !result.every((r) => Array.isArray(r) && r.length === (result as unknown[][])[0].length && r.length > 0)) {
          return new CellError(ErrorType.VALUE, `${name} returned an array that is not a rectangular 2D array`);
        }
        return (result as unknown[][]).map((r) => r.map((x) => resultScalar(x, name)));
      }
      return resultScalar(result, name);
    };
    let result: InternalScalarValue | InternalScalarValue[][];
    if (liftRows === 1 && liftCols === 1) {
      result = callAt(0, 0);
    } else {
      const grid: InternalScalarValue[][] = [];
      for (let r = 0; r < liftRows; r++) {
        const row: InternalScalarValue[] = [];
        for (let c = 0; c < liftCols; c++) {
          const x = callAt(r, c);
          row.push(Array.isArray(x) ? x[0][0] : x);
        }
        grid.push(row);
      }
      result = grid;
    }
    // Fit the spill area predicted before evaluation (HyperFormula sizes arrays at parse time):
    // a smaller result (a single error included) fills the top-left, the rest stays blank.
    const size = this.size(ast, state);
    if (!Array.isArray(result)) {
      if (size.isScalar()) return result;
      result = [[result]];
    }
    if (result.length === 1 && result[0].length === 1 && size.isScalar()) return result[0][0];
    if (result.length > size.height || result[0].length > size.width) {
      if (size.isScalar()) {
        return new CellError(ErrorType.VALUE, `${name} returned a ${result.length}×${result[0].length} array where its arguments predicted a single value`);
      }
      return new CellError(ErrorType.VALUE, `${name} returned a ${result.length}×${result[0].length} array, larger than the ${size.height}×${size.width} its arguments predict`);
    }
    if (size.isScalar()) return result[0][0];
    const padded = result.map((r) => [...r, ...new Array<InternalScalarValue>(size.width - r.length).fill(EmptyValue)]);
    while (padded.length < size.height) padded.push(new Array<InternalScalarValue>(size.width).fill(EmptyValue));
    return SimpleRangeValue.onlyValues(padded as never);
  }

  /**
   * The spill size, fixed when the formula is entered (HyperFormula sizes arrays before it
   * evaluates): the shape of the first required argument larger than one cell (a scalar
   * parameter given a range is lifted; a matrix parameter counts only when the result is a
   * matrix). Optional arguments (cutoffs, per, …) never size the result, so
   * BENCHMARKBAND(I2, $X$1:$X$3) stays one cell.
   */
  /** The number an argument is before anything is computed: a number literal, or a constant cell it references. */
  knownNumber(arg: Ast | undefined, state: InterpreterState): number | undefined {
    if (arg === undefined) return undefined;
    if (arg.type === "NUMBER") return (arg as Ast & { value: number }).value;
    if (arg.type !== "CELL_REFERENCE") return undefined;
    const base = (state as { formulaAddress?: unknown }).formulaAddress;
    const address = (arg as CellReferenceAst).reference.toSimpleCellAddress(base);
    const graph = this.dependencyGraph as unknown as { getScalarValue(a: unknown): unknown };
    const v = graph.getScalarValue(address);
    if (typeof v === "number") return v;
    if (typeof v === "object" && v !== null && typeof (v as { val?: unknown }).val === "number") return (v as { val: number }).val;
    return undefined;
  }

  size(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const reg = REGISTERED.get(ast.procedureName.toUpperCase());
    if (!reg) return ArraySize.scalar();
    const own = OWN_SHAPES[reg.meta.id.toUpperCase()];
    if (own !== undefined) {
      const shape = own((i) => this.knownNumber(ast.args[i], state));
      return shape === undefined ? ArraySize.scalar() : new ArraySize(shape.cols, shape.rows);
    }
    const matrixResult = isMatrixResult(reg.meta);
    for (let i = 0; i < ast.args.length; i++) {
      const p = paramFor(reg.meta, i);
      if (!p || p.optional || p.repeating) continue;
      if (p.dimensionality === "matrix" && !matrixResult) continue;
      const s = this.arraySizeForAst(ast.args[i] as never, state as never);
      if (s.width > 1 || s.height > 1) return new ArraySize(s.width, s.height);
    }
    return ArraySize.scalar();
  }
}

/** A HyperFormula cell reference AST (the parts used here). */
interface CellReferenceAst extends Ast {
  reference: { toSimpleCellAddress(base: unknown): unknown };
}

/**
 * Registers (or re-registers) the functions of functions.json into HyperFormula, named
 * `<namespace>.<NAME>` as Excel shows them, calling what functions.js associated.
 */
export function registerCustomFunctions(metadata: CfMetadata, registry: FunctionRegistry, namespace = "AIECON"): string[] {
  for (const name of PLUGIN_FUNCTIONS) {
    try {
      HyperFormula.unregisterFunction(name);
    } catch {
      /* not registered */
    }
  }
  PLUGIN_FUNCTIONS.clear();
  REGISTERED.clear();
  const implemented: ImplementedFunctions = {};
  const translations: Record<string, Record<string, string>> = { enGB: {}, enUS: {} };
  for (const f of metadata.functions) {
    const name = `${namespace}.${f.name}`.toUpperCase();
    REGISTERED.set(name, { meta: f, registry, allowErrors: metadata.allowErrorForDataTypeAny === true });
    implemented[name] = {
      method: "call",
      sizeOfResultArrayMethod: "size",
      vectorizationForbidden: true,
      isVolatile: f.options?.volatile === true,
      parameters: f.parameters.map(() => ({ argumentType: FunctionArgumentType.ANY, optionalArg: true })),
      ...(f.parameters.some((p) => p.repeating) ? { repeatLastArgs: f.parameters.length - f.parameters.findIndex((p) => p.repeating) } : {}),
    };
    translations.enGB[name] = name;
    translations.enUS[name] = name;
    PLUGIN_FUNCTIONS.add(name);
  }
  class Plugin extends CustomFunctionsPlugin {
    static override implementedFunctions = implemented;
    // HyperFormula looks the methods up as own properties of the plugin's prototype.
    override call(ast: ProcedureAst, state: InterpreterState): InterpreterValue {
      return super.call(ast, state);
    }
    override size(ast: ProcedureAst, state: InterpreterState): ArraySize {
      return super.size(ast, state);
    }
  }
  if (Object.keys(implemented).length > 0) HyperFormula.registerFunctionPlugin(Plugin, translations);
  return [...PLUGIN_FUNCTIONS];
}
