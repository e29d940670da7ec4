import { beforeEach, describe, expect, it } from "vitest";
import { createHost, getCell, installExcelGlobals, setCell, type WorkbenchHost } from "../../../src/workbench/host";
import { HostError } from "../../../src/workbench/host/errors";

let host: WorkbenchHost;
beforeEach(() => {
  host = createHost();
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(HostError);
    return (e as HostError).code;
  }
  return "no error";
}

describe("queued writes", () => {
  it("applies writes only at sync, in order", async () => {
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("Data");
      ws.getRange("A1:B2").values = [[1, 2], [3, "=A1+B1"]];
      expect(host.model.sheetByName("Data")).toBeUndefined();
      expect(host.stats().syncs).toBe(0);
      await ctx.sync();
      expect(host.model.sheetByName("Data")).toBeDefined();
      expect(host.stats().syncs).toBe(1);
    });
    expect((await getCell(host, "Data", "B2")).value).toBe(3);
    expect((await getCell(host, "Data", "B2")).formula).toBe("=A1+B1");
  });

  it("Excel.run syncs pending writes at the end of the batch", async () => {
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("C3").values = [[42]];
    });
    expect((await getCell(host, "Sheet1", "C3")).value).toBe(42);
  });

  it("counts syncs and their payload", async () => {
    await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A1000");
      r.values = Array.from({ length: 1000 }, (_, i) => [i]);
      await ctx.sync();
      r.load("values");
      await ctx.sync();
    });
    const s = host.stats();
    expect(s.syncs).toBe(2);
    expect(s.payloads[0]).toBeGreaterThan(JSON.stringify(Array.from({ length: 1000 }, (_, i) => [i])).length);
    expect(s.payloads[1]).toBeLessThan(1000);
    expect(s.maxPayload).toBe(s.payloads[0]);
  });
});

describe("load and PropertyNotLoaded", () => {
  it("throws PropertyNotLoaded before load, and before the sync after load", async () => {
    await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      expect(() => r.values).toThrowError(/load/);
      try {
        void r.address;
      } catch (e) {
        expect((e as HostError).code).toBe("PropertyNotLoaded");
      }
      r.load("values, address");
      expect(() => r.address).toThrow();
      await ctx.sync();
      expect(r.address).toBe("Sheet1!A1");
      expect(r.values).toEqual([[""]]);
    });
  });

  it("loads collections with items and nested paths", async () => {
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.add("Two");
      const wss = ctx.workbook.worksheets;
      wss.load("items/name,items/position");
      await ctx.sync();
      expect(wss.items.map((w) => [w.name, w.position])).toEqual([["Sheet1", 0], ["Two", 1]]);
      const r = ctx.workbook.worksheets.getItem("Two").getRange("A1");
      r.format.fill.color = "#FF0000";
      r.load("format/fill/color");
      await ctx.sync();
      expect(r.format.fill.color).toBe("#FF0000");
    });
  });

  it("isNullObject after sync", async () => {
    await host.run(async (ctx) => {
      const a = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      const b = ctx.workbook.worksheets.getItemOrNullObject("sheet1");
      expect(() => a.isNullObject).toThrow();
      await ctx.sync();
      expect(a.isNullObject).toBe(true);
      expect(b.isNullObject).toBe(false);
    });
  });
});

