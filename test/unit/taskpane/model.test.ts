import { describe, expect, it } from "vitest";
import type { ImportResult, InspectReport, SourceKind } from "../../../src/import/types";
import {
  buildAssumptions,
  defaultKey,
  describeError,
  describeReport,
  emptyAssumption,
  formatAmount,
  formatTotals,
  guessMapping,
  importBlocker,
  defaultChoices,
  keyOptions,
  missingMapFields,
  overallFraction,
  parseFraction,
  periodChoices,
  labelSpan,
  reconcileKey,
  rejectedOf,
  shareableMessage,
  successLines,
  type FileEntry,
} from "../../../src/taskpane/model";

function report(over: Partial<InspectReport> = {}): InspectReport {
  return {
    file: "focus.csv",
    kind: "billing",
    format: "focus",
    rowsRead: 1000,
    rowsUsed: 1000,
    rowsSkipped: 0,
    skipped: {},
    rowsRejected: 0,
    rejected: [],
    totals: { USD: "1234.56789" },
    periodRange: { first: "2024-09", last: "2024-09" },
    currencies: ["USD"],
    tagKeys: [],
    columns: ["BilledCost"],
    caseMerges: [],
    preview: [],
    encoding: "utf-8",
    delimiter: ",",
    compressed: false,
    ...over,
  };
}

let nextId = 1;
function entry(kind: SourceKind, r?: Partial<InspectReport> | null, over: Partial<FileEntry> = {}): FileEntry {
  return {
    id: nextId++,
    kind,
    name: r?.file ?? "focus.csv",
    size: 100,
    status: r === null ? "inspecting" : "ready",
    report: r === null ? undefined : report({ kind, ...r }),
    ...over,
  };
}

describe("workload keys", () => {
  it("offers every tag key found in billing files, sorted, then the built-in keys", () => {
    const es = [entry("billing", { tagKeys: ["team", "model"] }), entry("billing", { tagKeys: ["Model", "team"] }), entry("volume", { tagKeys: ["ignored"] })];
    const values = keyOptions(es).map((o) => o.value);
    expect(values).toEqual(["tag:Model", "tag:model", "tag:team", "service", "resource", "sku", "model"]);
  });
  it("defaults to tag:model when that tag exists, else service", () => {
    expect(defaultKey([entry("billing", { tagKeys: ["model"] })])).toBe("tag:model");
    expect(defaultKey([entry("billing", { tagKeys: ["application"] })])).toBe("service");
    expect(defaultKey([])).toBe("service");
  });
  it("keeps a chosen key while it is on offer and falls back when its file is gone", () => {
    const es = [entry("billing", { tagKeys: ["application"] })];
    expect(reconcileKey("tag:application", es)).toBe("tag:application");
    expect(reconcileKey("sku", es)).toBe("sku");
    expect(reconcileKey("tag:application", [])).toBe("service");
    expect(reconcileKey(null, es)).toBe("service");
  });
});

describe("money and numbers", () => {
  it("formats exact decimals with grouping, never as 0.00 for small amounts", () => {
    expect(formatAmount("1234.56789000000")).toBe("1,234.57");
    expect(formatAmount("-1234567.5")).toBe("-1,234,567.50");
    expect(formatAmount("0")).toBe("0.00");
    expect(formatAmount("0.00000080000")).toBe("0.0000008");
    // Money has 2 decimals; only a non-zero amount under 0.01 keeps 4 significant digits.
    expect(formatAmount("0.012345678")).toBe("0.01");
    expect(formatAmount("0.0012345678")).toBe("0.001235");
    expect(formatAmount("0.5")).toBe("0.50");
    expect(formatAmount("not a number")).toBe("not a number");
  });
  it("formats totals per currency, sorted, never added across currencies", () => {
    expect(formatTotals({ USD: "10", EUR: "2.5" })).toBe("EUR 2.50; USD 10.00");
    expect(formatTotals({})).toBe("none");
  });
});

