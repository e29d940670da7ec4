import { describe, expect, it } from "vitest";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { inspect } from "../../../src/import/index";
import type { ColumnMap, ImportInput, InspectAsReport, SourceKind } from "../../../src/import/types";

const here = path.dirname(fileURLToPath(import.meta.url));
const FOCUS = path.resolve(here, "../../../../shared/data/focus/focus_1.0_sample_1000.csv");

/** Opens of each input by name: a file is read once. */
const opens = new Map<string, number>();

function input(name: string, kind: SourceKind, text: string | Uint8Array, map?: ColumnMap): ImportInput {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  return {
    name,
    kind,
    size: bytes.byteLength,
    open: () => {
      opens.set(name, (opens.get(name) ?? 0) + 1);
      return new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
    },
    map,
  };
}

/** The file read as the kind it was given as (as the task pane's worker calls it), in one read. */
async function paneInspect(i: ImportInput): Promise<InspectAsReport> {
  opens.delete(i.name);
  const r = await inspect(i, { asKind: i.kind });
  expect(opens.get(i.name), `${i.name} is read once`).toBe(1);
  return r;
}

const GENERIC = "Day,Model,Amount,Currency\n2024-09-01,gpt,1.5,USD\n2024-09-02,gpt,2.25,USD\n2024-10-01,claude,abc,USD\n";

describe("inspect(input, { asKind }): a file read as the kind the user gave it", () => {
  it("reads a FOCUS billing file as the engine's inspect does", async () => {
    const r = await paneInspect(input("focus.csv", "billing", readFileSync(FOCUS)));
    expect(r.needsMap).toBe(false);
    expect(r.detected).toBeUndefined();
    expect(r.report).toMatchObject({ kind: "billing", format: "focus", rowsRead: 1000, rowsUsed: 1000, currencies: ["USD"], periodRange: { first: "2024-09", last: "2024-09" } });
    expect(r.report.totals.USD).toBe("20.52022672899");
    expect(r.report.tagKeys).toContain("application");
  });

  it("asks for a column mapping of an unrecognised billing file, with its columns and first rows", async () => {
    const r = await paneInspect(input("costs.csv", "billing", GENERIC));
    expect(r.needsMap).toBe(true);
    expect(r.mapError).toBeUndefined();
    expect(r.report.kind).toBe("billing");
    expect(r.report.format).toBe("generic");
    expect(r.report.columns).toEqual(["Day", "Model", "Amount", "Currency"]);
    expect(r.report.preview[0]).toEqual(["2024-09-01", "gpt", "1.5", "USD"]);
    expect(r.report.rowsRead).toBe(0);
  });

  it("reads a mapped generic billing file as billing, with exact totals and rejected lines", async () => {
    const r = await paneInspect(input("costs.csv", "billing", GENERIC, { date: "Day", cost: "Amount", currency: "Currency", key: "Model" }));
    expect(r.needsMap).toBe(true);
    expect(r.mapError).toBeUndefined();
    expect(r.report).toMatchObject({ kind: "billing", format: "generic", rowsRead: 3, rowsUsed: 2, rowsRejected: 1, totals: { USD: "3.75" } });
    expect(r.report.rejected[0].line).toBe(4);
    expect(r.report.columns).toEqual(["Day", "Model", "Amount", "Currency"]);
    expect(r.report.preview).toHaveLength(3);
  });

  it("says what is wrong with a mapping that names a missing column", async () => {
    const r = await paneInspect(input("costs.csv", "billing", GENERIC, { date: "When", cost: "Amount", currency: "USD" }));
    expect(r.needsMap).toBe(true);
    expect(r.mapError).toMatch(/When/);
  });

  it("asks for a mapping of a volume file whose columns are not recognised, and reads it once mapped", async () => {
    const text = "when,thing,n\n2024-09-01,gpt,3\n2024-09-02,gpt,4\n";
    const r = await paneInspect(input("v.csv", "volume", text));
    expect(r.needsMap).toBe(true);
    expect(r.report.columns).toEqual(["when", "thing", "n"]);
    const m = await paneInspect(input("v.csv", "volume", text, { date: "when", count: "n", key: "thing" }));
    expect(m.report).toMatchObject({ kind: "volume", rowsUsed: 2, inferences: 7 });
  });

  it("notices a billing export given as a volume file", async () => {
    const r = await paneInspect(input("focus.csv", "volume", readFileSync(FOCUS)));
    expect(r.detected).toEqual({ kind: "billing", format: "focus" });
    expect(r.report.kind).toBe("volume");
  });

  it("reads a file as the kind asked for, whatever the input's own kind", async () => {
    const r = await inspect(input("v.csv", "billing", "date,model,requests\n2024-09-01,gpt,3\n"), { asKind: "volume" });
    expect(r).toMatchObject({ needsMap: false, report: { kind: "volume", format: "counts", inferences: 3 } });
    expect(r.detected).toBeUndefined();
  });

  it("reads a value file without a currency as the engine's inspect does (the billing currency, known at import)", async () => {
    const r = await paneInspect(input("val.csv", "value", "date,value\n2024-09-01,5\n"));
    expect(r.needsMap).toBe(false);
    expect(r.report.totals).toEqual({ "(billing currency)": "5" });
  });

  it("stops reading an unrecognised file once the header and first rows are read", async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `2024-09-01,gpt,${i}.5,USD`).join("\n");
    const r = await paneInspect(input("big.csv", "billing", GENERIC.split("\n")[0] + "\n" + rows + "\n"));
    expect(r.needsMap).toBe(true);
    expect(r.report.preview).toHaveLength(10);
    expect(r.report.rowsRead).toBe(0);
  });

  it("throws the errors a mapping cannot cure, with their code", async () => {
    await expect(paneInspect(input("dup.csv", "billing", "Day,Day\n1,2\n"))).rejects.toMatchObject({ code: "bad-header" });
    await expect(paneInspect(input("nocur.csv", "billing", "Day,Amount\n2024-09-01,1\n", { date: "Day", cost: "Amount" }))).rejects.toMatchObject({ code: "no-currency" });
  });

  it("throws the engine's error, naming the file, for an empty file", async () => {
    await expect(paneInspect(input("empty.csv", "billing", ""))).rejects.toThrow(/empty\.csv.*empty/);
  });
});