describe("errors at sync", () => {
  it("ItemNotFound for a missing sheet, at sync not before", async () => {
    const c = await code(
      host.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Missing");
        ws.getRange("A1").values = [[1]];
        await ctx.sync();
      }),
    );
    expect(c).toBe("ItemNotFound");
  });

  it("ItemAlreadyExists for a duplicate sheet name; InvalidArgument for a bad one or a shape mismatch", async () => {
    expect(await code(host.run(async (ctx) => void ctx.workbook.worksheets.add("sheet1")))).toBe("ItemAlreadyExists");
    expect(await code(host.run(async (ctx) => void ctx.workbook.worksheets.add("a/b")))).toBe("InvalidArgument");
    expect(
      await code(
        host.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, 2]];
        }),
      ),
    ).toBe("InvalidArgument");
  });

  it("values, formulas and number formats of the wrong shape fail at sync as Excel does, and apply nothing of the batch after them", async () => {
    const MESSAGE = "The number of rows or columns in the input array doesn't match the size or dimensions of the range";
    const wrong: [string, (r: Excel.Range) => void][] = [
      ["values, too few rows", (r) => (r.values = [[1, 2]])],
      ["values, a short row", (r) => (r.values = [[1, 2], [3]])],
      ["formulas, too many columns", (r) => (r.formulas = [["=1", "=2", "=3"], ["=4", "=5", "=6"]])],
      ["numberFormat, one row", (r) => (r.numberFormat = [["0.00", "0.00"]])],
      ["numberFormat, a column", (r) => (r.numberFormat = [["0.00"], ["0.00"]])],
    ];
    for (const [what, write] of wrong) {
      let err: unknown;
      await host
        .run(async (ctx) => {
          const ws = ctx.workbook.worksheets.getItem("Sheet1");
          write(ws.getRange("A1:B2"));
          ws.getRange("D1").values = [["after"]];
          await ctx.sync();
        })
        .catch((e: unknown) => (err = e));
      expect(err, what).toBeInstanceOf(HostError);
      expect((err as HostError).code, what).toBe("InvalidArgument");
      expect((err as HostError).message, what).toContain(MESSAGE);
      expect((await getCell(host, "Sheet1", "D1")).value, what).toBe("");
    }
    // The right shape is accepted.
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").numberFormat = [["0.00", "0.00"], ["0.00", "0.00"]];
    });
    expect((await getCell(host, "Sheet1", "B2")).text).toBe("");
  });

  it("a request over 5 MB fails with RequestPayloadSizeLimitExceeded and applies nothing", async () => {
    const big = Array.from({ length: 60000 }, (_, i) => [`row ${i} ${"x".repeat(90)}`]); // ≈ 6 MB
    const c = await code(
      host.run(async (ctx) => {
        ctx.workbook.worksheets.add("Before");
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A60000").values = big;
        await ctx.sync();
      }),
    );
    expect(c).toBe("RequestPayloadSizeLimitExceeded");
    expect(host.stats().maxPayload).toBeGreaterThan(5 * 1024 * 1024);
    expect(host.model.sheetByName("Before")).toBeUndefined();
    expect((await getCell(host, "Sheet1", "A1")).value).toBe("");
  });

  it("the same data in chunks of 10,000 rows goes through", async () => {
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      for (let r = 0; r < 60000; r += 10000) {
        ws.getRangeByIndexes(r, 0, 10000, 1).values = Array.from({ length: 10000 }, (_, i) => [`row ${r + i} ${"x".repeat(90)}`]);
        await ctx.sync();
      }
    });
    expect(host.stats().syncs).toBe(6);
    expect(host.stats().maxPayload).toBeLessThan(5 * 1024 * 1024);
    expect((await getCell(host, "Sheet1", "A60000")).value).toMatch(/^row 59999 /);
  });
});

