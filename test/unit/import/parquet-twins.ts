/**
 * Parquet twins of the real CSV samples, written by DuckDB (dev-only; never imported from
 * src/): the same rows, with amounts as DECIMAL or DOUBLE, dates as TIMESTAMP / DATE, tags
 * and CUR 2.0's product / cost_category as MAPs, in the codec asked for.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { join } from "node:path";
import { D, DATA } from "./helpers";

export const CODECS = ["snappy", "gzip", "zstd", "brotli", "lz4", "uncompressed"] as const;
export type Codec = (typeof CODECS)[number];
export type AmountType = "decimal" | "double";

export interface Sample {
  /** Path under ../shared/data. */
  file: string;
  /** Amount columns (those present are cast). */
  amounts: string[];
  /** Date columns and the SQL that turns the text `x` into a date or timestamp. */
  dates: Record<string, string>;
  /** JSON text columns written as MAP(VARCHAR, VARCHAR). */
  maps: string[];
  /** Legacy CUR: columns renamed as AWS names them in Parquet (`lineItem/UnblendedCost` → `line_item_unblended_cost`). */
  snake?: boolean;
  /** Extra read_csv options DuckDB needs for this file. */
  csv?: string;
}

const US_DATE = "strptime(x, '%m/%d/%Y')::DATE";
const AWS_AMOUNTS = [
  "UnblendedCost", "SavingsPlanEffectiveCost", "TotalCommitmentToDate", "UsedCommitment", "EffectiveCost",
  "UnusedAmortizedUpfrontFeeForBillingPeriod", "UnusedRecurringFee",
];

export const SAMPLES: Sample[] = [
  {
    file: "focus/focus_1.0_sample_1000.csv",
    amounts: ["BilledCost", "EffectiveCost", "ListCost", "ContractedCost"],
    dates: { ChargePeriodStart: "x::TIMESTAMP" },
    maps: ["Tags"],
  },
  {
    file: "aws/aws_cur2_daily_ha-project.csv",
    amounts: [
      "line_item_unblended_cost", "savings_plan_savings_plan_effective_cost", "savings_plan_total_commitment_to_date",
      "savings_plan_used_commitment", "reservation_effective_cost", "reservation_unused_amortized_upfront_fee_for_billing_period",
      "reservation_unused_recurring_fee",
    ],
    dates: { line_item_usage_start_date: "x::TIMESTAMPTZ" },
    maps: ["resource_tags", "product", "cost_category"],
  },
  {
    file: "aws/aws_legacy_cur_hourly_focus-converters.csv",
    amounts: AWS_AMOUNTS.flatMap((n) => [`lineItem/${n}`, `savingsPlan/${n}`, `reservation/${n}`]),
    dates: { "lineItem/UsageStartDate": "x::TIMESTAMPTZ" },
    maps: [],
    snake: true,
  },
  {
    file: "aws/aws_legacy_cur_costcategory_koku.csv",
    amounts: ["lineItem/UnblendedCost"],
    dates: { "lineItem/UsageStartDate": "x::TIMESTAMP" },
    maps: [],
    snake: true,
  },
  { file: "azure/azure_ea_actualcost_small.csv", amounts: ["Cost"], dates: { Date: US_DATE }, maps: [] },
  { file: "azure/azure_ea_amortizedcost_small.csv", amounts: ["Cost"], dates: { Date: US_DATE }, maps: [] },
  // Not azure/azure_mca_camelcase_koku.csv: DuckDB reads it only with strict_mode = false, and
  // then not as the engine does (its Tags field is lost), so its twin would not be the same data.
  { file: "azure/azure_legacy_costreport_bom_koku.csv", amounts: ["PreTaxCost"], dates: { UsageDateTime: "x::TIMESTAMP" }, maps: ["Tags"] },
  { file: "azure/azure_ea_export_focus-converters.csv", amounts: ["CostInBillingCurrency"], dates: { Date: US_DATE }, maps: [] },
];

/** AWS's Parquet column names for the legacy CUR's (`reservation/ReservationARN` → `reservation_reservation_a_r_n`). */
export function snakeCase(c: string): string {
  return c
    .replace(/[/:]/g, "_")
    .replace(/([A-Z])/g, "_$1")
    .toLowerCase()
    .replace(/_+/g, "_")
    .replace(/^_/, "");
}

