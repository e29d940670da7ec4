/** The variant of a format, on the real exports of ../shared/data; tag keys trimmed and merged. */
import { describe, expect, it } from "vitest";
import { inspect } from "../../../src/import/index";
import { fileInput } from "../../../src/import/node";
import { describeReport } from "../../../src/taskpane/model";
import { memInput } from "./helpers";

const DATA = `${__dirname}/../../../../shared/data`;

describe("format variants from columns and rows", () => {
  const cases: Array<[file: string, variant: string | undefined, label: string]> = [
    ["azure/azure_ea_actualcost_small.csv", "EA, actual cost", "Azure cost export (EA, actual cost)"],
    ["azure/azure_ea_amortizedcost_small.csv", "EA, amortized cost", "Azure cost export (EA, amortized cost)"],
    ["azure/azure_ea_export_focus-converters.csv", "EA", "Azure cost export (EA)"],
    ["azure/azure_mca_camelcase_koku.csv", "MCA", "Azure cost export (MCA)"],
    ["azure/azure_legacy_costreport_bom_koku.csv", "legacy", "Azure cost export (legacy)"],
    ["focus/focus_1.0_sample_1000.csv", "FOCUS 1.0", "FOCUS 1.0"],
    ["aws/aws_cur2_daily_ha-project.csv", undefined, "AWS CUR 2.0 (Data Exports)"],
    ["aws/aws_legacy_cur_costcategory_koku.csv", undefined, "AWS Cost and Usage Report (legacy)"],
  ];
  for (const [file, variant, label] of cases) {
    it(`${file}: ${label}`, async () => {
      const r = await inspect(fileInput(`${DATA}/${file}`, "billing"), { asKind: "billing" });
      expect(r.report.variant).toBe(variant);
      // The card names the variant, and not the encoding of a UTF-8 file with a BOM.
      expect(describeReport(r.report).format).toBe(label);
    });
  }

  it("reads FOCUS 1.1–1.3 from the columns each added", async () => {
    const base = "BilledCost,ChargePeriodStart,BillingCurrency,ServiceName";
    const row = "\n1,2024-09-02,USD,X";
    for (const [extra, v] of [["", "FOCUS 1.0"], [",SkuMeter", "FOCUS 1.1"], [",InvoiceId", "FOCUS 1.2"], [",ServiceProviderName", "FOCUS 1.3"]]) {
      const r = await inspect(memInput("f.csv", base + extra + row + (extra ? ",a" : "")), { asKind: "billing" });
      expect(r.report.variant).toBe(v);
    }
  });
});

describe("tag keys", () => {
  it("a key with a leading space is the same tag key, and its values are found", async () => {
    const text =
      "BilledCost,ChargePeriodStart,BillingCurrency,ServiceName,Tags\n" +
      '1,2024-09-02,USD,X,"{"" org"":""a""}"\n' +
      '2,2024-09-02,USD,X,"{""org"":""b""}"\n';
    const r = await inspect(memInput("t.csv", text), { asKind: "billing", key: "tag:org" });
    expect(r.report.tagKeys).toEqual(["org"]);
  });
});
