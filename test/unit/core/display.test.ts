/** The one number-format policy (src/core/display.ts): Excel codes and the pane's text, checked against the workbench renderer. */
import { describe, expect, it } from "vitest";
import {
  axisDecimals,
  formatMoneyText,
  formatMultipleText,
  formatPercentText,
  formatUnitText,
  moneyFormat,
  MULTIPLE_FORMAT,
  PERCENT_FORMAT,
  unitDecimals,
  unitMoneyFormat,
} from "../../../src/core/display";
import { formatValue, numberFormatProblem } from "../../../src/workbench/host/numfmt";

/** Significant digits shown in a rendered number ("0.002500 USD" → 4). */
function shownSignificant(text: string): number {
  const digits = text.replace(/[^0-9]/g, "").replace(/^0+/, "");
  return digits.length;
}

describe("money", () => {
  it("is 2 decimals with thousands separators and the ISO code, in Excel and in the pane", () => {
    expect(moneyFormat("usd")).toBe("#,##0.00 [$USD]");
    expect(moneyFormat("(none)")).toBe("#,##0.00");
    expect(formatValue(1312.865034, moneyFormat("USD"))).toBe("1,312.87 USD");
    expect(formatValue(-1234.5, moneyFormat("USD"))).toBe("-1,234.50 USD");
    expect(formatMoneyText("1312.865034")).toBe("1,312.87");
    expect(formatMoneyText("-0.0007180008")).toBe("-0.000718");
  });

  it("never writes a large value in e-notation: Excel's 15 significant digits, then zeros", () => {
    const x = 123456789012345678901234567890;
    expect(String(x)).toContain("e+29");
    expect(formatValue(x, moneyFormat("USD"))).toBe("123,456,789,012,346,000,000,000,000,000.00 USD");
    expect(formatMoneyText("123456789012345678901234567890")).toBe("123,456,789,012,345,678,901,234,567,890.00");
    expect(formatValue(1e21, "#,##0")).toBe("1,000,000,000,000,000,000,000");
    // Rounding half away from zero on the 15-digit value, as Excel: 1.005 shows 1.01.
    expect(formatValue(1.005, "0.00")).toBe("1.01");
    expect(formatValue(-2.5, "0")).toBe("-3");
  });
});

describe("cost per inference", () => {
  it("takes its decimals from the smallest non-zero figure: 4 significant digits", () => {
    expect(unitDecimals(["0.0025", "1.5", null])).toBe(6);
    expect(unitDecimals(["0.0000123"])).toBe(8);
    expect(unitDecimals(["-0.00071800"])).toBe(7);
    expect(unitDecimals(["1.5"])).toBe(3);
    expect(unitDecimals(["42", "0"])).toBe(2);
    expect(unitDecimals([])).toBe(4);
    expect(unitDecimals(["1e-40"])).toBe(30);
  });

  it("never shows a string of zeros: every figure of the column keeps at least 4 significant digits; zero is 0.00", () => {
    const figures = ["0.000000718", "0.0000123456", "0.25", "12.5", "1234.5678"];
    const f = unitMoneyFormat("USD", unitDecimals(figures));
    expect(f).toBe("#,##0.0000000000 [$USD];-#,##0.0000000000 [$USD];0.00 [$USD]");
    for (const x of figures) {
      const shown = formatValue(Number(x), f);
      expect(shown).not.toMatch(/^-?0\.0+ USD$/);
      expect(shownSignificant(shown)).toBeGreaterThanOrEqual(4);
    }
    expect(formatValue(0, f)).toBe("0.00 USD");
    expect(formatValue(-0.000000718, f)).toBe("-0.0000007180 USD");
    expect(formatUnitText("0.000000718")).toBe("0.000000718");
    expect(formatUnitText("0.0025")).toBe("0.0025");
    expect(formatUnitText("0.00250049")).toBe("0.0025");
    expect(formatUnitText("0.00012345678")).toBe("0.0001235");
    expect(formatUnitText("1234.5678")).toBe("1,234.57");
    expect(formatUnitText("0")).toBe("0.00");
  });
});

describe("multiples, ratios and percentages", () => {
  it("read 0.00× and 0.0%", () => {
    expect(formatValue(12.5, MULTIPLE_FORMAT)).toBe("12.50×");
    expect(formatValue(12345.678, MULTIPLE_FORMAT)).toBe("12,345.68×");
    expect(formatMultipleText("12.5")).toBe("12.50×");
    expect(formatValue(0.1234, PERCENT_FORMAT)).toBe("12.3%");
    expect(formatPercentText(0.1234)).toBe("12.3%");
  });
});

describe("the workbench refuses what Excel refuses", () => {
  it("reads every format the policy writes", () => {
    for (const f of [moneyFormat("USD"), unitMoneyFormat("EUR", 9), MULTIPLE_FORMAT, PERCENT_FORMAT, "#,##0", "yyyy-mm-dd", "yyyy-mm-dd hh:mm", "@", "General", "[$$-409]#,##0.00", "[Red]0.00", "0.00E+00"]) {
      expect(numberFormatProblem(f), f).toBeNull();
    }
  });
  it("refuses a bare ×, an unknown bracket, unclosed quotes, five sections", () => {
    expect(numberFormatProblem("0.00×")).toMatch(/outside quotes/);
    expect(numberFormatProblem("#,##0.00 USD")).toMatch(/'U' outside quotes/);
    expect(numberFormatProblem("[Purple]0")).toMatch(/unknown code/);
    expect(numberFormatProblem("[<0.001]0.000000;0.00")).toMatch(/unknown code/);
    expect(numberFormatProblem('0.00 "USD')).toMatch(/unclosed quote/);
    expect(numberFormatProblem("0;0;0;@;0")).toMatch(/four sections/);
  });
});

describe("never a negative zero, axes in round figures", () => {
  it("a negative figure that rounds to zero reads 0.00, 0.0%, 0.00× in the pane (issue 10)", () => {
    expect(formatPercentText(-0.0001)).toBe("0.0%");
    expect(formatMultipleText(-0.001)).toBe("0.00×");
    expect(formatMoneyText("-0.000")).toBe("0.00");
    expect(formatMoneyText("-0.004")).toBe("-0.004");
    expect(formatPercentText(-0.001)).toBe("-0.1%");
  });

  it("a per-inference axis gets 3 significant digits of its largest figure, not the table's 14 decimals", () => {
    // The FOCUS sample by service: the costliest per inference 0.0064, the cheapest 0.0000000068.
    expect(unitDecimals(["0.00639876", "0.0000000068"])).toBe(12);
    expect(axisDecimals(["0.00639876", "0.0000000068", "-0.0000017"])).toBe(5);
    expect(formatValue(0.0016, unitMoneyFormat("USD", axisDecimals(["0.00639876"])))).toBe("0.00160 USD");
    expect(axisDecimals(["12.5"])).toBe(2);
    expect(axisDecimals([])).toBe(4);
  });
});
