/** The pane's matching sentences: the overlap warning before Import, the match report after. */
import { describe, expect, it } from "vitest";
import type { InspectReport, SourceKind } from "../../../src/import/types";
import { summarize } from "../../../src/import/index";
import { matchReport } from "../../../src/import/match";
import { matchLines, overlapWarnings } from "../../../src/taskpane/checks";
import type { FileEntry } from "../../../src/taskpane/model";
import { memInput } from "../import/helpers";

function entry(id: number, kind: SourceKind, name: string, first: string, last: string): FileEntry {
  const report = { file: name, kind, periodRange: { first, last } } as unknown as InspectReport;
  return { id, kind, name, size: 1, status: "ready", report };
}

describe("overlap warning before Import", () => {
  it("warns for a volume file whose periods overlap no billing period, at any grain", () => {
    const bill = entry(1, "billing", "bill.csv", "2024-09", "2024-09");
    const trace = entry(2, "volume", "trace.csv", "2023-11-16", "2023-11-17");
    expect(overlapWarnings([bill, trace])).toEqual([
      "Warning: trace.csv covers 2023-11-16 to 2023-11-17, which overlaps no billing period (2024-09): its inferences will match no cost.",
    ]);
    // A day inside the billing month, or a week that crosses into it, overlaps.
    expect(overlapWarnings([bill, entry(3, "volume", "v.csv", "2024-09-30", "2024-09-30")])).toEqual([]);
    expect(overlapWarnings([bill, entry(4, "value", "w.csv", "2024-W35", "2024-W36")])).toEqual([]);
    expect(overlapWarnings([trace])).toEqual([]);
  });
});

describe("match report lines", () => {
  it("count the same findings as the report, naming files, keys and inferences", async () => {
    const bill = "Day,Amount,Model\n2024-09-01,10,gpt-4o\n2024-09-02,5,claude\n2024-09-03,5,\n";
    const vol = "date,key,requests\n2024-09-01,gpt-4o ,100\n2024-09-05,llama,7\n2024-11-01,gpt-4o,9\n";
    const r = await summarize([memInput("bill.csv", bill, "billing", { map: { date: "Day", cost: "Amount", currency: "USD", key: "Model" } }), memInput("vol.csv", vol, "volume")], {
      period: "month",
      cost: "billed",
    });
    const lines = matchLines(matchReport(r));
    expect(lines).toEqual([
      "2 groups have cost and no volume data, so no cost per inference.",
      "bill.csv: 2 keys have no volume: (unattributed) (USD 5.00), claude (USD 5.00).",
      "vol.csv: 1 key matches no cost: llama (7 inferences).",
      "vol.csv: 1 period has no cost: 2024-11 (9 inferences).",
      "Unattributed cost: 25.0% of USD cost in 2024-09.",
      "The Data Checks sheet lists every finding.",
    ]);
  });
});
