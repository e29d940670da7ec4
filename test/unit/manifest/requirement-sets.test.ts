/**
 * Requirement sets as a test: every Excel JavaScript API member the product code uses
 * (src/excel, src/taskpane) needs a requirement set, read from the JSDoc of @types/office-js,
 * that manifest.xml declares in <Requirements><Sets> at that version or higher.
 * See ./apiSets.ts for what counts as a use and what the checker cannot see.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { aboveDeclared, type ApiUse, analyzeApiUses, createProgram, describeViolation, manifestSets, maxPerSet, parseApiSet } from "./apiSets";

const root = resolve(__dirname, "../../..");
const PRODUCT_DIRS = ["src/excel", "src/taskpane"];

function productFiles(): string[] {
  return PRODUCT_DIRS.flatMap((d) =>
    readdirSync(join(root, d), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
      .map((f) => resolve(root, d, f)),
  );
}

/**
 * A file that is not product code, served from memory in the same Program: members above
 * ExcelApi 1.9, reached the ways the product reaches its members. Line numbers matter below.
 */
const PROBE = resolve(root, "test/unit/manifest/__virtual__/probe.ts");
const PROBE_TEXT = [
  "export async function probe(ctx: Excel.RequestContext): Promise<void> {", // 1
  "  const r = ctx.workbook.worksheets.getActiveWorksheet().getRange(\"A1:B2\");", // 2
  "  const merged = r.getMergedAreasOrNullObject();", // 3  ExcelApi 1.13
  "  merged.load(\"areaCount\");", // 4
  "  (r as unknown as { valuesAsJson: unknown }).valuesAsJson = [[1]];", // 5  ExcelApi 1.16, through a cast
  "  r.load(\"numberFormatCategories,address\");", // 6  ExcelApi 1.12 in a load string
  "  r[\"getSpillingToRangeOrNullObject\"]();", // 7  ExcelApi 1.12, element access
  "  ctx.workbook.worksheets.getActiveWorksheet().getUsedRange(true);", // 8  parameter tag ExcelApi 1.2
  "  await Office.addin.showAsTaskpane();", // 9  SharedRuntime 1.1
  "  await ctx.sync();", // 10
  "}", // 11
].join("\n");

let program: ts.Program;
let product: ApiUse[];
let probe: ApiUse[];
let declared: Map<string, string>;

beforeAll(() => {
  const files = productFiles();
  // One Program for both: the product sources (and what they import) plus the in-memory probe.
  program = createProgram(join(root, "tsconfig.json"), files, { [PROBE]: PROBE_TEXT });
  const inProduct = new Set(files);
  product = analyzeApiUses(program, { root, include: (f) => inProduct.has(f) });
  probe = analyzeApiUses(program, { root, include: (f) => f === PROBE });
  declared = manifestSets(readFileSync(join(root, "manifest.xml"), "utf8"));
}, 120_000);

const members = (uses: ApiUse[]): Set<string> => new Set(uses.map((u) => u.member));

describe("requirement sets (product code against manifest.xml)", () => {
  it("the probe compiles: the analysis runs on code the checker accepts", () => {
    const diags = program.getSemanticDiagnostics(program.getSourceFile(PROBE));
    expect(diags.map((d) => (typeof d.messageText === "string" ? d.messageText : d.messageText.messageText))).toEqual([]);
  });

  it("reads the declared sets from the manifest", () => {
    expect(declared.has("ExcelApi")).toBe(true);
    expect(declared.has("SharedRuntime")).toBe(true);
  });

  it("finds the members the writer and the task pane use (not vacuous)", () => {
    const m = members(product);
    for (const known of [
      "Excel.Range.values",
      "Excel.Range.formulas",
      "Excel.Worksheet.getRangeByIndexes",
      "Excel.WorksheetCollection.add",
      "Excel.Workbook.settings",
      "Excel.Worksheet.getUsedRangeOrNullObject",
      "Excel.Application.suspendScreenUpdatingUntilNextSync",
      "Excel.WorksheetFreezePanes.freezeRows",
      // `ws.getRangeByIndexes(...).numberFormat = rows`
      "Excel.Range.numberFormat",
      // through `r.load("formulas,rowIndex,columnIndex")`
      "Excel.Range.rowIndex",
      // the string literal "Hidden" in `ws.visibility = "Hidden"`
      "Excel.SheetVisibility.hidden",
      // the object literal `{ operator: "Contains", text }`
      "Excel.ConditionalTextComparisonRule.operator",
      "Excel.run",
      "Office.onReady",
    ]) {
      expect(m, known).toContain(known);
    }
    expect(product.filter((u) => u.requires.length > 0).length).toBeGreaterThan(50);
  });

  it("counts every numberFormat assignment of the writer as Excel.Range.numberFormat (casts are covered by the probe below)", () => {
    const writer = product.filter((u) => u.file === "src/excel/writer.ts" && u.member === "Excel.Range.numberFormat");
    const lines = readFileSync(join(root, "src/excel/writer.ts"), "utf8")
      .split("\n")
      .map((l, i) => (/\.numberFormat\s*=/.test(l) ? i + 1 : 0))
      .filter((n) => n > 0);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(writer.map((u) => u.line)).toContain(line);
  });

  it("every member is within the sets and versions manifest.xml declares", () => {
    const bad = aboveDeclared(product, declared);
    expect(bad.map(describeViolation).join("\n")).toBe("");
    for (const [set, max] of maxPerSet(product)) {
      expect(declared.get(set), `${set} ${max} is used`).toBeDefined();
    }
  });

  it("the highest ExcelApi version used is the one the manifest declares (raise or lower both together)", () => {
    // Not required for correctness; keeps the manifest from asking for more than the code needs.
    expect(maxPerSet(product).get("ExcelApi")).toBe(declared.get("ExcelApi"));
  });
});

