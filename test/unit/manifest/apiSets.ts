/**
 * Which Excel JavaScript API members a set of source files uses, and the requirement set each
 * one needs, read from the JSDoc of `@types/office-js` with the TypeScript checker.
 *
 * A use is any reference the checker resolves to a declaration in `@types/office-js` under the
 * namespaces Excel, Office, OfficeExtension or OfficeCore:
 * - `a.b` property accesses and `a.b(...)` calls (for a call, the overload the checker picked),
 *   including chains like `context.workbook.worksheets.getItem(n).getUsedRangeOrNullObject()`;
 * - `a["b"]` element accesses with a literal key;
 * - `Excel.Range` style qualified names in types;
 * - property names inside `x.load("a,b/c")` strings;
 * - keys of object literals whose contextual type is an office-js interface
 *   (`rule = { operator: "Contains", text }`);
 * - string literals that stand for an office-js string enum member (`visibility = "Hidden"`);
 *   a literal passed to a string-union overload (`charts.add("Line", range, "Columns")`) has no
 *   enum member behind it and is covered by that overload's own tag;
 * - arguments passed to a parameter that has its own tag (`@param valuesOnly ... [Api set: ExcelApi 1.2]`).
 *
 * Casts: a member reached through `(range as unknown as { numberFormat: unknown }).numberFormat`
 * resolves to the anonymous type of the cast, not to office-js; the walk looks through `as`,
 * `<T>`, `!` and parentheses to the expression being cast and looks the name up on its type, so
 * this one is still counted (as `Excel.Range.numberFormat`). A member reached through a value
 * typed `any` or `unknown` with no office-js expression behind the cast (a `Record<string, ...>`
 * built elsewhere, a dynamic key) is not seen: such code is invisible to the checker.
 *
 * The member's own tag wins; a member without one takes the tag of its class, interface or enum.
 * `[Api set: ExcelApi 1.1 for get, 1.8 for set]` style tags count as the highest version they name
 * (conservative); the use keeps the whole tag text so a failure shows the qualification.
 */
import ts from "typescript";

/** One requirement a tag names, e.g. ExcelApi 1.9. */
export interface Requirement {
  set: string;
  version: string;
}

export interface ApiUse {
  /** e.g. "Excel.Worksheet.getRangeByIndexes", "Excel.SheetVisibility.hidden", "Excel.Worksheet.getUsedRange(valuesOnly)". */
  member: string;
  /** Requirements (empty: the member and its container carry no tag). */
  requires: Requirement[];
  /** The tag text the requirements were read from, e.g. "ExcelApi 1.1 for get, 1.8 for set". */
  tag: string;
  /** Where the tag came from: the member itself, its container, or a parameter. */
  source: "member" | "container" | "parameter" | "none";
  /** Path relative to the analysis root, and 1-based line. */
  file: string;
  line: number;
}

const OFFICE_TYPES = /[\\/]node_modules[\\/]@types[\\/]office-js[\\/]/;
const ROOT_NAMESPACES = new Set(["Excel", "Office", "OfficeExtension", "OfficeCore"]);

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** `<Requirements><Sets><Set Name=".." MinVersion=".."/>` of an add-in manifest (DefaultMinVersion fills a missing MinVersion). */
export function manifestSets(xml: string): Map<string, string> {
  const sets = new Map<string, string>();
  const req = /<Requirements>([\s\S]*?)<\/Requirements>/.exec(xml);
  if (req === null) return sets;
  const setsEl = /<Sets\b([^>]*)>/.exec(req[1]);
  const dflt = setsEl !== null ? (/DefaultMinVersion="([^"]+)"/.exec(setsEl[1])?.[1] ?? "1.1") : "1.1";
  for (const m of req[1].matchAll(/<Set\b([^>]*?)\/?>/g)) {
    const name = /\bName="([^"]+)"/.exec(m[1])?.[1];
    if (name === undefined) continue;
    sets.set(name, /\bMinVersion="([^"]+)"/.exec(m[1])?.[1] ?? dflt);
  }
  return sets;
}

