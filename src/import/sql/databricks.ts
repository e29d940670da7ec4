/** Databricks SQL: exports in a lakehouse (CUR 2.0 tags as MAP, other tags as JSON text). */
import { type Dialect, SCALE, sqlString } from "./dialect";

export const databricks: Dialect = {
  name: "databricks",
  col: (n) => "`" + n.replace(/`/g, "``") + "`",
  dec: (e) => `TRY_CAST(${e} AS DECIMAL(38, ${SCALE}))`,
  ts: (e) => `to_utc_timestamp(CAST(${e} AS TIMESTAMP), 'UTC')`,
  year: (t) => `year(${t})`,
  month: (t) => `month(${t})`,
  day: (t) => `day(${t})`,
  isoYear: (t) => `EXTRACT(YEAROFWEEK FROM ${t})`,
  isoWeek: (t) => `weekofyear(${t})`,
  str: (e) => `CAST(${e} AS STRING)`,
  tag: (e, name, shape) => (shape === "map" ? `${e}[${sqlString(name)}]` : `get_json_object(${e}, ${sqlString("$." + name)})`),
  tagShape: (f) => (f === "aws-cur2" ? "map" : "json"),
  credits: (e) => `COALESCE(aggregate(from_json(${e}, 'array<struct<amount:string>>'), CAST(0 AS DECIMAL(38, ${SCALE})), (acc, c) -> acc + CAST(c.amount AS DECIMAL(38, ${SCALE}))), 0)`,
};