describe("values as Excel reads them", () => {
  it("a string starting with = becomes a formula; a leading apostrophe keeps text", async () => {
    await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:E1");
      r.values = [["=1+1", "'=x", "'0042", "12", "-cmd"]];
      await ctx.sync();
      r.load("values,formulas,valueTypes");
      await ctx.sync();
      expect(r.values).toEqual([[2, "=x", "0042", 12, "#NAME?"]]);
      expect(r.formulas[0][0]).toBe("=1+1");
      expect(r.formulas[0][1]).toBe("=x"); // the text itself, as Excel returns it; valueTypes tells it is text
      expect(r.valueTypes[0]).toEqual(["Double", "String", "String", "Double", "Error"]);
    });
  });

  it("numbers stay numbers; text-formatted cells keep strings; null leaves a cell alone", async () => {
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      const r = ws.getRange("A1:C1");
      r.numberFormat = [["General", "@", "General"]];
      r.values = [[0.1, "2025-07", "keep"]];
      await ctx.sync();
      r.values = [[null, "=1", null]];
      r.load("values,numberFormat");
      await ctx.sync();
      expect(r.values).toEqual([[0.1, "=1", "keep"]]);
      expect(r.numberFormat).toEqual([["General", "@", "General"]]);
      const d = ws.getRange("D1");
      d.values = [["2025-07"]];
      d.load("values,numberFormat,text");
      await ctx.sync();
      expect(d.values[0][0]).toBe(45839); // Excel reads "2025-07" as the date 1 Jul 2025
      expect(d.text[0][0]).toBe("Jul-25");
    });
  });

  it("computes SUMIFS over whole columns of a quoted sheet name, IFERROR, AVERAGE", async () => {
    await host.run(async (ctx) => {
      const d = ctx.workbook.worksheets.add("AI Cost Data");
      d.getRange("A1:C4").values = [["Period", "Key", "Cost"], ["'2025-07", "gpt-4o", 10], ["'2025-07", "claude", 5], ["'2025-08", "gpt-4o", 7]];
      const u = ctx.workbook.worksheets.add("Unit Economics");
      u.getRange("A1:D1").formulas = [[
        `=SUMIFS('AI Cost Data'!$C:$C,'AI Cost Data'!$A:$A,"2025-07",'AI Cost Data'!$B:$B,"gpt-4o")`,
        "=IFERROR(1/0,\"none\")",
        "=AVERAGE('AI Cost Data'!C2:C4)",
        "=IF(A1>5,\"big\",\"small\")",
      ]];
      await ctx.sync();
    });
    const snap = host.snapshot();
    const ue = snap.sheets.find((s) => s.name === "Unit Economics")!;
    expect(ue.values[0]).toEqual([10, "none", 22 / 3, "big"]);
    expect(ue.formulas[0][0]).toMatch(/^=SUMIFS\('AI Cost Data'!\$C:\$C/);
    // The period labels stay text.
    expect(snap.sheets.find((s) => s.name === "AI Cost Data")!.values[1][0]).toBe("2025-07");
  });

  it("errors read as Excel text, blanks as empty strings", async () => {
    await setCell(host, "Sheet1", "A1", "=1/0");
    await setCell(host, "Sheet1", "C1", "=NOSUCHFN(1)");
    const s = host.snapshot().sheets[0];
    expect(s.values).toEqual([["#DIV/0!", "", "#NAME?"]]);
  });

  it("accepts upper-case exponents in formula literals", async () => {
    await setCell(host, "Sheet1", "A1", "=1.5E-3*2");
    expect((await getCell(host, "Sheet1", "A1")).value).toBe(0.003);
  });

  it("an invalid formula fails at sync with InvalidArgument", async () => {
    expect(await code(setCell(host, "Sheet1", "A1", "=SUM(1,"))).toBe("InvalidArgument");
  });
});