/**
 * The requirements named by one `[Api set: ...]` text: "ExcelApi 1.1 for get, 1.8 for set" gives
 * ExcelApi 1.8 (the highest ExcelApi version named); "ExcelApi 1.9, ExcelApi Preview for ..." gives
 * ExcelApi 1.9 (Preview is not a version). A bare version inherits the previous set name.
 */
export function parseApiSet(text: string): Requirement[] {
  const max = new Map<string, string>();
  let current: string | undefined;
  for (const m of text.matchAll(/(?:\b([A-Z][A-Za-z]*)\s+)?\b(\d+\.\d+)\b/g)) {
    // "Excel Api 1.3" (sic, in one tag) and "Enum" are words, not set names.
    const name = m[1] !== undefined && m[1] !== "Api" && m[1] !== "Enum" ? m[1] : current;
    if (name === undefined) continue;
    current = name;
    const prev = max.get(name);
    if (prev === undefined || compareVersions(m[2], prev) > 0) max.set(name, m[2]);
  }
  return [...max].map(([set, version]) => ({ set, version }));
}

interface Tagged {
  requires: Requirement[];
  tag: string;
}

/** The JSDoc text of a declaration, split into the member part and its `@param` parts. */
function docParts(decl: ts.Node): { member: string; params: Map<string, string> } {
  const sf = decl.getSourceFile();
  const params = new Map<string, string>();
  let member = "";
  for (const doc of ts.getJSDocCommentsAndTags(decl)) {
    if (!ts.isJSDoc(doc)) continue;
    const text = sf.text.slice(doc.pos, doc.end);
    // Sections start at a line "* @tag"; @param sections belong to a parameter.
    const sections = text.split(/\n\s*\*\s*(?=@\w)/);
    for (const s of sections) {
      const p = /^@param\s+(\w+)/.exec(s);
      if (p !== null) params.set(p[1], s);
      else member += s + "\n";
    }
  }
  return { member, params };
}

/** Requirements in a JSDoc text: `[Api set: ...]` (Excel) and `**Requirement set**: {@link ... | SharedRuntime 1.1}` (Office). */
function tagsIn(text: string): Tagged | null {
  const requires: Requirement[] = [];
  const tags: string[] = [];
  for (const m of text.matchAll(/\[Api set:\s*([^\]]*)\]/g)) {
    tags.push(m[1].trim());
    requires.push(...parseApiSet(m[1]));
  }
  for (const m of text.matchAll(/\{@link https:\/\/learn\.microsoft\.com\/javascript\/api\/requirement-sets\/[^|}]*\|\s*([A-Za-z]\w*) (\d+\.\d+)\s*\}/g)) {
    tags.push(`${m[1]} ${m[2]}`);
    requires.push({ set: m[1], version: m[2] });
  }
  return tags.length === 0 ? null : { requires, tag: tags.join("; ") };
}

function isOfficeDecl(decl: ts.Node): boolean {
  return OFFICE_TYPES.test(decl.getSourceFile().fileName);
}

function containerOf(decl: ts.Node): ts.Node | undefined {
  for (let n: ts.Node | undefined = decl.parent; n !== undefined; n = n.parent) {
    if (ts.isClassDeclaration(n) || ts.isInterfaceDeclaration(n) || ts.isEnumDeclaration(n)) return n;
    if (ts.isModuleDeclaration(n) || ts.isSourceFile(n)) return undefined;
  }
  return undefined;
}

/** Strip `(x)`, `x as T`, `<T>x`, `x!`, `x satisfies T` down to the expression being cast. */
function uncast(e: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isTypeAssertionExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
    else return e;
  }
}

export interface AnalyzeOptions {
  /** Paths in uses are relative to this directory. */
  root: string;
  /** Which source files of the program to walk. */
  include: (fileName: string) => boolean;
}

