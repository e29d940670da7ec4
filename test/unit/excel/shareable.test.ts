import { describe, expect, it } from "vitest";
import { writeWorkbook } from "../../../src/excel/index";
import { makeShareable } from "../../../src/excel/shareable";
import { getCell, setCell } from "../../../src/workbench/host/index";
import { newHost } from "./workbenchHost";
import { sampleResult } from "./fixtures";

const OPTS = { period: "month" as const, fiscalStartMonth: 1 };

describe("makeShareable", () => {
  it("rewrites every AIECON call of the own sheets, values unchanged, user sheets untouched", async () => {
    const host = await newHost();
    await setCell(host, "Sheet1", "A1", "=AIECON.ROIMULTIPLE(3,1)");
    await writeWorkbook(host.run, sampleResult(), OPTS);
    const before = host.snapshot();
    const calls = before.sheets.filter((s) => s.name !== "Sheet1").flatMap((s) => s.formulas.flat()).filter((f) => String(f).includes("AIECON.")).length;
    expect(calls).toBeGreaterThan(0);
    const report = await makeShareable(host.run);
    expect(report.changed).toBe(calls);
    expect(report.untranslated).toEqual([]);
    expect(report.syncs).toBeLessThanOrEqual(3);
    const after = host.snapshot();
    for (const [i, sb] of before.sheets.entries()) {
      const sa = after.sheets[i]!;
      expect(sa.name).toBe(sb.name);
      for (const [r, row] of sb.values.entries()) {
        for (const [c, vb] of row.entries()) {
          const va = sa.values[r]?.[c];
          const where = `${sb.name} r${r + 1} c${c + 1}`;
          if (sb.name !== "Sheet1") expect(String(sa.formulas[r]?.[c]), where).not.toContain("AIECON.");
          if (typeof vb === "number" && typeof va === "number") {
            const scale = String(sb.formulas[r]?.[c]).includes("COSTGROWTH") ? 1 + Math.abs(vb) : Math.abs(vb);
            // A forecast band through T.INV: HyperFormula's T.INV is accurate to about 1.5e-8 only (Excel's to binary64).
            const tol = String(sa.formulas[r]?.[c]).includes("T.INV(") ? 1e-8 : 1e-12;
            expect(Math.abs(va - vb), where).toBeLessThanOrEqual(tol * Math.max(scale, Number.MIN_VALUE));
          } else expect(va, where).toEqual(vb);
        }
      }
    }
    expect((await getCell(host, "Sheet1", "A1")).formula).toBe("=AIECON.ROIMULTIPLE(3,1)");
    // Idempotent.
    expect((await makeShareable(host.run)).changed).toBe(0);
  });
});
