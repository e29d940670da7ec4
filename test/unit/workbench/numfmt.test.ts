import { describe, expect, it } from "vitest";
import { formatValue } from "../../../src/workbench/host/numfmt";
import { parseInput, quoteText } from "../../../src/workbench/host/input";

describe("number formats as cells show them", () => {
  const cases: [number, string, string][] = [
    [866.08, '#,##0.00 "USD"', "866.08 USD"],
    [-1234.5, '#,##0.00 "USD"', "-1,234.50 USD"],
    [0.00588, '#,##0.00######## "USD"', "0.00588 USD"],
    [0.00588, '#,##0.000000 "USD"', "0.005880 USD"],
    [12.5, '0.00"×"', "12.50×"],
    [0.1234, "0.0%", "12.3%"],
    [1234567, "#,##0", "1,234,567"],
    [-5, "[$$-409]#,##0.00", "-$5.00"],
    [45839, "yyyy-mm-dd", "2025-07-01"],
    [45839, "mmm-yy", "Jul-25"],
    [0.1 + 0.2, "General", "0.3"],
    [1 / 3, "General", "0.3333333333"],
    // Excel keeps the sign of a negative figure that rounds to zero under a one-section
    // format, and uses the negative section when there is one.
    [-0.001, '#,##0.00 [$USD]', "-0.00 USD"],
    [-0.001, "0.0%", "-0.1%"],
    [-0.00001, "0.0%", "-0.0%"],
    [-0.001, '#,##0.00;(#,##0.00);"–"', "(0.00)"],
    [0, '#,##0.00;(#,##0.00);"–"', "–"],
  ];
  for (const [v, f, want] of cases) it(`${v} in ${f} → ${want}`, () => expect(formatValue(v, f)).toBe(want));
});

describe("input as Excel reads it", () => {
  it("parses typed input", () => {
    expect(parseInput("12", false, "")).toEqual({ kind: "value", value: 12 });
    expect(parseInput("1,234.5", false, "")).toEqual({ kind: "value", value: 1234.5 });
    expect(parseInput("TRUE", false, "")).toEqual({ kind: "value", value: true });
    expect(parseInput("2025-Q3", false, "")).toEqual({ kind: "value", value: "2025-Q3" });
    expect(parseInput("2024-W38", false, "")).toEqual({ kind: "value", value: "2024-W38" });
    expect(parseInput("=A1", false, "")).toEqual({ kind: "formula", formula: "=A1" });
    expect(parseInput("+A1", false, "")).toEqual({ kind: "formula", formula: "=+A1" });
    expect(parseInput("'=A1", false, "")).toEqual({ kind: "value", value: "=A1" });
    expect(parseInput("=A1", true, "")).toEqual({ kind: "value", value: "=A1" });
    expect(parseInput(null, false, "")).toBeUndefined();
    expect(parseInput("", false, "")).toEqual({ kind: "empty" });
    expect(() => parseInput(NaN, false, "values[0][0]")).toThrow(/values\[0\]\[0\]/);
  });
  it("quotes text that would read as something else", () => {
    expect(quoteText("abc")).toBe("abc");
    expect(quoteText("=x")).toBe("'=x");
    expect(quoteText("2025-07")).toBe("'2025-07");
    expect(quoteText("12")).toBe("'12");
  });
});
