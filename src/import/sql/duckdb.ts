/** DuckDB over the export as text (read_csv with every column VARCHAR), as the engine reads it. */
import { type Dialect, SCALE, sqlString } from "./dialect";

export const duckdb: Dialect = {
  name: "duckdb",
  col: (n) => '"' + n.replace(/"/g, '""') + '"',
  dec: (e) => `TRY_CAST(trim(${e}) AS DECIMAL(38, ${SCALE}))`,
  ts: (e) =>
    `COALESCE(CAST(TRY_CAST(trim(${e}) AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS TIMESTAMP), TRY_STRPTIME(trim(${e}), '%m/%d/%Y %H:%M:%S'), TRY_STRPTIME(trim(${e}), '%m/%d/%Y'))`,
  year: (t) => `year(${t})`,
  month: (t) => `month(${t})`,
  day: (t) => `day(${t})`,
  isoYear: (t) => `isoyear(${t})`,
  isoWeek: (t) => `week(${t})`,
  str: (e) => `CAST(${e} AS VARCHAR)`,
  tag: (e, name) => {
    const j = `CASE WHEN starts_with(trim(${e}), '{') THEN trim(${e}) ELSE '{' || trim(${e}) || '}' END`;
    return `json_extract_string(TRY_CAST(${j} AS JSON), ${sqlString("$." + JSON.stringify(name))})`;
  },
  tagShape: () => "json",
  credits: (e) =>
    `COALESCE(list_sum(list_transform(json_extract_string(TRY_CAST(replace(replace(${e}, '''', '"'), 'None', 'null') AS JSON), '$[*].amount'), x -> CAST(x AS DECIMAL(38, ${SCALE})))), 0)`,
};
