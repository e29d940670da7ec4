/** The text grammars, each written once in src/core: numbers, workload keys, period grains. */
import { describe, expect, it } from "vitest";
import {
  DECIMAL_TEXT,
  KEY_CHOICES,
  keyText,
  parseCount,
  parseKeySpec,
  parseLenientDecimal,
  parseStrictDecimal,
  parseUserDecimal,
} from "../../../src/core/grammar";
import { GRAIN_CHOICES, GRAINS, isGrain } from "../../../src/core/period";

describe("number grammars", () => {
  it("the spec's plain decimal number, after trimming spaces (functions.md)", () => {
    for (const [text, n] of [["12", "12"], [" -3.5 ", "-3.5"], ["1e3", "1e3"], ["+5", "+5"], [".5", ".5"], ["7.", "7."], ["5.64902E-05", "5.64902E-05"]]) {
      expect(parseStrictDecimal(text)).toBe(n);
    }
    for (const bad of ["", "   ", "1,000", "$5", "1.2.3", "e3", ".", "- 1", "(1)", "1_000"]) expect(parseStrictDecimal(bad)).toBeNull();
    expect(DECIMAL_TEXT.test(" 1")).toBe(false);
  });

  it("generic-file amounts: symbols, separators, parentheses, a decimal comma in a ';' file", () => {
    expect(parseLenientDecimal("$1,234.50", false)).toBe("1234.50");
    expect(parseLenientDecimal("(12.34)", false)).toBe("-12.34");
    expect(parseLenientDecimal("12.34-", false)).toBe("-12.34");
    expect(parseLenientDecimal("1.234,5", true)).toBe("1234.5");
    expect(parseLenientDecimal("EUR 1 234,5", true)).toBe("1234.5");
    expect(parseLenientDecimal("1,2,3", false)).toBeNull();
    expect(parseLenientDecimal("--1", false)).toBeNull();
    expect(parseLenientDecimal("", false)).toBeNull();
  });

  it("parses user decimals exactly and refuses anything else", () => {
    expect(parseUserDecimal("0.05")).toBe("0.05");
    expect(parseUserDecimal(" 1,250 ")).toBe("1250");
    expect(parseUserDecimal("1,250.75")).toBe("1250.75");
    expect(parseUserDecimal("12,5")).toBe("12.5");
    expect(parseUserDecimal(".5")).toBe("0.5");
    expect(parseUserDecimal("1e-3")).toBe("0.001");
    expect(parseUserDecimal("0.1000000000000000000000001")).toBe("0.1000000000000000000000001");
    for (const bad of ["", "abc", "-1", "1.2.3", "$5", "1,2,3"]) expect(parseUserDecimal(bad)).toBeNull();
  });

  it("counts are whole and non-negative", () => {
    expect(parseCount(" 12 ")).toBe(12);
    expect(parseCount("12.0")).toBe(12);
    expect(parseCount("1.2E+3")).toBe(1200);
    for (const bad of ["-1", "1.5", "x", ""]) expect(parseCount(bad)).toBeNull();
  });
});

describe("workload keys", () => {
  it("tag:NAME and the built-ins; nothing is the default; anything else is not a key", () => {
    expect(parseKeySpec(undefined)).toEqual({ kind: "default" });
    expect(parseKeySpec("")).toEqual({ kind: "default" });
    expect(parseKeySpec("tag:team")).toEqual({ kind: "tag", name: "team" });
    for (const k of ["service", "resource", "sku", "model"]) expect(parseKeySpec(k)).toEqual({ kind: k });
    for (const bad of ["tag:", "team", "Service", "tag"]) expect(parseKeySpec(bad)).toBeNull();
    expect(keyText({ kind: "tag", name: "model" })).toBe("tag:model");
    expect(keyText({ kind: "sku" })).toBe("sku");
    expect(KEY_CHOICES).toBe("tag:NAME, service, resource, sku or model");
  });
});

describe("period grains", () => {
  it("day, week, month, quarter", () => {
    expect(GRAINS).toEqual(["day", "week", "month", "quarter"]);
    expect(GRAIN_CHOICES).toBe("day, week, month or quarter");
    expect(isGrain("week")).toBe(true);
    for (const bad of ["year", "Month", "", undefined]) expect(isGrain(bad)).toBe(false);
  });
});
