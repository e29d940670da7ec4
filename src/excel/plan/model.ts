/**
 * What the figure sheets are built on: the Unit Economics rows (every period × key × currency
 * of the input, sorted), the periods, their quarters, and the periods the Comparison and the
 * Quarterly Review show. Pure.
 */
import type { ImportResult } from "../../import/types";
import type { WriteOptions } from "../types";
import { chooseQuarters, quarterOf, sortPeriods } from "../periods";
import { partialFlag, quarterCoverage } from "./coverage";
import { grainOfLabel } from "../../core/period";
import { EXCEL_MAX_ROWS } from "./names";
import { axisDecimals, unitDecimals, unitMoneyFormat } from "../formats";

export interface Triple {
  period: string;
  key: string;
  currency: string;
}

export function tripleId(t: Triple): string {
  return t.period + "\u0000" + t.key + "\u0000" + t.currency;
}

export function pairId(key: string, currency: string): string {
  return key + "\u0000" + currency;
}

/** Cost of each key × currency (pairId) over the groups of the periods kept: exact sums compared as doubles only to rank keys. */
export function costByPair(groups: readonly { period: string; key: string; currency: string; cost: string }[], keep: (period: string) => boolean): Map<string, number> {
  const cost = new Map<string, number>();
  for (const g of groups) if (keep(g.period)) cost.set(pairId(g.key, g.currency), (cost.get(pairId(g.key, g.currency)) ?? 0) + Number(g.cost));
  return cost;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Exact decimal string → the double that goes into a cell (the last step). */
export function toCellNumber(exact: string): number {
  const n = Number(exact);
  if (!Number.isFinite(n)) throw new Error(`not a number: '${exact}'`);
  return n;
}

/** Throws when `rows` data rows and a header do not fit on one sheet. */
export function checkRows(sheet: string, rows: number, what: string): void {
  if (rows + 1 > EXCEL_MAX_ROWS) {
    throw new Error(
      `${sheet} would need ${(rows + 1).toLocaleString("en")} rows for ${rows.toLocaleString("en")} ${what}, ` +
        `but an Excel sheet holds ${EXCEL_MAX_ROWS.toLocaleString("en")}. Import grouped records (not line items) or fewer periods.`,
    );
  }
}

export interface UnitModel {
  /** The Unit Economics rows, by key, currency, period. */
  rows: Triple[];
  /** Distinct periods, sorted. */
  periods: string[];
  /** The quarter of a period (fiscal), or the label itself when some label is not a period. */
  quarterFor(period: string): string;
  /** Latest (full) quarter and the one before; null when labels are not periods. */
  latestQuarter: string | null;
  previousQuarter: string | null;
  /** The period the Comparison shows, and whether it is a quarter (matched on the Quarter column). */
  comparisonPeriod: string | null;
  comparisonByQuarter: boolean;
  /** `partial: 1 of 3 months` when the comparison quarter lacks some periods of cost; null otherwise. */
  comparisonPartial: string | null;
  /** Distinct key × currency pairs of the rows a filter keeps, in row order. */
  pairsWhere(keep: (t: Triple) => boolean): Triple[];
  /** The per-inference number format of a currency, its decimals sized by that currency's figures. */
  unitFormat(currency: string): string;
  /** The same on a chart's value axis: decimals sized by the largest figure (round ticks, never 14 decimals). */
  axisFormat(currency: string): string;
}

/** Per-inference formats by currency, decimals from the cost and value per inference (src/core/display.ts): `unitDecimals` for tables, `axisDecimals` for axes. */
function unitFormats(result: ImportResult, decimals: (figures: string[]) => number): (currency: string) => string {
  const figures = new Map<string, string[]>();
  for (const g of result.groups) {
    let list = figures.get(g.currency);
    if (list === undefined) figures.set(g.currency, (list = []));
    if (g.costPerInference !== null) list.push(g.costPerInference);
    if (g.valuePerInference !== null) list.push(g.valuePerInference);
  }
  const formats = new Map<string, string>();
  return (currency) => {
    let f = formats.get(currency);
    if (f === undefined) formats.set(currency, (f = unitMoneyFormat(currency, decimals(figures.get(currency) ?? []))));
    return f;
  };
}

export function unitModel(result: ImportResult, options: WriteOptions): UnitModel {
  const fsm = options.fiscalStartMonth >= 1 && options.fiscalStartMonth <= 12 ? options.fiscalStartMonth : 1;
  const triples = new Map<string, Triple>();
  const add = (t: Triple): void => {
    const id = tripleId(t);
    if (!triples.has(id)) triples.set(id, { period: t.period, key: t.key, currency: t.currency });
  };
  for (const g of result.groups) add(g);
  for (const r of result.costRecords) add(r);
  for (const r of result.valueRecords) add(r);
  const rows = [...triples.values()].sort((a, b) => cmp(a.key, b.key) || cmp(a.currency, b.currency) || cmp(a.period, b.period));
  const periods = sortPeriods(rows.map((t) => t.period));
  const allPeriodLabels = periods.every((p) => grainOfLabel(p) !== null);
  const quarterFor = (p: string): string => (allPeriodLabels ? quarterOf(p, fsm) : p);
  const choice = allPeriodLabels ? chooseQuarters(periods, fsm) : { latest: null, previous: null };
  // The Comparison shows the latest quarter that has cost (partial or not), unless the user chose a period.
  const costPeriods = sortPeriods(result.groups.map((g) => g.period));
  const costQuarters = allPeriodLabels ? sortPeriods(costPeriods.map((p) => quarterOf(p, fsm))) : [];
  const latestCost = costQuarters.length > 0 ? costQuarters[costQuarters.length - 1] : null;
  const comparisonPeriod = options.comparisonPeriod ?? latestCost ?? choice.latest ?? (periods.length > 0 ? periods[periods.length - 1] : null);
  const pairsWhere = (keep: (t: Triple) => boolean): Triple[] => {
    const seen = new Map<string, Triple>();
    for (const t of rows) if (keep(t) && !seen.has(pairId(t.key, t.currency))) seen.set(pairId(t.key, t.currency), t);
    return [...seen.values()];
  };
  return {
    rows,
    periods,
    quarterFor,
    latestQuarter: choice.latest,
    previousQuarter: choice.previous,
    comparisonPeriod,
    comparisonByQuarter: comparisonPeriod !== null && grainOfLabel(comparisonPeriod) === "quarter",
    // The one partial-quarter rule (./coverage.ts), as the Quarterly Review's title applies it.
    comparisonPartial:
      comparisonPeriod !== null && allPeriodLabels && grainOfLabel(comparisonPeriod) === "quarter"
        ? partialFlag(quarterCoverage(comparisonPeriod, new Set(result.costRecords.map((r) => r.period)), quarterFor))
        : null,
    pairsWhere,
    unitFormat: unitFormats(result, unitDecimals),
    axisFormat: unitFormats(result, axisDecimals),
  };
}
