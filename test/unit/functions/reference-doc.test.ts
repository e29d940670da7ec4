/**
 * README.md, section "Function reference": a `### AIECON.<ID>` section for
 * every function, in the spec's order, each with an example that is true.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { DECLARATIONS } from "../../../src/functions/table";
import { ROOT } from "./bundle";
import { callWith, show, single, SOURCE } from "./helpers";

const doc = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** Excel formula argument → what Excel passes: numbers, "text", array constants {1,2;3,4}. */
function parseArg(s: string): unknown {
  const t = s.trim();
  if (t.startsWith("{")) {
    return t
      .slice(1, -1)
      .split(";")
      .map((row) => row.split(",").map((c) => parseArg(c)));
  }
  if (t.startsWith('"')) return t.slice(1, -1);
  const n = Number(t);
  if (!Number.isFinite(n)) throw new Error(`cannot parse argument ${t}`);
  return n;
}

function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "{") depth++;
    if (ch === "}") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur.trim() !== "") out.push(cur);
  return out;
}

const sections = [...doc.matchAll(/^### AIECON\.([A-Z]+)$/gm)].map((m) => m[1]);

describe("README function reference", () => {
  it("has a section for every function, in the spec's order", () => {
    expect(sections).toEqual(DECLARATIONS.map((d) => d.id));
  });

  for (const id of sections) {
    it(`AIECON.${id}: its example is true, and it lists arguments and errors`, () => {
      const start = doc.indexOf(`### AIECON.${id}\n`);
      const next = doc.indexOf("\n### ", start + 1);
      const body = doc.slice(start, next < 0 ? undefined : next);
      expect(body).toMatch(/\nErrors: /);
      expect(body).toMatch(new RegExp(`\`=AIECON\\.${id}\\(`));
      const m = /Example: `=AIECON\.([A-Z]+)\((.*)\)` → `([^`]*)`/.exec(body);
      expect(m, `${id} has no example`).not.toBeNull();
      const [, fid, argText, expected] = m!;
      expect(fid).toBe(id);
      const args = splitArgs(argText).map(parseArg);
      const r = callWith(SOURCE, id, ...args); // as Excel calls it: matrices, the invocation object last
      if (expected.startsWith("{")) {
        // a spill, written as an Excel array constant
        const want = parseArg(expected) as unknown[][];
        const got = show(r) as unknown[][];
        expect(got.length).toBe(want.length);
        got.forEach((row, i) =>
          row.forEach((v, j) => (typeof v === "number" ? expect(Number(v.toPrecision(15))).toBe(want[i][j]) : expect(v).toBe(want[i][j]))),
        );
        return;
      }
      const v = single(r);
      if (typeof v === "number") expect(Number(v.toPrecision(15))).toBe(Number(expected));
      else expect(show(v)).toBe(expected);
    });
  }
});