/** Every office-js member the included files of `program` use. */
export function analyzeApiUses(program: ts.Program, opts: AnalyzeOptions): ApiUse[] {
  const checker = program.getTypeChecker();
  const uses: ApiUse[] = [];

  const qualifiedName = (sym: ts.Symbol): string | null => {
    const name = checker.getFullyQualifiedName(sym);
    return ROOT_NAMESPACES.has(name.split(".")[0]) ? name : null;
  };

  const record = (at: ts.Node, sym: ts.Symbol | undefined, decl?: ts.Declaration, args?: readonly ts.Expression[]): void => {
    if (sym === undefined) return;
    if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    const d = decl ?? sym.valueDeclaration ?? sym.declarations?.[0];
    if (d === undefined || !isOfficeDecl(d)) return;
    const member = qualifiedName(sym);
    if (member === null) return;
    const sf = at.getSourceFile();
    const file = ts.sys.resolvePath(sf.fileName).slice(ts.sys.resolvePath(opts.root).length + 1);
    const line = sf.getLineAndCharacterOfPosition(at.getStart(sf)).line + 1;
    const parts = docParts(d);
    let tagged = tagsIn(parts.member);
    let source: ApiUse["source"] = "member";
    if (tagged === null) {
      const c = containerOf(d);
      tagged = c !== undefined ? tagsIn(docParts(c).member) : null;
      source = tagged !== null ? "container" : "none";
    }
    uses.push({ member, requires: tagged?.requires ?? [], tag: tagged?.tag ?? "", source, file, line });
    // A parameter with its own tag counts when an argument is passed to it.
    if (args !== undefined && (ts.isMethodSignature(d) || ts.isMethodDeclaration(d) || ts.isFunctionDeclaration(d))) {
      d.parameters.forEach((p, i) => {
        if (i >= args.length || !ts.isIdentifier(p.name)) return;
        const text = parts.params.get(p.name.text);
        const pt = text !== undefined ? tagsIn(text) : null;
        if (pt !== null) uses.push({ member: `${member}(${p.name.text})`, requires: pt.requires, tag: pt.tag, source: "parameter", file, line });
      });
    }
  };

  /** The symbol of `name` on the type of `e` (seen through casts). */
  const propertyOf = (e: ts.Expression, name: string): ts.Symbol | undefined => {
    const t = checker.getApparentType(checker.getTypeAtLocation(e));
    return checker.getPropertyOfType(t, name);
  };

  const memberAccess = (node: ts.PropertyAccessExpression | ts.ElementAccessExpression, name: string): void => {
    let sym = ts.isPropertyAccessExpression(node) ? checker.getSymbolAtLocation(node.name) : propertyOf(node.expression, name);
    const fromOffice = (s: ts.Symbol | undefined): boolean => s?.declarations?.some(isOfficeDecl) === true;
    if (!fromOffice(sym)) {
      const inner = uncast(node.expression);
      if (inner !== node.expression) sym = propertyOf(inner, name);
    }
    if (!fromOffice(sym)) return;
    const call = node.parent;
    if (ts.isCallExpression(call) && call.expression === node) {
      const sig = checker.getResolvedSignature(call);
      const decl = sig?.declaration;
      record(node, sym, decl !== undefined && !ts.isJSDocSignature(decl) && isOfficeDecl(decl) ? decl : undefined, call.arguments);
      if (name === "load") loadPaths(node.expression, call.arguments);
    } else {
      record(node, sym);
    }
  };

  /** `x.load("a,b/c")`: each name on the path is a member of x's type (through `items` of collections). */
  const loadPaths = (target: ts.Expression, args: readonly ts.Expression[]): void => {
    const arg = args[0];
    if (arg === undefined) return;
    const strings = ts.isStringLiteralLike(arg) ? [arg] : ts.isArrayLiteralExpression(arg) ? arg.elements.filter(ts.isStringLiteralLike) : [];
    const base = checker.getTypeAtLocation(target);
    for (const s of strings) {
      for (const path of s.text.split(",")) {
        let t: ts.Type | undefined = base;
        for (const seg of path.trim().split("/")) {
          if (t === undefined || seg === "") break;
          const p = checker.getPropertyOfType(checker.getApparentType(t), seg);
          if (p === undefined) break;
          record(s, p);
          let next: ts.Type = checker.getTypeOfSymbolAtLocation(p, s);
          if (checker.isArrayType(next)) next = checker.getTypeArguments(next as ts.TypeReference)[0];
          t = next;
        }
      }
    }
  };

  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) memberAccess(node, node.name.text);
    else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) memberAccess(node, node.argumentExpression.text);
    else if (ts.isQualifiedName(node)) record(node, checker.getSymbolAtLocation(node.right));
    else if (ts.isObjectLiteralExpression(node)) {
      const ct = checker.getContextualType(node);
      if (ct !== undefined) {
        for (const p of node.properties) {
          if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
            const sym = checker.getPropertyOfType(checker.getApparentType(ct), p.name.text);
            if (sym !== undefined) record(p.name, sym);
          }
        }
      }
    } else if (ts.isStringLiteralLike(node)) {
      const ct = checker.getContextualType(node);
      for (const t of ct === undefined ? [] : ct.isUnion() ? ct.types : [ct]) {
        if (t.flags & ts.TypeFlags.EnumLiteral && t.isStringLiteral() && t.value === node.text) record(node, t.symbol);
      }
    }
    ts.forEachChild(node, visit);
  };

  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile || !opts.include(ts.sys.resolvePath(sf.fileName))) continue;
    visit(sf);
  }
  return uses;
}

