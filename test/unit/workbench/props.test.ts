/**
 * The property tables of the workbench host (src/workbench/host/props.ts): the accessors
 * `defineProps` generates keep office.js's rules for every class.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { createHost, type WorkbenchHost } from "../../../src/workbench/host";
import { HostError } from "../../../src/workbench/host/errors";

let host: WorkbenchHost;
beforeEach(() => {
  host = createHost();
});

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof HostError ? e.code : (e as Error).name;
  }
  return "no error";
}

describe("accessors from property tables", () => {
  it("a read before load and sync throws PropertyNotLoaded naming the class", async () => {
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      const r = ws.getRange("A1");
      for (const read of [() => ws.name, () => ws.position, () => r.values, () => r.address, () => r.format.font.bold, () => ctx.application.calculationMode]) {
        expect(codeOf(read)).toBe("PropertyNotLoaded");
      }
      let location: string | undefined = "no error";
      try {
        void r.format.fill.color;
      } catch (e) {
        location = (e as HostError).debugInfo.errorLocation;
      }
      expect(location).toBe("RangeFill.color");
      await ctx.sync();
    });
  });

  it("load() with no argument loads every table property, in table order", async () => {
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1").load();
      await ctx.sync();
      expect(Object.keys(ws.toJSON())).toEqual(["name", "id", "position", "visibility", "tabColor", "showGridlines", "standardWidth"]);
      expect(ws.name).toBe("Sheet1");
      expect(ws.position).toBe(0);
    });
  });

  it("a subclass loads its base class's rows (a setting: key, value, type)", async () => {
    await host.run(async (ctx) => {
      ctx.workbook.settings.add("k", 5);
      const s = ctx.workbook.settings.getItem("k").load();
      await ctx.sync();
      expect(s.toJSON()).toEqual({ key: "k", value: 5, type: "Number" });
    });
  });

  it("a write is readable at once and reaches the model only at sync", async () => {
    await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.name = "Data";
      expect(ws.name).toBe("Data");
      expect(host.model.sheetByName("Data")).toBeUndefined();
      await ctx.sync();
      expect(host.model.sheetByName("Data")).toBeDefined();
    });
  });

  it("a read-only property has no setter; a name outside the table fails the sync with InvalidArgument", async () => {
    await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      expect(codeOf(() => Object.assign(r, { address: "B2" }))).toBe("TypeError");
      r.load("address,nonsense");
      let code = "no error";
      await ctx.sync().catch((e: unknown) => {
        code = (e as HostError).code;
      });
      expect(code).toBe("InvalidArgument");
    });
  });
});
