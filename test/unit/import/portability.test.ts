/** The engine runs in a Web Worker too: no Node or DOM APIs outside src/import/node.ts. */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const DIR = resolve(__dirname, "../../../src/import");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe("engine portability", () => {
  it("only node.ts touches Node; nothing touches the DOM", () => {
    for (const f of files(DIR).filter((x) => x.endsWith(".ts") && !x.endsWith("node.ts"))) {
      const src = readFileSync(f, "utf8");
      expect(src, f).not.toMatch(/from "node:|require\(|\bBuffer\b|\bprocess\.|\bdocument\.|\bwindow\./);
    }
    expect(readFileSync(join(DIR, "index.ts"), "utf8")).not.toMatch(/node/);
  });
});