describe("sheets, tables, charts, names, settings", () => {
  it("renames, moves, hides and deletes sheets; formulas follow renames", async () => {
    await host.run(async (ctx) => {
      const a = ctx.workbook.worksheets.add("A");
      a.getRange("A1").values = [[5]];
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").formulas = [["=A!A1*2"]];
      a.position = 0;
      await ctx.sync();
      a.name = "Renamed";
      await ctx.sync();
      a.load("name,position");
      await ctx.sync();
      expect([a.name, a.position]).toEqual(["Renamed", 0]);
    });
    expect((await getCell(host, "Sheet1", "A1")).formula).toBe("=Renamed!A1*2");
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Renamed").delete();
      await ctx.sync();
    });
    expect((await getCell(host, "Sheet1", "A1")).value).toBe("#REF!");
  });

  it("adds a table with headers, data body, rows.add, and reports it in the snapshot", async () => {
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:B3").values = [["Key", "Cost"], ["a", 1], ["b", 2]];
      const t = ws.tables.add("A1:B3", true);
      t.name = "Costs";
      t.rows.add(undefined, [["c", 3]]);
      const body = t.getDataBodyRange();
      body.load("address,values");
      const head = t.getHeaderRowRange();
      head.load("values");
      await ctx.sync();
      expect(body.address).toBe("Sheet1!A2:B4");
      expect(head.values).toEqual([["Key", "Cost"]]);
      t.columns.load("items/name");
      await ctx.sync();
      expect(t.columns.items.map((c) => c.name)).toEqual(["Key", "Cost"]);
    });
    expect(host.snapshot().sheets[0].tables).toEqual([{ name: "Costs", address: "A1:B4" }]);
    expect(await code(host.run(async (ctx) => void ctx.workbook.worksheets.getItem("Sheet1").tables.add("B2:C3", true)))).toBe("InvalidArgument");
    expect(await code(host.run(async (ctx) => void ctx.workbook.tables.getItem("Nope")))).toBe("ItemNotFound");
  });

  it("a chart placed on cells moves and sizes with them, as Excel's default placement; one placed by points stays", async () => {
    installExcelGlobals(host);
    const place = async () =>
      host.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Sheet1");
        const c = ws.charts.getItem("Chart 1");
        c.load("left,width");
        await ctx.sync();
        return { left: c.left, width: c.width };
      });
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:B2").values = [["Key", "Cost"], ["a", 1]];
      ws.charts.add(Excel.ChartType.columnClustered, ws.getRange("A1:B2")).setPosition("C1", "D10");
      await ctx.sync();
    });
    const before = await place();
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1").values = [["a much longer header than before, to widen column A"]];
      ws.getRange("A:B").format.autofitColumns();
      ws.getRange("C:C").format.columnWidth = 200;
      await ctx.sync();
    });
    const after = await place();
    expect(after.left).toBeGreaterThan(before.left);
    const widths = await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      const a = ws.getRange("A1").format;
      const b = ws.getRange("B1").format;
      const d = ws.getRange("D1").format;
      a.load("columnWidth");
      b.load("columnWidth");
      d.load("columnWidth");
      await ctx.sync();
      return [a.columnWidth, b.columnWidth, d.columnWidth];
    });
    expect(after.left).toBeCloseTo(widths[0] + widths[1], 6);
    expect(after.width).toBeCloseTo(200 + widths[2], 6);
    // Placed by points: it stays where it was put.
    await host.run(async (ctx) => {
      const c = ctx.workbook.worksheets.getItem("Sheet1").charts.getItem("Chart 1");
      c.left = 10;
      await ctx.sync();
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A:A").format.columnWidth = 300;
      await ctx.sync();
    });
    expect((await place()).left).toBe(10);
  });

  it("charts from a source range, with series added by hand, live values", async () => {
    installExcelGlobals(host);
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:B3").values = [["Model", "Cost per inference"], ["gpt-4o", 0.01], ["claude", 0.02]];
      const c = ws.charts.add(Excel.ChartType.columnClustered, ws.getRange("A1:B3"), Excel.ChartSeriesBy.columns);
      c.title.text = "Cost per inference by model";
      c.axes.valueAxis.title.text = "USD";
      c.setPosition("D2", "J15");
      const sc = ws.charts.add(Excel.ChartType.xyscatter, ws.getRange("B2:B3"));
      const s = sc.series.add("Points");
      s.setValues(ws.getRange("B2:B3"));
      s.setXAxisValues(ws.getRange("B2:B3"));
      await ctx.sync();
      c.load("name,top,left,chartType");
      await ctx.sync();
      expect(c.chartType).toBe("ColumnClustered");
      expect(c.top).toBe(15);
    });
    await setCell(host, "Sheet1", "B2", 0.03);
    const charts = host.snapshot().sheets[0].charts;
    expect(charts[0]).toEqual({ title: "Cost per inference by model", type: "ColumnClustered", series: [{ name: "Cost per inference", values: [0.03, 0.02] }] });
    expect(charts[1].type).toBe("XYScatter");
    expect(charts[1].series.find((x) => x.name === "Points")!.values).toEqual([0.03, 0.02]);
  });

  it("conditional formats colour cells by their rule", async () => {
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      const r = ws.getRange("A1:A3");
      r.values = [["Excellent"], ["Unsustainable"], ["Good"]];
      const cf = r.conditionalFormats.add("ContainsText");
      cf.textComparison.format.fill.color = "#C6EFCE";
      cf.textComparison.rule = { operator: "Contains", text: "Excellent" };
      const b = ws.getRange("B1:B3");
      b.values = [[1], [5], [10]];
      const cv = b.conditionalFormats.add("CellValue");
      cv.cellValue.format.font.color = "#9C0006";
      cv.cellValue.rule = { formula1: "=5", operator: "GreaterThanOrEqual" };
      const cu = ws.getRange("C1:C3").conditionalFormats.add("Custom");
      cu.custom.rule.formula = "=B1>1";
      cu.custom.format.fill.color = "#FFEB9C";
      await ctx.sync();
    });
    const m = host.model;
    const s = m.sheets[0];
    expect(m.displayFormat(s, 0, 0).fill).toBe("#C6EFCE");
    expect(m.displayFormat(s, 1, 0).fill).toBeUndefined();
    expect(m.displayFormat(s, 0, 1).fontColor).toBeUndefined();
    expect(m.displayFormat(s, 1, 1).fontColor).toBe("#9C0006");
    expect(m.displayFormat(s, 0, 2).fill).toBeUndefined();
    expect(m.displayFormat(s, 2, 2).fill).toBe("#FFEB9C");
  });

  it("names, settings and custom properties", async () => {
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:A2").values = [[2], [3]];
      ctx.workbook.names.add("Nums", ws.getRange("A1:A2"));
      ws.getRange("B1").formulas = [["=SUM(Nums)"]];
      ctx.workbook.settings.add("aiecon.sheets", ["Unit Economics"]);
      ctx.workbook.properties.custom.add("AIECON", "1");
      await ctx.sync();
      const s = ctx.workbook.settings.getItemOrNullObject("aiecon.sheets");
      const p = ctx.workbook.properties.custom.getItemOrNullObject("aiecon");
      const n = ctx.workbook.names.getItem("Nums");
      s.load("value");
      p.load("value");
      n.load("value,type");
      await ctx.sync();
      expect(s.value).toEqual(["Unit Economics"]);
      expect(p.value).toBe("1");
      expect([n.type, n.value]).toEqual(["Range", "Sheet1!A1:A2"]);
    });
    expect((await getCell(host, "Sheet1", "B1")).value).toBe(5);
  });

  it("application suspend calls and used range", async () => {
    await host.run(async (ctx) => {
      ctx.application.suspendApiCalculationUntilNextSync();
      ctx.application.suspendScreenUpdatingUntilNextSync();
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      const empty = ws.getUsedRangeOrNullObject();
      await ctx.sync();
      expect(empty.isNullObject).toBe(true);
      ws.getRange("B2:C3").values = [[1, 2], [3, 4]];
      const used = ws.getUsedRange();
      used.load("address");
      await ctx.sync();
      expect(used.address).toBe("Sheet1!B2:C3");
    });
  });

  it("reset gives a new workbook", async () => {
    await setCell(host, "Sheet1", "A1", 1);
    host.reset();
    expect(host.snapshot()).toEqual({ sheets: [{ name: "Sheet1", values: [], formulas: [], tables: [], charts: [] }] });
    expect(host.stats().syncs).toBe(0);
  });
});

