import { describe, expect, it } from "vitest";
import { planWorkbook, SHEET_NAMES, TABLE_NAMES, type SheetPlan, criterionSafe, sumWhere, countWhere, countNumbersWhere } from "../../../src/excel/plan";
import { safeText, isFormulaLike } from "../../../src/excel/safeText";
import { chooseQuarters, quarterSpan } from "../../../src/excel/periods";
import { columnLetters, sheetColumnRange } from "../../../src/excel/a1";
import { HYPERLINK, sampleResult } from "./fixtures";

const OPTS = { period: "month" as const, fiscalStartMonth: 1 };

function sheet(plan: ReturnType<typeof planWorkbook>, name: string): SheetPlan {
  const s = plan.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

describe("safeText", () => {
  it("prefixes every formula-like start with an apostrophe", () => {
    for (const t of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx", HYPERLINK]) {
      expect(isFormulaLike(t)).toBe(true);
      expect(safeText(t)).toBe("'" + t);
    }
  });
  it("keeps text Excel would convert (periods, numbers, booleans, dates) as text", () => {
    for (const t of ["2024-09", "2024-Q3", "2024-W38", "2024-09-18", "123", "TRUE", "false", "5%", "$12", "Sep 2024", "'quoted", "(12)", "#N/A"]) {
      expect(safeText(t)).toBe("'" + t);
    }
  });
  it("leaves plain text and empty text alone", () => {
    expect(safeText("gpt-4o")).toBe("gpt-4o");
    expect(safeText("Azure OpenAI")).toBe("Azure OpenAI");
    expect(safeText("")).toBe("");
  });
});

describe("periods", () => {
  it("finds the latest full quarter and the one before", () => {
    const c = chooseQuarters(["2024-07", "2024-08", "2024-09", "2024-10", "2024-11"]);
    expect(c.quarters).toEqual(["2024-Q3", "2024-Q4"]);
    expect(c.fullQuarters).toEqual(["2024-Q3"]);
    expect(c.latest).toBe("2024-Q3");
    expect(c.previous).toBe("2024-Q2");
  });
  it("falls back to the latest quarter when none is full", () => {
    const c = chooseQuarters(["2024-08", "2024-09"]);
    expect(c.latest).toBe("2024-Q3");
  });
  it("spans weeks by their Thursday and fiscal quarters from the start month", () => {
    expect(quarterSpan("2024-Q3", "week")).toEqual({ first: "2024-W27", last: "2024-W39" });
    expect(quarterSpan("FY2025-Q1", "month", 7)).toEqual({ first: "2024-07", last: "2024-09" });
    expect(quarterSpan("2024-Q1", "day")).toEqual({ first: "2024-01-01", last: "2024-03-31" });
  });
});

describe("conditions", () => {
  it("uses SUMIFS/COUNTIFS for plain texts and exact SUMPRODUCT equality otherwise", () => {
    expect(criterionSafe("gpt-4o")).toBe(true);
    for (const t of ["a*b", "what?", "~x", ">5", "=x", "123", "TRUE", "2024-09", ""]) expect(criterionSafe(t)).toBe(false);
    const plain = [{ range: "S!$B$2:$B$9", cell: "$B2", text: "gpt-4o" }];
    expect(sumWhere("S!$G$2:$G$9", plain)).toBe("SUMIFS(S!$G$2:$G$9,S!$B$2:$B$9,$B2)");
    expect(countWhere(plain)).toBe("COUNTIFS(S!$B$2:$B$9,$B2)");
    expect(countNumbersWhere("S!$E$2:$E$9", plain)).toBe('COUNTIFS(S!$B$2:$B$9,$B2,S!$E$2:$E$9,">=0")+COUNTIFS(S!$B$2:$B$9,$B2,S!$E$2:$E$9,"<0")');
    const risky = [{ range: "S!$B$2:$B$9", cell: "$B2", text: "a*b" }];
    expect(sumWhere("S!$G$2:$G$9", risky)).toBe("SUMPRODUCT(--(S!$B$2:$B$9=$B2),S!$G$2:$G$9)");
    expect(countWhere(risky)).toBe("SUMPRODUCT(--(S!$B$2:$B$9=$B2))");
    expect(countNumbersWhere("S!$E$2:$E$9", risky)).toBe("SUMPRODUCT(--(S!$B$2:$B$9=$B2),--ISNUMBER(S!$E$2:$E$9))");
  });

  it("a criterion longer than 255 characters takes the SUMPRODUCT path (SUMIFS cannot match it)", () => {
    const at = "k" + "x".repeat(254);
    const over = at + "y";
    expect(at.length).toBe(255);
    expect(criterionSafe(at)).toBe(true);
    expect(criterionSafe(over)).toBe(false);
    // Counted in UTF-16 code units: 128 astral characters are 256 units.
    expect(criterionSafe("k" + "\u{1F600}".repeat(127))).toBe(true);
    expect(criterionSafe("k" + "\u{1F600}".repeat(128))).toBe(false);
    const conds = [
      { range: "S!$B$2:$B$9", cell: "$B2", text: over },
      { range: "S!$F$2:$F$9", cell: "$C2", text: "USD" },
    ];
    expect(sumWhere("S!$G$2:$G$9", conds)).toBe("SUMPRODUCT(--(S!$B$2:$B$9=$B2),--(S!$F$2:$F$9=$C2),S!$G$2:$G$9)");
    expect(countWhere(conds)).toBe("SUMPRODUCT(--(S!$B$2:$B$9=$B2),--(S!$F$2:$F$9=$C2))");
    expect(countNumbersWhere("S!$E$2:$E$9", conds)).toBe("SUMPRODUCT(--(S!$B$2:$B$9=$B2),--(S!$F$2:$F$9=$C2),--ISNUMBER(S!$E$2:$E$9))");
    const atConds = [{ range: "S!$B$2:$B$9", cell: "$B2", text: at }];
    expect(sumWhere("S!$G$2:$G$9", atConds)).toBe("SUMIFS(S!$G$2:$G$9,S!$B$2:$B$9,$B2)");
  });

  it("a plan over a 256-character key uses SUMPRODUCT for that key's rows only", () => {
    const r = sampleResult();
    const long = "m" + "o".repeat(255);
    r.costRecords = r.costRecords.map((c) => (c.key === "gpt-4o" ? { ...c, key: long } : c));
    r.groups = r.groups.map((g) => (g.key === "gpt-4o" ? { ...g, key: long } : g));
    r.volumeRecords = r.volumeRecords.map((v) => (v.key === "gpt-4o" ? { ...v, key: long } : v));
    r.valueRecords = r.valueRecords.map((v) => (v.key === "gpt-4o" ? { ...v, key: long } : v));
    const rows = sheet(planWorkbook(r, OPTS), "Unit Economics").blocks[0].cells.slice(1);
    const longRows = rows.filter((row) => row[1] === long);
    expect(longRows.length).toBeGreaterThan(0);
    for (const row of longRows) {
      for (const c of [3, 4, 5]) {
        expect(String(row[c])).toContain("SUMPRODUCT(");
        expect(String(row[c])).not.toContain("SUMIFS(");
      }
    }
    expect(rows.some((row) => String(row[3]).startsWith("=SUMIFS("))).toBe(true);
  });
});

describe("planWorkbook", () => {
  const plan = planWorkbook(sampleResult(), OPTS);

  it("has the seven contract sheets and tables in order", () => {
    expect(plan.sheets.map((s) => s.name)).toEqual(Object.values(SHEET_NAMES).filter((n) => ![SHEET_NAMES.log, SHEET_NAMES.prices, SHEET_NAMES.longTail, SHEET_NAMES.requests, SHEET_NAMES.scenarios].includes(n))); // the import log and the long tail's sheets only when given them
    const tables = plan.sheets.flatMap((s) => s.tables.map((t) => t.name));
    for (const t of ["AiCostData", "AiVolumeData", "AiValueData", "UnitEconomics", "ModelComparison", "CostPerInferenceTrend", "QuarterlyReview"]) {
      expect(tables).toContain(t);
    }
    expect(TABLE_NAMES.unit).toBe("UnitEconomics");
  });

  it("writes the cost data with headers, exact numbers and safe text", () => {
    const s = sheet(plan, "AI Cost Data");
    const cells = s.blocks[0].cells;
    expect(cells[0]).toEqual(["Period", "Key", "Provider", "Service", "Charge category", "Currency", "Cost", "Source"]);
    expect(cells.length).toBe(1 + 30);
    expect(cells[1]).toEqual(["'2024-07", "gpt-4o", "Microsoft", "Azure OpenAI", "Usage", "USD", 10, "focus.csv"]);
    expect(cells[2][6]).toBe(0.0000123);
    const injected = cells.find((r) => r[1] === "'" + HYPERLINK)!;
    expect(injected).toBeDefined();
    expect(injected[3]).toBe("'+SUM(1,2)");
    expect(injected[7]).toBe("'=cmd.csv");
    expect(s.blocks[0].mode).toBe("values");
    expect(s.tables[0]).toMatchObject({ name: "AiCostData", row: 0, col: 0, rowCount: 31, colCount: 8 });
    expect(s.formats).toContainEqual(expect.objectContaining({ col: 6, row: 1, rowCount: 30, format: '#,##0.00 [$USD]' }));
  });

  it("builds Unit Economics with bounded SUMIFS and AIECON formulas", () => {
    const s = sheet(plan, "Unit Economics");
    const [header, first] = s.blocks[0].cells;
    expect(header).toEqual([
      "Period", "Key", "Currency", "Cost", "Inferences", "Value", "Cost per inference", "Value per inference",
      "ROI multiple", "Cost-to-value ratio", "Margin", "Band", "Quarter",
    ]);
    // Sorted by key: the HYPERLINK key sorts first ("=" < letters).
    expect(first[1]).toBe("'" + HYPERLINK);
    expect(first[3]).toBe(
      `=SUMPRODUCT(--('AI Cost Data'!$A$2:$A$31=$A2),--('AI Cost Data'!$B$2:$B$31=$B2),--('AI Cost Data'!$F$2:$F$31=$C2),'AI Cost Data'!$G$2:$G$31)`,
    );
    const gpt = s.blocks[0].cells.find((r) => r[1] === "gpt-4o" && r[0] === "'2024-09")!;
    const R = s.blocks[0].cells.indexOf(gpt) + 1;
    expect(gpt[3]).toBe(
      `=SUMIFS('AI Cost Data'!$G$2:$G$31,'AI Cost Data'!$A$2:$A$31,$A${R},'AI Cost Data'!$B$2:$B$31,$B${R},'AI Cost Data'!$F$2:$F$31,$C${R})`,
    );
    expect(gpt[4]).toBe(
      `=IF(COUNTIFS('AI Volume Data'!$A$2:$A$19,$A${R},'AI Volume Data'!$B$2:$B$19,$B${R})=0,"",SUMIFS('AI Volume Data'!$C$2:$C$19,'AI Volume Data'!$A$2:$A$19,$A${R},'AI Volume Data'!$B$2:$B$19,$B${R}))`,
    );
    expect(gpt[6]).toBe(`=IF(OR(E${R}="",E${R}=0,D${R}=""),"",AIECON.COSTPERINFERENCE(D${R},E${R}))`);
    expect(gpt[7]).toBe(`=IF(OR(E${R}="",E${R}=0,F${R}=""),"",AIECON.VALUEPERINFERENCE(F${R},E${R}))`);
    expect(gpt[8]).toBe(`=IF(OR(F${R}="",D${R}="",D${R}=0),"",AIECON.ROIMULTIPLE(F${R},D${R}))`);
    expect(gpt[9]).toBe(`=IF(OR(F${R}="",F${R}=0,D${R}=""),"",AIECON.COSTTOVALUERATIO(D${R},F${R}))`);
    expect(gpt[10]).toBe(`=IF(OR(E${R}="",E${R}=0,F${R}=""),"",AIECON.MARGINCONTRIBUTION(H${R},G${R},E${R}))`);
    expect(gpt[11]).toBe(`=IF(ISNUMBER(I${R}),AIECON.BENCHMARKBAND(I${R}),"")`);
    expect(gpt[12]).toBe("'2024-Q3");
    expect(s.formats).toContainEqual(expect.objectContaining({ col: 6, format: '#,##0.000000 [$USD];-#,##0.000000 [$USD];0.00 [$USD]' }));
    // ROI multiple and cost-to-value ratio share one format, hence one rectangle.
    expect(s.formats).toContainEqual(expect.objectContaining({ col: 8, colCount: 2, format: '#,##0.00"×"' }));
    expect(s.conditionalFormats[0]).toMatchObject({ col: 11, row: 1, rowCount: 24 });
    expect(s.conditionalFormats[0].rules.map((r) => r.text)).toEqual(["Excellent", "Good", "Marginal", "Unsustainable"]);
  });

  it("compares the latest quarter with cost per key, the costliest first, with its two charts above the tables", () => {
    expect(plan.comparisonPeriod).toBe("2024-Q4");
    expect(plan.comparisonPartial).toBeNull();
    const s = sheet(plan, "Comparison");
    expect(String(s.blocks[0].cells[0][0])).toMatch(/^Comparison of 2024-Q4 by Tag: model: 4 keys/);
    const main = s.blocks[1];
    expect(main.row).toBe(19);
    const rows = main.cells.slice(1);
    expect(rows.map((r) => r[0])).toEqual(["claude-3", "gpt-4o", "no-volume", "'" + HYPERLINK]);
    expect(rows[1][2]).toBe("'2024-Q4");
    expect(rows[1][3]).toBe(
      `=SUMIFS('Unit Economics'!$D$2:$D$25,'Unit Economics'!$B$2:$B$25,$A22,'Unit Economics'!$C$2:$C$25,$B22,'Unit Economics'!$M$2:$M$25,$C22)`,
    );
    expect(s.charts.map((c) => [c.title, c.type])).toEqual([
      ["Cost per inference by Tag: model", "ColumnClustered"],
      ["ROI multiple by Tag: model", "BarClustered"],
    ]);
    // The charts read the chart data below the table (the top keys, here all four), and stand above the tables.
    const top = s.blocks[2];
    expect(top.cells[1]).toEqual(["claude-3", "USD", "=IF(ISNUMBER(G21),G21,NA())", "=IF(ISNUMBER(I21),I21,NA())"]);
    expect(s.charts[0].series[0]).toMatchObject({ values: { row: top.row + 1, col: 2, rowCount: 4 }, xValues: { row: top.row + 1, col: 0, rowCount: 4 } });
    for (const c of s.charts) expect(c.box!.top + c.box!.height).toBeLessThan(19 * 15);
    // The axis: 3 significant digits of the largest cost per inference (round ticks); the value labels: the table's 4 of the smallest.
    expect(s.charts[0].valueAxisFormat).toBe('#,##0.000 [$USD];-#,##0.000 [$USD];0.00 [$USD]');
    expect(s.charts[0].dataLabelFormat).toBe('#,##0.000000 [$USD];-#,##0.000000 [$USD];0.00 [$USD]');
    expect(s.tables.map((t) => t.name)).toEqual(["ModelComparison", "ModelComparisonTop"]);
  });

  it("lays out the trend: periods down, keys across (the costliest first), COSTTREND and COSTGROWTH per key, line and scatter", () => {
    const s = sheet(plan, "Trend");
    const [header, ...rows] = s.blocks[1].cells;
    expect(header).toEqual(["Period", "claude-3", "gpt-4o", "no-volume", "'" + HYPERLINK]);
    expect(rows.map((r) => r[0])).toEqual(["'2024-07", "'2024-08", "'2024-09", "'2024-10", "'2024-11", "'2024-12"]);
    expect(rows[0][4]).toBe("='Unit Economics'!G2");
    const summary = s.blocks[2].cells;
    expect(summary[1]).toEqual(["Trend", "=AIECON.COSTTREND(B21:B26)", "=AIECON.COSTTREND(C21:C26)", "=AIECON.COSTTREND(D21:D26)", "=AIECON.COSTTREND(E21:E26)"]);
    expect(summary[2][1]).toBe("=AIECON.COSTGROWTH(B21:B26)");
    const [line, scatter] = s.charts;
    expect(line).toMatchObject({ title: "Cost per inference over time", type: "Line" });
    // keys with volume only
    const actual = line.series.filter((x) => x.lineStyle === undefined);
    expect(actual.map((x) => x.name)).toEqual(["claude-3", "gpt-4o", HYPERLINK]);
    expect(new Set(actual.map((x) => x.color)).size).toBe(3);
    expect(scatter).toMatchObject({ title: "Cost against volume", type: "XYScatter" });
    expect(scatter.series.reduce((n, x) => n + x.values.rowCount, 0)).toBe(18);
    expect(s.tables.map((t) => t.name)).toEqual(["CostPerInferenceTrend", "CostPerInferenceTrendSummary", "CostAgainstVolume", "CostPerInferenceForecast"]);
  });

  it("reviews the latest quarter against the one before with a remediation reason per key", () => {
    expect(plan.reviewQuarter).toBe("2024-Q4");
    expect(plan.previousQuarter).toBe("2024-Q3");
    const s = sheet(plan, "Quarterly Review");
    // Block 0 is the title (4 lines), a blank row, the chart's 16 rows, a blank row; block 1 the table with its header on row 23.
    const [header, ...rows] = s.blocks[1].cells;
    expect(s.blocks[1].row).toBe(22);
    expect(header.slice(0, 6)).toEqual(["Key", "Currency", "Cost 2024-Q3", "Cost 2024-Q4", "Cost change", "Cost change %"]);
    expect(header.slice(-2)).toEqual(["Remediation", "Commentary"]);
    expect(rows).toHaveLength(4);
    expect(rows[0][26]).toBe(
      '=IF(ISNUMBER(D24),IF(D24>0,MID(IF(IF(ISNUMBER(Z24),Z24>1,AND(ISNUMBER(P24),P24=0)),"; needs a remediation plan","")' +
        '&IF(IF(ISNUMBER(H24),H24=0,TRUE),"; no inferences in the quarter","")&IF(NOT(ISNUMBER(P24)),"; no value data",""),3,255),""),"")',
    );
    // The costliest key of the latest quarter first: claude-3 (criteria), the formula-like key last (array arithmetic).
    expect(rows.map((r) => r[0])).toEqual(["claude-3", "gpt-4o", "no-volume", `'=HYPERLINK("http://x","y")`]);
    expect(rows[0][3]).toContain(`'Unit Economics'!$M$2:$M$25,"2024-Q4"`);
    expect(rows[3][3]).toContain(`--('Unit Economics'!$M$2:$M$25="2024-Q4")`);
    expect(s.conditionalFormats.map((c) => [c.row, c.col])).toEqual([[23, 22], [23, 26], [28, 22], [28, 26]]);
  });

  it("uses the given comparison period, and plain period labels for a month", () => {
    const p = planWorkbook(sampleResult(), { ...OPTS, comparisonPeriod: "2024-08" });
    const s = sheet(p, "Comparison");
    expect(s.blocks[1].cells[2][2]).toBe("'2024-08");
    expect(String(s.blocks[1].cells[2][3])).toContain(`'Unit Economics'!$A$2:$A$25,$C22`);
  });

  it("plans staging names without changing the layout", () => {
    const names = {
      sheets: { cost: "S1", volume: "S2", value: "S3", unit: "S4", comparison: "S5", trend: "S6", review: "S7", bridge: "S14", checks: "S8", log: "S9", prices: "S10", longTail: "S11", requests: "S12", scenarios: "S13" },
      tables: { ...TABLE_NAMES, unit: "T_unit" },
    };
    const p = planWorkbook(sampleResult(), OPTS, names);
    expect(p.sheets.map((s) => s.name)).toEqual(["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S14", "S8"]);
    expect(String(p.sheets[3].blocks[0].cells[1][3])).toContain("'S1'!$G$2:$G$31");
    expect(p.sheets[3].tables[0].name).toBe("T_unit");
  });

  it("still has one (blank) data row per table when there is no data", () => {
    const p = planWorkbook({ ...sampleResult(), costRecords: [], volumeRecords: [], valueRecords: [], groups: [] }, OPTS);
    for (const s of p.sheets) for (const t of s.tables) expect(t.rowCount).toBeGreaterThanOrEqual(2);
    expect(p.comparisonPeriod).toBeNull();
  });

  it("formats money per row when currencies differ", () => {
    const r = sampleResult();
    r.costRecords[0] = { ...r.costRecords[0], currency: "EUR" };
    const p = planWorkbook({ ...r, groups: [] }, OPTS);
    const f = sheet(p, "AI Cost Data").formats.find((x) => x.col === 6)!;
    expect(f.format).toBeNull();
    expect(f.perRow![0]).toBe('#,##0.00 [$EUR]');
    expect(f.perRow![1]).toBe('#,##0.00 [$USD]');
  });
});

describe("a1", () => {
  it("addresses columns and quoted sheets", () => {
    expect(columnLetters(0)).toBe("A");
    expect(columnLetters(25)).toBe("Z");
    expect(columnLetters(26)).toBe("AA");
    expect(columnLetters(16383)).toBe("XFD");
    expect(sheetColumnRange("Bob's", 6, 1, 1000)).toBe("'Bob''s'!$G$2:$G$1001");
  });
});

describe("planWorkbook: grains, fiscal quarters, limits", () => {
  it("labels fiscal quarters from the start month (FY named by its end year)", () => {
    const p = planWorkbook(sampleResult(), { period: "month", fiscalStartMonth: 7 });
    const ue = p.sheets.find((s) => s.id === "unit")!.blocks[0].cells;
    const quarters = new Set(ue.slice(1).map((r) => r[12]));
    expect([...quarters].sort()).toEqual(["FY2025-Q1", "FY2025-Q2"]);
    expect(p.reviewQuarter).toBe("FY2025-Q2");
    expect(p.previousQuarter).toBe("FY2025-Q1");
  });

  it("works with week labels: quarter of the Thursday, latest full quarter", () => {
    const r = sampleResult();
    const weeks = ["2024-W27", "2024-W33", "2024-W39", "2024-W40", "2024-W45", "2024-W52"];
    const map = new Map(["2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"].map((m, i) => [m, weeks[i]]));
    for (const list of [r.costRecords, r.volumeRecords, r.valueRecords, r.groups]) for (const x of list) x.period = map.get(x.period)!;
    const p = planWorkbook(r, { period: "week", fiscalStartMonth: 1 });
    expect(p.reviewQuarter).toBe("2024-Q4");
    const ue = p.sheets.find((s) => s.id === "unit")!.blocks[0].cells;
    expect(ue.find((row) => row[0] === "'2024-W39")![12]).toBe("'2024-Q3");
    expect(ue.find((row) => row[0] === "'2024-W40")![12]).toBe("'2024-Q4");
  });

  it("refuses more rows than an Excel sheet holds, naming the sheet", () => {
    const r = sampleResult();
    const big = { ...r, costRecords: new Array(1_048_576).fill(r.costRecords[0]) };
    expect(() => planWorkbook(big, OPTS)).toThrow(/AI Cost Data would need 1,048,577 rows .* holds 1,048,576/);
  });
});
