/**
 * Where the file is cut: a generated FOCUS file with a BOM, CRLF line ends, quoted fields
 * holding line breaks (LF and CRLF), multi-byte UTF-8 text and bad rows at known lines, cut
 * near offsets chosen to fall inside a quoted field, between a CR and its LF and inside a
 * multi-byte character: the cut moves to a proven record boundary and the two threads give
 * the one-thread result. A file whose quote parity cannot be told is refused (one thread), and
 * a cut that only looked right (inside a huge quoted field) is caught by the first range's end.
 */
import { describe, expect, it } from "vitest";
import { SPLIT, findSplit, scanRecords } from "../../../../src/import/split";
import type { RandomAccess } from "../../../../src/import/types";
import { mulberry32 } from "../helpers";
import { bothWays, tempFile } from "./threads";

const HEADER = ["BilledCost", "ChargePeriodStart", "BillingCurrency", "ProviderName", "ServiceName", "ChargeCategory", "Tags", "ChargeDescription"];
const PLACES = ["Zürich", "東京", "São Paulo", "Ελλάδα", "emoji 😀"];

function q(s: string): string {
  return '"' + s.replace(/"/g, '""') + '"';
}

/** A seeded FOCUS file; `bad`: the physical lines of its rejected rows. */
function focusFile(seed: number, rows: number): { bytes: Uint8Array; bad: number[]; text: string } {
  const rnd = mulberry32(seed);
  const EOL = "\r\n";
  let text = "\uFEFF" + HEADER.join(",") + EOL;
  let line = 2;
  const bad: number[] = [];
  for (let i = 0; i < rows; i++) {
    const place = PLACES[Math.floor(rnd() * PLACES.length)];
    const k = rnd();
    // Descriptions with line breaks inside their quotes (LF, CRLF), doubled quotes, delimiters.
    const desc =
      k < 0.2 ? `first line\nsecond line in ${place}` : k < 0.3 ? `first crlf\r\nthen "quoted", ${place}` : k < 0.35 ? `a\n\nb,c\n"d"` : `usage in ${place}`;
    const cost = rnd() < 0.02 ? "n/a" : (rnd() * 100).toFixed(Math.floor(rnd() * 11));
    const day = 1 + Math.floor(rnd() * 28);
    const ragged = rnd() < 0.01;
    const cells = [
      cost, `2024-0${1 + Math.floor(rnd() * 9)}-${day < 10 ? "0" + day : day}T00:00:00Z`, rnd() < 0.8 ? "USD" : "EUR", "AWS",
      q(rnd() < 0.5 ? "Amazon Bedrock" : "Amazon EC2"), "Usage", q(JSON.stringify({ model: rnd() < 0.5 ? "gpt-4o" : "claude", team: place })), q(desc),
    ];
    if (ragged) cells.push("extra");
    if (cost === "n/a" || ragged) bad.push(line);
    const rec = cells.join(",") + EOL;
    text += rec;
    line += rec.split("\n").length - 1;
    if (rnd() < 0.01) {
      text += EOL; // a blank line
      line++;
    }
  }
  return { bytes: new TextEncoder().encode(text), bad, text };
}

function memRandom(b: Uint8Array): RandomAccess {
  return { byteLength: b.byteLength, slice: async (s, e) => b.slice(s, e).buffer };
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The first index of `needle` in `b` at or after `from`. */
function find(b: Uint8Array, needle: string, from: number): number {
  const n = enc(needle);
  const i = Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(Buffer.from(n), from);
  expect(i).toBeGreaterThan(0);
  return i;
}

describe("parallel CSV: the cut", () => {
  const f = focusFile(424242, 24000);
  const path = tempFile("focus-crlf-bom.csv", f.bytes);
  const size = f.bytes.byteLength;

  it("the generated file is large enough to cut well away from the header", () => {
    expect(size).toBeGreaterThan(2 * SPLIT.windowBytes);
    expect(f.bad.length).toBeGreaterThan(100);
  });

  const awkward: [string, () => number][] = [
    ["the middle", () => Math.floor(size / 2)],
    ["just after a line feed inside a quoted field", () => find(f.bytes, "first line\n", Math.floor(size * 0.4)) + "first line\n".length],
    ["between the CR and the LF of a CRLF inside a quoted field", () => find(f.bytes, "first crlf\r\n", Math.floor(size * 0.45)) + "first crlf\r".length],
    ["between the CR and the LF of a record's end", () => find(f.bytes, "\r\n", Math.floor(size * 0.5)) + 1],
    ["inside a multi-byte UTF-8 character", () => find(f.bytes, "東京", Math.floor(size * 0.55)) + 1],
    ["inside a 4-byte UTF-8 character", () => find(f.bytes, "😀", Math.floor(size * 0.6)) + 2],
    ["inside a doubled quote", () => find(f.bytes, '""quoted""', Math.floor(size * 0.65)) + 1],
  ];
  for (const [what, at] of awkward) {
    it(`a candidate ${what}: cut at a proven boundary, the one-thread result`, async () => {
      const candidate = at();
      const r = await bothWays(path, { candidate });
      expect(r.fallbacks).toEqual([]);
      expect(r.splits).toHaveLength(1);
      const cut = r.splits[0];
      expect(cut.proven).toBe(true);
      expect(cut.at).toBeGreaterThanOrEqual(candidate);
      expect(f.bytes[cut.at - 1]).toBe(10);
      // The cut is a record start of the one-thread parse: the text before it has balanced quotes.
      const before = new TextDecoder().decode(f.bytes.subarray(0, cut.at));
      expect((before.match(/"/g) ?? []).length % 2).toBe(0);
      const s = r.two.sources[0];
      expect(s.rejected.map((x) => x.line)).toEqual(f.bad);
      expect(s.rowsRejected).toBe(f.bad.length);
    });
  }

  it("the cut is proven by refuting the other parity", async () => {
    const s = await findSplit(memRandom(f.bytes), size);
    expect(s).not.toBeNull();
    expect(s!.proven).toBe(true);
    expect(s!.columns).toEqual(HEADER);
    expect(s!.delimiter).toBe(",");
  });
});

describe("parallel CSV: files whose quote parity cannot be proven", () => {
  it("refuses a file where both parities parse: one column of quoted line breaks", async () => {
    // `"\n"\n` repeated: read from any line feed, as a record end or inside quotes, every record is one field.
    const text = "note\n" + '"\n"\n'.repeat(300000);
    const b = enc(text);
    expect(await findSplit(memRandom(b), b.byteLength)).toBeNull();
    const mid = Math.floor(b.byteLength / 2);
    const lf = b.indexOf(10, mid);
    expect(scanRecords(b, lf + 1, false, 1, 44, false, 8)).toBe(0);
    expect(scanRecords(b, lf + 1, true, 1, 44, false, 8)).toBe(0);
  });

  it("refuses gzip, UTF-16 and JSON", async () => {
    const { gzipSync } = await import("node:zlib");
    const csv = "BilledCost,ChargePeriodStart,BillingCurrency\n" + "1.5,2024-01-01,USD\n".repeat(1000);
    expect(await findSplit(memRandom(new Uint8Array(gzipSync(csv))), gzipSync(csv).byteLength)).toBeNull();
    const u16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(csv, "utf16le")]);
    expect(await findSplit(memRandom(u16), u16.byteLength)).toBeNull();
    const json = enc(JSON.stringify({ data: [csv] }));
    expect(await findSplit(memRandom(json), json.byteLength)).toBeNull();
    expect(await findSplit(memRandom(enc(csv)), csv.length)).not.toBeNull();
  });

  it("a cut that only looked right, inside a huge quoted field, is caught: the file is read on one thread", async () => {
    const rows = "1.25,2024-03-01T00:00:00Z,USD,AWS,Amazon Bedrock,Usage,,plain\n".repeat(2000);
    // A quoted field of 3 MB of lines that each look like a record (the header's column count, no quote).
    const huge = "7,2024-03-02T00:00:00Z,USD,AWS,x,Usage,," + '"' + "a,b,c,d,e,f,g,h\n".repeat(200000) + '"\n';
    const text = HEADER.join(",") + "\n" + rows + huge + rows;
    const b = enc(text);
    const path = tempFile("huge-quoted.csv", b);
    const candidate = Math.floor(b.byteLength / 2);
    const s = await findSplit(memRandom(b), b.byteLength, candidate);
    expect(s).not.toBeNull();
    expect(s!.proven).toBe(false);
    const r = await bothWays(path, { candidate });
    expect(r.splits).toEqual([]);
    expect(r.fallbacks).toHaveLength(1);
    expect(r.fallbacks[0]).toMatch(/unterminated quoted field/);
    expect(r.one.sources[0].rowsRead).toBe(4001);
  });
});
