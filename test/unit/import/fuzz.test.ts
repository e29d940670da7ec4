/** Whatever the bytes, the engine either returns a reconciled result or an ImportError: never a crash. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ImportError, summarize } from "../../../src/import/index";
import { D, memInput } from "./helpers";

const HEAD = "BilledCost,ChargePeriodStart,BillingCurrency,ServiceName,Tags\n";
const cellArb = fc.oneof(
  fc.constantFrom("1.5", "-2", "NULL", "", "abc", "5.64902E-05", "1,234.5", "2024-09-01", "2024-13-01", "USD", "EUR", '{"model":"m"}', "=SUM(A1)"),
  fc.string({ maxLength: 6 }),
);

describe("fuzz", () => {
  it("random rows: result reconciles or an ImportError", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cellArb, { minLength: 3, maxLength: 6 }), { maxLength: 25 }),
        fc.integer({ min: 1, max: 50 }),
        async (rows, chunk) => {
          const text = HEAD + rows.map((r) => r.map((c) => (/[",\n\r]/.test(c) ? '"' + c.replace(/"/g, '""') + '"' : c)).join(",")).join("\n");
          try {
            const r = await summarize([memInput("f.csv", text, "billing", { chunk })], { period: "day", cost: "billed" });
            const s = r.sources[0];
            expect(s.rowsUsed + s.rowsSkipped + s.rowsRejected).toBe(s.rowsRead);
            const byCur: Record<string, InstanceType<typeof D>> = {};
            for (const g of r.groups) byCur[g.currency] = (byCur[g.currency] ?? new D(0)).plus(g.cost);
            for (const [c, t] of Object.entries(r.totals)) expect(byCur[c].eq(t)).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(ImportError);
          }
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  it("random bytes: an ImportError or a result, never another exception", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 200 }), async (bytes) => {
        try {
          await summarize([memInput("b.bin", bytes, "billing", { chunk: 7 })], { period: "month", cost: "billed" });
        } catch (e) {
          expect(e).toBeInstanceOf(ImportError);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
