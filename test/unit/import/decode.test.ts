/** Bytes in: encodings, BOMs, gzip, empty and unreadable files, chunk boundaries, the place of invalid UTF-8. */
import { describe, expect, it } from "vitest";
import { ImportError, inspect, summarize } from "../../../src/import/index";
import { gzip, memInput, utf16 } from "./helpers";

const FOCUS = 'BilledCost,ChargePeriodStart,BillingCurrency,ServiceName,Tags\n1.5,2024-09-18 10:00:00,EUR,Zürich AI 東京 😀,"{""model"": ""mödel-é""}"\n2.25,2024-09-19 10:00:00,EUR,Zürich AI 東京 😀,NULL\n';

async function same(data: Uint8Array | string, chunk = 65536): Promise<void> {
  const r = await inspect(memInput("f.csv", data, "billing", { chunk }));
  expect(r.format).toBe("focus");
  expect(r.totals).toEqual({ EUR: "3.75" });
  expect(r.preview[0][3]).toBe("Zürich AI 東京 😀");
  expect(r.tagKeys).toEqual(["model"]);
}

describe("decoding", () => {
  it("UTF-8 with and without BOM; multi-byte characters split across 1-byte chunks", async () => {
    await same(FOCUS);
    await same(FOCUS, 1);
    await same(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(FOCUS)]), 1);
    const r = await inspect(memInput("f.csv", "\uFEFF" + FOCUS));
    expect(r.columns[0]).toBe("BilledCost");
    expect(r.encoding).toMatch(/BOM/);
  });

  it("UTF-16 LE/BE with BOM (Excel Unicode Text: tab-delimited), and without BOM from the zero bytes", async () => {
    const tsv = FOCUS.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, "\t");
    for (const be of [false, true]) {
      for (const bom of [true, false]) {
        const data = utf16(tsv, be, bom);
        for (const chunk of [1, 3, 65536]) {
          const r = await inspect(memInput("u16.txt", data, "billing", { chunk }));
          expect(r.encoding).toContain(be ? "utf-16be" : "utf-16le");
          expect(r.delimiter).toBe("\t");
          expect(r.totals).toEqual({ EUR: "3.75" });
          expect(r.preview[0][3]).toBe("Zürich AI 東京 😀");
        }
      }
    }
  });

  it("zero bytes that are not UTF-16 are refused with a clear error, never garbage", async () => {
    const data = new Uint8Array([0x41, 0x00, 0x00, 0x42, 0x43, 0x44, 0x00, 0x00, 0x00, 0x45, 0x2c, 0x46]);
    await expect(inspect(memInput("bin.csv", data))).rejects.toThrow(/bin\.csv: .*encoding could not be read/);
  });

  it("invalid UTF-8 is an input error", async () => {
    const data = new Uint8Array([...new TextEncoder().encode("a,b\n"), 0xff, 0xfe, 0x41, 0x0a]);
    await expect(inspect(memInput("latin.csv", data))).rejects.toBeInstanceOf(ImportError);
  });

  it("gzip is detected from the magic number; a truncated gzip is a clear error", async () => {
    const gz = gzip(FOCUS.repeat(1).replace(/\n$/, "\n"));
    const r = await inspect(memInput("x.bin", gz, "billing", { chunk: 5 }));
    expect(r.compressed).toBe(true);
    expect(r.totals).toEqual({ EUR: "3.75" });
    const cut = gz.slice(0, gz.byteLength - 12);
    const err = await inspect(memInput("cut.csv.gz", cut)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(/cut\.csv\.gz: the gzip data is damaged or truncated/);
  });

  it("0-byte, whitespace-only and duplicate-header files are errors naming the file", async () => {
    await expect(inspect(memInput("empty.csv", new Uint8Array(0)))).rejects.toThrow(/empty\.csv: the file is empty/);
    await expect(inspect(memInput("blank.csv", "\n\n\r\n"))).rejects.toThrow(/blank\.csv: the file has no header/);
    await expect(inspect(memInput("dup.csv", "BilledCost,ChargePeriodStart,BillingCurrency,BilledCost\n1,2024-01-01,USD,2\n"))).rejects.toThrow(
      /dup\.csv: duplicate column name 'BilledCost'/,
    );
  });

  it("an unreadable stream is an input error", async () => {
    const input = {
      name: "broken.csv",
      kind: "billing" as const,
      open(): ReadableStream<Uint8Array> {
        return new ReadableStream({
          pull(c) {
            c.error(new Error("EIO: i/o error"));
          },
        });
      },
    };
    await expect(inspect(input)).rejects.toThrow(/broken\.csv/);
  });

  it("quoted line breaks: rejected rows name the physical line where the record starts", async () => {
    const text = 'BilledCost,ChargePeriodStart,BillingCurrency,ChargeDescription\n1,2024-09-01,USD,"two\nlines"\nx,2024-09-01,USD,"three\r\nmore\nlines"\n2,2024-09-01,USD,ok\n';
    const r = await inspect(memInput("q.csv", text, "billing", { chunk: 2 }));
    expect(r.rejected).toEqual([{ line: 4, reason: "BilledCost is not a number: 'x'" }]);
    expect(r.totals).toEqual({ USD: "3" });
  });

  it("delimiters ; and | detected from the header", async () => {
    for (const d of [";", "|"]) {
      const r = await inspect(memInput("d.csv", `BilledCost${d}ChargePeriodStart${d}BillingCurrency\n1.5${d}2024-09-01${d}USD\n`));
      expect(r.delimiter).toBe(d);
      expect(r.totals).toEqual({ USD: "1.5" });
    }
  });

  it("abort stops the import with an AbortError; progress reaches the file size", async () => {
    const big = "BilledCost,ChargePeriodStart,BillingCurrency\n" + "1,2024-09-01,USD\n".repeat(20000);
    const seen: number[] = [];
    const r = await summarize([memInput("p.csv", big, "billing", { chunk: 4096 })], {
      period: "month",
      cost: "billed",
      onProgress: (p) => seen.push(p.bytesRead),
    });
    expect(r.totals.USD).toBe("20000");
    expect(seen.at(-1)).toBe(new TextEncoder().encode(big).byteLength);
    const ac = new AbortController();
    const err = await summarize([memInput("p.csv", big, "billing", { chunk: 4096 })], {
      period: "month",
      cost: "billed",
      signal: ac.signal,
      onProgress: (p) => {
        if (p.bytesRead > 50000) ac.abort();
      },
    }).catch((e: unknown) => e);
    expect((err as Error).name).toBe("AbortError");
  });
});

