/** Column tables (src/excel/plan/columns.ts): positions give letters, keys give references. */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { columnIndexes, fixedColumnAddress } from "../../../src/excel/a1";
import { columns } from "../../../src/excel/plan/columns";
import { COST } from "../../../src/excel/plan/cost";
import { UNIT } from "../../../src/excel/plan/unit";
import { REVIEW } from "../../../src/excel/plan/review";

interface Row {
  name: string;
  a: number;
  b: number;
  currency: string;
}

const TABLE = columns<Row>()([
  { key: "name", header: "Name", cell: (r) => r.name },
  { key: "a", header: "A", cell: (r) => r.a, format: "0.0" },
  { key: "b", header: "B", cell: (r) => r.b, format: "0.0", rules: [{ text: "x", fill: "#000000", font: "#FFFFFF" }] },
  { key: "sum", header: "Sum", cell: (_, at) => `=${at.cell("a")}+${at.cell("b")}&${at.fixed("name")}`, format: (r) => r.currency, minWidth: 200 },
]);

describe("a1 helpers for column tables", () => {
  it("numbers keys by position, from a first column", () => {
    expect([...columnIndexes(["x", "y", "z"])]).toEqual([["x", 0], ["y", 1], ["z", 2]]);
    expect(columnIndexes(["x", "y"], 26).get("y")).toBe(27);
    expect(() => columnIndexes(["x", "x"])).toThrow(/twice/);
  });
  it("fixes the column only", () => {
    expect(fixedColumnAddress(6, 1)).toBe("$B7");
    expect(fixedColumnAddress(0, 27)).toBe("$AB1");
  });
});

describe("column tables", () => {
  const rows: Row[] = [
    { name: "p", a: 1, b: 2, currency: "USD" },
    { name: "q", a: 3, b: 4, currency: "EUR" },
  ];

  it("derives letters and indices from the order of the columns", () => {
    expect(TABLE.index("sum")).toBe(3);
    expect(TABLE.letter("b")).toBe("C");
    expect(TABLE.width).toBe(4);
    expect(COST.letter("cost")).toBe("G");
    expect(UNIT.letter("quarter")).toBe("M");
    expect(REVIEW.letter("remediation")).toBe("AA");
    expect(REVIEW.letter("costDiff")).toBe("E");
  });

  it("references cells of the same row by key, at the table's place on the sheet", () => {
    const t = TABLE.place("S", rows, undefined, 3);
    expect(t.body[0][3]).toBe("=B5+C5&$A5");
    expect(t.body[1][3]).toBe("=B6+C6&$A6");
    expect(t.range("a")).toBe("'S'!$B$5:$B$6");
    expect(t.cellAt("b", 9)).toBe("'S'!C9");
    expect(t.bodyAddress("sum")).toBe("D5:D6");
    expect(t.rect("b")).toEqual({ row: 4, col: 2, rowCount: 2, colCount: 1 });
    expect(t.block("formulas")).toMatchObject({ row: 3, col: 0, rowCount: 3, colCount: 4 });
  });

  it("shares one format rectangle between adjacent columns of one format; per-row formats stay per column", () => {
    const t = TABLE.place("S", rows, undefined);
    expect(t.formats()).toEqual([
      { row: 1, col: 1, rowCount: 2, colCount: 2, format: "0.0" },
      { row: 1, col: 3, rowCount: 2, colCount: 1, format: null, perRow: ["USD", "EUR"] },
    ]);
    expect(t.formats((k) => k === "b")).toEqual([{ row: 1, col: 2, rowCount: 2, colCount: 1, format: "0.0" }]);
    expect(t.conditionalFormats()).toEqual([{ row: 1, col: 2, rowCount: 2, colCount: 1, rules: [{ text: "x", fill: "#000000", font: "#FFFFFF" }] }]);
    expect(t.widths()[3]).toBe(200);
  });

  it("has a body row even without rows", () => {
    const t = TABLE.place("S", [], undefined);
    expect(t.n).toBe(1);
    expect(t.body).toEqual([["", "", "", ""]]);
  });

  it("throws on an unknown key (only reachable when the types are bypassed)", () => {
    expect(() => TABLE.index("nope" as "a")).toThrow(/no column 'nope'/);
  });
});

describe("the sheet planners type no column letter", () => {
  it("have no A1 letters or column numbers written into formulas or rectangles", () => {
    const dir = join(__dirname, "../../../src/excel/plan");
    for (const f of readdirSync(dir)) {
      const code = readFileSync(join(dir, f), "utf8")
        .split("\n")
        .filter((l) => !/^\s*(\/\*\*|\*|\/\/)/.test(l))
        .join("\n");
      expect(code, f).not.toMatch(/`[^`]*\$?\b[A-Z]{1,3}\$\{/);
      expect(code, f).not.toMatch(/\bcol: [1-9]/);
    }
  });
});
