/**
 * The parallel CSV reader gives exactly the result of one thread: every real billing sample of
 * ../shared/data and every generated format file (with bad rows of every kind at known lines)
 * read in two ranges on two worker threads equals, deep and printed byte for byte, the same
 * file read on one thread: groups, totals, cost records, counts, skips, rejected rows with
 * their file line numbers, warnings, variant, order.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DATA } from "../helpers";
import { type BadKind, GENERATORS, generate } from "../generators";
import { bothWays, tempFile } from "./threads";

const BILLING_DIRS = ["aws", "azure", "focus", "gcp", "oci"];
const samples = BILLING_DIRS.flatMap((d) =>
  readdirSync(`${DATA}/${d}`)
    .filter((f) => f.endsWith(".csv"))
    .map((f) => `${d}/${f}`),
).sort();

describe("parallel CSV: the real samples", () => {
  it("finds every billing sample", () => {
    expect(samples.length).toBeGreaterThanOrEqual(12);
  });
  for (const rel of samples) {
    it(`${rel}: two threads give the one-thread result`, async () => {
      // As the command line reads it: the first range in this thread, the second in a worker.
      const r = await bothWays(`${DATA}/${rel}`, { inline: true });
      expect(r.fallbacks).toEqual([]);
      expect(r.splits).toHaveLength(1);
      expect(r.splits[0].proven).toBe(true);
      expect(r.one.sources[0].rowsRead).toBeGreaterThan(0);
    });
  }
  // Azure tells actual from amortized by its rows: cut where the two halves saw different rows.
  for (const rel of ["azure/azure_ea_actualcost_small.csv", "azure/azure_ea_amortizedcost_small.csv"]) {
    it(`${rel}: the variant from both ranges' rows, wherever the cut`, async () => {
      for (const at of [0.2, 0.5, 0.8]) {
        const size = (await import("node:fs")).statSync(`${DATA}/${rel}`).size;
        const r = await bothWays(`${DATA}/${rel}`, { candidate: Math.floor(size * at), cost: "effective" });
        expect(r.splits).toHaveLength(1);
        expect(r.one.sources[0].variant).toMatch(/^EA/);
      }
    });
  }
  it("the AWS samples with amortized costs and another key", async () => {
    for (const rel of ["aws/aws_cur2_daily_ha-project.csv", "aws/aws_legacy_cur_hourly_focus-converters.csv"]) {
      const r = await bothWays(`${DATA}/${rel}`, { cost: "effective", key: "service", period: "day" });
      expect(r.splits).toHaveLength(1);
    }
  });
  it("a volume file is read on one thread (only billing files are split)", async () => {
    const r = await bothWays(`${DATA}/volume/azure_llm_inference_trace_code_2023.csv`, { kind: "volume" });
    expect(r.splits).toEqual([]);
    expect(r.fallbacks).toEqual([]);
  });
});

const BAD: BadKind[] = ["non-numeric", "empty-cost", "null-cost", "bad-date", "ragged", "thousands"];

describe("parallel CSV: generated files of every format, with bad rows at known lines", () => {
  for (const g of GENERATORS) {
    if (g.map !== undefined) continue; // a generic file needs its mapping given per file (below)
    it(`${g.format}: the rejected rows of both ranges, at their file lines`, async () => {
      const gen = generate(g, 20241204, 4000, { currencies: ["USD", "EUR"], bad: BAD });
      const path = tempFile(`${g.format}.csv`, gen.text);
      const r = await bothWays(path);
      expect(r.splits).toHaveLength(1);
      const s = r.two.sources[0];
      expect(s.rejected.map((x) => x.line)).toEqual([...gen.bad.keys()].slice(0, 1000));
      // Rejected rows on both sides of the cut.
      const cutLine = gen.text.slice(0, Buffer.from(gen.text).subarray(0, r.splits[0].at).toString().length).split("\n").length;
      expect(s.rejected.some((x) => x.line < cutLine)).toBe(true);
      expect(s.rejected.some((x) => x.line > cutLine)).toBe(true);
    });
  }
  it("more rejected rows than are listed (1000): the first thousand, in file order", async () => {
    const focus = GENERATORS.find((g) => g.format === "focus")!;
    const gen = generate(focus, 7, 12000, { bad: BAD });
    const path = tempFile("many-bad.csv", gen.text);
    const size = Buffer.byteLength(gen.text);
    // The cut before the thousandth rejected row, and after it.
    for (const at of [0.3, 0.9]) {
      const r = await bothWays(path, { candidate: Math.floor(size * at) });
      expect(r.splits).toHaveLength(1);
      expect(r.two.sources[0].rowsRejected).toBe(gen.bad.size);
      expect(r.two.sources[0].rejected.map((x) => x.line)).toEqual([...gen.bad.keys()].slice(0, 1000));
    }
  });
});