/** A use and one of its requirements that `declared` (set name -> version) does not grant. */
export interface Violation {
  use: ApiUse;
  need: Requirement;
  /** What the manifest declares for the set, or undefined when it does not declare the set. */
  declared: string | undefined;
}

/** Uses that need a set the manifest does not declare, or a version above the declared one. */
export function aboveDeclared(uses: readonly ApiUse[], declared: ReadonlyMap<string, string>): Violation[] {
  const out: Violation[] = [];
  for (const use of uses) {
    for (const need of use.requires) {
      const have = declared.get(need.set);
      if (have === undefined || compareVersions(need.version, have) > 0) out.push({ use, need, declared: have });
    }
  }
  return out;
}

/** "src/excel/writer.ts:170 Excel.Application.suspendScreenUpdatingUntilNextSync needs ExcelApi 1.9 (manifest: 1.8) [tag]". */
export function describeViolation(v: Violation): string {
  const qualified = v.use.tag !== `${v.need.set} ${v.need.version}` ? ` [Api set: ${v.use.tag}]` : "";
  return `${v.use.file}:${v.use.line} ${v.use.member} needs ${v.need.set} ${v.need.version} (manifest: ${v.declared ?? "not declared"})${qualified}`;
}

/** Highest version used per requirement set. */
export function maxPerSet(uses: readonly ApiUse[]): Map<string, string> {
  const max = new Map<string, string>();
  for (const u of uses) {
    for (const r of u.requires) {
      const prev = max.get(r.set);
      if (prev === undefined || compareVersions(r.version, prev) > 0) max.set(r.set, r.version);
    }
  }
  return max;
}

/**
 * One Program over `rootNames` with the options of `tsconfig`, plus `virtual` files (absolute
 * path -> source text) served from memory by the compiler host.
 */
export function createProgram(tsconfig: string, rootNames: string[], virtual: Record<string, string> = {}): ts.Program {
  const read = ts.readConfigFile(tsconfig, (p) => ts.sys.readFile(p));
  if (read.error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
  const dir = ts.sys.resolvePath(tsconfig).replace(/[\\/][^\\/]*$/, "");
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dir);
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true };
  const host = ts.createCompilerHost(options, true);
  const virt = new Map(Object.entries(virtual).map(([k, v]) => [ts.sys.resolvePath(k), v]));
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = virt.get(ts.sys.resolvePath(fileName));
    return text !== undefined ? ts.createSourceFile(fileName, text, languageVersion, true) : getSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  host.fileExists = (f) => virt.has(ts.sys.resolvePath(f)) || fileExists(f);
  host.readFile = (f) => virt.get(ts.sys.resolvePath(f)) ?? readFile(f);
  return ts.createProgram({ rootNames: [...rootNames, ...virt.keys()], options, host });
}
