/** July 2025 made from the sample generator's June (test helper): the same rows, one month on. */
import { sampleFiles } from "../../../src/workbench/samples";
import type { ImportInput } from "../../../src/import/types";

export interface TextFile {
  kind: ImportInput["kind"];
  name: string;
  text: string;
}

/** The sample's June lines, moved to July (header kept). `bump` adds 1 to the first cost of the billing file (a re-issued month). */
export function julyFiles(reissued = false): TextFile[] {
  return sampleFiles().map((f) => {
    const [header, ...lines] = f.text.trimEnd().split("\n");
    const june = lines.filter((l) => l.includes("2025-06-") && !l.includes("2025-05-"));
    let moved = june.map((l) => l.replaceAll("2025-07-01", "2025-08-01").replaceAll("2025-06-", "2025-07-"));
    if (reissued && f.kind === "billing") {
      // A credit note folded in: the first line's billed cost is 1 USD higher (BilledCost is the second column).
      const cells = moved[0].split(",");
      cells[1] = String(Number(cells[1]) + 1);
      moved = [cells.join(","), ...moved.slice(1)];
    }
    const name = f.name.replace("2025H1", reissued ? "2025-07-reissued" : "2025-07");
    return { kind: f.kind, name, text: [header, ...moved].join("\n") + "\n" };
  });
}

export function textInput(f: TextFile): ImportInput {
  const bytes = new TextEncoder().encode(f.text);
  return { name: f.name, kind: f.kind, size: bytes.length, open: () => new Blob([bytes]).stream() as ReadableStream<Uint8Array> };
}