describe("requirement sets (the check can fail)", () => {
  const at = (member: string): ApiUse | undefined => probe.find((u) => u.member === member);

  it("reports members above ExcelApi 1.9, with file:line, however they are reached", () => {
    expect(at("Excel.Range.getMergedAreasOrNullObject")).toMatchObject({ requires: [{ set: "ExcelApi", version: "1.13" }], line: 3 });
    expect(at("Excel.Range.valuesAsJson")).toMatchObject({ requires: [{ set: "ExcelApi", version: "1.16" }], line: 5 });
    expect(at("Excel.Range.numberFormatCategories")).toMatchObject({ requires: [{ set: "ExcelApi", version: "1.12" }], line: 6 });
    expect(at("Excel.Range.getSpillingToRangeOrNullObject")).toMatchObject({ requires: [{ set: "ExcelApi", version: "1.12" }], line: 7 });
    expect(at("Excel.Worksheet.getUsedRange(valuesOnly)")).toMatchObject({ source: "parameter", requires: [{ set: "ExcelApi", version: "1.2" }] });
    expect(at("Office.Addin.showAsTaskpane")).toMatchObject({ requires: [{ set: "SharedRuntime", version: "1.1" }], line: 9 });

    const bad = aboveDeclared(probe, new Map([["ExcelApi", "1.9"], ["SharedRuntime", "1.1"]])).map(describeViolation);
    expect(bad).toEqual([
      "test/unit/manifest/__virtual__/probe.ts:3 Excel.Range.getMergedAreasOrNullObject needs ExcelApi 1.13 (manifest: 1.9)",
      "test/unit/manifest/__virtual__/probe.ts:5 Excel.Range.valuesAsJson needs ExcelApi 1.16 (manifest: 1.9)",
      "test/unit/manifest/__virtual__/probe.ts:6 Excel.Range.numberFormatCategories needs ExcelApi 1.12 (manifest: 1.9)",
      "test/unit/manifest/__virtual__/probe.ts:7 Excel.Range.getSpillingToRangeOrNullObject needs ExcelApi 1.12 (manifest: 1.9)",
    ]);
    expect(maxPerSet(probe).get("ExcelApi")).toBe("1.16");
  });

  it("fails the product code against a manifest one ExcelApi version lower, naming each member with file:line", () => {
    const lowered = new Map(declared);
    const [major, minor] = (declared.get("ExcelApi") ?? "1.1").split(".").map(Number);
    lowered.set("ExcelApi", `${major}.${minor - 1}`);
    const bad = aboveDeclared(product, lowered).map(describeViolation);
    expect(bad.length).toBeGreaterThan(0);
    for (const line of bad) expect(line).toMatch(/^src\/(excel|taskpane)\/[\w.-]+\.ts:\d+ \S+ needs ExcelApi \d+\.\d+ \(manifest: \d+\.\d+\)/);
    // Today that is the writer's suspendScreenUpdatingUntilNextSync (ExcelApi 1.9).
    expect(bad.join("\n")).toContain("src/excel/writer.ts");
  });

  it("reports a set the manifest does not declare", () => {
    const bad = aboveDeclared(probe, new Map([["ExcelApi", "1.16"]])).map(describeViolation);
    expect(bad).toEqual(["test/unit/manifest/__virtual__/probe.ts:9 Office.Addin.showAsTaskpane needs SharedRuntime 1.1 (manifest: not declared)"]);
  });

  it("reads qualified tags conservatively", () => {
    expect(parseApiSet("ExcelApi 1.1 for get, 1.8 for set")).toEqual([{ set: "ExcelApi", version: "1.8" }]);
    expect(parseApiSet("ExcelApi 1.9, ExcelApi Preview for null `destinationRange`")).toEqual([{ set: "ExcelApi", version: "1.9" }]);
    expect(parseApiSet("ExcelApi 1.1 / 1.3.  Prior to ExcelApi 1.3, this parameter must be a string. Starting with Excel Api 1.3, it may be a Range")).toEqual([
      { set: "ExcelApi", version: "1.3" },
    ]);
    expect(parseApiSet("ExcelApi 1.10 for Enum ContentType.Plain, 1.11 for Enum ContentType.Mention")).toEqual([{ set: "ExcelApi", version: "1.11" }]);
  });
});
