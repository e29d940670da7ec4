import { describe, expect, it } from "vitest";
import { formatAmount, formatCount } from "../../../src/taskpane/numbers";

/** The grouping the pane used before Intl.NumberFormat, as an oracle. */
function regexGrouped(integer: string): string {
  const neg = integer.startsWith("-");
  return (neg ? "-" : "") + (neg ? integer.slice(1) : integer).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Deterministic digit strings (fixed seed, so a failure is the same failure every run). */
function* digitStrings(count: number, seed = 20240901): Generator<string> {
  let x = seed >>> 0;
  const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
  for (let i = 0; i < count; i++) {
    const len = 1 + (next() % 40);
    let s = String(1 + (next() % 9));
    for (let j = 1; j < len; j++) s += String(next() % 10);
    yield s;
  }
}

describe("thousands grouping (Intl.NumberFormat on decimal strings)", () => {
  it("the engine formats a decimal string exactly, past the precision of a double", () => {
    const nf = new Intl.NumberFormat("en-US", { maximumFractionDigits: 20 });
    expect(nf.format("12345678901234567890.123" as unknown as number)).toBe("12,345,678,901,234,567,890.123");
    expect(nf.format("9007199254740993" as unknown as number)).toBe("9,007,199,254,740,993");
  });

  it("groups amounts exactly, whatever their size, keeping the sign of a small negative", () => {
    expect(formatAmount("12345678901234567890.123")).toBe("12,345,678,901,234,567,890.12");
    expect(formatAmount("-98765432109876543210.5")).toBe("-98,765,432,109,876,543,210.50");
    expect(formatAmount("-0.004")).toBe("-0.004");
    expect(formatAmount("999.999")).toBe("1,000.00");
    expect(formatAmount("1e-120")).toBe("0." + "0".repeat(119) + "1");
  });

  it("groups counts as before", () => {
    expect([0, 7, 999, 1000, 1234567.4, -1234.6, -0.2, 2 ** 53].map(formatCount)).toEqual([
      "0", "7", "999", "1,000", "1,234,567", "-1,235", "0", "9,007,199,254,740,992",
    ]);
  });

  it("agrees with the hand-written grouping on 2,000 integers of up to 40 digits", () => {
    for (const digits of digitStrings(2000)) {
      expect(formatAmount(digits)).toBe(regexGrouped(digits) + ".00");
      expect(formatAmount("-" + digits + ".25")).toBe(regexGrouped("-" + digits) + ".25");
    }
  });
});
