import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT, DIST, ensureBuilt, ROOT } from "../../support/ensure-built";

const root = ROOT;
const dist = DIST;

type Validate = (manifest: string, dist: string) => string[];
let validateManifest: Validate;

beforeAll(async () => {
  await ensureBuilt();
  const mod = (await import(join(root, "scripts/validate-manifest.mjs"))) as { validateManifest: Validate };
  validateManifest = mod.validateManifest;
}, BUILD_TIMEOUT);

/** A copy of the manifest (with assets beside it) after `edit`, validated against dist/. */
function validateEdited(edit: (xml: string) => string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "aiecon-manifest-"));
  mkdirSync(join(dir, "assets"));
  for (const s of [16, 32, 64, 80, 128]) {
    copyFileSync(join(root, "assets", `icon-${s}.png`), join(dir, "assets", `icon-${s}.png`));
  }
  const file = join(dir, "manifest.xml");
  writeFileSync(file, edit(readFileSync(join(root, "manifest.xml"), "utf8")));
  return validateManifest(file, dist);
}

describe("manifest.xml (offline validation)", () => {
  it("is valid as committed, against the files the build produces", () => {
    expect(validateManifest(join(root, "manifest.xml"), dist)).toEqual([]);
  });

  it("the npm script exits 0", () => {
    expect(() => execFileSync("node", ["scripts/validate-manifest.mjs"], { cwd: root, stdio: "pipe" })).not.toThrow();
  });

  it("rejects XML that is not well-formed", () => {
    const p = validateEdited((x) => x.replace("</OfficeApp>", ""));
    expect(p.join("\n")).toMatch(/not well-formed/);
  });

  it("rejects another namespace", () => {
    const p = validateEdited((x) => x.replace('id="Functions.Namespace" DefaultValue="AIECON"', 'id="Functions.Namespace" DefaultValue="CONTOSO"'));
    expect(p.join("\n")).toMatch(/namespace must be AIECON/);
  });

  it("rejects a runtime that is not long-lived", () => {
    const p = validateEdited((x) => x.replace('lifetime="long"', 'lifetime="short"'));
    expect(p.join("\n")).toMatch(/lifetime/);
  });

  it("rejects a missing SharedRuntime requirement", () => {
    const p = validateEdited((x) => x.replace('<Set Name="SharedRuntime" MinVersion="1.1" />', ""));
    expect(p.join("\n")).toMatch(/SharedRuntime 1\.1/);
  });

  it("rejects a URL to a file the build does not produce", () => {
    const p = validateEdited((x) => x.replace("https://localhost:3000/functions.json", "https://localhost:3000/function.json"));
    expect(p.join("\n")).toMatch(/function\.json, which the build does not produce/);
  });

  it("rejects an undefined resid", () => {
    const p = validateEdited((x) => x.replace('<Namespace resid="Functions.Namespace" />', '<Namespace resid="Functions.Nope" />'));
    expect(p.join("\n")).toMatch(/resid 'Functions\.Nope' is not defined/);
  });

  it("rejects a missing or too low ExcelApi requirement", () => {
    expect(validateEdited((x) => x.replace('<Set Name="ExcelApi" MinVersion="1.9" />', "")).join("\n")).toMatch(/ExcelApi 1\.9/);
    expect(validateEdited((x) => x.replace('<Set Name="ExcelApi" MinVersion="1.9" />', '<Set Name="ExcelApi" MinVersion="1.8" />')).join("\n")).toMatch(/ExcelApi 1\.9/);
  });

  it("rejects a SupportUrl that is the task pane, or missing", () => {
    expect(validateEdited((x) => x.replace("localhost:3000/support.html\" />", "localhost:3000/taskpane.html\" />")).join("\n")).toMatch(/SupportUrl must not be the task pane/);
    expect(validateEdited((x) => x.replace(/<SupportUrl[^>]*\/>/, "")).join("\n")).toMatch(/SupportUrl must be present/);
  });

  it("rejects an AppDomain with a path, and http URLs", () => {
    expect(validateEdited((x) => x.replace("<AppDomain>https://localhost:3000</AppDomain>", "<AppDomain>https://localhost:3000/x/</AppDomain>")).join("\n")).toMatch(/AppDomain .* no path/);
    expect(validateEdited((x) => x.replace("https://localhost:3000/assets/icon-16.png", "http://localhost:3000/assets/icon-16.png")).join("\n")).toMatch(/must be https/);
  });

  it("rejects duplicate resource ids, a bad Version and a bad DefaultLocale", () => {
    expect(validateEdited((x) => x.replace('<bt:String id="Group.Label"', '<bt:String id="GetStarted.Title"')).join("\n")).toMatch(/unique/);
    expect(validateEdited((x) => x.replace("<Version>0.1.0.0</Version>", "<Version>v1</Version>")).join("\n")).toMatch(/Version/);
    expect(validateEdited((x) => x.replace("<DefaultLocale>en-US</DefaultLocale>", "<DefaultLocale>english</DefaultLocale>")).join("\n")).toMatch(/DefaultLocale/);
  });
});

describe("production build (dist/)", () => {
  const files = ["manifest.xml", "taskpane.html", "taskpane.js", "functions.js", "functions.json", "support.html"];
  it.each(files)("%s has no localhost", (name) => {
    expect(readFileSync(join(dist, name), "utf8")).not.toMatch(/localhost/);
  });
  it("taskpane.html loads office.js from Microsoft's CDN", () => {
    expect(readFileSync(join(dist, "taskpane.html"), "utf8")).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
  });
});
