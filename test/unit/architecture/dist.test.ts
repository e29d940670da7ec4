/**
 * The production build, dist/ (what is deployed and what Excel loads), holds no GPL file:
 * nothing of HyperFormula and nothing of the workbench, which build into dist-workbench/.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT, DIST, DIST_WORKBENCH, ensureBuilt } from "../../support/ensure-built";

/** HyperFormula's code, its licence key and its licence. */
const GPL = /HyperFormula|hyperformula|gpl-v3|GNU GENERAL PUBLIC LICENSE|GPL-3\.0/;
/** And the workbench host (its payload-size error, as office.js names it too) and page (its grid). */
const WORKBENCH_CODE = new RegExp(`${GPL.source}|RequestPayloadSizeLimitExceeded|wb-grid`);
/** Modules a source map may name. */
const WORKBENCH_MODULE = /node_modules\/hyperformula\/|src\/workbench\//;

let files: string[] = [];
beforeAll(async () => {
  await ensureBuilt();
  files = readdirSync(DIST, { recursive: true, encoding: "utf8" }).filter((f) => statSync(join(DIST, f)).isFile());
}, BUILD_TIMEOUT);

describe("production dist/", () => {
  it("holds the add-in and no workbench file", () => {
    expect(files).toEqual(expect.arrayContaining(["functions.js", "functions.json", "taskpane.html", "taskpane.js", "manifest.xml", "cli/aiecon.js", "cli/LICENSE-litellm.txt"]));
    expect(files.filter((f) => /workbench|hyperformula/i.test(f))).toEqual([]);
  });

  it("functions.js and taskpane.js contain nothing of the workbench or HyperFormula", () => {
    for (const f of ["functions.js", "taskpane.js"]) {
      const m = WORKBENCH_CODE.exec(readFileSync(join(DIST, f), "utf8"));
      expect(m?.[0], `dist/${f} contains ${m?.[0]}`).toBeUndefined();
    }
  });

  it("no file contains HyperFormula's code or licence, no source map names a workbench module", () => {
    const bad: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(DIST, f), "utf8");
      if (f.endsWith(".map")) {
        // Comments in the add-in's own sources (sourcesContent) may name the workbench; its modules may not be there.
        const sources = (JSON.parse(text) as { sources?: string[] }).sources ?? [];
        bad.push(...sources.filter((s) => WORKBENCH_MODULE.test(s)).map((s) => `${f}: ${s}`));
      } else {
        const m = GPL.exec(text);
        if (m) bad.push(`${f}: ${m[0]}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("the checks would see the workbench: dist-workbench/ has it, with HyperFormula's licence", () => {
    expect(GPL.test(readFileSync(join(DIST_WORKBENCH, "workbench.js"), "utf8"))).toBe(true);
    const map = JSON.parse(readFileSync(join(DIST_WORKBENCH, "workbench.js.map"), "utf8")) as { sources: string[] };
    expect(map.sources.some((s) => WORKBENCH_MODULE.test(s))).toBe(true);
    expect(readFileSync(join(DIST_WORKBENCH, "HYPERFORMULA-LICENSE.txt"), "utf8")).toMatch(/GNU GENERAL PUBLIC LICENSE/);
  });
});
