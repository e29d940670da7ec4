/**
 * Parquet in the engine: every real CSV sample with a Parquet form, written as Parquet by
 * DuckDB in each codec with DECIMAL and with DOUBLE amounts, gives exactly the groups,
 * totals, row counts and rejected lines of its CSV twin, through the engine and through the
 * command line's code (`run`, a directory and a manifest included).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../../src/cli/run";
import { type ImportOptions, type ImportResult, summarize } from "../../../src/import/index";
import { fileInput } from "../../../src/import/node";
import { DATA } from "./helpers";
import { type AmountType, CODECS, SAMPLES, type Sample, duck, writeDoubleCsv, writeTwin } from "./parquet-twins";

const tmp = mkdtempSync(join(tmpdir(), "aiecon-parquet-"));
afterAll(async () => (await duck()).closeSync());

/** The options each sample is summarized with: the default key, and other keys and bases its format reads. */
function optionsFor(s: Sample): ImportOptions[] {
  const base: ImportOptions = { period: "month", cost: "billed" };
  const more: Partial<ImportOptions>[] = [{ key: "service", period: "day" }, { key: "resource" }, { key: "sku", period: "quarter", fiscalStartMonth: 4 }];
  if (s.file.startsWith("aws/") || s.file.startsWith("focus/")) more.push({ cost: "effective" }, { key: "model", cost: "effective", period: "week" });
  if (s.file.includes("cur2")) more.push({ key: "tag:project" });
  return [base, ...more.map((m) => ({ ...base, ...m }))];
}

/** What must be equal between twins: everything but the file name, the columns and the tag-name spelling. */
function comparable(r: ImportResult): unknown {
  return {
    groups: r.groups,
    totals: r.totals,
    key: r.key,
    costRecords: r.costRecords.map(({ source: _s, ...c }) => c),
    sources: r.sources.map((s) => ({
      kind: s.kind,
      format: s.format,
      rowsRead: s.rowsRead,
      rowsUsed: s.rowsUsed,
      rowsSkipped: s.rowsSkipped,
      skipped: s.skipped,
      rowsRejected: s.rowsRejected,
      rejectedLines: s.rejected.map((x) => x.line),
      totals: s.totals,
      periodRange: s.periodRange,
      currencies: s.currencies,
      tagKeys: s.tagKeys.map((t) => t.toLowerCase().replace(/[^a-z0-9]/g, "")),
    })),
  };
}

describe.each(SAMPLES)("$file as Parquet", (s) => {
  const csv = join(DATA, s.file);
  const opts = optionsFor(s);
  const expected = new Map<string, unknown>();
  /** The CSV twin's result: the sample itself for DECIMAL; for DOUBLE, the sample with its amounts as doubles. */
  const want = async (i: number, amount: AmountType): Promise<unknown> => {
    const id = `${i} ${amount}`;
    if (!expected.has(id)) {
      const twin = amount === "decimal" ? csv : await writeDoubleCsv(tmp, s);
      expected.set(id, comparable(await summarize([fileInput(twin, "billing")], opts[i])));
    }
    return expected.get(id);
  };
  const cases = CODECS.flatMap((codec) => (["decimal", "double"] as AmountType[]).map((amount) => ({ codec, amount })));
  it.each(cases)("$codec, $amount amounts: the same groups, totals, rows and rejected lines as the CSV", async ({ codec, amount }) => {
    const pq = await writeTwin(tmp, s, codec, amount);
    for (let i = 0; i < opts.length; i++) {
      const got = await summarize([fileInput(pq, "billing")], opts[i]);
      expect(comparable(got), `options ${JSON.stringify(opts[i])}`).toEqual(await want(i, amount));
      expect(got.sources[0].rowsRead).toBeGreaterThan(0);
    }
  });
});

