/**
 * Unit Economics' *Priced as*, *Token cost (list)* and *Billed − list* (src/excel/plan/unit-list.ts),
 * evaluated in the workbench host: equal to the engine's list cost (src/import/listcost.ts) and
 * to the arithmetic here, blank without tokens, and following a price edited in AI Prices.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { writeWorkbook } from "../../../src/excel/index";
import { planWorkbook } from "../../../src/excel/plan";
import { listCosts, listKey } from "../../../src/import/listcost";
import { shippedPrices } from "../../../src/import/prices/table";
import { setCell, type SnapshotSheet, type WorkbenchHost } from "../../../src/workbench/host/index";
import { sampleResult } from "./fixtures";
import { newHost } from "./workbenchHost";

const OPTS = { period: "month" as const, fiscalStartMonth: 1 };

function table(s: SnapshotSheet): Record<string, unknown>[] {
  const head = s.values[0] as string[];
  return s.values.slice(1).filter((r) => r[0] !== "" && r[0] !== null).map((r) => Object.fromEntries(head.map((h, c) => [h, r[c]])));
}

describe("Unit Economics at list price", () => {
  let host: WorkbenchHost;
  const sheet = (name: string): SnapshotSheet => host.snapshot().sheets.find((s) => s.name === name) as SnapshotSheet;
  beforeAll(async () => {
    host = await newHost();
    await writeWorkbook(host.run, sampleResult(), { ...OPTS, prices: shippedPrices() });
  }, 300_000);

  it("gains the three columns only with a price table; AI Prices holds the matched models", () => {
    const plain = planWorkbook(sampleResult(), OPTS).sheets.find((s) => s.id === "unit");
    expect(plain?.blocks[0].cells[0]).not.toContain("Token cost (list)");
    const head = sheet("Unit Economics").values[0];
    expect(head.slice(-5)).toEqual(["Input tokens", "Output tokens", "Priced as", "Token cost (list)", "Billed − list"]);
    expect(table(sheet("AI Prices")).map((r) => r.Model)).toEqual(["gpt-4o"]);
  });

  it("token cost equals the engine's list cost and 50,000 × 2.5 + 20,000 × 10 per million; billed − list is cost − that", () => {
    const r = sampleResult();
    const engine = listCosts(r.volumeRecords, shippedPrices()).byGroup;
    const rows = table(sheet("Unit Economics"));
    const gpt = rows.filter((x) => x.Key === "gpt-4o");
    expect(gpt.length).toBe(6);
    for (const x of gpt) {
      expect(x["Priced as"]).toBe("gpt-4o");
      expect(x["Token cost (list)"]).toBeCloseTo(0.325, 12);
      expect(String(x["Token cost (list)"])).toBe(engine.get(listKey(String(x.Period), "gpt-4o"))?.listCost);
      const billed = r.costRecords.filter((c) => c.key === "gpt-4o" && c.period === x.Period).reduce((a, c) => a + Number(c.cost), 0);
      expect(x["Billed − list"] as number).toBeCloseTo(billed - 0.325, 10);
    }
    for (const x of rows.filter((y) => y.Key !== "gpt-4o")) expect([x["Priced as"], x["Token cost (list)"], x["Billed − list"]]).toEqual(["", "", ""]);
    expect(gpt.map((x) => [x["Input tokens"], x["Output tokens"]])).toEqual(new Array(6).fill([50000, 20000]));
  });

  it("a negotiated price typed over the list price flows into the token cost", async () => {
    const row = sheet("AI Prices").values.findIndex((v) => v[0] === "gpt-4o");
    await setCell(host, "AI Prices", `C${row + 1}`, 2);
    const gpt = table(sheet("Unit Economics")).filter((x) => x.Key === "gpt-4o");
    for (const x of gpt) expect(x["Token cost (list)"]).toBeCloseTo((50000 * 2 + 20000 * 10) / 1e6, 12);
  }, 60_000);
});
