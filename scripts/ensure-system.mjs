// System packages the tests need: Debian's chromium (browser tests, never a downloaded browser)
// and xmllint (offline manifest check). Installed with apt-get when missing and we are root on
// Debian; otherwise a clear message says what to install.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

function has(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

export function ensureSystem() {
  const need = [];
  if (!existsSync(process.env.AIECON_CHROMIUM ?? "/usr/bin/chromium")) need.push("chromium");
  if (!has("xmllint")) need.push("libxml2-utils");
  if (need.length === 0) return true;
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (process.platform === "linux" && root && has("apt-get")) {
    console.log(`Installing ${need.join(", ")} with apt-get (needed by the tests)…`);
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...need], { stdio: "inherit", env });
    return true;
  }
  console.error(
    `The tests need ${need.join(" and ")}. On Debian/Ubuntu: sudo apt-get install -y ${need.join(" ")}` +
      " (or set AIECON_CHROMIUM to a Chromium binary).",
  );
  return false;
}
