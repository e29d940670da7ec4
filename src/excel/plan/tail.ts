/**
 * `Long Tail` (table `LongTail`): per key × period of request logs, the distribution of cost
 * per request: p50, p90, p95, p99, max, TAILRATIO (p95 ÷ p50) and TOPSHARE (share of cost of
 * the costliest 5 %). When the requests are on `AI Requests` every figure is a live AIECON
 * formula over the key × period's block of cost cells; otherwise they are the engine's exact
 * values and a note cell says so. Below: the histogram of cost per request on a log scale
 * (four bins per decade, counts in a clustered column: Excel's native histogram bins the raw
 * values on a linear axis) and the Pareto curve (share of cost of the costliest share of
 * requests), for the costliest keys × periods.
 */
import { Decimal } from "../../core/decimal";
import type { TailGroup } from "../../import/tail";
import type { LongTailData } from "../../import/tail-rows";
import { binEdge, PARETO_SHARES } from "../../import/tail-shape";
import { safeText } from "../safeText";
import { COUNT_FORMAT, RATIO_FORMAT, unitDecimals, unitMoneyFormat } from "../formats";
import { cellAddress } from "../a1";
import { columns, type Column } from "./columns";
import { toCellNumber } from "./model";
import { FIGURE_STYLE, SHEET_NAMES, SMALL_STYLE } from "./names";
import type { BlockPlan, ChartPlan, PlanNames, SeriesPlan, SheetPlan } from "./types";

/** Keys × periods drawn in the histogram and the Pareto chart (the costliest). */
export const TAIL_CHART_GROUPS = 6;

export const TAIL_CHART_TITLES = { histogram: "Cost per request (log-scale bins)", pareto: "Pareto: share of cost of the costliest requests" } as const;

/** A Long Tail row: the engine's figures and, when the requests are on AI Requests, its cost cells. */
export interface TailRow {
  g: TailGroup;
  range: string | null;
}

interface TailCtx {
  unit: string;
}

const num = (v: string | null): number | string => (v === null ? "" : toCellNumber(v));
const live = (r: TailRow, f: (range: string) => string, v: () => number | string): number | string => (r.range === null ? v() : f(r.range));
const pct = (k: string, pick: (g: TailGroup) => string) => (r: TailRow): number | string =>
  live(r, (x) => `=AIECON.COSTPERCENTILE(${x},${k})`, () => toCellNumber(pick(r.g)));
const unitOf = (_: TailRow, c: TailCtx): string => c.unit;

export const LONG_TAIL = columns<TailRow, TailCtx>()([
  { key: "period", header: "Period", cell: (r) => safeText(r.g.period) },
  { key: "key", header: "Key", cell: (r) => safeText(r.g.key) },
  { key: "model", header: "Priced as", cell: (r) => safeText(r.g.model), minWidth: 120 },
  { key: "requests", header: "Requests", cell: (r) => live(r, (x) => `=COUNT(${x})`, () => r.g.requests), format: COUNT_FORMAT },
  { key: "cost", header: "Cost (list)", cell: (r) => live(r, (x) => `=SUM(${x})`, () => toCellNumber(r.g.cost)), format: unitMoneyFormat("USD", 2), minWidth: 90 },
  { key: "p50", header: "p50", cell: pct("0.5", (g) => g.p50), format: unitOf, minWidth: 90 },
  { key: "p90", header: "p90", cell: pct("0.9", (g) => g.p90), format: unitOf, minWidth: 90 },
  { key: "p95", header: "p95", cell: pct("0.95", (g) => g.p95), format: unitOf, minWidth: 90 },
  { key: "p99", header: "p99", cell: pct("0.99", (g) => g.p99), format: unitOf, minWidth: 90 },
  { key: "max", header: "Max", cell: (r) => live(r, (x) => `=MAX(${x})`, () => toCellNumber(r.g.max)), format: unitOf, minWidth: 90 },
  {
    key: "tailRatio",
    header: "Tail ratio (p95 / p50)",
    cell: (r, at) => live(r, (x) => `=IF(${at.cell("p50")}=0,"",AIECON.TAILRATIO(${x},0.95))`, () => num(r.g.tailRatio)),
    format: RATIO_FORMAT,
  },
  {
    key: "topShare",
    header: "Top 5% share of cost",
    cell: (r, at) => live(r, (x) => `=IF(${at.cell("cost")}=0,"",AIECON.TOPSHARE(${x},0.05))`, () => num(r.g.topShare)),
    format: "0.00%",
  },
]);

