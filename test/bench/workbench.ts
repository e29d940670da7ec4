/**
 * Workbench host benchmark: how fast the in-browser Excel host takes chunked writes, what
 * each sync carries, how long reads, the used range and a snapshot take on a 100k-row
 * sheet, and how long HyperFormula needs for SUMPRODUCT/SUMIFS/AIECON formulas over it.
 * Prints figures only.
 */
import { createHost } from "../../src/workbench/host";
import { loadBuiltFunctions } from "../unit/workbench/load-functions";

function ms(t0: number): string {
  return `${(performance.now() - t0).toFixed(0)} ms`;
}

export async function bench(): Promise<void> {
  loadBuiltFunctions();
  const host = createHost();
  const ROWS = 100_000;
  const CHUNK = 5_000;
  let t0 = performance.now();
  await host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add("AI Cost Data");
    ctx.application.suspendApiCalculationUntilNextSync();
    for (let r = 0; r < ROWS; r += CHUNK) {
      ws.getRangeByIndexes(r + 1, 0, CHUNK, 8).values = Array.from({ length: CHUNK }, (_, i) => [
        `'2025-0${((r + i) % 6) + 1}`,
        `model-${(r + i) % 8}`,
        "OpenAI",
        "Azure OpenAI",
        "Usage",
        "USD",
        ((r + i) % 997) * 0.0137,
        "billing.csv",
      ]);
      await ctx.sync();
    }
  });
  const s = host.stats();
  const writeMs = performance.now() - t0;
  console.log(`workbench: wrote ${ROWS.toLocaleString("en-US")} rows × 8 columns in ${s.syncs} syncs: ${writeMs.toFixed(0)} ms (${((ROWS * 8) / (writeMs / 1000)).toFixed(0)} cells/s)`);
  console.log(`workbench: payload per sync max ${(s.maxPayload / 1024 / 1024).toFixed(2)} MB (limit 5 MB), mean ${(s.payloads.reduce((a, b) => a + b, 0) / s.payloads.length / 1024).toFixed(0)} KB`);
  const sheet = host.model.sheetByName("AI Cost Data")!;
  t0 = performance.now();
  host.model.usedRect(sheet);
  console.log(`workbench: used range of the 100k-row sheet: ${ms(t0)}`);
  t0 = performance.now();
  host.model.readValues(sheet, { r0: 0, c0: 0, r1: 499, c1: 11 });
  console.log(`workbench: values of the first 500 rows (what the grid renders): ${ms(t0)}`);
  t0 = performance.now();
  await host.run(async (ctx) => {
    const u = ctx.workbook.worksheets.add("Unit Economics");
    u.getRange("A1:C4").formulas = Array.from({ length: 4 }, (_, i) => [
      `=SUMPRODUCT(--('AI Cost Data'!$A$2:$A$${ROWS + 1}="2025-0${(i % 6) + 1}"),--('AI Cost Data'!$B$2:$B$${ROWS + 1}="model-${i % 8}"),'AI Cost Data'!$G$2:$G$${ROWS + 1})`,
      `=SUMIFS('AI Cost Data'!$G:$G,'AI Cost Data'!$A:$A,"2025-0${(i % 6) + 1}",'AI Cost Data'!$B:$B,"model-${i % 8}")`,
      `=AIECON.COSTPERINFERENCE(A${i + 1},1000)`,
    ]);
  });
  console.log(`workbench: 4 SUMPRODUCT + 4 SUMIFS over 100k rows + 4 AIECON formulas: ${ms(t0)}`);
  t0 = performance.now();
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("AI Cost Data").getRange("G2").values = [[1]];
  });
  console.log(`workbench: recalculation after one edited cost: ${ms(t0)}`);
  t0 = performance.now();
  const snap = host.snapshot();
  console.log(`workbench: snapshot() of ${snap.sheets.reduce((a, x) => a + x.values.length, 0).toLocaleString("en-US")} rows: ${ms(t0)}`);
}
