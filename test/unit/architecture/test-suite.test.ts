/**
 * The test suite holds still: every property test runs from a fixed seed (fast-check prints it,
 * with the shrunk counterexample's path, when a property fails); no test is skipped, focused or
 * left to do; and only test/support/ensure-built.ts runs webpack, so two builds never run at
 * once and every test that reads dist/ sees a build no older than the sources.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../../..");
const TEST_DIRS = ["test/unit", "test/browser", "test/support"];
const HELPER = "test/support/ensure-built.ts";

const files = TEST_DIRS.flatMap((d) =>
  readdirSync(join(ROOT, d), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => `${d}/${f.split(sep).join("/")}`),
).sort();

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(ROOT, file), "utf8"), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function walk(sf: ts.SourceFile, each: (node: ts.Node, line: number) => void): void {
  const visit = (node: ts.Node): void => {
    each(node, sf.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

/** `fc.assert(...)` (or `fc.check`) calls whose parameters name no `seed`. */
function unseeded(file: string, sf = parse(file)): string[] {
  const out: string[] = [];
  walk(sf, (node, line) => {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
    const { expression: obj, name } = node.expression;
    if (!ts.isIdentifier(obj) || obj.text !== "fc" || !["assert", "check"].includes(name.text)) return;
    const params = node.arguments[1];
    const seeded =
      params !== undefined &&
      ts.isObjectLiteralExpression(params) &&
      params.properties.some((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name.getText(sf) === "seed");
    if (!seeded) out.push(`${file}:${line}: fc.${name.text} without a fixed seed`);
  });
  return out;
}

const SKIPPING = new Set(["skip", "skipIf", "runIf", "only", "todo", "fails"]);
const RUNNERS = new Set(["it", "test", "describe", "suite", "bench"]);

/** it.skip, describe.only, it.skipIf(…), test.todo, ctx.skip() … */
function skipping(file: string, sf = parse(file)): string[] {
  const out: string[] = [];
  walk(sf, (node, line) => {
    if (!ts.isPropertyAccessExpression(node) || !SKIPPING.has(node.name.text)) return;
    let head: ts.Expression = node.expression;
    while (ts.isPropertyAccessExpression(head) || ts.isCallExpression(head)) head = head.expression;
    const runner = ts.isIdentifier(head) && RUNNERS.has(head.text);
    const ctxSkip = node.name.text === "skip" && ts.isCallExpression(node.parent) && node.parent.expression === node;
    if (runner || ctxSkip) out.push(`${file}:${line}: ${node.getText(sf)}`);
  });
  return out;
}

describe("property tests", () => {
  it("finds the property tests (the check is not vacuous)", () => {
    const withFc = files.filter((f) => /\bfc\.assert\(/.test(readFileSync(join(ROOT, f), "utf8")));
    expect(withFc.length).toBeGreaterThanOrEqual(5);
  });

  it("every fc.assert has a fixed seed", () => {
    expect(files.flatMap((f) => unseeded(f))).toEqual([]);
  });

  it("the check sees an unseeded assert", () => {
    const text = "fc.assert(p);\nfc.assert(p, { numRuns: 3 });\nfc.assert(p, { numRuns: 3, seed: 1 });\nconst seed = 2; fc.assert(p, { seed });\n";
    const sf = ts.createSourceFile("probe.ts", text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    expect(unseeded("probe.ts", sf)).toEqual(["probe.ts:1: fc.assert without a fixed seed", "probe.ts:2: fc.assert without a fixed seed"]);
  });
});

describe("no test is skipped", () => {
  it("no it.skip, describe.only, skipIf, runIf, todo or ctx.skip()", () => {
    expect(files.filter((f) => f !== "test/unit/architecture/test-suite.test.ts").flatMap((f) => skipping(f))).toEqual([]);
  });

  it("the check sees each form", () => {
    const text = ["it.skip('a', f);", "describe.only('b', f);", "it.skipIf(x)('c', f);", "test.todo('d');", "it('e', (ctx) => ctx.skip());", "expect(r.skipped).toBe(1);", "list.skip;"].join("\n");
    const sf = ts.createSourceFile("probe.ts", text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    expect(skipping("probe.ts", sf).map((s) => s.split(": ")[0])).toEqual(["probe.ts:1", "probe.ts:2", "probe.ts:3", "probe.ts:4", "probe.ts:5"]);
  });
});

describe("builds", () => {
  it(`only ${HELPER} runs webpack`, () => {
    const runsWebpack = /webpack-cli|["'`]webpack["'`]|npx webpack|require\([^)]*node_modules\/webpack["'`]/;
    expect(files.filter((f) => f !== HELPER && f !== "test/unit/architecture/test-suite.test.ts" && runsWebpack.test(readFileSync(join(ROOT, f), "utf8")))).toEqual([]);
  });
});