/** The costliest groups, at most TAIL_CHART_GROUPS, in table order. */
function charted(rows: readonly TailRow[]): number[] {
  const byCost = rows.map((r, i) => ({ i, c: new Decimal(r.g.cost) })).sort((a, b) => b.c.comparedTo(a.c) || a.i - b.i);
  return byCost.slice(0, TAIL_CHART_GROUPS).map((x) => x.i).sort((a, b) => a - b);
}

interface Bin {
  bin: number;
}
interface Share {
  q: string;
  i: number;
}

export function planLongTailSheet(lt: LongTailData, ranges: readonly (string | null)[], names: PlanNames): SheetPlan {
  const sheet = names.sheets.longTail;
  const rows: TailRow[] = lt.tail.groups.map((g, i) => ({ g, range: ranges[i] ?? null }));
  const unit = unitMoneyFormat("USD", unitDecimals(lt.tail.groups.flatMap((g) => [g.p50, g.max])));
  const table = LONG_TAIL.place(sheet, rows, { unit });
  const isLive = rows.length > 0 && rows.every((r) => r.range !== null);
  const requests = lt.tail.groups.reduce((a, g) => a + g.requests, 0);
  const note =
    (isLive
      ? `Live: every figure is an AIECON formula over the ${requests} requests on ${SHEET_NAMES.requests}, priced from ${SHEET_NAMES.prices}; edit a price there and they follow.`
      : `Values: ${requests} requests ${requests > lt.limit ? `are more than the ${lt.limit} rows ${SHEET_NAMES.requests} takes (a pane choice)` : `are not on ${SHEET_NAMES.requests}`}, so these figures are the import's exact values, not formulas.`) +
    ` Prices: ${lt.tail.priceTable.source} ${lt.tail.priceTable.date}.` +
    (lt.tail.unpriced.length > 0 ? ` Not priced (no price entry): ${lt.tail.unpriced.map((u) => `${u.key} (${u.requests})`).join(", ")}.` : "") +
    (lt.tail.requestsWithoutTokens > 0 ? ` ${lt.tail.requestsWithoutTokens} requests without token counts are left out.` : "");
  const noteRow = table.top + table.n + 2;
  const noteBlock: BlockPlan = { row: noteRow, col: 0, rowCount: 1, colCount: 1, mode: "values", cells: [[safeText(note)]] };

  const drawn = charted(rows);
  const gkey = (j: number): string => `g${j}`;
  const label = (r: TailRow): string => `${r.g.key} ${r.g.period}`;

  // Histogram: every bin from the lowest to the highest non-empty one of the drawn groups.
  const present = drawn.flatMap((i) => rows[i].g.shape?.bins.map((b) => b.bin) ?? []);
  const bins: Bin[] = present.length === 0 ? [] : Array.from({ length: Math.max(...present) - Math.min(...present) + 1 }, (_, k) => ({ bin: Math.min(...present) + k }));
  const countOf = (i: number, bin: number): number => rows[i].g.shape?.bins.find((b) => b.bin === bin)?.count ?? 0;
  const histTable = columns<Bin>()<string>([
    { key: "bin", header: "Cost per request (USD)", cell: (b) => `${binEdge(b.bin).toFixed()} to ${binEdge(b.bin + 1).toFixed()}`, minWidth: 150 },
    { key: "from", header: "From", cell: (b) => toCellNumber(binEdge(b.bin).toFixed()) },
    { key: "to", header: "To (excluded)", cell: (b) => toCellNumber(binEdge(b.bin + 1).toFixed()) },
    ...drawn.map((i, j): Column<string, Bin, void> => ({
      key: gkey(j),
      header: safeText(label(rows[i])),
      cell: (b, at) => {
        const x = rows[i].range;
        return x === null ? countOf(i, b.bin) : `=COUNTIFS(${x},">="&${at.fixed("from")},${x},"<"&${at.fixed("to")})`;
      },
      format: COUNT_FORMAT,
    })),
  ]);
  const hist = histTable.place(sheet, bins, undefined, noteRow + 2);

  const shares: Share[] = PARETO_SHARES.map((q, i) => ({ q, i }));
  const paretoTable = columns<Share>()<string>([
    { key: "share", header: "Costliest share of requests", cell: (s) => toCellNumber(s.q), format: "0%", minWidth: 150 },
    ...drawn.map((i, j): Column<string, Share, void> => ({
      key: gkey(j),
      header: safeText(label(rows[i])),
      cell: (s, at) => {
        const x = rows[i].range;
        return x === null ? num(rows[i].g.shape?.pareto[s.i] ?? null) : `=IF(SUM(${x})=0,"",AIECON.TOPSHARE(${x},${at.fixed("share")}))`;
      },
      format: "0.0%",
    })),
  ]);
  const pareto = paretoTable.place(sheet, shares, undefined, hist.top + hist.n + 2);

  const chartCol = Math.max(histTable.width, paretoTable.width) + 1;
  const at = (row: number, rows: number): Pick<ChartPlan, "from" | "to"> => ({ from: cellAddress(row, chartCol), to: cellAddress(row + rows, chartCol + 8) });
  const histSeries: SeriesPlan[] = drawn.map((i, j) => ({ name: label(rows[i]), values: hist.rect(gkey(j)), xValues: hist.rect("bin") }));
  const paretoSeries: SeriesPlan[] = drawn.map((i, j) => ({ name: label(rows[i]), values: pareto.rect(gkey(j)), xValues: pareto.rect("share") }));
  const legend = (n: number): ChartPlan["legend"] => (n > 1 ? "Bottom" : "None");
  const charts: ChartPlan[] =
    drawn.length === 0
      ? []
      : [
          { title: TAIL_CHART_TITLES.histogram, type: "ColumnClustered", series: histSeries, ...at(hist.top, 18), valueAxisTitle: "Requests", categoryAxisTitle: "Cost per request (USD), four bins per decade", valueAxisFormat: COUNT_FORMAT, legend: legend(drawn.length) },
          { title: TAIL_CHART_TITLES.pareto, type: "Line", series: paretoSeries, ...at(hist.top + 20, 18), valueAxisTitle: "Share of cost", categoryAxisTitle: "Costliest share of requests", valueAxisFormat: "0%", legend: legend(drawn.length) },
        ];
  return {
    id: "longTail",
    name: sheet,
    blocks: [table.block(isLive ? "formulas" : "values"), noteBlock, hist.block("formulas"), pareto.block("formulas")],
    formats: [...table.formats(), ...hist.formats(), ...pareto.formats()],
    tables: [
      table.tablePlan("longTail", names.tables.longTail, FIGURE_STYLE),
      hist.tablePlan("tailBins", names.tables.tailBins, SMALL_STYLE),
      pareto.tablePlan("tailPareto", names.tables.tailPareto, SMALL_STYLE),
    ],
    charts,
    conditionalFormats: [],
    columnWidths: table.widths().map((w, c) => Math.max(w, hist.widths()[c] ?? 0, pareto.widths()[c] ?? 0)),
    freezeRows: 1,
  };
}
