/**
 * The pure layers stay pure: src/core and src/import run the same in a browser page, a Web
 * Worker, Excel's custom functions runtime and Node, so they import nothing of Office, the DOM
 * or Node (src/import/node.ts alone may use Node), and src/core imports nothing of the other
 * layers. Checked three ways:
 *  - every module specifier (import, export-from, import type, import(), require(), import
 *    types) read with the TypeScript parser;
 *  - every free identifier resolved by the TypeScript checker under the root tsconfig (which
 *    loads the DOM, Node and office-js): none may resolve into lib.dom, @types/node or office-js,
 *    except the web platform that browsers and Node share (types/web-platform.d.ts);
 *  - probe files compiled under tsconfig.core.json and tsconfig.functions.json: `document`,
 *    `window`, `Excel`, `process` and `node:fs` must not compile there.
 */
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../../..");
const NODE_ONLY = "src/import/node.ts";
/** Packages a pure layer may import. */
const PACKAGES = new Set(["decimal.js"]);
/** Packages only the import engine may import: the Parquet reader (pure JavaScript: no DOM, no Node). */
const IMPORT_PACKAGES = new Set(["hyparquet", "hyparquet-compressors"]);
/** Which source folders each pure layer may reach by a relative import. */
const LAYERS: Record<string, string[]> = {
  "src/core": ["src/core"],
  "src/import": ["src/core", "src/import"],
};

const posix = (p: string): string => p.split(sep).join("/");

function filesOf(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => posix(join(dir, f)))
    .sort();
}

const PURE = Object.keys(LAYERS).flatMap(filesOf);

interface Specifier {
  file: string;
  line: number;
  text: string;
}

/** Every module specifier of a text: static, type-only, re-exports, import(), require(), import("x").T. */
function specifiersOfText(file: string, text: string): Specifier[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: Specifier[] = [];
  const add = (node: ts.Node | undefined): void => {
    if (node && ts.isStringLiteralLike(node)) out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require")) add(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const specifiers = (file: string): Specifier[] => specifiersOfText(file, readFileSync(join(ROOT, file), "utf8"));

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Why a specifier is not allowed in `file`, or null. */
function violation(file: string, spec: string): string | null {
  const layer = Object.keys(LAYERS).find((l) => file.startsWith(`${l}/`))!;
  if (spec.startsWith(".")) {
    const target = posix(relative(ROOT, resolve(ROOT, dirname(file), spec)));
    if (LAYERS[layer].some((l) => target === l || target.startsWith(`${l}/`))) {
      if (target.replace(/\.ts$/, "") === NODE_ONLY.replace(/\.ts$/, "") && file !== NODE_ONLY) return `${spec} is the Node-only module`;
      return null;
    }
    return `${spec} reaches ${target}, outside ${LAYERS[layer].join(" and ")}`;
  }
  if (NODE_BUILTINS.has(spec) || spec.startsWith("node:")) return file === NODE_ONLY ? null : `${spec} is a Node module`;
  const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
  if (/office|excel|^@types\//i.test(pkg)) return `${spec} is Office`;
  if (layer === "src/import" && IMPORT_PACKAGES.has(pkg)) return null;
  if (!PACKAGES.has(pkg)) return `${spec} is not one of the packages a pure layer may use (${[...PACKAGES].join(", ")})`;
  return null;
}

describe("imports of src/core and src/import", () => {
  it("finds the files and their imports (the scan is not vacuous)", () => {
    expect(PURE.length).toBeGreaterThan(20);
    expect(PURE).toContain(NODE_ONLY);
    const all = PURE.flatMap(specifiers).map((s) => s.text);
    expect(all).toContain("decimal.js");
    expect(all).toContain("node:fs");
  });

  it("the scanner sees every kind of import", () => {
    const text = [
      'import a from "a";',
      'import type { B } from "b";',
      'export { c } from "c";',
      'export * from "d";',
      'import e = require("e");',
      'const f = await import("f");',
      'const g = require("g");',
      'let h: import("h").H;',
      'import "i";',
      '// import "comment"; const s = "import(\\"string\\")";',
    ].join("\n");
    expect(specifiersOfText("probe.ts", text).map((s) => s.text)).toEqual(["a", "b", "c", "d", "e", "f", "g", "h", "i"]);
  });

  it.each(PURE)("%s imports nothing of Office, the DOM or Node, and no other layer", (file) => {
    const bad = specifiers(file)
      .map((s) => ({ ...s, why: violation(file, s.text) }))
      .filter((s) => s.why !== null)
      .map((s) => `${s.file}:${s.line}: ${s.why}`);
    expect(bad).toEqual([]);
  });

  it("the rules reject what they should", () => {
    expect(violation("src/core/x.ts", "node:fs")).toMatch(/Node/);
    expect(violation("src/import/x.ts", "fs")).toMatch(/Node/);
    expect(violation("src/import/x.ts", "path")).toMatch(/Node/);
    expect(violation(NODE_ONLY, "node:fs")).toBeNull();
    expect(violation("src/core/x.ts", "@microsoft/office-js")).toMatch(/Office/);
    expect(violation("src/core/x.ts", "office-addin-mock")).toMatch(/Office/);
    expect(violation("src/core/x.ts", "../import/engine")).toMatch(/outside/);
    expect(violation("src/import/x.ts", "../excel/writer")).toMatch(/outside/);
    expect(violation("src/import/x.ts", "../taskpane/dom")).toMatch(/outside/);
    expect(violation("src/import/x.ts", "./node")).toMatch(/Node-only/);
    expect(violation("src/import/x.ts", "papaparse")).toMatch(/not one of the packages/);
    expect(violation("src/import/formats/x.ts", "../../core/decimal")).toBeNull();
    expect(violation("src/import/x.ts", "decimal.js")).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Identifiers: resolved by the checker with the DOM, Node and office-js loaded (the root tsconfig).

/** The names browsers and Node both provide, which the pure layers may use. */
const WEB_PLATFORM = (() => {
  const file = join(ROOT, "types/web-platform.d.ts");
  const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const names = new Set<string>();
  for (const st of sf.statements) {
    if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) names.add(st.name.text);
    else if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
  }
  return names;
})();

const FOREIGN = /\/lib\.(dom|webworker|scripthost)[^/]*\.d\.ts$|\/@types\/(node|office-js|custom-functions-runtime)\//;
const NODE_TYPES = /\/@types\/node\//;

function parseConfig(name: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, name), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!parsed) throw new Error(`${name} cannot be read`);
  return parsed;
}

/** A use of a name: not a property name, a declaration's own name or an import/export specifier. */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if ((ts.isPropertyAccessExpression(p) || ts.isQualifiedName(p)) && (ts.isPropertyAccessExpression(p) ? p.name : p.right) === id) return false;
  if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p)) return false;
  if (ts.isBindingElement(p) && p.propertyName === id) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  const named = p as ts.Node & { name?: ts.Node };
  if (named.name === id && (ts.isDeclarationStatement(p) || ts.isClassElement(p) || ts.isTypeElement(p) || ts.isPropertyAssignment(p) || ts.isEnumMember(p) || ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p) || ts.isTypeParameterDeclaration(p))) {
    return false;
  }
  return true;
}