describe("inspect of an unknown layout", () => {
  it("reports generic with its columns and a preview, so the user can map it", async () => {
    const r = await inspect(memInput("mine.csv", "Day,Spend,Team\n2024-09-01,10,a\n2024-09-02,11,b\n"));
    expect(r).toMatchObject({ kind: "billing", format: "generic", rowsRead: 2, rowsUsed: 0, rowsSkipped: 2, columns: ["Day", "Spend", "Team"] });
    expect(r.preview).toEqual([["2024-09-01", "10", "a"], ["2024-09-02", "11", "b"]]);
    await expect(summarize([memInput("mine.csv", "Day,Spend,Team\n2024-09-01,10,a\n")], { period: "month", cost: "billed" })).rejects.toThrow(
      /mine\.csv: the billing format was not recognised; give a column mapping/,
    );
    const m = await inspect(memInput("mine.csv", "Day,Spend,Team\n2024-09-01,10,a\n", "billing", { map: { date: "Day", cost: "Spend", currency: "GBP", key: "Team" } }));
    expect(m).toMatchObject({ format: "generic", rowsUsed: 1, totals: { GBP: "10" } });
  });
});

describe("invalid UTF-8 names the line and the exact byte offset", () => {
  it("whatever the chunk size, at the file's end too", async () => {
    const enc = (t: string): number[] => [...new TextEncoder().encode(t)];
    const cases: { bytes: number[]; line: number; offset: number; byte: string }[] = [
      { bytes: [...enc("a,b\n1,2\n"), 0xff, 0x41, 0x0a], line: 3, offset: 8, byte: "ff" },
      { bytes: [...enc("a,b\n1,\u00e9\u20ac\n2,x"), 0xe2, 0x41, 0x0a], line: 3, offset: 15, byte: "e2" },
      { bytes: [...enc("\ufeffa,b\n1,2\n3,4\n5,"), 0xe2, 0x82], line: 4, offset: 17, byte: "e2" },
      { bytes: [...enc("a,b\n"), 0xed, 0xa0, 0x80, 0x0a], line: 2, offset: 4, byte: "ed" },
    ];
    for (const c of cases) {
      for (const chunk of [1, 2, 3, 5, 65536]) {
        const err = await inspect(memInput("bad.csv", new Uint8Array(c.bytes), "billing", { chunk })).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ImportError);
        expect((err as ImportError).line).toBe(c.line);
        expect((err as Error).message).toBe(
          `bad.csv, line ${c.line}: the file is not valid UTF-8 text (byte 0x${c.byte} at byte offset ${c.offset}); save it as UTF-8 CSV`,
        );
      }
    }
  });
});
