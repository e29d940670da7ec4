/**
 * `aiecon sql`: one query that computes, inside a warehouse, the cost groups the engine
 * computes (period × key × currency → cost, line items), with the engine's rules: its
 * columns (read from the format modules), placeholders as missing, `(unattributed)`,
 * AWS amortization for `effective`, UTC periods, ISO weeks and fiscal quarters.
 */
import { type KeySpec, parseKeySpec } from "../../core/grammar";
import type { Grain } from "../../core/period";
import { AWS_AMORTIZATION, CUR2, LEGACY } from "../formats/aws";
import { AZURE_COLUMNS } from "../formats/azure";
import { findCol } from "../formats/common";
import type { CostBasis } from "../types";
import { athena } from "./athena";
import { bigquery } from "./bigquery";
import { databricks } from "./databricks";
import { type Dialect, sqlString } from "./dialect";
import { duckdb } from "./duckdb";
import { snowflake } from "./snowflake";
import { GROUPS_COLUMNS } from "../formats/groups";

export const SQL_FORMATS = ["focus", "aws-cur2", "aws-cur", "azure", "gcp"] as const;
export type SqlFormat = (typeof SQL_FORMATS)[number];
export const DIALECTS: Record<string, Dialect> = { athena, bigquery, databricks, snowflake, duckdb };
export type DialectName = "athena" | "bigquery" | "databricks" | "snowflake" | "duckdb";

export interface SqlOptions {
  format: SqlFormat;
  dialect: DialectName;
  table: string;
  period: Grain;
  fiscalStartMonth?: number;
  /** `tag:NAME`, `service`, `resource`, `sku`; default `tag:model`. */
  key?: string;
  cost: CostBasis;
  /** The export's header, when known: column names are then resolved as the engine resolves them. */
  columns?: string[];
}

export class SqlError extends Error {}

/** The placeholder texts the engine reads as missing (formats/common.ts isMissing). */
const PLACEHOLDERS = ["", "NULL", "null", "Null", "-2", "Unassigned", "None"];

interface Fields {
  date: string;
  currency: string;
  cost: (d: Dialect) => string;
  service: (d: Dialect) => string;
  resource: string | null;
  sku: string | null;
  tag: (d: Dialect, name: string) => string;
}

function pick(opts: SqlOptions, ...names: string[]): string {
  if (opts.columns === undefined) return names[0];
  const i = findCol(opts.columns, ...names);
  if (i < 0) throw new SqlError(`the header has none of ${names.join(", ")}`);
  return opts.columns[i];
}

/** A column as the dialect names it; NULL when the header is known and lacks it (the mappers read it as absent). */
function column(o: SqlOptions, d: Dialect, name: string): string {
  if (o.columns !== undefined && findCol(o.columns, name) < 0) return "NULL";
  return d.col(o.columns === undefined ? name : o.columns[findCol(o.columns, name)]);
}

function fields(o: SqlOptions): Fields {
  const col = (d: Dialect, name: string): string => column(o, d, name);
  const eff = o.cost === "effective";
  const present = (d: Dialect, e: string): string => missingToNull(d, e);
  switch (o.format) {
    case "focus":
      return {
        date: "ChargePeriodStart",
        currency: "BillingCurrency",
        cost: (d) => d.dec(col(d, eff ? "EffectiveCost" : "BilledCost")),
        service: (d) => col(d, "ServiceName"),
        resource: pick({ ...o, columns: o.columns }, "ResourceId", "ResourceName"),
        sku: "SkuId",
        tag: (d, n) => d.tag(col(d, "Tags"), n, d.tagShape("focus")),
      };
    case "aws-cur":
    case "aws-cur2": {
      const N = o.format === "aws-cur2" ? CUR2 : LEGACY;
      const cur2 = o.format === "aws-cur2";
      return {
        date: N.date,
        currency: N.currency,
        cost: (d) => {
          const v = (c: string): string => `COALESCE(${d.dec(col(d, c))}, 0)`;
          const unblended = d.dec(col(d, N.cost));
          if (!eff) return unblended;
          const type = col(d, N.type);
          const arms = Object.entries(AWS_AMORTIZATION).map(([lineType, rule]) => {
            const then =
              "add" in rule
                ? rule.add.length === 0 && !rule.subtract?.length
                  ? "0"
                  : [rule.add.map((a) => v(N[a])).join(" + "), ...(rule.subtract ?? []).map((a) => v(N[a]))].join(" - ")
                : `CASE WHEN ${present(d, col(d, N.riArn))} IS NULL THEN ${unblended} ELSE 0 END`;
            return `\n      WHEN ${sqlString(lineType)} THEN ${then}`;
          });
          return `CASE ${type}${arms.join("")}\n      ELSE ${unblended} END`;
        },
        service: (d) => `COALESCE(${present(d, col(d, N.product))}, ${col(d, N.productName)})`,
        resource: N.resource,
        sku: N.usageType,
        tag: (d, n) =>
          cur2
            ? `COALESCE(${[n, "user:" + n, "user_" + n].map((k) => present(d, d.tag(col(d, "resource_tags"), k, d.tagShape("aws-cur2")))).join(", ")})`
            : col(d, d.name === "athena" ? "resource_tags_user_" + n : "resourceTags/user:" + n),
      };
    }
    case "azure":
      return {
        date: pick(o, ...AZURE_COLUMNS.date),
        currency: pick(o, ...AZURE_COLUMNS.currency),
        cost: (d) => d.dec(col(d, pick(o, ...AZURE_COLUMNS.cost))),
        service: (d) => col(d, "MeterCategory"),
        resource: pick(o, ...AZURE_COLUMNS.resource),
        sku: "MeterName",
        tag: (d, n) => d.tag(col(d, pick(o, "Tags")), n, d.tagShape("azure")),
      };
    case "gcp":
      return {
        date: "usage_start_time",
        currency: "currency",
        cost: (d) => `${d.dec(col(d, "cost"))} + ${d.credits(col(d, "credits"))}`,
        service: (d) => col(d, "service.description"),
        resource: "project.id",
        sku: "sku.description",
        tag: (d, n) => d.tag(col(d, "labels"), n, d.tagShape("gcp")),
      };
  }
}

