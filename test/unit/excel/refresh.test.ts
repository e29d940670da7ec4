/**
 * Refresh through the workbench host: January–June, then July; July again refused; a re-issued
 * July replaces July only on confirmation; the user's edit and sheet are kept; a failure at any
 * sync leaves the workbook exactly as it was.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { AlreadyImported, readWorkbookData, refreshWorkbook, WriteCancelled, writeWorkbook, type ExcelRun } from "../../../src/excel/index";
import { withDigest } from "../../../src/import/digest";
import { logEntriesOf } from "../../../src/import/importlog";
import { summarize } from "../../../src/import/index";
import { getCell, setCell } from "../../../src/workbench/host/index";
import { sampleFiles } from "../../../src/workbench/samples";
import { shippedPrices } from "../../../src/import/prices/table";
import { julyFiles, textInput, type TextFile } from "../import/july";
import { newHost, registerAiecon } from "./workbenchHost";

const OPTS = { period: "month" as const, fiscalStartMonth: 1 };
const IMPORT = { period: "month" as const, cost: "billed" as const };

async function imported(files: TextFile[]) {
  const d = files.map((f) => withDigest(textInput(f)));
  const result = await summarize(d.map((x) => x.input), IMPORT);
  return { result, log: logEntriesOf(result, d.map((x) => x.digest()), new Date("2025-08-01T08:00:00Z")) };
}

/** A run whose `failAt`-th sync (counted over every batch) fails. */
function failing(run: ExcelRun, failAt: number): { run: ExcelRun; syncs: () => number } {
  let n = 0;
  const wrapped: ExcelRun = (batch) =>
    run((ctx) => {
      const sync = ctx.sync.bind(ctx);
      ctx.sync = (async () => {
        if (++n === failAt) throw new Error("the network dropped");
        return sync();
      }) as typeof ctx.sync;
      return batch(ctx);
    });
  return { run: wrapped, syncs: () => n };
}

async function h1Workbook() {
  const host = await newHost();
  const h1 = await imported(sampleFiles());
  await writeWorkbook(host.run, h1.result, { ...OPTS, importLog: h1.log });
  await host.run(async (ctx) => {
    ctx.workbook.worksheets.add("My notes").getRange("A1").values = [["keep me"]];
    await ctx.sync();
  });
  return { host, h1 };
}

