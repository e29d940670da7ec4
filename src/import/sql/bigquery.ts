/** BigQuery: the Cloud Billing export table (nested service/sku, labels and credits as repeated records). */
import { type Dialect, sqlString } from "./dialect";

export const bigquery: Dialect = {
  name: "bigquery",
  col: (n) => n.split(".").map((p) => "`" + p + "`").join("."),
  dec: (e) => `SAFE_CAST(CAST(${e} AS STRING) AS BIGNUMERIC)`,
  ts: (e) => `TIMESTAMP(${e})`,
  year: (t) => `EXTRACT(YEAR FROM ${t} AT TIME ZONE 'UTC')`,
  month: (t) => `EXTRACT(MONTH FROM ${t} AT TIME ZONE 'UTC')`,
  day: (t) => `EXTRACT(DAY FROM ${t} AT TIME ZONE 'UTC')`,
  isoYear: (t) => `EXTRACT(ISOYEAR FROM ${t} AT TIME ZONE 'UTC')`,
  isoWeek: (t) => `EXTRACT(ISOWEEK FROM ${t} AT TIME ZONE 'UTC')`,
  str: (e) => `CAST(${e} AS STRING)`,
  tag: (e, name, shape) =>
    shape === "kvlist"
      ? `(SELECT ANY_VALUE(l.value) FROM UNNEST(${e}) AS l WHERE l.key = ${sqlString(name)})`
      : `JSON_VALUE(${e}, ${sqlString("$." + JSON.stringify(name))})`,
  tagShape: (f) => (f === "gcp" ? "kvlist" : "json"),
  credits: (e) => `COALESCE((SELECT SUM(SAFE_CAST(CAST(c.amount AS STRING) AS BIGNUMERIC)) FROM UNNEST(${e}) AS c), 0)`,
};
