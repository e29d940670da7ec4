/** The command line's options (parsed with node:util parseArgs), in process: values, order and messages. */
import { describe, expect, it } from "vitest";
import { UsageError, parseInspectArgs, parseSqlArgs, parseSummarizeArgs } from "../../../src/cli/run";
import { parseTailArgs } from "../../../src/cli/tail";

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

describe("aiecon sql options: the same reader, the same messages", () => {
  it("reads every option, inline or not, and checks each value", () => {
    expect(parseSqlArgs(["--format", "focus", "--dialect=athena", "--table", "billing.focus", "--period", "quarter", "--fiscal-start", "apr", "--key", "tag:team", "--cost", "effective"])).toEqual({
      format: "focus",
      dialect: "athena",
      table: "billing.focus",
      period: "quarter",
      fiscalStartMonth: 4,
      key: "tag:team",
      cost: "effective",
    });
    expect(parseSqlArgs(["--format=gcp", "--dialect", "bigquery", "--table", "`my-project.billing.export`"])).toMatchObject({ period: "month", cost: "billed" });
    expect(fails(() => parseSqlArgs(["--format", "csv", "--dialect", "athena", "--table", "t"]))).toMatch(/^--format must be focus, .*, not 'csv'$/);
    expect(fails(() => parseSqlArgs(["--format", "focus", "--dialect", "oracle", "--table", "t"]))).toMatch(/^--dialect must be .*, not 'oracle'$/);
    expect(fails(() => parseSqlArgs(["--format", "focus", "--dialect", "athena", "--table", "t; DROP TABLE x"]))).toMatch(/^--table must be a table name/);
    expect(fails(() => parseSqlArgs(["--format", "focus", "--dialect", "athena", "--table", "t", "--period", "year"]))).toBe("--period must be day, week, month or quarter, not 'year'");
    expect(fails(() => parseSqlArgs(["--format", "--dialect", "athena"]))).toBe("--format needs a value");
    expect(fails(() => parseSqlArgs(["--format", "focus", "--json"]))).toBe("unknown option '--json'");
    expect(fails(() => parseSqlArgs(["cur.csv"]))).toBe("unexpected argument 'cur.csv' (sql reads no files: it prints SQL to run where the data is)");
    expect(fails(() => parseSqlArgs(["--format", "focus"]))).toBe("sql needs --format, --dialect and --table");
  });
});

describe("aiecon tail options: the same reader, the same messages", () => {
  it("keeps the request logs in order and reads the rest", () => {
    expect(parseTailArgs(["--volume", "a.csv", "--model=gpt-4o", "--volume", "b.csv", "--key", "chat", "--period", "day", "--fiscal-start", "7"])).toEqual({
      files: ["a.csv", "b.csv"],
      model: "gpt-4o",
      key: "chat",
      period: "day",
      fiscal: 7,
      json: false,
    });
    expect(fails(() => parseTailArgs(["--volume", "a.csv", "--json=1"]))).toBe("--json takes no value");
    expect(fails(() => parseTailArgs(["--volume="]))).toBe("--volume needs a value");
    expect(fails(() => parseTailArgs(["--volume", "a.csv", "--period", "year"]))).toBe("--period must be day, week, month or quarter, not 'year'");
    expect(fails(() => parseTailArgs(["--volume", "a.csv", "-x"]))).toBe("unknown option '-x'");
    expect(fails(() => parseTailArgs(["a.csv"]))).toBe("unexpected argument 'a.csv' (give files with --volume)");
    expect(fails(() => parseTailArgs([]))).toBe("tail needs at least one --volume FILE (a request log)");
  });
});
