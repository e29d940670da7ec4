/** The import log: entries, duplicate refusal, overlaps and the replacement of a re-issued month. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../../src/core/decimal";
import { withDigest } from "../../../src/import/digest";
import { duplicateMessage, findDuplicates, findOverlaps, logEntriesOf, mergeRecords, mergedResult, type DataRecords } from "../../../src/import/importlog";
import { summarize } from "../../../src/import/index";
import type { ImportResult } from "../../../src/import/types";
import { sampleFiles } from "../../../src/workbench/samples";
import { julyFiles, textInput, type TextFile } from "./july";

const OPTS = { period: "month" as const, cost: "billed" as const };

async function imported(files: TextFile[], when = new Date("2025-07-02T09:30:00Z")) {
  const d = files.map((f) => withDigest(textInput(f)));
  const result = await summarize(d.map((x) => x.input), OPTS);
  return { result, log: logEntriesOf(result, d.map((x) => x.digest()), when) };
}
const records = (r: ImportResult): DataRecords => ({ cost: r.costRecords, volume: r.volumeRecords, value: r.valueRecords });
const sum = (xs: { cost: string }[]): string => xs.reduce((a, x) => a.plus(x.cost), new Decimal(0)).toFixed();

describe("import log", () => {
  it("records name, size, SHA-256 of the bytes, format, periods, rows used and totals per file", async () => {
    const files = sampleFiles();
    const { result, log } = await imported(files);
    expect(log.map((e) => [e.file, e.kind, e.format])).toEqual([
      ["sample-focus-billing-2025H1.csv", "billing", "focus"],
      ["sample-volume-2025H1.csv", "volume", "counts"],
      ["sample-value-2025H1.csv", "value", "value"],
    ]);
    files.forEach((f, i) => {
      const bytes = new TextEncoder().encode(f.text);
      expect(log[i].bytes).toBe(bytes.length);
      expect(log[i].sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(log[i].periods).toEqual(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]);
      expect(log[i].rowsUsed).toBe(result.sources[i].rowsUsed);
      expect(log[i].imported).toBe("2025-07-02T09:30:00.000Z");
    });
    expect(log[0].totals).toEqual(result.totals);
    expect(log[0].provider).toBe([...new Set(result.costRecords.map((r) => r.provider))].sort().join("; "));
  });

  it("July after January–June: no duplicate, no overlap, and the merge equals importing all seven months at once", async () => {
    const h1 = await imported(sampleFiles());
    const jul = await imported(julyFiles());
    expect(findDuplicates(h1.log, jul.log)).toEqual([]);
    expect(findOverlaps(records(h1.result), records(jul.result))).toEqual([]);
    const merged = mergeRecords(records(h1.result), records(jul.result));
    const all = await summarize([...sampleFiles(), ...julyFiles()].map(textInput), OPTS);
    const refreshed = mergedResult(jul.result, merged);
    expect(refreshed.groups).toEqual(all.groups);
    expect(refreshed.totals).toEqual(all.totals);
    expect(merged.kept.cost).toEqual(h1.result.costRecords.map((_, i) => i));
  });

  it("the same July a second time is refused, naming the earlier import", async () => {
    const h1 = await imported(sampleFiles());
    const jul = await imported(julyFiles());
    const again = await imported(julyFiles(), new Date("2025-08-01T00:00:00Z"));
    const dup = findDuplicates([...h1.log, ...jul.log], again.log);
    expect(dup.map((d) => [d.file, d.earlier.file])).toEqual(julyFiles().map((f) => [f.name, f.name]));
    expect(duplicateMessage(dup.slice(0, 1))).toBe(
      `sample-focus-billing-2025-07.csv was already imported on 2025-07-02 09:30 UTC as sample-focus-billing-2025-07.csv (same bytes, SHA-256 ${jul.log[0].sha256.slice(0, 12)}…). Nothing was imported.`,
    );
    // The same bytes under another name are the same file.
    const renamed = await imported(julyFiles().map((f) => ({ ...f, name: "copy of " + f.name })));
    expect(findDuplicates(jul.log, renamed.log).map((d) => d.earlier.file)).toEqual(julyFiles().map((f) => f.name));
    // Two copies in one import.
    expect(findDuplicates([], [...jul.log, ...renamed.log]).length).toBe(3);
  });

  it("a re-issued July overlaps July of the same providers and keys; replacing it never counts July twice", async () => {
    const h1 = await imported(sampleFiles());
    const jul = await imported(julyFiles());
    const existing = mergeRecords(records(h1.result), records(jul.result));
    const re = await imported(julyFiles(true));
    expect(findDuplicates([...h1.log, ...jul.log], re.log).map((d) => d.file)).toEqual(["sample-volume-2025-07-reissued.csv", "sample-value-2025-07-reissued.csv"]);
    const billing = re.result.costRecords;
    const overlaps = findOverlaps(existing, { cost: billing, volume: [], value: [] });
    expect(overlaps).toEqual([
      {
        file: "sample-focus-billing-2025-07-reissued.csv",
        kind: "billing",
        periods: ["2025-07"],
        earlier: ["sample-focus-billing-2025-07.csv"],
        rows: jul.result.costRecords.length,
      },
    ]);
    const replaced = mergeRecords(existing, { cost: billing, volume: [], value: [] });
    const julyCost = replaced.cost.filter((r) => r.period === "2025-07");
    expect(julyCost.every((r) => r.source === "sample-focus-billing-2025-07-reissued.csv")).toBe(true);
    // Exactly 1 USD more than the first July, and January–June untouched.
    expect(sum(julyCost)).toBe(new Decimal(sum(jul.result.costRecords)).plus(1).toFixed());
    expect(replaced.cost.filter((r) => r.period !== "2025-07")).toEqual(h1.result.costRecords);
    const r = mergedResult(re.result, replaced);
    const want = await summarize([...sampleFiles(), ...julyFiles(true)].map(textInput), OPTS);
    expect(r.groups).toEqual(want.groups);
  });
});
