#!/usr/bin/env node
// `npm stop`: stops what `npm start` started. On Windows / macOS it also unloads the add-in
// from Excel (office-addin-debugging stop). The server is found through the pid file that
// start.mjs writes in the temp directory (one per port; PORT or --port selects it).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const i = args.indexOf("--port");
const port = i >= 0 ? args[i + 1] : process.env.PORT;
const files = port
  ? [join(tmpdir(), `aiecon-workbench-${port}.pid`)]
  : readdirSync(tmpdir()).filter((f) => /^aiecon-workbench-\d+\.pid$/.test(f)).map((f) => join(tmpdir(), f));

if (["win32", "darwin"].includes(process.platform) && process.env.AIECON_WORKBENCH !== "1") {
  const npx = process.platform === "win32" ? "npx.cmd" : "npx";
  spawnSync(npx, ["office-addin-debugging", "stop", "manifest.xml"], { cwd: root, stdio: "inherit" });
}

let stopped = 0;
for (const f of files) {
  if (!existsSync(f)) continue;
  const pid = Number(readFileSync(f, "utf8").trim());
  try {
    process.kill(pid, "SIGTERM");
    console.log(`Stopped the AIECON server (pid ${pid}).`);
    stopped++;
  } catch (e) {
    if (e.code !== "ESRCH") throw e;
    console.log(`No process ${pid} (a stale pid file was removed).`);
  }
  rmSync(f, { force: true });
}
if (stopped === 0 && files.every((f) => !existsSync(f))) console.log("No AIECON workbench server was running.");
