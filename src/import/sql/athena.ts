/** Amazon Athena (Trino): CUR 2.0 / FOCUS tables of AWS Data Exports (tags as MAP, timestamps typed). */
import { type Dialect, SCALE, sqlString } from "./dialect";

export const athena: Dialect = {
  name: "athena",
  col: (n) => '"' + n.replace(/"/g, '""') + '"',
  dec: (e) => `TRY_CAST(${e} AS DECIMAL(38, ${SCALE}))`,
  ts: (e) => `CAST(${e} AS TIMESTAMP)`,
  year: (t) => `year(${t})`,
  month: (t) => `month(${t})`,
  day: (t) => `day(${t})`,
  isoYear: (t) => `year_of_week(${t})`,
  isoWeek: (t) => `week_of_year(${t})`,
  str: (e) => `CAST(${e} AS VARCHAR)`,
  tag: (e, name, shape) =>
    shape === "map" ? `element_at(${e}, ${sqlString(name)})` : `json_extract_scalar(${e}, ${sqlString("$[" + JSON.stringify(name) + "]")})`,
  tagShape: (f) => (f === "aws-cur2" || f === "focus" ? "map" : "json"),
  credits: (e) => `COALESCE(TRY_CAST(json_extract_scalar(${e}, '$[0].amount') AS DECIMAL(38, ${SCALE})), 0)`,
};