describe("Excel formula syntax HyperFormula lacks", () => {
  it("doubled quotes inside strings", async () => {
    const host2 = createHost();
    await setCell(host2, "Sheet1", "A1", '="say ""hi"""&"!"');
    await setCell(host2, "Sheet1", "A2", '=LEN("""")');
    expect((await getCell(host2, "Sheet1", "A1")).value).toBe('say "hi"!');
    expect((await getCell(host2, "Sheet1", "A1")).formula).toBe('="say ""hi"""&"!"');
    expect((await getCell(host2, "Sheet1", "A2")).value).toBe(1);
    expect((await getCell(host2, "Sheet1", "A2")).formula).toBe('=LEN("""")');
  });

  it("TRUE/FALSE literals work and read back as written", async () => {
    const host2 = createHost();
    await setCell(host2, "Sheet1", "A1", '=IF(TRUE,"yes","no")');
    await setCell(host2, "Sheet1", "A2", '=AND(FALSE,"TRUE"="TRUE")');
    expect((await getCell(host2, "Sheet1", "A1")).value).toBe("yes");
    expect((await getCell(host2, "Sheet1", "A1")).formula).toBe('=IF(TRUE,"yes","no")');
    expect((await getCell(host2, "Sheet1", "A2")).value).toBe(false);
    expect((await getCell(host2, "Sheet1", "A2")).formula).toBe('=AND(FALSE,"TRUE"="TRUE")');
  });
});

