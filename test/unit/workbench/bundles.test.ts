/** HyperFormula (GPL-3.0) and the workbench host stay in dist-workbench/, out of what Excel loads. */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT, DIST, DIST_WORKBENCH, ensureBuilt } from "./load-functions";

beforeAll(() => ensureBuilt(), BUILD_TIMEOUT);

describe("bundles", () => {
  it("only dist-workbench/workbench.js holds HyperFormula and the host; workbench.html loads workbench.js alone", () => {
    const marker = /HyperFormula|gpl-v3|RequestPayloadSizeLimitExceeded/;
    expect(marker.test(readFileSync(resolve(DIST_WORKBENCH, "workbench.js"), "utf8"))).toBe(true);
    const js = readdirSync(DIST).filter((f) => f.endsWith(".js"));
    expect(js).toEqual(expect.arrayContaining(["functions.js", "taskpane.js"]));
    for (const f of js) {
      expect(marker.test(readFileSync(resolve(DIST, f), "utf8")), `dist/${f} must not contain the workbench host or HyperFormula`).toBe(false);
    }
    const html = readFileSync(resolve(DIST_WORKBENCH, "workbench.html"), "utf8");
    const scripts = [...html.matchAll(/<script[^>]*\ssrc=("?)([^"\s>]+)\1/g)].map((m) => m[2]);
    expect(scripts).toEqual(["workbench.js"]);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("no file of dist-workbench/ has the name of a dist/ file (served together, neither shadows the other)", () => {
    const prod = new Set(readdirSync(DIST, { recursive: true, encoding: "utf8" }));
    const shadowing = readdirSync(DIST_WORKBENCH, { recursive: true, encoding: "utf8" }).filter((f) => prod.has(f));
    expect(shadowing).toEqual([]);
  });
});