/** NULL for the engine's missing values (NULL, empty, placeholders). */
function missingToNull(d: Dialect, e: string): string {
  return `CASE WHEN trim(${d.str(e)}) IN (${PLACEHOLDERS.map(sqlString).join(", ")}) THEN NULL ELSE ${d.str(e)} END`;
}

function lpad(d: Dialect, e: string, n: number): string {
  return `lpad(${d.str(e)}, ${n}, '0')`;
}

/** The engine's period label (core/period.ts) of a UTC timestamp `t`. */
function periodSql(d: Dialect, t: string, grain: Grain, fiscal: number): string {
  const y = d.year(t), m = d.month(t);
  switch (grain) {
    case "day":
      return `${lpad(d, y, 4)} || '-' || ${lpad(d, m, 2)} || '-' || ${lpad(d, d.day(t), 2)}`;
    case "month":
      return `${lpad(d, y, 4)} || '-' || ${lpad(d, m, 2)}`;
    case "week":
      return `${lpad(d, d.isoYear(t), 4)} || '-W' || ${lpad(d, d.isoWeek(t), 2)}`;
    case "quarter":
      if (fiscal === 1) return `${lpad(d, y, 4)} || '-Q' || ${d.str(`CAST(FLOOR((${m} - 1) / 3) AS INTEGER) + 1`)}`;
      // The fiscal year is named after the calendar year in which it ends; Q1 starts in month `fiscal`.
      // Labelled `FY2026-Q1`, as quarterLabel does, so that it never reads as a calendar quarter.
      return `'FY' || ${lpad(d, `${y} + CASE WHEN ${m} >= ${fiscal} THEN 1 ELSE 0 END`, 4)} || '-Q' || ${d.str(`CAST(FLOOR(MOD(${m} - ${fiscal} + 12, 12) / 3) AS INTEGER) + 1`)}`;
  }
}

function keySql(o: SqlOptions, d: Dialect, f: Fields, key: KeySpec): string {
  switch (key.kind) {
    case "service":
      return missingToNull(d, f.service(d));
    case "resource":
      return f.resource === null ? "NULL" : missingToNull(d, column(o, d, f.resource));
    case "sku":
      return f.sku === null ? "NULL" : missingToNull(d, column(o, d, f.sku));
    case "tag":
      return missingToNull(d, f.tag(d, key.name));
    default:
      return missingToNull(d, f.tag(d, "model"));
  }
}

/** The query text. */
export function generateSql(o: SqlOptions): string {
  const d = DIALECTS[o.dialect];
  if (d === undefined) throw new SqlError(`unknown dialect '${o.dialect}'`);
  const key = parseKeySpec(o.key ?? "tag:model");
  if (key === null) throw new SqlError(`unknown key '${o.key}'`);
  if (key.kind === "model" && (o.format === "aws-cur" || o.format === "aws-cur2")) {
    throw new SqlError("--key model reads the model from the AWS usage type, which the SQL does not do; use --key tag:model");
  }
  // Not shipped where the query is known to disagree with the engine (the DuckDB equality test,
  // test/unit/import/sql/duckdb.test.ts): a warehouse figure a user cannot trust is worse than none.
  if (o.format === "azure") {
    throw new SqlError("--format azure is not available yet: its query does not yet give the engine's groups (dates and amounts differ); import the Azure export itself");
  }
  if (key.kind === "resource") {
    throw new SqlError("--key resource is not available yet: its query does not yet give the engine's groups; use service, sku or a tag");
  }
  const f = fields(o);
  const fiscal = o.fiscalStartMonth ?? 1;
  const [P, K, C, COST, LINES] = GROUPS_COLUMNS;
  const cur = missingToNull(d, column(o, d, f.currency));
  return `-- aiecon sql --format ${o.format} --dialect ${o.dialect} --period ${o.period}${fiscal !== 1 ? ` --fiscal-start ${fiscal}` : ""} --key ${o.key ?? "tag:model"} --cost ${o.cost}
-- Save the result as CSV and import it as billing data (format 'groups').
WITH rows_in AS (
  SELECT
    ${d.ts(column(o, d, f.date))} AS t,
    ${f.cost(d)} AS c,
    upper(trim(${cur})) AS cur,
    ${keySql(o, d, f, key)} AS k
  FROM ${o.table}
)
SELECT
  ${periodSql(d, "t", o.period, fiscal)} AS ${P},
  COALESCE(k, '(unattributed)') AS ${K},
  cur AS ${C},
  SUM(c) AS ${COST},
  COUNT(*) AS ${LINES}
FROM rows_in
WHERE t IS NOT NULL AND c IS NOT NULL AND cur IS NOT NULL
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
`;
}
