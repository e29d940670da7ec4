/** Every `ImportError` carries a code; each code is produced by at least one input here. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { ImportError, LIMITS, MAPPABLE_CODES, inspect, summarize } from "../../../src/import/index";
import type { ImportErrorCode, ImportInput, ImportOptions, RandomAccess } from "../../../src/import/index";
import { fileInput, pathInputs } from "../../../src/import/node";
import { DATA, memInput } from "./helpers";

const OPTS: ImportOptions = { period: "month", cost: "billed" };
const FOCUS_ROW = "BilledCost,ChargePeriodStart,BillingCurrency\n1,2024-09-01,USD\n";

async function codeOf(run: () => Promise<unknown>): Promise<{ code: ImportErrorCode; message: string }> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    const err = e as ImportError;
    return { code: err.code, message: err.message };
  }
  throw new Error("no error was thrown");
}

const sum1 = (input: ImportInput, o: Partial<ImportOptions> = {}) => () => summarize([input], { ...OPTS, ...o });
const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);

/** One input per code; the Record makes a new code without an input a compile error. */
const CASES: Record<ImportErrorCode, { run: () => Promise<unknown>; message: RegExp }> = {
  unreadable: {
    run: sum1({
      name: "gone.csv",
      kind: "billing",
      open: () => {
        throw new Error("EACCES");
      },
    }),
    message: /gone\.csv: the file cannot be read \(EACCES\)/,
  },
  empty: { run: sum1(memInput("empty.csv", "")), message: /empty\.csv: the file is empty/ },
  "no-header": { run: sum1(memInput("blank.csv", "\n\n\n")), message: /blank\.csv: the file has no header line/ },
  "bad-header": { run: sum1(memInput("dup.csv", "Day,Day\n2024-09-01,1\n")), message: /dup\.csv: duplicate column name 'Day'/ },
  encoding: {
    run: sum1(memInput("latin.csv", bytes(...new TextEncoder().encode("Day,Cost\n2024-09-01,"), 0xe9, 0x0a))),
    message: /latin\.csv, line 2: the file is not valid UTF-8 text/,
  },
  compression: {
    run: sum1(memInput("cut.csv.gz", gzipSync(new TextEncoder().encode(FOCUS_ROW.repeat(50))).subarray(0, 30))),
    message: /cut\.csv\.gz: the gzip data is damaged or truncated/,
  },
  "csv-syntax": {
    run: sum1(memInput("quote.csv", 'BilledCost,ChargePeriodStart,BillingCurrency\n1,"2024-09-01,USD\n')),
    message: /quote\.csv, line 2: unterminated quoted field/,
  },
  "bad-json": { run: sum1(memInput("bad.json", "{ not json")), message: /bad\.json: the JSON cannot be read/ },
  "too-large": {
    run: () => {
      LIMITS.jsonMaxChars = 16;
      return summarize([memInput("big.json", `{"data": [${" ".repeat(64)}]}`)], OPTS);
    },
    message: /big\.json: the JSON export is larger than 16 characters/,
  },
  "not-recognised": {
    run: sum1(memInput("costs.csv", "Day,Amount\n2024-09-01,1\n")),
    message: /costs\.csv: the billing format was not recognised; give a column mapping/,
  },
  "missing-columns": {
    run: sum1(memInput("nocur.csv", "BilledCost,ChargePeriodStart,ServiceName\n1,2024-09-01,x\n")),
    message: /nocur\.csv: looks like a focus export but required column\(s\) are missing: BillingCurrency/,
  },
  "no-currency": {
    run: sum1(memInput("costs.csv", "Day,Amount\n2024-09-01,1\n", "billing", { map: { date: "Day", cost: "Amount" } })),
    message: /costs\.csv: no currency/,
  },
  "wrong-kind": {
    run: sum1(memInput("usage.json", readFileSync(join(DATA, "llm/openai_usage_completions_api_doc_example.json")))),
    message: /usage\.json: this JSON is a volume export \(.*\), but it was given as a billing file/,
  },
  "bad-option": {
    run: sum1(memInput("f.csv", FOCUS_ROW), { period: "year" as ImportOptions["period"] }),
    message: /unknown period 'year': use day, week, month or quarter/,
  },
  assumption: {
    run: () =>
      summarize([memInput("f.csv", FOCUS_ROW), memInput("v.csv", "date,model,requests\n2024-09-01,x,3\n", "volume")], {
        ...OPTS,
        assumptions: [
          { key: "x", valuePerInference: "1" },
          { key: "X", valuePerInference: "2" },
        ],
      }),
    message: /the value assumptions for 'x' and 'X' are for the same key/,
  },
  // More Parquet errors (footer, codec, column types, parts) in parquet-values.test.ts.
  parquet: {
    run: sum1({ ...memInput("cut.parquet", bytes(0x50, 0x41, 0x52, 0x31, 1, 2, 3)), random: () => ramOf(bytes(0x50, 0x41, 0x52, 0x31, 1, 2, 3)) }),
    message: /cut\.parquet: the Parquet footer cannot be read/,
  },
  "missing-part": {
    run: async () => {
      const dir = mkdtempSync(join(tmpdir(), "aiecon-manifest-"));
      const m = join(dir, "Manifest.json");
      writeFileSync(m, JSON.stringify({ dataFiles: ["s3://b/x/data/BILLING_PERIOD=2026-04/part-00001.snappy.parquet"] }));
      return summarize(pathInputs(m, "billing"), OPTS);
    },
    message: /Manifest\.json: the manifest lists s3:\/\/b\/x\/data\/BILLING_PERIOD=2026-04\/part-00001\.snappy\.parquet, which is not there/,
  },
};