interface ForeignUse {
  file: string;
  line: number;
  name: string;
  from: string;
}

function foreignUses(program: ts.Program, files: string[]): ForeignUse[] {
  const checker = program.getTypeChecker();
  const out: ForeignUse[] = [];
  for (const file of files) {
    const sf = program.getSourceFile(join(ROOT, file));
    if (!sf) throw new Error(`${file} is not in the program`);
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && isReference(node)) {
        const sym = ts.isShorthandPropertyAssignment(node.parent)
          ? checker.getShorthandAssignmentValueSymbol(node.parent)
          : checker.getSymbolAtLocation(node);
        const decls = sym?.declarations ?? [];
        const foreign = decls.map((d) => posix(d.getSourceFile().fileName)).filter((f) => FOREIGN.test(f));
        const own = decls.some((d) => !FOREIGN.test(posix(d.getSourceFile().fileName)));
        const allowed = WEB_PLATFORM.has(node.text) || (file === NODE_ONLY && foreign.every((f) => NODE_TYPES.test(f)));
        if (foreign.length > 0 && !own && !allowed) {
          out.push({
            file,
            line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1,
            name: node.text,
            from: foreign[0].replace(/^.*\/node_modules\//, ""),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

describe("identifiers of src/core and src/import", () => {
  let program: ts.Program;
  beforeAll(() => {
    const root = parseConfig("tsconfig.json");
    program = ts.createProgram({ rootNames: PURE.map((f) => join(ROOT, f)), options: root.options });
  }, 120_000);

  it("none resolves to the DOM, Node (outside src/import/node.ts) or Office", () => {
    expect(foreignUses(program, PURE).map((u) => `${u.file}:${u.line}: ${u.name} (${u.from})`)).toEqual([]);
  });

  it("the check sees a global of each kind, and lets the shared web platform through", () => {
    const probe = join(ROOT, "src/core/__probe__.ts");
    const text = [
      "export const a = document.title;", // 1
      "export const b: HTMLElement | null = null;", // 2
      "export const c = Excel.run;", // 3
      "export const d = process.env;", // 4
      "export const e = window;", // 5
      "export const f = { navigator };", // 6
      "export const g = new TextDecoder().decode(new Uint8Array(0));", // 7 allowed
      "export const h = (s: ReadableStream<Uint8Array>, x: AbortSignal) => [s.getReader(), x.aborted];", // 8 allowed
      "const window2 = 1; export const i = window2 + Math.max(1, 2);", // 9 allowed
    ].join("\n");
    const root = parseConfig("tsconfig.json");
    const host = ts.createCompilerHost(root.options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang, ...rest) => (name === probe ? ts.createSourceFile(name, text, lang) : getSourceFile(name, lang, ...rest));
    const p = ts.createProgram({ rootNames: [probe], options: root.options, host });
    const uses = foreignUses(p, [posix(relative(ROOT, probe))]).map((u) => `${u.line} ${u.name}`);
    expect(uses).toEqual(["1 document", "2 HTMLElement", "3 Excel", "4 process", "5 window", "6 navigator"]);
  });
});

// ---------------------------------------------------------------------------------------------
// The layer configurations: what does not compile there.

/** Diagnostics of `text` compiled as `file` under a layer's tsconfig, as "line code". */
function compileProbe(config: string, file: string, text: string): string[] {
  const parsed = parseConfig(config);
  const probe = join(ROOT, file);
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) => (name === probe ? ts.createSourceFile(name, text, lang) : getSourceFile(name, lang, ...rest));
  const declarations = parsed.fileNames.filter((f) => f.endsWith(".d.ts"));
  const program = ts.createProgram({ rootNames: [probe, ...declarations], options: parsed.options, host });
  const sf = program.getSourceFile(probe)!;
  return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map(
    (d) => `${sf.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} TS${d.code}`,
  );
}

const FORBIDDEN_PROBE = [
  "export const a = document.title;", // 1 DOM
  "export const b = window.innerWidth;", // 2 DOM
  "export const c: HTMLElement | null = null;", // 3 DOM type
  "export const d = Excel.run;", // 4 Office
  "export const e = Office.context;", // 5 Office
  "export const f = process.env;", // 6 Node
  'import { readFileSync } from "node:fs";', // 7 Node
  "export { readFileSync };", // 8
  "export const g = Buffer.from([1]);", // 9 Node
  "export const h = setTimeout;", // 10 DOM or Node
].join("\n");
/** "Cannot find name" (TS2304; TS2584 "…include 'dom'"; TS2591 "…add 'node' to types"), "Cannot find module" (TS2307). */
const FORBIDDEN_LINES = ["1 TS2584", "2 TS2304", "3 TS2304", "4 TS2304", "5 TS2304", "6 TS2591", "7 TS2307", "9 TS2591", "10 TS2304"];

describe("tsconfig.core.json: a DOM, Node or Office call in src/core or src/import does not compile", () => {
  it("document, window, HTMLElement, Excel, Office, process, node:fs, Buffer and setTimeout are diagnostics", () => {
    expect(compileProbe("tsconfig.core.json", "src/core/__probe__.ts", FORBIDDEN_PROBE)).toEqual(FORBIDDEN_LINES);
    expect(compileProbe("tsconfig.core.json", "src/import/__probe__.ts", FORBIDDEN_PROBE)).toEqual(FORBIDDEN_LINES);
  }, 60_000);

  it("ECMAScript and the shared web platform compile", () => {
    const ok = [
      "export const a = new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(0), { stream: true });",
      "export const b = new ReadableStream<Uint8Array>({ pull(c) { c.close(); } }).getReader();",
      "export const c = (s: AbortSignal) => s.aborted;",
      "export const d = new Map<string, bigint>([['x', 1n]]);",
      "export const e = new DOMException('m', 'AbortError').name;",
    ].join("\n");
    expect(compileProbe("tsconfig.core.json", "src/core/__probe__.ts", ok)).toEqual([]);
  }, 60_000);

  it("the layer configurations include what they say", () => {
    const names = (c: string): string[] => parseConfig(c).fileNames.map((f) => posix(relative(ROOT, f)));
    const core = names("tsconfig.core.json");
    expect(core).toEqual(expect.arrayContaining(PURE.filter((f) => f !== NODE_ONLY)));
    expect(core).not.toContain(NODE_ONLY);
    expect(names("tsconfig.node.json")).toContain(NODE_ONLY);
    expect(parseConfig("tsconfig.core.json").options.types).toEqual([]);
    expect(parseConfig("tsconfig.core.json").options.lib).toEqual(["lib.es2022.d.ts"]);
  });
});

describe("tsconfig.functions.json: the custom functions runtime has no DOM and no Node", () => {
  it("document, window and process do not compile; CustomFunctions does", () => {
    const text = ["export const a = document.title;", "export const b = window;", "export const c = process.env;", "export const d = CustomFunctions.associate;"].join("\n");
    expect(compileProbe("tsconfig.functions.json", "src/functions/__probe__.ts", text)).toEqual(["1 TS2584", "2 TS2304", "3 TS2591"]);
  }, 60_000);
});
