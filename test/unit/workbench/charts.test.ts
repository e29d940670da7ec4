import { describe, expect, it } from "vitest";
import { createHost, installExcelGlobals } from "../../../src/workbench/host";
import { chartSvg, niceAxis } from "../../../src/workbench/ui/charts";
import type { HostError } from "../../../src/workbench/host/errors";

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

  it("stacked columns stand on the series before them; a series whose fill was cleared is not drawn (a waterfall's base)", async () => {
    const host = createHost();
    installExcelGlobals(host);
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      // Base, increase: a waterfall of 10, +5, 15.
      ws.getRange("A1:B3").values = [
        [0, 10],
        [10, 5],
        [0, 15],
      ];
      const chart = ws.charts.add(Excel.ChartType.columnStacked, ws.getRange("A1:A3"), Excel.ChartSeriesBy.columns);
      chart.series.add("Up").setValues(ws.getRange("B1:B3"));
      chart.series.getItemAt(0).format.fill.clear();
      await ctx.sync();
    });
    const sheet = host.model.sheets[0];
    const svg = chartSvg(host.model, sheet.charts[0], 400, 300);
    const bars = [...svg.matchAll(/<rect class="wb-bar" x="([\d.]+)" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"/g)].map((m) => m.slice(1).map(Number));
    // Only the three visible columns, each as tall as its value; the second stands on the invisible 10.
    expect(bars).toHaveLength(3);
    const unit = bars[0][2] / 10;
    expect(bars[1][2] / unit).toBeCloseTo(5, 6);
    expect(bars[2][2] / unit).toBeCloseTo(15, 6);
    // Its bottom is at 10, the top of the first column.
    expect(bars[1][1] + bars[1][2]).toBeCloseTo(bars[0][1], 6);
    // The stack's top (10 + 5) is level with the total of 15.
    expect(bars[1][1]).toBeCloseTo(bars[2][1], 6);
  });
});

describe("line style (ChartLineFormat.lineStyle, ExcelApi 1.7)", () => {
  it("draws Dash and RoundDot dashed, reads a written style back, and refuses a value Excel.ChartLineStyle does not have at sync, changing nothing", async () => {
    const host = createHost();
    installExcelGlobals(host);
    const read = await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:C3").values = [
        [1, 2, 3],
        [2, 3, 4],
        [3, 4, 5],
      ];
      const chart = ws.charts.add(Excel.ChartType.line, ws.getRange("A1:C3"), Excel.ChartSeriesBy.columns);
      const line = chart.series.getItemAt(1).format.line;
      let before = "";
      try {
        void line.lineStyle;
      } catch (e) {
        before = (e as HostError).code;
      }
      line.lineStyle = "Dash";
      chart.series.getItemAt(2).format.line.lineStyle = "RoundDot";
      await ctx.sync();
      return { before, after: line.lineStyle };
    });
    expect(read).toEqual({ before: "PropertyNotLoaded", after: "Dash" });
    const chart = host.model.sheets[0].charts[0];
    expect(chart.series.map((s) => s.lineStyle)).toEqual([undefined, "Dash", "RoundDot"]);
    const svg = chartSvg(host.model, chart, 400, 300);
    expect((svg.match(/class="wb-line wb-dashed"/g) ?? []).length).toBe(2);
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect((svg.match(/wb-legend-dashed/g) ?? []).length).toBe(2);
    // Names people guess that Excel.ChartLineStyle does not have.
    for (const bad of ["Dashed", "Solid"]) {
      let code = "";
      try {
        await host.run(async (ctx) => {
          const c = ctx.workbook.worksheets.getItem("Sheet1").charts.getItemAt(0);
          c.series.getItemAt(0).format.line.lineStyle = bad as Excel.ChartLineStyle;
          await ctx.sync();
        });
      } catch (e) {
        code = (e as HostError).code;
      }
      expect(code, bad).toBe("InvalidArgument");
      expect(host.model.sheets[0].charts[0].series[0].lineStyle, bad).toBeUndefined();
    }
  });
});

describe("axis ticks", () => {
  it("round bounds and steps (1, 2, 2.5, 5 × 10^n), zero exact, never a long decimal", () => {
    expect(niceAxis(-0.00000169807499, 0.00639876069027)).toEqual({ lo: -0.002, hi: 0.008, ticks: [-0.002, 0, 0.002, 0.004, 0.006, 0.008] });
    expect(niceAxis(0, 16.04).ticks).toEqual([0, 5, 10, 15, 20]);
    expect(niceAxis(0, 1).ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
    for (const t of niceAxis(-0.3, 0.7).ticks) expect(String(t)).toMatch(/^-?\d+(\.\d{1,2})?$/);
  });
});
