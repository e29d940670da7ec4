import { describe, expect, it } from "vitest";
import { forecastPeriods } from "../../../src/excel/plan/forecast-periods";

describe("forecastPeriods: to the fiscal year end and one quarter beyond", () => {
  it("calendar months: June → July … March", () => {
    const f = forecastPeriods(["2025-05", "2025-06"]);
    expect(f[0]).toBe("2025-07");
    expect(f[f.length - 1]).toBe("2026-03");
    expect(f).toHaveLength(9);
  });
  it("fiscal year from July: June is its last month, so only one quarter follows", () => {
    expect(forecastPeriods(["2025-06"], 7)).toEqual(["2025-07", "2025-08", "2025-09"]);
  });
  it("fiscal year from April: December → January … June", () => {
    const f = forecastPeriods(["2025-12"], 4);
    expect(f).toEqual(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]);
  });
  it("quarters, calendar and fiscal", () => {
    expect(forecastPeriods(["2025-Q2"])).toEqual(["2025-Q3", "2025-Q4", "2026-Q1"]);
    expect(forecastPeriods(["FY2025-Q4"], 7)).toEqual(["FY2026-Q1"]);
    expect(forecastPeriods(["FY2025-Q1"], 7)).toEqual(["FY2025-Q2", "FY2025-Q3", "FY2025-Q4", "FY2026-Q1"]);
  });
  it("days, weeks and free labels: none", () => {
    expect(forecastPeriods(["2025-01-01"])).toEqual([]);
    expect(forecastPeriods(["2025-W03"])).toEqual([]);
    expect(forecastPeriods(["Jan"])).toEqual([]);
    expect(forecastPeriods([])).toEqual([]);
  });
});
