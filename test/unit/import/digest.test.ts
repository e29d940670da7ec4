/** SHA-256 in one pass, against node:crypto on real files and on every split of small messages. */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Sha256 } from "../../../src/core/sha256";
import { digestStream, withDigest } from "../../../src/import/digest";
import { fileInput } from "../../../src/import/node";
import { summarize } from "../../../src/import/index";

const DATA = join(__dirname, "../../../../shared/data");
const nodeHex = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe("Sha256", () => {
  it("gives the FIPS 180-4 examples", () => {
    expect(new Sha256().hex()).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(new Sha256().update(new TextEncoder().encode("abc")).hex()).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("agrees with node:crypto for every length 0–200 and every split point", () => {
    const bytes = new Uint8Array(200).map((_, i) => (i * 131 + 7) & 0xff);
    for (let n = 0; n <= 200; n++) {
      const msg = bytes.subarray(0, n);
      const want = nodeHex(msg);
      expect(new Sha256().update(msg).hex()).toBe(want);
      for (let cut = 0; cut <= n; cut += 13) {
        expect(new Sha256().update(msg.subarray(0, cut)).update(msg.subarray(cut)).hex()).toBe(want);
      }
    }
  });

  it("agrees with node:crypto on every real export in ../shared/data, read as a stream", async () => {
    const all = files(DATA).filter((p) => statSync(p).size > 0);
    expect(all.length).toBeGreaterThan(10);
    for (const p of all) {
      const got = await digestStream(fileInput(p, "billing").open());
      expect(got.bytes, p).toBe(statSync(p).size);
      expect(got.sha256, p).toBe(nodeHex(readFileSync(p)));
    }
  });

  it("hashes the bytes the engine reads, in the same read (withDigest)", async () => {
    const p = join(DATA, "focus/focus_1.0_sample_1000.csv");
    let opens = 0;
    const base = fileInput(p, "billing");
    const counted = { ...base, open: () => (opens++, base.open()) };
    const d = withDigest(counted);
    expect(d.digest()).toBeNull();
    const result = await summarize([d.input], { period: "month", cost: "billed" });
    expect(result.sources[0].rowsUsed).toBeGreaterThan(0);
    expect(opens).toBe(1);
    expect(d.digest()).toEqual({ bytes: statSync(p).size, sha256: nodeHex(readFileSync(p)) });
  });
});