describe("file facts", () => {
  it("shows format, rows, periods, currencies and totals of a billing file", () => {
    const f = describeReport(report({ rowsRead: 1002, rowsUsed: 999, rowsSkipped: 1, rowsRejected: 2, skipped: { "blank line": 1 }, rejected: [{ line: 12, reason: "BilledCost is not a number: 'abc'" }, { line: 40, reason: "x" }], periodRange: { first: "2024-08", last: "2024-09" } }));
    expect(f.format).toBe("FOCUS");
    expect(f.rows).toBe("1,002 read, 999 used, 1 skipped, 2 rejected");
    expect(f.periods).toBe("2024-08 to 2024-09");
    expect(f.currencies).toBe("USD");
    expect(f.totals).toBe("USD 1,234.57");
    expect(f.skipped).toBe("1 blank line");
    expect(f.rejected).toEqual([
      { file: "focus.csv", line: 12, reason: "BilledCost is not a number: 'abc'" },
      { file: "focus.csv", line: 40, reason: "x" },
    ]);
  });
  it("says in a sentence which keys were merged into another spelling", () => {
    const f = describeReport(report({ caseMerges: [{ spelling: "gpt-4o", mergedInto: "GPT-4o", rows: 1234 }, { spelling: "CLAUDE", mergedInto: "claude", rows: 1 }] }));
    expect(f.caseMerges).toEqual([
      "gpt-4o: 1,234 rows merged into GPT-4o (Excel compares text ignoring case).",
      "CLAUDE: 1 row merged into claude (Excel compares text ignoring case).",
    ]);
    expect(describeReport(report()).caseMerges).toEqual([]);
  });
  it("shows inferences for a volume file and the encoding when not UTF-8", () => {
    const f = describeReport(report({ kind: "volume", format: "request-log", inferences: 19366, totals: {}, currencies: [], encoding: "utf-16le", compressed: true, periodRange: null }));
    expect(f.totals).toBe("19,366 inferences");
    expect(f.format).toBe("Request log (one row per request) (utf-16le, gzip)");
    expect(f.periods).toBe("—");
  });
  it("names the file and line of an error once", () => {
    expect(describeError({ message: "BilledCost is missing" }, "a.csv")).toBe("a.csv: BilledCost is missing");
    expect(describeError({ message: "bad date", file: "a.csv", line: 7 })).toBe("a.csv, line 7: bad date");
    expect(describeError({ message: "a.csv, line 7: bad date", file: "a.csv", line: 7 })).toBe("a.csv, line 7: bad date");
  });
});

describe("column mapping", () => {
  it("guesses a mapping from column names", () => {
    expect(guessMapping("billing", ["Day", "Model", "Amount", "Currency"])).toEqual({ date: "Day", cost: "Amount", currency: "Currency", key: "Model" });
    expect(guessMapping("volume", ["date", "model", "requests"])).toEqual({ date: "date", count: "requests", key: "model" });
    expect(guessMapping("value", ["period", "key", "value"])).toEqual({ date: "period", value: "value", key: "key" });
  });
  it("lists the required fields still missing", () => {
    expect(missingMapFields("billing", { date: "Day" }).map((f) => f.field)).toEqual(["cost", "currency"]);
    expect(missingMapFields("billing", { date: "Day", cost: "Amount", currency: "EUR" })).toEqual([]);
    expect(missingMapFields("volume", undefined).map((f) => f.field)).toEqual(["date", "count"]);
  });
});

describe("comparison period choices", () => {
  const es = [entry("billing", { periodRange: { first: "2024-05-30", last: "2024-09-02" } })];
  it("enumerates the periods covered, latest first, at each grain", () => {
    expect(periodChoices(es, "month", 1)).toEqual(["2024-09", "2024-08", "2024-07", "2024-06", "2024-05"]);
    expect(periodChoices(es, "quarter", 1)).toEqual(["2024-Q3", "2024-Q2"]);
    // Fiscal year from July: FY2025 Q1 = 2024-07..09.
    expect(periodChoices(es, "quarter", 7)).toEqual(["FY2025-Q1", "FY2024-Q4"]);
    expect(periodChoices(es, "week", 1)[0]).toBe("2024-W36");
    expect(periodChoices(es, "day", 1)[0]).toBe("2024-09-02");
    expect(periodChoices(es, "day", 1)).toHaveLength(96);
  });
  it("reads a fiscal quarter label in its fiscal year (FY2026-Q1 from April is April–June 2025), a calendar one as such", () => {
    const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
    expect(labelSpan("FY2026-Q1", 4)).toEqual([day(2025, 4, 1), day(2025, 6, 30)]);
    expect(labelSpan("FY2025-Q1", 7)).toEqual([day(2024, 7, 1), day(2024, 9, 30)]);
    expect(labelSpan("2025-Q2", 4)).toEqual([day(2025, 4, 1), day(2025, 6, 30)]);
    // A file whose range is given in fiscal quarters offers the same choices as its days.
    const fq = [entry("billing", { periodRange: { first: "FY2025-Q1", last: "FY2025-Q1" } })];
    expect(periodChoices(fq, "quarter", 7)).toEqual(["FY2025-Q1"]);
    expect(periodChoices(fq, "month", 7)).toEqual(["2024-09", "2024-08", "2024-07"]);
  });
  it("reads month, week and quarter labels too, and is empty without ranges", () => {
    expect(periodChoices([entry("billing", { periodRange: { first: "2024-09", last: "2024-09" } })], "quarter", 1)).toEqual(["2024-Q3"]);
    expect(periodChoices([entry("billing", { periodRange: { first: "2025-W01", last: "2025-W01" } })], "month", 1)).toEqual(["2025-01", "2024-12"]);
    expect(periodChoices([entry("billing", { periodRange: null })], "month", 1)).toEqual([]);
  });
});

