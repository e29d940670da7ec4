/**
 * How the workbench passes arguments to custom functions and takes their results, checked
 * with small test functions registered under a TEST namespace (not the AIECON functions).
 */
import { describe, expect, it } from "vitest";
import { CfError, createHost, FunctionRegistry, getCell, registerCustomFunctions, setBlankConvention, setCell, type CfMetadata } from "../../../src/workbench/host";

const seen: unknown[][] = [];
function setup(allowErrorForDataTypeAny: boolean) {
  const registry = new FunctionRegistry();
  registry.associate("ECHO", (...args: unknown[]) => {
    seen.push(args);
    return JSON.stringify(args);
  });
  registry.associate("SHAPE", (m: unknown) => {
    const a = m as unknown[][];
    return a.map((row) => row.map((x) => (x instanceof CfError ? x : typeof x === "number" ? x * 2 : x === null ? "blank" : x)));
  });
  registry.associate("SUMALL", (first: unknown, rest: unknown) => {
    const flat = [first, ...(rest as unknown[])].flat(2);
    return flat.reduce((a: number, x) => a + (typeof x === "number" ? x : 0), 0);
  });
  registry.associate("NUM", (x: unknown) => `${typeof x}:${String(x)}`);
  registry.associate("FAIL", () => new CfError("#NUM!", "too big"));
  registry.associate("NULLERR", () => new CfError("#NULL!"));
  registry.associate("THROWS", () => {
    throw new Error("boom");
  });
  const metadata: CfMetadata = {
    ...(allowErrorForDataTypeAny ? { allowErrorForDataTypeAny: true } : {}),
    functions: [
      { id: "ECHO", name: "ECHO", parameters: [{ name: "a", type: "any" }, { name: "b", type: "any", optional: true }], result: { type: "string" } },
      { id: "SHAPE", name: "SHAPE", parameters: [{ name: "m", type: "any", dimensionality: "matrix" }], result: { type: "any", dimensionality: "matrix" } },
      { id: "SUMALL", name: "SUMALL", parameters: [{ name: "first", type: "any", dimensionality: "matrix" }, { name: "rest", type: "any", dimensionality: "matrix", repeating: true }], result: { type: "number" } },
      { id: "NUM", name: "NUM", parameters: [{ name: "x", type: "number" }], result: { type: "string" } },
      { id: "FAIL", name: "FAIL", parameters: [], result: { type: "number" } },
      { id: "NULLERR", name: "NULLERR", parameters: [], result: { type: "number" } },
      { id: "THROWS", name: "THROWS", parameters: [], result: { type: "number" } },
    ],
  };
  registerCustomFunctions(metadata, registry, "TEST");
  return createHost();
}

async function calc(host: ReturnType<typeof createHost>, f: string, at = "Z1"): Promise<unknown> {
  await setCell(host, "Sheet1", at, f);
  return (await getCell(host, "Sheet1", at)).value;
}

describe("arguments", () => {
  const INV = '{"functionName":"TEST.ECHO","isInValuePreview":false}';

  it("omitted optional arguments arrive as null, then the invocation object, last, as Excel passes it to every function", async () => {
    const host = setup(true);
    expect(await calc(host, "=TEST.ECHO(1)")).toBe(`[1,null,${INV}]`);
    expect(await calc(host, "=TEST.ECHO(A1,)")).toBe(`[null,null,${INV}]`);
    expect(await calc(host, '=TEST.ECHO("x",TRUE)')).toBe(`["x",true,${INV}]`);
  });

  it("a blank cell arrives as null (web, Mac) or as 0 (Windows desktop), in scalar and range arguments; an omitted optional is null on both", async () => {
    try {
      setBlankConvention("zero");
      const host = setup(true);
      expect(await calc(host, "=TEST.ECHO(A1,)")).toBe(`[0,null,${INV}]`);
      expect(await calc(host, "=TEST.ECHO(1,A2)")).toBe(`[1,0,${INV}]`);
      await host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, ""], ["t", 4]];
      });
      await setCell(host, "Sheet1", "D1", "=TEST.SHAPE(A1:B2)");
      const s = host.snapshot().sheets[0];
      expect([s.values[0].slice(3, 5), s.values[1].slice(3, 5)]).toEqual([[2, 0], ["t", 8]]);
    } finally {
      setBlankConvention("null");
    }
  });

  it("number parameters: blank is 0, numeric text is a number, other text is #VALUE! without a call", async () => {
    const host = setup(true);
    expect(await calc(host, "=TEST.NUM(A1)")).toBe("number:0");
    expect(await calc(host, '=TEST.NUM("12")')).toBe("number:12");
    expect(await calc(host, '=TEST.NUM("abc")')).toBe("#VALUE!");
    expect(await calc(host, "=TEST.NUM(1/0)")).toBe("#DIV/0!");
  });

  it("matrix parameters get 2D arrays with null blanks; results spill", async () => {
    const host = setup(true);
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, ""], ["t", 4]];
    });
    await setCell(host, "Sheet1", "D1", "=TEST.SHAPE(A1:B2)");
    const s = host.snapshot().sheets[0];
    expect([s.values[0].slice(3, 5), s.values[1].slice(3, 5)]).toEqual([[2, "blank"], ["t", 8]]);
  });

  it("repeating parameters arrive as one array", async () => {
    const host = setup(true);
    expect(await calc(host, "=TEST.SUMALL(1,{2,3},4)")).toBe(10);
    expect(await calc(host, "=TEST.SUMALL(1)")).toBe(1);
  });

  it("with allowErrorForDataTypeAny, an error in a range reaches the function and stays in its cell", async () => {
    const host = setup(true);
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A3").formulas = [[1], ["=NA()"], [3]];
    });
    await setCell(host, "Sheet1", "C1", "=TEST.SHAPE(A1:A3)");
    expect(host.snapshot().sheets[0].values.map((r) => r[2])).toEqual([2, "#N/A", 6]);
  });

  it("without it (Excel's default), an error argument is returned without calling the function", async () => {
    const host = setup(false);
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A3").formulas = [[1], ["=NA()"], [3]];
    });
    await setCell(host, "Sheet1", "C1", "=TEST.SHAPE(A1:A3)");
    expect(host.snapshot().sheets[0].values.map((r) => r[2])).toEqual(["#N/A", "", ""]);
  });
});

describe("results", () => {
  it("CustomFunctions.Error results show as Excel errors, #NULL! included; a throw is #VALUE!", async () => {
    const host = setup(true);
    expect(await calc(host, "=TEST.FAIL()")).toBe("#NUM!");
    expect(await calc(host, "=TEST.NULLERR()")).toBe("#NULL!");
    expect(await calc(host, "=TEST.THROWS()")).toBe("#VALUE!");
    expect(await calc(host, "=ISERROR(TEST.NULLERR())")).toBe(true);
  });
});
