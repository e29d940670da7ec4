#!/usr/bin/env node
// Serves the built site over plain http on localhost (the workbench needs no certificate):
// dist-workbench/ (the workbench page, HyperFormula) over dist/ (the add-in: functions.js,
// taskpane.html, office-js/), as one site; a path is looked up in each folder in turn.
// Usage: node scripts/serve.mjs [--port N] [--root DIR]...; PORT is honoured too.
import { createServer } from "node:http";
import { createReadStream, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".ico": "image/x-icon",
};

const repo = fileURLToPath(new URL("..", import.meta.url));
/** The folders `npm start` and the browser tests serve, first match wins. */
export const SITE_ROOTS = [join(repo, "dist-workbench"), join(repo, "dist")];

/** The first file under one of `bases` at `path`, or null; undefined when `path` leaves them. */
function lookup(bases, path) {
  for (const base of bases) {
    const file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) return undefined;
    try {
      const st = statSync(file);
      if (st.isFile()) return { file, st };
    } catch {
      /* not in this folder */
    }
  }
  return null;
}

/**
 * Starts a static server over `root` (a folder, or folders looked up in turn); resolves with
 * the server and its URL once listening.
 */
export function serve({ root = SITE_ROOTS, port = 3000, host = "127.0.0.1" } = {}) {
  const bases = (Array.isArray(root) ? root : [root]).map((r) => resolve(r));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith("/")) path += "workbench.html";
    const found = lookup(bases, path);
    if (found === undefined) {
      res.writeHead(403).end("forbidden");
      return;
    }
    if (found === null) {
      res.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${path}`);
      return;
    }
    const { file, st } = found;
    if (extname(file) === ".html") {
      // Offline: the production task pane loads office.js from Microsoft's CDN; this local server
      // (workbench, browser tests) always serves the npm copy instead, so nothing is fetched.
      const html = Buffer.from(readFileSync(file, "utf8").split(OFFICE_JS_CDN).join("office-js/office.js"));
      res.writeHead(200, { "content-type": TYPES[".html"], "content-length": html.length, "cache-control": "no-store", "access-control-allow-origin": "*" });
      res.end(html);
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": st.size,
      "cache-control": "no-store",
      "access-control-allow-origin": "*",
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const addr = server.address();
      const p = typeof addr === "object" && addr ? addr.port : port;
      ok({ server, url: `http://localhost:${p}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const port = Number(opt("--port") ?? process.env.PORT ?? 3000);
  const roots = args.flatMap((a, i) => (a === "--root" && args[i + 1] ? [args[i + 1]] : []));
  const { url } = await serve({ root: roots.length > 0 ? roots : SITE_ROOTS, port });
  console.log(`AIECON workbench: ${url}workbench.html`);
  console.log(`Task pane (for Excel sideloading over https, use npm start on Windows or Mac): ${url}taskpane.html`);
  console.log("Press Ctrl+C to stop.");
}
