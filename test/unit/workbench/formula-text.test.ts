/** Formula text between Excel and the workbench's engine: relative references shifted for conditional-format rules. */
import { describe, expect, it } from "vitest";
import { shiftRelative } from "../../../src/workbench/host/formula-text";

describe("shiftRelative", () => {
  it("moves relative references, keeps absolute parts, strings and function names", () => {
    expect(shiftRelative("=A1>0", 2, 1)).toBe("=B3>0");
    expect(shiftRelative("=$A1+A$1+$A$1", 3, 2)).toBe("=$A4+C$1+$A$1");
    expect(shiftRelative('=Z9&"A1"', 1, 1)).toBe('=AA10&"A1"');
    expect(shiftRelative("=AZ1+LOG10(2)", 0, 1)).toBe("=BA1+LOG10(2)");
    expect(shiftRelative("=A1", 0, 0)).toBe("=A1");
  });
});