describe("calculation mode", () => {
  async function mode(): Promise<string> {
    return host.run(async (ctx) => {
      const app = ctx.workbook.application;
      app.load("calculationMode");
      await ctx.sync();
      return app.calculationMode;
    });
  }
  async function setMode(m: "Automatic" | "Manual"): Promise<void> {
    await host.run(async (ctx) => {
      ctx.workbook.application.calculationMode = m;
    });
  }

  it("calculate() after a sheet was deleted, and with a formula naming a sheet that came later, keeps every sheet", async () => {
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.add("Gone");
      await ctx.sync();
      ctx.workbook.worksheets.add("Data").getRange("A1:A2").values = [[1], [2]];
      ctx.workbook.worksheets.getItem("Gone").delete();
    });
    await setCell(host, "Sheet1", "A1", "=SUM('Data'!A1:A2)+SUM('Later'!A1)");
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.add("Later").getRange("A1").values = [[0]];
      await ctx.sync();
      ctx.workbook.application.calculate("Full");
    });
    expect((await getCell(host, "Sheet1", "A1")).value).toBe(3);
    await setCell(host, "Data", "A2", 5);
    expect((await getCell(host, "Sheet1", "A1")).value).toBe(6);
    expect((await getCell(host, "Data", "A2")).value).toBe(5);
  });

  it("reads and sets calculationMode; a bad mode is InvalidArgument", async () => {
    expect(await mode()).toBe("Automatic");
    await setMode("Manual");
    expect(await mode()).toBe("Manual");
    expect(
      await code(
        host.run(async (ctx) => {
          (ctx.workbook.application as unknown as { calculationMode: string }).calculationMode = "Sometimes";
        }),
      ),
    ).toBe("InvalidArgument");
  });

  it("manual: formulas keep their values until calculate(); constants show at once; automatic again computes", async () => {
    await setCell(host, "Sheet1", "A1", 1);
    await setCell(host, "Sheet1", "B1", "=A1*2");
    expect((await getCell(host, "Sheet1", "B1")).value).toBe(2);
    await setMode("Manual");
    await setCell(host, "Sheet1", "A1", 5);
    expect((await getCell(host, "Sheet1", "A1")).value).toBe(5);
    expect((await getCell(host, "Sheet1", "B1")).value).toBe(2);
    expect((await getCell(host, "Sheet1", "B1")).text).toBe("2");
    // A formula written in manual shows its value when entered, and then holds it too.
    await setCell(host, "Sheet1", "C1", "=A1+1");
    expect((await getCell(host, "Sheet1", "C1")).value).toBe(6);
    await setCell(host, "Sheet1", "A1", 7);
    expect((await getCell(host, "Sheet1", "C1")).value).toBe(6);
    await host.run(async (ctx) => {
      ctx.workbook.application.calculate("Recalculate");
    });
    expect((await getCell(host, "Sheet1", "B1")).value).toBe(14);
    expect((await getCell(host, "Sheet1", "C1")).value).toBe(8);
    await setCell(host, "Sheet1", "A1", 10);
    expect((await getCell(host, "Sheet1", "B1")).value).toBe(14);
    await setMode("Automatic");
    expect((await getCell(host, "Sheet1", "B1")).value).toBe(20);
    expect(
      await code(
        host.run(async (ctx) => {
          (ctx.workbook.application as unknown as { calculate(t: string): void }).calculate("Now");
        }),
      ),
    ).toBe("InvalidArgument");
  });
});