describe("refreshWorkbook", () => {
  beforeAll(async () => {
    await registerAiecon();
  }, 300_000);

  it("a price typed over a list price in AI Prices is kept by a refresh (written back, read back as typed); other prices stay as shipped", async () => {
    const host = await newHost();
    const h1 = await imported(sampleFiles());
    const opts = { ...OPTS, prices: shippedPrices() };
    await writeWorkbook(host.run, h1.result, { ...opts, importLog: h1.log });
    const pricesSheet = (): { values: unknown[][]; formulas: unknown[][] } => host.snapshot().sheets.find((x) => x.name === "AI Prices")!;
    const before = pricesSheet().values;
    const header = before.findIndex((r) => r[0] === "Model");
    const col = before[header].indexOf("Input per 1M tokens");
    const row = header + 1;
    const model = String(before[row][0]);
    const list = Number(before[row][col]);
    const typed = list / 2 + 0.125;
    await setCell(host, "AI Prices", `${String.fromCharCode(65 + col)}${row + 1}`, typed);
    const jul = await imported(julyFiles());
    await refreshWorkbook(host.run, jul.result, jul.log, opts);
    const after = pricesSheet().values;
    const at = after.findIndex((r) => r[0] === model);
    expect(at).toBeGreaterThan(header);
    expect(after[at][col]).toBe(typed);
    // Another model's list price is as shipped.
    const other = after.findIndex((r, i) => i > header && r[0] !== model && r[0] !== "");
    if (other > 0) expect(after[other][col]).toBe(before[before.findIndex((r) => r[0] === after[other][0])][col]);
    const data = await host.run((ctx) => readWorkbookData(ctx));
    expect(data.prices.find((p) => p.model === model)!.input).toBe(String(typed));
  }, 120_000);

  it("January–June, then July: one workbook of seven months, the user's edit and sheet kept, the log hidden", async () => {
    const { host, h1 } = await h1Workbook();
    // The user corrects a value (AI Value Data, first row's Value, column C).
    await setCell(host, "AI Value Data", "C2", 1234.5);
    const jul = await imported(julyFiles());
    const report = await refreshWorkbook(host.run, jul.result, jul.log, OPTS);
    expect(report.keptRows).toBe(h1.result.costRecords.length + h1.result.volumeRecords.length + h1.result.valueRecords.length);
    const data = await host.run((ctx) => readWorkbookData(ctx));
    expect(data.log.map((e) => e.file)).toEqual([...sampleFiles(), ...julyFiles()].map((f) => f.name));
    expect(data.log.map((e) => e.sha256)).toEqual([...h1.log, ...jul.log].map((e) => e.sha256));
    expect(data.value[0].value).toBe("1234.5");
    expect(new Set(data.cost.map((r) => r.period))).toEqual(new Set(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07"]));
    expect((await getCell(host, "My notes", "A1")).value).toBe("keep me");
    const visibility = await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("AI Import Log");
      ws.load("visibility");
      await ctx.sync();
      return ws.visibility;
    });
    expect(visibility).toBe("Hidden");
    // The records equal an import of all seven months at once, but for the user's edit.
    const all = await summarize([...sampleFiles(), ...julyFiles()].map(textInput), IMPORT);
    expect(data.cost.length).toBe(all.costRecords.length);
    expect(data.volume).toEqual([...h1.result.volumeRecords, ...jul.result.volumeRecords]);
  }, 120_000);

  it("a column the user added to AI Cost Data stays beside its rows; new rows are left blank (the workbench has no structured references)", async () => {
    const { host, h1 } = await h1Workbook();
    const n = h1.result.costRecords.length;
    await host.run(async (ctx) => {
      // Widen the table by one column, as Excel does when a header is typed beside it.
      ctx.workbook.tables.getItem("AiCostData").convertToRange();
      const ws = ctx.workbook.worksheets.getItem("AI Cost Data");
      ws.getRange(`I1:I${n + 1}`).formulas = [["Note"], ...Array.from({ length: n }, (_, i) => [i === 0 ? "checked" : `=G${i + 2}*2`])];
      ws.tables.add(`A1:I${n + 1}`, true).name = "AiCostData";
      await ctx.sync();
    });
    const jul = await imported(julyFiles());
    await refreshWorkbook(host.run, jul.result, jul.log, OPTS);
    const cells = await host.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("AiCostData").getRange();
      t.load("formulas,address");
      await ctx.sync();
      return { f: t.formulas as unknown[][], address: t.address };
    });
    const total = n + jul.result.costRecords.length;
    expect(cells.address).toMatch(new RegExp(`A1:I${total + 1}$`));
    expect(cells.f[0][8]).toBe("Note");
    expect(cells.f[1][8]).toBe("checked");
    expect(cells.f[2][8]).toBe("=G3*2");
    expect(cells.f[total][8]).toBe("");
  }, 120_000);

  it("July a second time is refused, naming the earlier import, and nothing changes", async () => {
    const { host } = await h1Workbook();
    const jul = await imported(julyFiles());
    await refreshWorkbook(host.run, jul.result, jul.log, OPTS);
    const before = JSON.stringify(host.snapshot());
    const again = await imported(julyFiles());
    const err = await refreshWorkbook(host.run, again.result, again.log, OPTS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AlreadyImported);
    expect((err as Error).message).toContain("sample-focus-billing-2025-07.csv was already imported on 2025-08-01 08:00 UTC as sample-focus-billing-2025-07.csv");
    expect(JSON.stringify(host.snapshot())).toBe(before);
  }, 120_000);

  it("a re-issued July: declined → unchanged; confirmed → July replaced, never counted twice", async () => {
    const { host } = await h1Workbook();
    const jul = await imported(julyFiles());
    await refreshWorkbook(host.run, jul.result, jul.log, OPTS);
    const before = JSON.stringify(host.snapshot());
    const re = await imported(julyFiles(true).filter((f) => f.kind === "billing"));
    const questions: string[] = [];
    const declined = await refreshWorkbook(host.run, re.result, re.log, OPTS, { confirmOverlap: async (q) => (questions.push(q), false) }).catch((e: unknown) => e);
    expect(declined).toBeInstanceOf(WriteCancelled);
    expect(questions[0]).toMatch(/^sample-focus-billing-2025-07-reissued\.csv holds 2025-07, which the workbook already has from sample-focus-billing-2025-07\.csv/);
    expect(JSON.stringify(host.snapshot())).toBe(before);
    await refreshWorkbook(host.run, re.result, re.log, OPTS, { confirmOverlap: async () => true });
    const data = await host.run((ctx) => readWorkbookData(ctx));
    const july = data.cost.filter((r) => r.period === "2025-07");
    expect(july.length).toBe(re.result.costRecords.length);
    expect(july.every((r) => r.source === "sample-focus-billing-2025-07-reissued.csv")).toBe(true);
    expect(data.log.map((e) => e.file).at(-1)).toBe("sample-focus-billing-2025-07-reissued.csv");
  }, 120_000);

  it("a failure at any sync of the refresh leaves the workbook exactly as it was", async () => {
    const { host } = await h1Workbook();
    const before = JSON.stringify(host.snapshot());
    const jul = await imported(julyFiles());
    // Count the syncs of a successful refresh on a copy of the same workbook.
    const probe = await h1Workbook();
    const counted = failing(probe.host.run, -1);
    await refreshWorkbook(counted.run, jul.result, jul.log, OPTS);
    const total = counted.syncs();
    expect(total).toBeGreaterThan(3);
    for (let at = 1; at < total; at++) {
      const f = failing(host.run, at);
      const err = await refreshWorkbook(f.run, jul.result, jul.log, OPTS).catch((e: unknown) => e);
      expect(err, `sync ${at}`).toBeInstanceOf(Error);
      expect(JSON.stringify(host.snapshot()), `sync ${at} of ${total}`).toBe(before);
    }
  }, 300_000);
});