describe("value assumptions", () => {
  it("builds per-inference and time-saved assumptions", () => {
    const r = buildAssumptions([
      { ...emptyAssumption(), key: "gpt-4o", valuePerInference: "0.05", currency: "usd" },
      { ...emptyAssumption(), key: "", method: "time-saved", minutesSaved: "3", hourlyRate: "60" },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.assumptions).toEqual([
      { key: "gpt-4o", valuePerInference: "0.05", currency: "USD" },
      { key: "*", minutesSaved: "3", hourlyRate: "60" },
    ]);
  });
  it("says which row and field is wrong", () => {
    const r = buildAssumptions([
      { ...emptyAssumption(), valuePerInference: "abc" },
      { ...emptyAssumption(), method: "time-saved", minutesSaved: "2", currency: "dollars" },
      { ...emptyAssumption(), valuePerInference: "1" },
    ]);
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [0, "valuePerInference"],
      [1, "key"],
      [1, "currency"],
      [1, "hourlyRate"],
      [2, "key"],
    ]);
    expect(r.problems[0].message).toMatch(/Assumption 1/);
  });
  it("two assumptions for keys that differ only in case are one key twice", () => {
    const r = buildAssumptions([
      { ...emptyAssumption(), key: "GPT-4o", valuePerInference: "1" },
      { ...emptyAssumption(), key: "gpt-4o", valuePerInference: "2" },
    ]);
    expect(r.problems).toEqual([{ row: 1, field: "key", message: "Assumption 2: the key “gpt-4o” already has an assumption." }]);
  });
});

describe("import readiness", () => {
  it("needs a billing file, finished reading, no errors, a complete mapping and valid assumptions", () => {
    const c = defaultChoices();
    expect(importBlocker([], c)).toMatch(/billing file/);
    expect(importBlocker([entry("volume", {})], c)).toMatch(/billing file/);
    expect(importBlocker([entry("billing", null, { name: "big.csv" })], c)).toMatch(/Still reading big\.csv/);
    expect(importBlocker([entry("billing", undefined, { name: "bad.csv", status: "error", report: undefined, error: "bad.csv: empty" })], c)).toMatch(/Remove bad\.csv/);
    expect(importBlocker([entry("billing", { format: "generic" }, { name: "g.csv", map: { date: "Day" } })], c)).toMatch(/Map the columns of g\.csv: choose the cost column, currency/);
    expect(importBlocker([entry("billing", { format: "generic" }, { map: { date: "Day", cost: "Amount", currency: "EUR" } })], c)).toBeNull();
    expect(importBlocker([entry("billing", {})], { ...c, assumptions: [{ ...emptyAssumption(), valuePerInference: "x" }] })).toMatch(/Assumption 1/);
    expect(importBlocker([entry("billing", {})], c)).toBeNull();
  });
});

function result(over: Partial<ImportResult> = {}): ImportResult {
  return {
    sources: [],
    groups: [],
    totals: {},
    key: "service",
    period: "month",
    costRecords: [],
    volumeRecords: [],
    valueRecords: [],
    tagKeys: [],
    ...over,
  };
}

