/**
 * Workbook writer benchmark: an ImportResult of 100,000 cost line items × 8 columns
 * (12 months × 8 models, with volume) written into the workbench host in node, with
 * the AIECON functions of the built bundle registered in its HyperFormula engine.
 * Prints the number of syncs, rows per sync, the largest payload and the time.
 * Targets: every sync ≤ 5 MB, at least 5,000 rows per data sync. No timed assertions.
 */
import { writeWorkbook, PAYLOAD_LIMIT_BYTES } from "../../src/excel/index";
import { largeResult } from "../unit/excel/fixtures";
import { newHost } from "../unit/excel/workbenchHost";
import type { WorkbenchHost } from "../../src/workbench/host/index";
import { createHost } from "../../src/workbench/host/index";

const ROWS = 100_000;
const KEYS = 8;

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

export async function bench(): Promise<void> {
  let host: WorkbenchHost;
  let functions = "AIECON functions of the built bundle";
  try {
    host = await newHost();
  } catch (e) {
    functions = `WITHOUT the AIECON functions (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`;
    host = createHost();
  }
  const t0 = performance.now();
  const result = largeResult(ROWS, KEYS);
  const tBuilt = performance.now();
  const syncs: { rows: number; bytes: number; stage: string; ms: number }[] = [];
  let last = performance.now();
  const report = await writeWorkbook(host.run, result, { period: "month", fiscalStartMonth: 1, chunkRows: 5000 }, {}, {
    onSync: (s) => {
      const now = performance.now();
      syncs.push({ rows: s.rows, bytes: s.bytes, stage: s.stage, ms: now - last });
      last = now;
    },
  });
  const tDone = performance.now();
  const stats = host.stats();
  const dataSyncs = syncs.filter((s) => s.rows > 0);
  const fullData = dataSyncs.slice(0, -1);
  console.log(`host: workbench (node), ${functions}`);
  console.log(
    `input: ${ROWS.toLocaleString("en")} cost line items × 8 columns, ${result.volumeRecords.length} volume rows, ${result.groups.length} unit-economics rows`,
  );
  console.log(`syncs: ${stats.syncs} (report ${report.syncs}); syncs carrying data rows: ${dataSyncs.length}`);
  console.log(
    `rows per data sync: min ${Math.min(...fullData.map((s) => s.rows))} (all but the last), last ${dataSyncs[dataSyncs.length - 1]?.rows}, max ${Math.max(...dataSyncs.map((s) => s.rows))}`,
  );
  console.log(
    `largest payload: ${mb(stats.maxPayload)} measured by the host (writer's estimate ${mb(report.largestPayloadBytes ?? 0)}); limit ${mb(PAYLOAD_LIMIT_BYTES)}; every sync ≤ 5 MB: ${stats.payloads.every((p) => p <= PAYLOAD_LIMIT_BYTES) ? "yes" : "NO"}`,
  );
  console.log(`time: building the ImportResult ${(tBuilt - t0).toFixed(0)} ms; writing ${((tDone - tBuilt) / 1000).toFixed(2)} s`);
  const slowest = [...syncs].sort((a, b) => b.ms - a.ms)[0];
  console.log(
    `  of which data-sheet syncs ${(fullData.reduce((n, s) => n + s.ms, 0) / 1000).toFixed(2)} s; slowest sync ${(slowest.ms / 1000).toFixed(2)} s (${slowest.stage}: HyperFormula computing the SUMIFS over ${ROWS.toLocaleString("en")} rows)`,
  );
}