function q(id: string): string {
  return '"' + id.replace(/"/g, '""') + '"';
}
function lit(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}

let instance: Promise<DuckDBConnection> | null = null;
export function duck(): Promise<DuckDBConnection> {
  instance ??= DuckDBInstance.create(":memory:").then((db) => db.connect());
  return instance;
}

/** The columns of a CSV sample, as DuckDB reads it (every field as text). */
function readCsv(path: string, s: Sample): string {
  return `read_csv(${lit(path)}, all_varchar = true, header = true${s.csv ? ", " + s.csv : ""})`;
}

async function csvColumns(c: DuckDBConnection, path: string, s: Sample): Promise<string[]> {
  const r = await c.runAndReadAll(`SELECT * FROM ${readCsv(path, s)} LIMIT 0`);
  return r.columnNames();
}

/** DECIMAL(38, s) with s the most decimals of any value (scientific notation included): exact for every value. */
async function decimalType(c: DuckDBConnection, path: string, s: Sample, cols: string[]): Promise<string> {
  let scale = 0;
  let ints = 1;
  for (const col of cols) {
    const r = await c.runAndReadAll(`SELECT DISTINCT ${q(col)} FROM ${readCsv(path, s)} WHERE ${q(col)} IS NOT NULL AND ${q(col)} <> 'NULL'`);
    for (const [v] of r.getRows()) {
      const d = new D(String(v).trim());
      scale = Math.max(scale, d.decimalPlaces());
      ints = Math.max(ints, d.abs().trunc().toFixed().length);
    }
  }
  if (scale + ints > 38) throw new Error(`${path}: amounts need DECIMAL(${scale + ints}, ${scale}), over DuckDB's 38 digits`);
  return `DECIMAL(38, ${scale})`;
}

/** Write the Parquet twin of a sample; returns its path. */
export async function writeTwin(dir: string, s: Sample, codec: Codec, amount: AmountType, rowGroupSize = 500): Promise<string> {
  const c = await duck();
  const src = join(DATA, s.file);
  const cols = await csvColumns(c, src, s);
  const amounts = s.amounts.filter((a) => cols.includes(a));
  const type = amount === "decimal" ? await decimalType(c, src, s, amounts) : "DOUBLE";
  const nul = (col: string): string => `NULLIF(${q(col)}, 'NULL')`;
  const select = cols.map((col) => {
    let e = q(col);
    if (amounts.includes(col)) e = `CAST(TRIM(${nul(col)}) AS ${type})`;
    else if (s.dates[col] !== undefined) e = s.dates[col].replace(/\bx\b/g, nul(col));
    else if (s.maps.includes(col)) {
      // Tags written without braces (Azure EA) get them, as a JSON object.
      e = `CAST(CAST(CASE WHEN TRIM(${nul(col)}) LIKE '{%' THEN ${nul(col)} ELSE '{' || ${nul(col)} || '}' END AS JSON) AS MAP(VARCHAR, VARCHAR))`;
    }
    return `${e} AS ${q(s.snake ? snakeCase(col) : col)}`;
  });
  const out = join(dir, `${s.file.replace(/[/.]/g, "_")}.${amount}.${codec}.parquet`);
  await c.run(
    `COPY (SELECT ${select.join(", ")} FROM ${readCsv(src, s)}) TO ${lit(out)} (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE ${rowGroupSize})`,
  );
  return out;
}

/**
 * The CSV a DOUBLE twin must equal: the sample with each amount replaced by DuckDB's text of
 * the double nearest to it (its shortest round-trip decimal; an amount with more than 17
 * significant digits does not survive a DOUBLE), every other field as it was.
 */
export async function writeDoubleCsv(dir: string, s: Sample): Promise<string> {
  const c = await duck();
  const src = join(DATA, s.file);
  const cols = await csvColumns(c, src, s);
  const select = cols.map((col) =>
    s.amounts.includes(col) ? `CAST(CAST(TRIM(NULLIF(${q(col)}, 'NULL')) AS DOUBLE) AS VARCHAR) AS ${q(col)}` : q(col),
  );
  const out = join(dir, `${s.file.replace(/[/.]/g, "_")}.double.csv`);
  await c.run(`COPY (SELECT ${select.join(", ")} FROM ${readCsv(src, s)}) TO ${lit(out)} (FORMAT csv, HEADER true)`);
  return out;
}

/** Run SQL and return the rows as objects. */
export async function query(sql: string): Promise<Record<string, unknown>[]> {
  const c = await duck();
  const r = await c.runAndReadAll(sql);
  return r.getRowObjects() as Record<string, unknown>[];
}