describe("results", () => {
  it("lists rejected rows per file with exact counts", () => {
    const r = result({
      sources: [
        { ...report({ file: "a.csv", rowsRejected: 3, rejected: [{ line: 2, reason: "x" }, { line: 5, reason: "y" }] }) },
        { ...report({ file: "b.csv" }) },
      ],
    });
    expect(rejectedOf(r)).toEqual({ total: 3, files: [{ file: "a.csv", count: 3, rows: [{ line: 2, reason: "x" }, { line: 5, reason: "y" }] }] });
  });
  it("announces groups, totals per currency and that figures are live", () => {
    const g = (period: string, key: string, inferences: number | null) => ({
      period, key, currency: "USD", cost: "1", inferences, value: null, costPerInference: null, valuePerInference: null, roiMultiple: null, band: null,
    });
    const lines = successLines(
      result({ groups: [g("2024-09", "a", 10), g("2024-09", "b", null), g("2024-10", "a", 5)], totals: { USD: "1234.5", EUR: "3" } }),
      { sheets: ["A", "B", "C", "D", "E", "F", "G"], tables: [], charts: [], syncs: 3, rowsWritten: 10 },
    );
    expect(lines[0]).toBe("Import complete: 3 groups written (2 keys × 2 periods) to 7 sheets.");
    expect(lines[1]).toBe("Total cost: EUR 3.00; USD 1,234.50.");
    expect(lines[2]).toMatch(/1 group has no volume data/);
    expect(lines[lines.length - 1]).toMatch(/Figures are live/);
  });
  it("says when the workbook is in manual calculation and was calculated once, instead of 'live'", () => {
    const base = { sheets: ["A"], tables: [], charts: [], syncs: 4, rowsWritten: 1 };
    const manual = successLines(result({ groups: [] }), { ...base, calculation: "manual-recalculated" });
    expect(manual[manual.length - 1]).toBe(
      "The workbook is in manual calculation: calculated once after writing. After an edit, press F9 (Calculate Now) and every figure and chart follows.",
    );
    expect(manual.join(" ")).not.toMatch(/Figures are live/);
    for (const calculation of ["automatic", "unknown", undefined] as const) {
      const lines = successLines(result({ groups: [] }), { ...base, calculation });
      expect(lines[lines.length - 1], String(calculation)).toMatch(/Figures are live/);
    }
  });
  it("names each file's case merges, the first five and a count of the rest", () => {
    const g = { period: "2024-09", key: "GPT-4o", currency: "USD", cost: "1", inferences: 1, value: null, costPerInference: "1", valuePerInference: null, roiMultiple: null, band: null };
    const m = (k: string, rows: number) => ({ spelling: k.toLowerCase(), mergedInto: k, rows });
    const report7 = { sheets: ["A", "B", "C", "D", "E", "F", "G"], tables: [], charts: [], syncs: 3, rowsWritten: 10 };
    const one = successLines(result({ groups: [g], totals: { USD: "1" }, sources: [report({ file: "b.csv", caseMerges: [m("GPT-4o", 12)] })] }), report7);
    expect(one).toContain("b.csv: gpt-4o: 12 rows merged into GPT-4o (Excel compares text ignoring case).");
    const many = successLines(
      result({
        groups: [g],
        totals: { USD: "1" },
        sources: [report({ file: "a.csv", caseMerges: [m("A", 1), m("B", 2), m("C", 3)] }), report({ file: "b.csv", caseMerges: [m("D", 4), m("E", 5), m("F", 6), m("G", 7)] })],
      }),
      report7,
    );
    const merged = many.filter((l) => l.includes("merged"));
    expect(merged).toHaveLength(6);
    expect(merged[0]).toBe("a.csv: a: 1 row merged into A (Excel compares text ignoring case).");
    expect(merged[4]).toBe("b.csv: e: 5 rows merged into E (Excel compares text ignoring case).");
    expect(merged[5]).toBe("… and 2 more keys merged by case.");
  });
});

describe("shareableMessage", () => {
  const seven = ["AI Cost Data", "AI Volume Data", "AI Value Data", "Unit Economics", "Comparison", "Trend", "Quarterly Review"];
  it("says what was rewritten, on how many sheets", () => {
    expect(shareableMessage({ changed: 250, sheets: seven, untranslated: [] })).toBe("250 formulas rewritten as native Excel on 7 AIECON sheets.");
    expect(shareableMessage({ changed: 1, sheets: ["Trend"], untranslated: [] })).toBe("1 formula rewritten as native Excel on 1 AIECON sheet.");
    expect(shareableMessage({ changed: 1200, sheets: seven, untranslated: ["Trend!R2C3 AIECON.TAILRATIO/2"] })).toBe(
      "1,200 formulas rewritten as native Excel on 7 AIECON sheets. 1 AIECON call has no native form and was left as it was.",
    );
  });
  it("says clearly when there was nothing to do", () => {
    expect(shareableMessage({ changed: 0, sheets: [], untranslated: [] })).toBe("Nothing to make shareable: this workbook has no AIECON sheets (import first). Nothing was changed.");
    expect(shareableMessage({ changed: 0, sheets: seven, untranslated: [] })).toBe("Already shareable: no AIECON formula to rewrite on the 7 AIECON sheets. Nothing was changed.");
    expect(shareableMessage({ changed: 0, sheets: seven, untranslated: ["a", "b"] })).toBe(
      "Nothing was rewritten on the 7 AIECON sheets. 2 AIECON calls have no native form and were left as they were.",
    );
  });
});

describe("progress", () => {
  it("weights parsing by file size and maps parse to the first 60%, write to the rest", () => {
    expect(parseFraction({ fileIndex: 0, fileCount: 2, bytesRead: 50, bytesTotal: 100 }, [100, 300])).toBeCloseTo(50 / 400);
    expect(parseFraction({ fileIndex: 1, fileCount: 2, bytesRead: 300, bytesTotal: 300 }, [100, 300])).toBe(1);
    expect(parseFraction({ fileIndex: 1, fileCount: 2, bytesRead: 0 }, [])).toBe(0.5);
    expect(overallFraction("parse", 1)).toBeCloseTo(0.6);
    expect(overallFraction("write", 0)).toBeCloseTo(0.6);
    expect(overallFraction("write", 1)).toBe(1);
    expect(overallFraction("write", 2)).toBe(1);
  });
});
