/** HyperFormula (GPL-3.0) and the workbench host stay out of what Excel loads. */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "./load-functions";

describe("bundles", () => {
  it("only workbench.js holds HyperFormula and the host; workbench.html loads workbench.js alone", () => {
    ensureBuilt();
    const dist = resolve(ROOT, "dist");
    const marker = /HyperFormula|gpl-v3|RequestPayloadSizeLimitExceeded/;
    const js = readdirSync(dist).filter((f) => f.endsWith(".js"));
    expect(js).toContain("workbench.js");
    expect(marker.test(readFileSync(resolve(dist, "workbench.js"), "utf8"))).toBe(true);
    for (const f of js.filter((f) => f !== "workbench.js")) {
      expect(marker.test(readFileSync(resolve(dist, f), "utf8")), `${f} must not contain the workbench host or HyperFormula`).toBe(false);
    }
    const html = readFileSync(resolve(dist, "workbench.html"), "utf8");
    const scripts = [...html.matchAll(/<script[^>]*\ssrc=("?)([^"\s>]+)\1/g)].map((m) => m[2]);
    expect(scripts).toEqual(["workbench.js"]);
    expect(html).not.toMatch(/https?:\/\//);
  });
});
