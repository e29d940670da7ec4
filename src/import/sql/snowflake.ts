/** Snowflake: exports loaded as text or VARIANT (tags as JSON text). */
import { type Dialect, SCALE, sqlString } from "./dialect";

export const snowflake: Dialect = {
  name: "snowflake",
  col: (n) => '"' + n.replace(/"/g, '""') + '"',
  dec: (e) => `TRY_CAST(TO_VARCHAR(${e}) AS DECIMAL(38, ${SCALE}))`,
  ts: (e) => `CONVERT_TIMEZONE('UTC', TRY_TO_TIMESTAMP_TZ(TO_VARCHAR(${e})))`,
  year: (t) => `YEAR(${t})`,
  month: (t) => `MONTH(${t})`,
  day: (t) => `DAY(${t})`,
  isoYear: (t) => `YEAROFWEEKISO(${t})`,
  isoWeek: (t) => `WEEKISO(${t})`,
  str: (e) => `TO_VARCHAR(${e})`,
  tag: (e, name) => `GET(TRY_PARSE_JSON(${e}), ${sqlString(name)})::VARCHAR`,
  tagShape: () => "json",
  credits: (e) => `COALESCE((SELECT SUM(TRY_CAST(TO_VARCHAR(c.value:amount) AS DECIMAL(38, ${SCALE}))) FROM TABLE(FLATTEN(TRY_PARSE_JSON(${e}))) c), 0)`,
};
