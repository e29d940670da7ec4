import { describe, expect, it } from "vitest";
import { CsvParser, type CsvRecord, detectDelimiter } from "../../../src/import/csv";
import { mulberry32 } from "./helpers";

function parseAll(text: string, chunk = text.length || 1): { fields: string[]; line: number; malformed: string | null }[] {
  const out: { fields: string[]; line: number; malformed: string | null }[] = [];
  const p = new CsvParser((r: CsvRecord) => out.push({ fields: r.toArray(), line: r.line, malformed: r.malformed }));
  for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk));
  p.finish();
  return out;
}

describe("CSV state machine", () => {
  it("quoted delimiters, doubled quotes and line breaks, with physical line numbers", () => {
    const text = 'a,b,c\n1,"x, y",2\n"multi\nline\r\nfield","he said ""hi""",3\n\n4,5,6';
    for (const chunk of [1, 2, 3, 7, 1000]) {
      const r = parseAll(text, chunk);
      expect(r.map((x) => x.fields)).toEqual([
        ["a", "b", "c"],
        ["1", "x, y", "2"],
        ["multi\nline\r\nfield", 'he said "hi"', "3"],
        ["4", "5", "6"],
      ]);
      expect(r.map((x) => x.line)).toEqual([1, 2, 3, 7]);
    }
  });

  it("CRLF, a last line without newline, blank lines ignored", () => {
    const r = parseAll("h1;h2\r\n\r\n1;2\r\n3;\r\n;4");
    expect(r.map((x) => x.fields)).toEqual([["h1", "h2"], ["1", "2"], ["3", ""], ["", "4"]]);
    expect(r.map((x) => x.line)).toEqual([1, 3, 4, 5]);
  });

  it("detects , ; tab | from the header, ignoring quoted ones", () => {
    expect(detectDelimiter('a,b,c\n', true)).toBe(",");
    expect(detectDelimiter('"a,x";b;c\n', true)).toBe(";");
    expect(detectDelimiter("a\tb\tc\n", true)).toBe("\t");
    expect(detectDelimiter("a|b|c", true)).toBe("|");
    expect(detectDelimiter("a|b|c", false)).toBeNull();
  });

  it("flags text after a closing quote; throws on an unterminated quote with its line", () => {
    const r = parseAll('a,b\n"x"y,2\n');
    expect(r[1].malformed).not.toBeNull();
    expect(() => parseAll('a,b\n1,2\n3,"open\n\n')).toThrow(/line 3/);
  });

  it("random tables survive every chunking (seeded)", () => {
    const rnd = mulberry32(7);
    const alphabet = ['a', 'é', '"', ',', '\n', ' ', '漢', '😀', 'z', '\r\n'];
    for (let t = 0; t < 30; t++) {
      const cols = 1 + Math.floor(rnd() * 5);
      const rows: string[][] = [];
      for (let r = 0; r < 1 + Math.floor(rnd() * 20); r++) {
        const row: string[] = [];
        for (let c = 0; c < cols; c++) {
          let s = "";
          for (let k = Math.floor(rnd() * 6); k > 0; k--) s += alphabet[Math.floor(rnd() * alphabet.length)];
          row.push(s);
        }
        // a one-column row whose only field is empty would be a blank line
        if (cols === 1 && row[0] === "") row[0] = "x";
        rows.push(row);
      }
      const text = rows.map((r) => r.map((c) => (/[",\n\r]/.test(c) || c === "" ? '"' + c.replace(/"/g, '""') + '"' : c)).join(",")).join("\n");
      const chunk = 1 + Math.floor(rnd() * 9);
      const got = parseAll(text, chunk);
      expect(got.map((x) => x.fields)).toEqual(rows);
      // physical lines: each record starts after the line breaks of the ones before
      let line = 1;
      got.forEach((g, i) => {
        expect(g.line).toBe(line);
        line += 1 + rows[i].join("").split("\n").length - 1;
      });
    }
  });
});
