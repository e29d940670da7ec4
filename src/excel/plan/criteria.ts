/**
 * "Sum / count where these columns equal these cells": SUMIFS and COUNTIFS where every
 * text is a usable criterion, else SUMPRODUCT equality (no criterion syntax, no length limit).
 */
import { isPlainText } from "../safeText";

/** One "this column equals that cell" condition; `text` is the cell's text, known when planning. */
export interface Cond {
  range: string;
  cell: string;
  text: string;
}

/** Longest text SUMIFS/COUNTIFS can match: a longer criterion gives a wrong result or #VALUE! in Excel. */
export const CRITERION_MAX_CHARS = 255;

/**
 * True when a text can be a SUMIFS/COUNTIFS criterion as it is: it starts with
 * a letter or `_` (no comparison operator, no number or date that Excel would
 * coerce), holds no wildcard (`*`, `?`, `~`) and is at most 255 characters
 * (UTF-16 code units, the stricter count). Period labels are always usable
 * (distinct labels stay distinct when Excel coerces them to dates).
 * Either path ignores case, as the engine's keys do (`foldKey`).
 */
export function criterionSafe(text: string): boolean {
  return isPlainText(text) && text !== "" && text.length <= CRITERION_MAX_CHARS && !/[*?~]/.test(text);
}

/** Marks a condition on a period label (our own label, always a usable criterion). */
const PERIOD_TEXT = "\u0000period";

/** A condition on one of our period or quarter labels. */
export function periodCond(range: string, cell: string): Cond {
  return { range, cell, text: PERIOD_TEXT };
}

function allSafe(conds: Cond[]): boolean {
  return conds.every((c) => c.text === PERIOD_TEXT || criterionSafe(c.text));
}

function ifsArgs(conds: Cond[]): string {
  return conds.map((c) => `${c.range},${c.cell}`).join(",");
}

/** `--(range=cell)` factors for SUMPRODUCT: text equality ignoring case, no criterion syntax, no length limit. */
function eqFactors(conds: Cond[]): string {
  return conds.map((c) => `--(${c.range}=${c.cell})`).join(",");
}

/** Sum of a column where every condition holds (SUMIFS, or SUMPRODUCT when a text would be read as criterion syntax). */
export function sumWhere(values: string, conds: Cond[]): string {
  return allSafe(conds) ? `SUMIFS(${values},${ifsArgs(conds)})` : `SUMPRODUCT(${eqFactors(conds)},${values})`;
}

/** Number of rows where every condition holds. */
export function countWhere(conds: Cond[]): string {
  return allSafe(conds) ? `COUNTIFS(${ifsArgs(conds)})` : `SUMPRODUCT(${eqFactors(conds)})`;
}

/** Number of rows where every condition holds and `values` holds a number (not a blank ""). */
export function countNumbersWhere(values: string, conds: Cond[]): string {
  return allSafe(conds)
    ? `COUNTIFS(${ifsArgs(conds)},${values},">=0")+COUNTIFS(${ifsArgs(conds)},${values},"<0")`
    : `SUMPRODUCT(${eqFactors(conds)},--ISNUMBER(${values}))`;
}
