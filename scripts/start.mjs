#!/usr/bin/env node
// `npm start`.
//  - Windows / macOS with Excel: build, serve dist/ over https on localhost:3000 with the
//    Office dev certificate (office-addin-dev-certs), and sideload manifest.xml into Excel
//    with office-addin-debugging. If sideloading is not possible, falls back to the workbench.
//  - Linux (no Excel), or AIECON_WORKBENCH=1: build, then serve dist-workbench/ over dist/
//    (scripts/serve.mjs) over plain http on
//    localhost:PORT (default 3000) and print the workbench URL. Runs until stopped
//    (Ctrl+C or `npm stop`). Works offline: nothing is fetched from a CDN.
// Options: --no-build (serve the existing build), --port N (or PORT).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, SITE_ROOTS } from "./serve.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(opt("--port") ?? process.env.PORT ?? 3000);
const wantWorkbench = process.env.AIECON_WORKBENCH === "1" || process.platform === "linux" || !["win32", "darwin"].includes(process.platform);
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

/** Where `npm stop` finds the server this command started. */
export const pidFile = join(tmpdir(), `aiecon-workbench-${port}.pid`);

function build() {
  if (args.includes("--no-build") || process.env.AIECON_NO_BUILD === "1") {
    if (!existsSync(join(dist, "functions.js")) || !existsSync(join(root, "dist-workbench", "workbench.html"))) {
      console.error("dist/ and dist-workbench/ have not been built: run `npm run build` (or `npm start` without --no-build).");
      process.exit(1);
    }
    return;
  }
  console.log("Building AIECON (webpack --mode production)…");
  const r = spawnSync(npx, ["webpack", "--mode", "production"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    console.error("The build failed; see the messages above.");
    process.exit(r.status ?? 1);
  }
}

async function startWorkbench() {
  const { server, url } = await serve({ root: SITE_ROOTS, port }).catch((e) => {
    console.error(e.code === "EADDRINUSE" ? `Port ${port} is in use: stop what runs there (npm stop) or set PORT.` : String(e));
    process.exit(1);
  });
  writeFileSync(pidFile, String(process.pid));
  const cleanup = () => {
    try {
      if (existsSync(pidFile) && readFileSync(pidFile, "utf8").trim() === String(process.pid)) rmSync(pidFile);
    } catch {
      /* already gone */
    }
  };
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(sig, () => {
      cleanup();
      server.close();
      process.exit(0);
    });
  }
  process.on("exit", cleanup);
  console.log("");
  console.log(`AIECON workbench: ${url}workbench.html`);
  console.log("  The add-in's task pane and custom functions beside an in-browser workbook.");
  console.log("  Press \"Load sample data\", then Import. Stop with Ctrl+C or `npm stop`.");
}

async function startExcel() {
  // https with the Office development certificate, as the manifest's https://localhost:3000/ needs.
  let certs;
  try {
    const devCerts = await import("office-addin-dev-certs");
    certs = await devCerts.getHttpsServerOptions();
  } catch (e) {
    console.warn(`No Office development certificate (${e instanceof Error ? e.message : e}); opening the workbench instead.`);
    return startWorkbench();
  }
  // serve()'s request handler, mounted on an https server.
  const { server: plain } = await serve({ root: SITE_ROOTS, port: 0 });
  const listener = plain.listeners("request")[0];
  plain.close();
  const https = createHttpsServer({ ...certs }, listener);
  await new Promise((ok, fail) => https.once("error", fail).listen(port, "127.0.0.1", ok)).catch((e) => {
    console.error(e.code === "EADDRINUSE" ? `Port ${port} is in use: stop what runs there (npm stop) or set PORT.` : String(e));
    process.exit(1);
  });
  writeFileSync(pidFile, String(process.pid));
  console.log(`Serving dist/ on https://localhost:${port}/ — sideloading manifest.xml into Excel…`);
  const r = spawnSync(npx, ["office-addin-debugging", "start", "manifest.xml", "desktop", "--no-debug", "--dev-server-port", String(port)], {
    cwd: root,
    stdio: "inherit",
  });
  if (r.status !== 0) {
    console.warn("office-addin-debugging could not sideload the add-in; the workbench stays available:");
  }
  console.log(`Workbench (no Excel needed): https://localhost:${port}/workbench.html`);
  console.log("Stop with Ctrl+C or `npm stop` (which also unloads the add-in from Excel).");
  const stop = () => {
    https.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

build();
if (wantWorkbench) await startWorkbench();
else await startExcel();
