import { describe, expect, it } from "vitest";
import { isValidLabel, isoWeek, parseMonth, parseTimestamp, periodOf, previousPeriod, previousQuarter, quarterLabel, relabel, sortPeriods } from "../../../src/core/period";

describe("UTC periods", () => {
  const t = parseTimestamp("2024-09-18T22:30:00Z");
  it("day, ISO week, month, quarter", () => {
    expect(periodOf(t, "day")).toBe("2024-09-18");
    expect(periodOf(t, "week")).toBe("2024-W38");
    expect(periodOf(t, "month")).toBe("2024-09");
    expect(periodOf(t, "quarter")).toBe("2024-Q3");
  });
  it("ISO week edges", () => {
    expect(isoWeek(2021, 1, 3)).toEqual([2020, 53]);
    expect(isoWeek(2024, 12, 30)).toEqual([2025, 1]);
    expect(isoWeek(2026, 1, 1)).toEqual([2026, 1]);
  });
  it("offsets convert to UTC; no offset is UTC", () => {
    expect(periodOf(parseTimestamp("2024-09-30T23:30:00-02:00"), "day")).toBe("2024-10-01");
    expect(periodOf(parseTimestamp("2024-10-01 01:00:00+0200"), "day")).toBe("2024-09-30");
    expect(periodOf(parseTimestamp("2024-09-30 23:59:59"), "day")).toBe("2024-09-30");
    expect(periodOf(parseTimestamp("2022-08-02 01:11:12.066000+00:00"), "day")).toBe("2022-08-02");
    expect(periodOf(parseTimestamp("2023-11-13T10:00Z"), "day")).toBe("2023-11-13");
    expect(periodOf(parseTimestamp("09/22/2023"), "day")).toBe("2023-09-22");
    expect(periodOf(parseTimestamp("9/2/2023"), "day")).toBe("2023-09-02");
    expect(periodOf(parseTimestamp("1730419200", true), "day")).toBe("2024-11-01");
    expect(periodOf(parseTimestamp("18.09.2024"), "day")).toBe("2024-09-18");
    expect(periodOf(parseTimestamp("1.2.2024 23:59"), "day")).toBe("2024-02-01");
    expect(periodOf(parseTimestamp("2024/9/18"), "day")).toBe("2024-09-18");
    expect(parseTimestamp("31.02.2024")).toBeNaN();
    expect(parseTimestamp("2024-02-30")).toBeNaN();
    expect(parseTimestamp("yesterday")).toBeNaN();
    expect(parseTimestamp("13/01/2024")).toBeNaN();
  });
  it("fiscal quarters from a start month (FY named by its end year)", () => {
    expect(quarterLabel(2024, 7, 7)).toBe("FY2025-Q1");
    expect(quarterLabel(2024, 6, 7)).toBe("FY2024-Q4");
    expect(quarterLabel(2024, 2, 2)).toBe("FY2025-Q1");
    expect(quarterLabel(2024, 1, 2)).toBe("FY2024-Q4");
    // Apr–Jun 2025 with a fiscal year from April: the first quarter of FY2026, never "2026-Q1".
    expect(quarterLabel(2025, 5, 4)).toBe("FY2026-Q1");
    expect(quarterLabel(2024, 11, 1)).toBe("2024-Q4");
  });
  it("labels relabel to coarser grains; previous periods; sorting", () => {
    expect(relabel("2024-09-18", "week")).toBe("2024-W38");
    expect(relabel("2024-09", "quarter")).toBe("2024-Q3");
    expect(relabel("2024-09", "quarter", 7)).toBe("FY2025-Q1");
    expect(relabel("2024-Q3", "quarter", 7)).toBe("FY2025-Q1");
    expect(relabel("FY2025-Q1", "quarter", 7)).toBe("FY2025-Q1");
    expect(previousQuarter("FY2025-Q1")).toBe("FY2024-Q4");
    expect(relabel("2024-09", "day")).toBeNull();
    expect(relabel("2024-W38", "month")).toBe("2024-09");
    expect(previousQuarter("2024-Q1")).toBe("2023-Q4");
    expect(previousQuarter("2024-Q3")).toBe("2024-Q2");
    expect(previousPeriod("2024-01")).toBe("2023-12");
    expect(previousPeriod("2024-03-01")).toBe("2024-02-29");
    expect(previousPeriod("2021-W01")).toBe("2020-W53");
    expect(sortPeriods(["2024-Q3", "2023-Q4", "2024-Q1", "2024-Q3"])).toEqual(["2023-Q4", "2024-Q1", "2024-Q3"]);
    expect(parseMonth("July")).toBe(7);
    expect(parseMonth("13")).toBeNull();
  });
});

describe("impossible dates", () => {
  it("parseTimestamp and isValidLabel check every part's range", () => {
    expect(parseTimestamp("2024-09-01T23:59:60Z")).not.toBeNaN();
    expect(parseTimestamp("2024-09-01T24:00:00Z")).toBe(Date.UTC(2024, 8, 2));
    expect(parseTimestamp("2024-09-01T24:00:01Z")).toBeNaN();
    expect(parseTimestamp("09/01/2024 25:00")).toBeNaN();
    expect(parseTimestamp("09/01/2024 0:00 AM")).toBeNaN();
    expect(parseTimestamp("01.09.2024 10:61")).toBeNaN();
    expect(parseTimestamp("2024/02/30")).toBeNaN();
    expect(isValidLabel("2024-02-29")).toBe(true);
    expect(isValidLabel("2023-02-29")).toBe(false);
    expect(isValidLabel("2024-00")).toBe(false);
    expect(isValidLabel("2020-W53")).toBe(true);
    expect(isValidLabel("2024-W53")).toBe(false);
  });
});
