/** `npm start` on Linux: builds (skipped here), serves the workbench, prints its URL; `npm stop` ends it. */
import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT, ensureBuilt, ROOT } from "./load-functions";

beforeAll(() => ensureBuilt(), BUILD_TIMEOUT);

describe("scripts/start.mjs and scripts/stop.mjs (workbench mode)", () => {
  it("serves the workbench (dist-workbench/ over dist/) until stopped", async () => {
    const port = String(31000 + Math.floor(Math.random() * 2000));
    const env = { ...process.env, PORT: port, AIECON_WORKBENCH: "1" };
    const child = spawn(process.execPath, [resolve(ROOT, "scripts/start.mjs"), "--no-build"], { cwd: ROOT, env });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((ok) => child.on("exit", (code) => ok(code)));
    for (let i = 0; i < 100 && !out.includes("workbench.html"); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain(`AIECON workbench: http://localhost:${port}/workbench.html`);
    const res = await fetch(`http://localhost:${port}/workbench.html`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("workbench.js");
    const stop = spawnSync(process.execPath, [resolve(ROOT, "scripts/stop.mjs")], { cwd: ROOT, env, encoding: "utf8" });
    expect(stop.stdout).toContain("Stopped the AIECON server");
    expect(await exited).toBe(0);
    await expect(fetch(`http://localhost:${port}/workbench.html`)).rejects.toThrow();
  });
});
