/**
 * Acceptance: the sample workbook built with AIECON functions and built with native Excel
 * formulas computes the same value in every cell of every sheet (workbench HyperFormula).
 */
import { describe, expect, it } from "vitest";
import { writeWorkbook } from "../../../src/excel/index";
import type { Snapshot } from "../../../src/workbench/host/index";
import { newHost } from "./workbenchHost";
import { sampleResult } from "./fixtures";

const OPTS = { period: "month" as const, fiscalStartMonth: 1 };

async function build(formulas: "aiecon" | "native"): Promise<Snapshot> {
  const host = await newHost();
  await writeWorkbook(host.run, sampleResult(), { ...OPTS, formulas });
  return host.snapshot();
}

describe("formulas: native", () => {
  it("computes every cell of every sheet as the AIECON workbook does, with no AIECON call", async () => {
    const a = await build("aiecon");
    const n = await build("native");
    expect(n.sheets.map((s) => s.name)).toEqual(a.sheets.map((s) => s.name));
    let aieconCalls = 0;
    for (const s of a.sheets) for (const row of s.formulas) for (const f of row) if (String(f).includes("AIECON.")) aieconCalls += 1;
    expect(aieconCalls).toBeGreaterThan(0);
    let compared = 0;
    for (const [i, sa] of a.sheets.entries()) {
      const sn = n.sheets[i]!;
      expect(sn.values.length, sa.name).toBe(sa.values.length);
      for (const [r, row] of sa.values.entries()) {
        for (const [c, va] of row.entries()) {
          const vn = sn.values[r]?.[c];
          const where = `${sa.name} r${r + 1} c${c + 1}`;
          expect(String(sn.formulas[r]?.[c]), where).not.toContain("AIECON.");
          if (typeof va === "number" && typeof vn === "number") {
            // A growth rate g = factor − 1 is compared on its factor: binary64 pow before the −1.
            const scale = String(sa.formulas[r]?.[c]).includes("COSTGROWTH") ? 1 + Math.abs(va) : Math.abs(va);
            // A forecast band through T.INV: HyperFormula's T.INV is accurate to about 1.5e-8 only
            // (T.INV(0.9,4) = 1.53320625029 against 1.53320627406), Excel's and the function's to binary64.
            const tol = String(sn.formulas[r]?.[c]).includes("T.INV(") ? 1e-8 : 1e-12;
            expect(Math.abs(va - vn), where).toBeLessThanOrEqual(tol * Math.max(scale, Number.MIN_VALUE));
          } else expect(vn, where).toEqual(va);
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
