import { describe, expect, it } from "vitest";
import { createHost, installExcelGlobals } from "../../../src/workbench/host";
import { chartSvg } from "../../../src/workbench/ui/charts";

describe("chart pictures", () => {
  it("a scatter point whose x is an error (#N/A) is not plotted; text x values plot at 1, 2, 3", async () => {
    const host = createHost();
    installExcelGlobals(host);
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:D3").formulas = [
        ["=NA()", 10, "a", 1],
        [100, 20, "b", 2],
        [200, 30, "c", 3],
      ];
      const numeric = ws.charts.add(Excel.ChartType.xyscatter, ws.getRange("B1:B3"));
      numeric.series.getItemAt(0).setXAxisValues(ws.getRange("A1:A3"));
      const text = ws.charts.add(Excel.ChartType.xyscatter, ws.getRange("D1:D3"));
      text.series.getItemAt(0).setXAxisValues(ws.getRange("C1:C3"));
      await ctx.sync();
    });
    const sheet = host.model.sheets[0];
    const points = (i: number) => (chartSvg(host.model, sheet.charts[i], 400, 300).match(/class="wb-point"/g) ?? []).length;
    expect(points(0)).toBe(2);
    expect(points(1)).toBe(3);
  });
});
