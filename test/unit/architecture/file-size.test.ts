/**
 * Small rooms: no source file under src/ is longer than 500 lines, so that a module can be
 * held in one's head. A file may exceed it only when it is listed here with the reason.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../../..");
const MAX_LINES = 500;
/** Files allowed over the limit, with why (none today). */
const ALLOWED: Readonly<Record<string, string>> = {};

const sources = readdirSync(join(ROOT, "src"), { recursive: true, encoding: "utf8" })
  .filter((f) => /\.(ts|js|mjs)$/.test(f))
  .map((f) => `src/${f.split(sep).join("/")}`)
  .sort();

function lineCount(file: string): number {
  const text = readFileSync(join(ROOT, file), "utf8");
  return text.endsWith("\n") ? text.split("\n").length - 1 : text.split("\n").length;
}

describe("source file size", () => {
  it("finds the sources", () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources).toContain("src/import/engine.ts");
  });

  it(`no file under src/ is over ${MAX_LINES} lines unless listed with a reason`, () => {
    const over = sources.filter((f) => lineCount(f) > MAX_LINES && !(f in ALLOWED)).map((f) => `${f}: ${lineCount(f)} lines`);
    expect(over).toEqual([]);
  });

  it("every listed exception is still over the limit (else it comes off the list)", () => {
    for (const f of Object.keys(ALLOWED)) expect(lineCount(f), f).toBeGreaterThan(MAX_LINES);
  });
});