async function cli(...args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const status = await run(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { status, out, err };
}

describe("row group by row group", () => {
  it("afterBatch runs once after each row group (the CLI collects garbage there); the result is the same without it", async () => {
    const c = await duck();
    const whole = await writeTwin(tmp, SAMPLES[0], "snappy", "decimal");
    // DuckDB cuts row groups at multiples of its 2,048-row vectors: the sample 12 times over.
    const small = join(tmp, "focus-x12-rg2048.parquet");
    await c.run(`COPY (SELECT f.* FROM read_parquet('${whole}') f, range(12)) TO '${small}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 2048)`);
    const groups = Number((await c.runAndReadAll(`SELECT count(DISTINCT row_group_id) AS n FROM parquet_metadata('${small}')`)).getRowObjects()[0].n);
    expect(groups).toBeGreaterThanOrEqual(5);
    let calls = 0;
    const opts: ImportOptions = { period: "month", cost: "billed", key: "service" };
    const withHook = await summarize([fileInput(small, "billing")], { ...opts, afterBatch: () => calls++ });
    expect(calls).toBe(groups);
    expect(comparable(withHook)).toEqual(comparable(await summarize([fileInput(small, "billing")], opts)));
    expect(withHook.sources[0].rowsRead).toBe(12000);
  });
});

describe("the command line reads Parquet", () => {
  const focus = SAMPLES[0];
  const cur2 = SAMPLES[1];

  it("a Parquet file: summarize --json equals the CSV twin's", async () => {
    const pq = await writeTwin(tmp, focus, "zstd", "decimal");
    const a = await cli("summarize", "--billing", join(DATA, focus.file), "--key", "service", "--json");
    const b = await cli("summarize", "--billing", pq, "--key", "service", "--json");
    expect(b.status).toBe(a.status);
    expect(comparable(JSON.parse(b.out) as ImportResult)).toEqual(comparable(JSON.parse(a.out) as ImportResult));
    const i = await cli("inspect", pq);
    expect(i.out).toMatch(/format focus; rows read 1000/);
    expect(i.out).toMatch(/encoding parquet \(zstd\)/);
  });

  it("a directory of parts is one source, equal to the whole CSV", async () => {
    const dir = join(tmp, "cur2-export");
    mkdirSync(join(dir, "data", "BILLING_PERIOD=2026-04"), { recursive: true });
    const c = await duck();
    const whole = await writeTwin(tmp, cur2, "snappy", "double");
    // Three parts of the one export, written by DuckDB from the whole Parquet file.
    const n = 3;
    for (let p = 0; p < n; p++) {
      const part = join(dir, "data", "BILLING_PERIOD=2026-04", `ha-project-0000${p + 1}.snappy.parquet`);
      await c.run(`COPY (SELECT * FROM read_parquet('${whole}') WHERE hash(identity_line_item_id, line_item_usage_start_date, line_item_line_item_type, line_item_unblended_cost) % ${n} = ${p}) TO '${part}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 300)`);
    }
    // A manifest as AWS writes it, listing the parts (S3 keys), in metadata/.
    const manifestDir = join(dir, "metadata", "BILLING_PERIOD=2026-04");
    mkdirSync(manifestDir, { recursive: true });
    const keys = Array.from({ length: n }, (_, p) => `s3://bucket/prefix/ha-project/data/BILLING_PERIOD=2026-04/ha-project-0000${p + 1}.snappy.parquet`);
    const manifest = join(manifestDir, "ha-project-Manifest.json");
    writeFileSync(manifest, JSON.stringify({ executionId: "x", dataFiles: keys }));

    const a = await cli("summarize", "--billing", join(DATA, cur2.file), "--key", "tag:project", "--json");
    const want = comparable(JSON.parse(a.out) as ImportResult) as { sources: { rowsRead: number; rejectedLines?: number[] }[] };
    for (const given of [dir, manifest]) {
      const b = await cli("summarize", "--billing", given, "--key", "tag:project", "--json");
      expect(b.err).toBe("");
      const r = JSON.parse(b.out) as ImportResult;
      expect(r.sources).toHaveLength(1);
      const got = comparable(r) as { sources: { rowsRead: number; rejectedLines?: number[] }[] };
      // Lines restart in each part: compare the rows, not the lines.
      for (const x of [got, want]) for (const src of x.sources) delete src.rejectedLines;
      expect(got).toEqual(want);
    }

    // A listed part that is missing is an error naming it.
    writeFileSync(manifest, JSON.stringify({ dataFiles: [...keys, "s3://bucket/prefix/ha-project/data/BILLING_PERIOD=2026-04/ha-project-00009.snappy.parquet"] }));
    const m = await cli("summarize", "--billing", manifest);
    expect(m.status).toBe(1);
    expect(m.err).toMatch(/ha-project-00009\.snappy\.parquet, which is not there/);
    expect(basename(manifest)).toBe("ha-project-Manifest.json");
  });
});