/** Random access over bytes in memory. */
function ramOf(b: Uint8Array): RandomAccess {
  return { byteLength: b.byteLength, slice: async (s, e) => b.slice(s, e).buffer };
}

describe("ImportError codes", () => {
  const limit = LIMITS.jsonMaxChars;
  afterEach(() => {
    LIMITS.jsonMaxChars = limit;
  });

  for (const [code, c] of Object.entries(CASES) as [ImportErrorCode, (typeof CASES)[ImportErrorCode]][]) {
    it(`${code}`, async () => {
      const e = await codeOf(c.run);
      expect(e.code).toBe(code);
      expect(e.message).toMatch(c.message);
    });
  }

  it("more inputs of a code: a directory, a missing file, a gzip the platform cannot read, JSON of no export, a volume file of no known columns", async () => {
    expect((await codeOf(async () => fileInput(DATA, "billing"))).code).toBe("unreadable");
    expect((await codeOf(() => summarize([fileInput(join(DATA, "nope.csv"), "billing")], OPTS))).code).toBe("unreadable");
    expect((await codeOf(sum1(memInput("only0.csv", bytes(0x41, 0x00, 0x00, 0x42, 0x41, 0x42, 0x43, 0x44))))).code).toBe("encoding");
    expect((await codeOf(sum1(memInput("e.json", "{}")))).code).toBe("bad-json");
    expect((await codeOf(() => inspect(memInput("v.csv", "a,b\n1,2\n", "volume")))).code).toBe("not-recognised");
    expect((await codeOf(sum1(memInput("v.csv", "a,b\n1,2\n", "volume")))).code).toBe("missing-columns");
    expect((await codeOf(sum1(memInput("val.csv", "date,value\n2024-09-01,5\n", "value")))).code).toBe("no-currency");
    expect((await codeOf(sum1(memInput("f.csv", FOCUS_ROW), { key: "team" }))).code).toBe("bad-option");
    expect((await codeOf(sum1(memInput("f.csv", FOCUS_ROW), { fiscalStartMonth: 13 }))).code).toBe("bad-option");
    expect((await codeOf(sum1(memInput("f.csv", FOCUS_ROW), { cost: "list" as ImportOptions["cost"] }))).code).toBe("bad-option");
  });

  it("a column mapping cures exactly the unrecognised format and missing columns", () => {
    expect([...MAPPABLE_CODES].sort()).toEqual(["missing-columns", "not-recognised"]);
  });
});
