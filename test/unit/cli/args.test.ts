/** The command line's options (parsed with node:util parseArgs), in process: values, order and messages. */
import { describe, expect, it } from "vitest";
import { UsageError, parseInspectArgs, parseSummarizeArgs } from "../../../src/cli/run";

const fails = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error("no usage error");
};

describe("aiecon summarize options", () => {
  it("keeps the files in order across kinds, takes inline values, and the last of an option", () => {
    expect(parseSummarizeArgs(["--billing", "a.csv", "--volume=v.csv", "--billing", "b.csv", "--period", "day", "--period=quarter", "--fiscal-start", "jul", "--key", "tag:team", "--cost=effective", "--map", "date=Day,cost=Amount", "--json"])).toEqual({
      files: [
        { path: "a.csv", kind: "billing" },
        { path: "v.csv", kind: "volume" },
        { path: "b.csv", kind: "billing" },
      ],
      period: "quarter",
      fiscal: 7,
      key: "tag:team",
      cost: "effective",
      map: { date: "Day", cost: "Amount" },
      json: true,
    });
    expect(parseSummarizeArgs(["--value", "-"])).toMatchObject({ files: [{ path: "-", kind: "value" }], period: "month", cost: "billed", json: false });
  });

  it("says what is wrong, naming the option", () => {
    expect(fails(() => parseSummarizeArgs(["--billing"]))).toBe("--billing needs a value");
    expect(fails(() => parseSummarizeArgs(["--billing", "--volume", "v.csv"]))).toBe("--billing needs a value");
    expect(fails(() => parseSummarizeArgs(["--billing", "a.csv", "--period", "year"]))).toBe("--period must be day, week, month or quarter, not 'year'");
    expect(fails(() => parseSummarizeArgs(["--billing", "a.csv", "--key", "team"]))).toBe("--key must be tag:NAME, service, resource, sku or model, not 'team'");
    expect(fails(() => parseSummarizeArgs(["--billing", "a.csv", "--fiscal-start", "13"]))).toBe("--fiscal-start must be a month, 1-12 or a month name");
    expect(fails(() => parseSummarizeArgs(["--billing", "a.csv", "--cost", "list"]))).toBe("--cost must be billed or effective, not 'list'");
    expect(fails(() => parseSummarizeArgs(["--billing", "a.csv", "--map", "nonsense"]))).toBe("--map: 'nonsense' is not FIELD=COLUMN");
    expect(fails(() => parseSummarizeArgs(["--json=yes"]))).toBe("--json takes no value");
    expect(fails(() => parseSummarizeArgs(["--bogus=1"]))).toBe("unknown option '--bogus'");
    expect(fails(() => parseSummarizeArgs(["-abc"]))).toBe("unknown option '-abc'");
    expect(fails(() => parseSummarizeArgs(["--", "a.csv"]))).toBe("unknown option '--'");
    expect(fails(() => parseSummarizeArgs(["a.csv"]))).toBe("unexpected argument 'a.csv' (give files with --billing, --volume or --value)");
    expect(fails(() => parseSummarizeArgs([]))).toBe("summarize needs at least one --billing, --volume or --value file");
  });
});

describe("aiecon inspect options", () => {
  it("one file, --json anywhere; an argument starting with a single dash is a file", () => {
    expect(parseInspectArgs(["--json", "a.csv"])).toEqual({ file: "a.csv", json: true });
    expect(parseInspectArgs(["-x"])).toEqual({ file: "-x", json: false });
    expect(fails(() => parseInspectArgs(["a.csv", "--json=1"]))).toBe("unknown option '--json=1'");
    expect(fails(() => parseInspectArgs(["a.csv", "b.csv"]))).toBe("inspect needs exactly one FILE");
    expect(fails(() => parseInspectArgs([]))).toBe("inspect needs exactly one FILE");
  });
});
