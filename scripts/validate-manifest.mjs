#!/usr/bin/env node
// Offline check of manifest.xml (office-addin-manifest validate needs an online service).
// Well-formedness through xmllint, the add-in's essentials through XPath, and every
// https://localhost:3000/ URL against the files the build produces in dist/.
// Usage: node scripts/validate-manifest.mjs [manifest.xml] [distDir]
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const DEV_URL = "https://localhost:3000/";

function xmllint(args) {
  return execFileSync("xmllint", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** XPath over the manifest, namespace-agnostic (local-name()), returning the string value. */
function xpath(file, expr) {
  try {
    return xmllint(["--xpath", `string(${expr})`, file]).trim();
  } catch {
    return "";
  }
}

function count(file, expr) {
  return Number(xpath(file, `count(${expr})`)) || 0;
}

function pngSize(path) {
  const b = readFileSync(path);
  const sig = "89504e470d0a1a0a";
  if (b.subarray(0, 8).toString("hex") !== sig) return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const el = (name) => `*[local-name()='${name}']`;

/** Returns a list of problems; empty when the manifest is valid. */
export function validateManifest(manifestPath, distDir) {
  const problems = [];
  try {
    execFileSync("xmllint", ["--version"], { stdio: "ignore" });
  } catch {
    return ["xmllint is not installed (Debian: apt-get install -y libxml2-utils)"];
  }
  try {
    xmllint(["--noout", manifestPath]);
  } catch (e) {
    return [`manifest is not well-formed XML: ${String(e.stderr || e.message).trim()}`];
  }
  const f = manifestPath;
  const check = (ok, msg) => {
    if (!ok) problems.push(msg);
  };

  check(xpath(f, `/${el("OfficeApp")}/@*[local-name()='type']`) === "TaskPaneApp", "OfficeApp must be xsi:type TaskPaneApp");
  check(/^[0-9a-f-]{36}$/i.test(xpath(f, `/${el("OfficeApp")}/${el("Id")}`)), "Id must be a GUID");
  check(count(f, `//${el("Hosts")}/${el("Host")}[@Name='Workbook']`) === 1, "Hosts must name Workbook (Excel)");
  check(
    count(f, `//${el("Requirements")}//${el("Set")}[@Name='SharedRuntime' and @MinVersion='1.1']`) === 1,
    "Requirements must ask for SharedRuntime 1.1",
  );
  check(xpath(f, `//${el("Permissions")}`) === "ReadWriteDocument", "Permissions must be ReadWriteDocument");
  check(count(f, `//${el("Runtimes")}/${el("Runtime")}[@lifetime='long']`) === 1, "the shared Runtime must have lifetime=\"long\"");

  const runtimeRes = xpath(f, `//${el("Runtimes")}/${el("Runtime")}/@resid`);
  const cf = `//${el("ExtensionPoint")}[@*[local-name()='type']='CustomFunctions']`;
  check(count(f, cf) === 1, "a CustomFunctions extension point is required");
  const nsRes = xpath(f, `${cf}/${el("Namespace")}/@resid`);
  const ns = xpath(f, `//${el("ShortStrings")}/${el("String")}[@id='${nsRes}']/@DefaultValue`);
  check(ns === "AIECON", `custom functions namespace must be AIECON (found '${ns}')`);
  const pageRes = xpath(f, `${cf}/${el("Page")}/${el("SourceLocation")}/@resid`);
  check(pageRes !== "" && pageRes === runtimeRes, "the custom functions Page must be the shared runtime page");
  check(xpath(f, `${cf}/${el("Script")}/${el("SourceLocation")}/@resid`) !== "", "custom functions Script is missing");
  check(xpath(f, `${cf}/${el("Metadata")}/${el("SourceLocation")}/@resid`) !== "", "custom functions Metadata is missing");

  const button = `//${el("ExtensionPoint")}[@*[local-name()='type']='PrimaryCommandSurface']//${el("Control")}[@*[local-name()='type']='Button']`;
  check(count(f, button) >= 1, "a ribbon button is required");
  const actionRes = xpath(f, `${button}/${el("Action")}[@*[local-name()='type']='ShowTaskpane']/${el("SourceLocation")}/@resid`);
  check(actionRes === runtimeRes, "the ribbon button must open the task pane in the shared runtime");

  check(
    count(f, `//${el("Requirements")}//${el("Set")}[@Name='ExcelApi' and number(@MinVersion) >= 1.9]`) === 1,
    "Requirements must ask for ExcelApi 1.9 or later (what the writer uses)",
  );
  check(/^\d{1,5}(\.\d{1,5}){0,3}$/.test(xpath(f, `/${el("OfficeApp")}/${el("Version")}`)), "Version must be n.n.n.n");
  check(/^[a-z]{2,3}-[A-Z]{2}$/.test(xpath(f, `/${el("OfficeApp")}/${el("DefaultLocale")}`)), "DefaultLocale must be a culture name such as en-US");
  const support = xpath(f, `/${el("OfficeApp")}/${el("SupportUrl")}/@DefaultValue`);
  check(/^https:\/\//.test(support), "SupportUrl must be present and https");
  check(support !== xpath(f, `//${el("DefaultSettings")}/${el("SourceLocation")}/@DefaultValue`) && !/taskpane\.html/.test(support), "SupportUrl must not be the task pane");
  const domains = (xmllint(["--xpath", `//${el("AppDomain")}/text()`, f]).match(/\S+/g) ?? []);
  for (const d of domains) check(/^https:\/\/[^/]+$/.test(d), `AppDomain ${d} must be https with no path`);
  const ids = xmllint(["--xpath", `//${el("Resources")}//@id`, f]).match(/id="([^"]+)"/g) ?? [];
  check(new Set(ids).size === ids.length, "resource ids must be unique");
  const all = readFileSync(f, "utf8").match(/DefaultValue="(?:https?|ftp):[^"]*"/g) ?? [];
  for (const u of all) check(u.includes('"https://'), `${u} must be https`);

  // Every resid used must be defined.
  const used = xmllint(["--xpath", "//@resid", f]).match(/resid="([^"]+)"/g) ?? [];
  for (const u of new Set(used.map((s) => s.slice(7, -1)))) {
    check(count(f, `//${el("Resources")}//*[@id='${u}']`) === 1, `resid '${u}' is not defined in Resources`);
  }

  // URLs must point at files that the build produces.
  const text = readFileSync(f, "utf8");
  const urls = [...new Set(text.match(/https:\/\/localhost:3000\/[^"<\s]*/g) ?? [])];
  check(urls.length > 0, "no development URLs on https://localhost:3000 found");
  if (!existsSync(distDir)) {
    problems.push(`${distDir} does not exist: run npm run build before validate`);
  } else {
    for (const u of urls) {
      const rel = u.slice(DEV_URL.length).split(/[?#]/)[0];
      if (rel === "") continue; // an AppDomain
      check(existsSync(join(distDir, rel)), `${u} points at ${rel}, which the build does not produce`);
    }
  }

  // Icons: our own PNGs at 16, 32, 64, 80 and 128 px.
  const assets = resolve(manifestPath, "..", "assets");
  for (const s of [16, 32, 64, 80, 128]) {
    const p = join(assets, `icon-${s}.png`);
    const size = existsSync(p) ? pngSize(p) : null;
    check(size !== null && size.width === s && size.height === s, `assets/icon-${s}.png must be a ${s}×${s} PNG`);
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const manifest = resolve(process.argv[2] ?? join(root, "manifest.xml"));
  const dist = resolve(process.argv[3] ?? join(root, "dist"));
  const problems = validateManifest(manifest, dist);
  if (problems.length) {
    for (const p of problems) console.error(`manifest: ${p}`);
    process.exit(1);
  }
  console.log(`manifest.xml is valid: Excel shared runtime 1.1, lifetime long, namespace AIECON, every URL built in ${dist}`);
}
