/**
 * Parquet values and bad Parquet: DECIMAL of every physical width exact, DOUBLE and FLOAT as
 * their shortest decimals, timestamps of every unit (and with a time zone) in UTC, nulls as
 * missing values; a damaged file, an unsupported codec, a column of the wrong type, parts of
 * different exports and a Parquet stream are ImportErrors naming file, column and row group.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ImportError, type ImportInput, type ImportOptions, summarize } from "../../../src/import/index";
import { fileInput } from "../../../src/import/node";
import { decimalText, doubleText, floatText } from "../../../src/import/parquet-values";
import { D, memInput } from "./helpers";
import { duck } from "./parquet-twins";

const tmp = mkdtempSync(join(tmpdir(), "aiecon-pqv-"));
const OPTS: ImportOptions = { period: "month", cost: "billed", key: "service" };
afterAll(async () => (await duck()).closeSync());

async function parquet(name: string, select: string, opts = "COMPRESSION snappy"): Promise<string> {
  const out = join(tmp, name);
  await (await duck()).run(`COPY (${select}) TO '${out}' (FORMAT parquet, ${opts})`);
  return out;
}

async function errorOf(run: () => Promise<unknown>): Promise<ImportError> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error("no error was thrown");
}

describe("value text", () => {
  it("DECIMAL: the exact decimal of the unscaled integer", () => {
    expect(decimalText(-123456789012345678901234567890n, 20)).toBe("-1234567890.12345678901234567890");
    expect(decimalText(5n, 4)).toBe("0.0005");
    expect(decimalText(-5n, 0)).toBe("-5");
    expect(decimalText(0n, 3)).toBe("0.000");
  });
  it("DOUBLE and FLOAT: the shortest decimal that reads back as the same number", () => {
    for (const x of [0.1, 1 / 3, 5.64902e-5, -7e-10, 1e21, 123456.789, 2 ** -1074, -0.000123]) {
      const t = doubleText(x);
      expect(Number(t)).toBe(x);
      expect(t).not.toMatch(/e/i);
      expect(new D(t).eq(new D(String(x)))).toBe(true);
    }
    expect(floatText(Math.fround(0.1))).toBe("0.1");
    expect(floatText(Math.fround(-2.675))).toBe("-2.675");
    expect(doubleText(NaN)).toBe("NaN");
  });
});

describe("Parquet values through the engine", () => {
  it("DECIMAL in INT32, INT64 and FIXED_LEN_BYTE_ARRAY sums exactly; DOUBLE and REAL as their shortest decimals", async () => {
    const rows = [
      ["1.2345", "123456789012.123456", "12345678901234567.12345678901234567891", "0.1", "0.1"],
      ["-0.0001", "-0.000001", "-0.00000000000000000001", "5.64902E-05", "2.675"],
      ["99999.9999", "999999999999.999999", "99999999999999999.99999999999999999999", "-7.0E-10", "-1.5"],
    ];
    const values = rows.map((r) => `(${r.map((v, i) => `'${v}'::${["DECIMAL(9,4)", "DECIMAL(18,6)", "DECIMAL(38,20)", "DOUBLE", "REAL"][i]}`).join(", ")})`);
    const cols = ["a", "b", "c", "d", "e"];
    for (const [i, col] of cols.entries()) {
      const pq = await parquet(
        `dec-${col}.parquet`,
        `SELECT v.${col} AS BilledCost, TIMESTAMP '2024-09-01' AS ChargePeriodStart, 'USD' AS BillingCurrency, 'S' AS ServiceName FROM (VALUES ${values.join(", ")}) v(${cols.join(", ")})`,
      );
      const r = await summarize([fileInput(pq, "billing")], OPTS);
      const want = rows.reduce((s, row) => s.plus(i === 4 ? String(Math.fround(Number(row[i]))) : row[i]), new D(0));
      if (i === 4) {
        // REAL: each value is its float's shortest decimal (0.1, 2.675, -1.5).
        expect(r.totals.USD).toBe("1.275");
      } else expect(r.totals.USD).toBe(want.toFixed());
      expect(r.sources[0].rowsUsed).toBe(3);
    }
  });

  it("timestamps in every unit, with and without a time zone, and dates: UTC periods, never rounded into the next day", async () => {
    // One file per unit (a column holds one type): each row's period.
    const cases: [string, string, string][] = [
      ["TIMESTAMP_NS '2024-09-30 23:59:59.999999999'", "", "2024-09"],
      ["CAST(TIMESTAMP '2024-09-30 23:59:59.999' AS TIMESTAMP_MS)", "", "2024-09"],
      ["CAST(TIMESTAMP '2024-09-30 23:59:59' AS TIMESTAMP_S)", "", "2024-09"],
      ["TIMESTAMP '2024-09-30 23:59:59.999999'", "", "2024-09"],
      ["TIMESTAMPTZ '2024-09-30 22:30:00-05:00'", "", "2024-10"],
      ["TIMESTAMP '1969-12-31 23:59:59.999999'", "", "1969-12"],
      ["DATE '2024-02-29'", "", "2024-02"],
      ["TIMESTAMP '2024-09-30 23:59:59.999999'", "TIMESTAMP_NS", "2024-09"],
    ];
    await (await duck()).run("SET TimeZone = 'UTC'");
    for (const [i, [expr, cast, period]] of cases.entries()) {
      const e = cast ? `CAST(${expr} AS ${cast})` : expr;
      const f = await parquet(`t${i}.parquet`, `SELECT 1.5::DECIMAL(4,2) AS BilledCost, ${e} AS ChargePeriodStart, 'usd' AS BillingCurrency, 'S' AS ServiceName`);
      const r = await summarize([fileInput(f, "billing")], { ...OPTS, period: "month" });
      expect(r.groups.map((g) => [g.period, g.currency, g.cost]), expr).toEqual([[period, "USD", "1.5"]]);
    }
  });

  it("a null amount is a rejected row (with its line); a null tag map and null text are missing values", async () => {
    const pq = await parquet(
      "nulls.parquet",
      `SELECT * FROM (VALUES
        (1.25::DECIMAL(10,2), TIMESTAMP '2024-09-01', 'USD', MAP {'model': 'gpt-4o'}),
        (NULL, TIMESTAMP '2024-09-02', 'USD', NULL),
        (2.00::DECIMAL(10,2), TIMESTAMP '2024-09-03', 'USD', NULL),
        (3.00::DECIMAL(10,2), NULL, 'USD', MAP {'model': 'x'})
      ) v(BilledCost, ChargePeriodStart, BillingCurrency, Tags)`,
    );
    const r = await summarize([fileInput(pq, "billing")], { period: "month", cost: "billed" });
    expect(r.key).toBe("tag:model");
    expect(r.groups.map((g) => [g.key, g.cost])).toEqual([
      ["(unattributed)", "2"],
      ["gpt-4o", "1.25"],
    ]);
    expect(r.sources[0].rejected).toEqual([
      { line: 3, reason: "BilledCost is empty" },
      { line: 5, reason: "ChargePeriodStart is empty" },
    ]);
  });
});

describe("bad Parquet is an ImportError naming the file, the column and the row group", () => {
  const good = async (name: string): Promise<string> =>
    parquet(name, `SELECT 1.5::DECIMAL(4,2) AS BilledCost, TIMESTAMP '2024-09-01' AS ChargePeriodStart, 'USD' AS BillingCurrency, 'S' AS ServiceName FROM range(10)`);

  it("a truncated footer, and a wrong magic number at the end", async () => {
    const src = readFileSync(await good("whole.parquet"));
    const cut = join(tmp, "cut.parquet");
    writeFileSync(cut, src.subarray(0, src.length - 30));
    const e1 = await errorOf(() => summarize([fileInput(cut, "billing")], OPTS));
    expect(e1.code).toBe("parquet");
    expect(e1.message).toMatch(/^cut\.parquet: the Parquet footer cannot be read/);
    const bad = Buffer.from(src);
    bad.write("PAR2", bad.length - 4);
    const magic = join(tmp, "magic.parquet");
    writeFileSync(magic, bad);
    const e2 = await errorOf(() => summarize([fileInput(magic, "billing")], OPTS));
    expect(e2.code).toBe("parquet");
    expect(e2.message).toMatch(/magic\.parquet: the Parquet footer cannot be read \(.*PAR1/);
  });

  it("an unsupported codec (LZO), naming the row group and the column", async () => {
    const src = Buffer.from(readFileSync(await good("snappy.parquet")));
    // ColumnMetaData: codec (field 4, i32) SNAPPY = zigzag 2, then num_values (field 5, i64): 15 02 16 → LZO (3) = 15 06 16.
    let n = 0;
    for (let i = 0; i + 2 < src.length; i++) {
      if (src[i] === 0x15 && src[i + 1] === 0x02 && src[i + 2] === 0x16) {
        src[i + 1] = 0x06;
        n++;
      }
    }
    expect(n).toBeGreaterThan(0);
    const lzo = join(tmp, "lzo.parquet");
    writeFileSync(lzo, src);
    const e = await errorOf(() => summarize([fileInput(lzo, "billing")], OPTS));
    expect(e.code).toBe("parquet");
    expect(e.message).toMatch(/^lzo\.parquet, row group 0, column BilledCost: .*LZO/);
  });

  it("a column of a type its format does not allow", async () => {
    const pq = await parquet("bool.parquet", `SELECT true AS BilledCost, TIMESTAMP '2024-09-01' AS ChargePeriodStart, 'USD' AS BillingCurrency`);
    const e = await errorOf(() => summarize([fileInput(pq, "billing")], OPTS));
    expect(e.code).toBe("parquet");
    expect(e.message).toBe("bool.parquet: the column BilledCost is BOOLEAN, which cannot be an amount (row group 0)");
    const d = await parquet("mapdate.parquet", `SELECT 1 AS BilledCost, MAP {'a': 'b'} AS ChargePeriodStart, 'USD' AS BillingCurrency`);
    const e2 = await errorOf(() => summarize([fileInput(d, "billing")], OPTS));
    expect(e2.message).toMatch(/mapdate\.parquet: the column ChargePeriodStart is MAP, which cannot be a date/);
  });

  it("a Parquet stream without random access, and parts of different exports", async () => {
    const pq = await good("stream.parquet");
    const e = await errorOf(() => summarize([memInput("stream.parquet", new Uint8Array(readFileSync(pq)))], OPTS));
    expect(e.code).toBe("parquet");
    expect(e.message).toMatch(/random access/);
    const other = await parquet("other.parquet", `SELECT 1.5 AS BilledCost, TIMESTAMP '2024-09-01' AS ChargePeriodStart, 'USD' AS Currency`);
    const part = (p: string, name: string) => ({ name, size: readFileSync(p).length, random: fileInput(p, "billing").random as NonNullable<ImportInput["random"]> });
    const input: ImportInput = {
      name: "export",
      kind: "billing",
      open: () => {
        throw new Error("no stream");
      },
      parts: [part(pq, "p1.parquet"), part(other, "p2.parquet")],
    };
    const e2 = await errorOf(() => summarize([input], OPTS));
    expect(e2.message).toMatch(/^export, part p2\.parquet: the column BillingCurrency of the first part is missing/);
    // Nothing half-imported: the call throws, with no result.
    const e3 = await errorOf(() => summarize([fileInput(pq, "billing"), input], OPTS));
    expect(e3.code).toBe("parquet");
  });
});
