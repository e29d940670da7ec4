/** What differs between warehouses: the functions one query needs. */
export type TagShape = "json" | "map" | "kvlist";

export interface Dialect {
  name: string;
  /** A quoted column name (`a.b` paths are kept as nested access where the warehouse has it). */
  col(name: string): string;
  /** Text to an exact decimal (null when not a number). */
  dec(expr: string): string;
  /** The value's timestamp in UTC, as the warehouse's timestamp type. */
  ts(expr: string): string;
  year(t: string): string;
  month(t: string): string;
  day(t: string): string;
  isoYear(t: string): string;
  isoWeek(t: string): string;
  /** An integer as text. */
  str(expr: string): string;
  /** Tag `name` of a tag column; the shape the warehouse keeps it in. */
  tag(expr: string, name: string, shape: TagShape): string;
  /** How this warehouse keeps each format's tag column. */
  tagShape(format: string): TagShape;
  /** Sum of the credit amounts of a GCP row (0 when none). */
  credits(expr: string): string;
}

/** Decimal places kept: 18, leaving 20 integer digits for sums (a cost with more decimals is rounded: a known gap). */
export const SCALE = 18;
export const sqlString = (s: string): string => "'" + s.replace(/'/g, "''") + "'";
