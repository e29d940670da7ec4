/**
 * `Cost Bridge`: why the cost changed between the two quarters of the Quarterly Review, per
 * currency (never mixed). Table `CostBridge`: the prior quarter's cost, the lines volume, mix,
 * rate, new keys, retired keys and no volume data, and the latest quarter's cost, each a live
 * formula; beside each line the columns of its waterfall bar. Below it one stacked-column
 * waterfall per currency (an invisible base series under the bars), then the per-key detail
 * (table `CostBridgeDetail`): each key's cost and inferences in both quarters (SUMIFS over Unit
 * Economics), its category and the inputs AIECON.COSTBRIDGE takes. The lines volume … retired
 * are AIECON.COSTBRIDGE over a currency's detail rows (exact decimal, the rate the remainder);
 * no volume data sums the cost change of the keys with cost and no inferences in either quarter
 * (src/core/bridge.ts `reviewBridge` is the same bridge in the engine).
 */
import { BRIDGE_LINES } from "../../core/bridge";
import { cellAddress, quoteSheet } from "../a1";
import { formulaString, safeText } from "../safeText";
import { COUNT_FORMAT } from "../formats";
import { columns, type PlacedTable, type RowRefs } from "./columns";
import { moneyOf } from "./figures";
import type { Triple, UnitModel } from "./model";
import { FIGURE_STYLE, SMALL_STYLE } from "./names";
import { unitSum, type UnitData } from "./unit";
import type { BlockPlan, Cell, ChartPlan, PlanNames, SheetPlan } from "./types";

export const BRIDGE_CATEGORIES = { continuing: "Continuing", new: "New", retired: "Retired", noVolume: "No volume data" } as const;
export const BRIDGE_CHART_TITLE = "Cost bridge";
export const BRIDGE_COLORS = { total: "#7F7F7F", increase: "#C00000", decrease: "#548235" } as const;

type Quarter = "Prev" | "Cur";
interface DetailContext {
  ue: UnitData;
  label: Record<Quarter, string>;
  literal: Record<Quarter, string>;
}

const n = (ref: string): string => `N(${ref})`;

/** The category of a key: continuing (inferences in both), no volume data (cost without inferences in either), new, retired. */
function category(at: RowRefs<DetailKey>): string {
  const [pc, pi, cc, ci] = [at.cell("costPrev"), at.cell("inferencesPrev"), at.cell("costCur"), at.cell("inferencesCur")];
  const c = BRIDGE_CATEGORIES;
  return (
    `=IF(AND(${n(pi)}>0,${n(ci)}>0),${formulaString(c.continuing)},` +
    `IF(OR(AND(${pc}<>0,${n(pi)}=0),AND(${cc}<>0,${n(ci)}=0)),${formulaString(c.noVolume)},` +
    `IF(${n(ci)}>0,${formulaString(c.new)},IF(${n(pi)}>0,${formulaString(c.retired)},""))))`
  );
}

/** An input of AIECON.COSTBRIDGE: the figure, blank for a key of the no-volume line. */
const input = (k: DetailKey) => (_: Triple, at: RowRefs<DetailKey>): string =>
  `=IF(${at.cell("category")}=${formulaString(BRIDGE_CATEGORIES.noVolume)},"",${at.cell(k)})`;

type DetailKey =
  | "key"
  | "currency"
  | `${"cost" | "inferences"}${Quarter}`
  | "costChange"
  | "category"
  | `bridge${"Cost" | "Inferences"}${Quarter}`;

export const BRIDGE_DETAIL = columns<Triple, DetailContext>()<DetailKey>([
  { key: "key", header: "Key", cell: (t) => safeText(t.key) },
  { key: "currency", header: "Currency", cell: (t) => safeText(t.currency) },
  { key: "costPrev", header: (c) => `Cost ${c.label.Prev}`, cell: (t, at, c) => unitSum(c.ue, "cost", t, at, "quarter", c.literal.Prev, false), format: moneyOf, minWidth: 90 },
  { key: "inferencesPrev", header: (c) => `Inferences ${c.label.Prev}`, cell: (t, at, c) => unitSum(c.ue, "inferences", t, at, "quarter", c.literal.Prev, true), format: COUNT_FORMAT, minWidth: 90 },
  { key: "costCur", header: (c) => `Cost ${c.label.Cur}`, cell: (t, at, c) => unitSum(c.ue, "cost", t, at, "quarter", c.literal.Cur, false), format: moneyOf, minWidth: 90 },
  { key: "inferencesCur", header: (c) => `Inferences ${c.label.Cur}`, cell: (t, at, c) => unitSum(c.ue, "inferences", t, at, "quarter", c.literal.Cur, true), format: COUNT_FORMAT, minWidth: 90 },
  { key: "costChange", header: "Cost change", cell: (_, at) => `=${at.cell("costCur")}-${at.cell("costPrev")}`, format: moneyOf, minWidth: 90 },
  { key: "category", header: "Bridge line", cell: (_, at) => category(at), minWidth: 90 },
  { key: "bridgeCostPrev", header: (c) => `Bridge cost ${c.label.Prev}`, cell: input("costPrev"), format: moneyOf, minWidth: 90 },
  { key: "bridgeInferencesPrev", header: (c) => `Bridge inferences ${c.label.Prev}`, cell: input("inferencesPrev"), format: COUNT_FORMAT, minWidth: 90 },
  { key: "bridgeCostCur", header: (c) => `Bridge cost ${c.label.Cur}`, cell: input("costCur"), format: moneyOf, minWidth: 90 },
  { key: "bridgeInferencesCur", header: (c) => `Bridge inferences ${c.label.Cur}`, cell: input("inferencesCur"), format: COUNT_FORMAT, minWidth: 90 },
]);

type LineKind = "prior" | "volume" | "mix" | "rate" | "new" | "retired" | "noVolume" | "current";
const LINE_KINDS: readonly LineKind[] = ["prior", "volume", "mix", "rate", "new", "retired", "noVolume", "current"];
/** The row of AIECON.COSTBRIDGE's result that holds a line. */
const SPILL_ROW: Partial<Record<LineKind, number>> = { volume: 1, mix: 2, rate: 3, new: 4, retired: 5 };
export const NO_VOLUME_LINE = "No volume data";

interface LineRow {
  kind: LineKind;
  currency: string;
  /** The currency's detail rows: a range of a detail column on this sheet. */
  span: (k: DetailKey) => string;
  /** The running total of the row above (a line always follows another row of its currency). */
  above: string;
}
interface LineContext {
  label: Record<Quarter, string>;
}

function lineLabel(r: LineRow, c: LineContext): string {
  if (r.kind === "prior") return `Cost ${c.label.Prev}`;
  if (r.kind === "current") return `Cost ${c.label.Cur}`;
  if (r.kind === "noVolume") return NO_VOLUME_LINE;
  return BRIDGE_LINES[(SPILL_ROW[r.kind] as number) - 1];
}

function amount(r: LineRow): string {
  if (r.kind === "prior") return `=SUM(${r.span("costPrev")})`;
  if (r.kind === "current") return `=SUM(${r.span("costCur")})`;
  if (r.kind === "noVolume") return `=SUMIFS(${r.span("costChange")},${r.span("category")},${formulaString(BRIDGE_CATEGORIES.noVolume)})`;
  const args = (["bridgeCostPrev", "bridgeInferencesPrev", "bridgeCostCur", "bridgeInferencesCur"] as const).map(r.span).join(",");
  return `=INDEX(AIECON.COSTBRIDGE(${args}),${SPILL_ROW[r.kind] as number},2)`;
}

const isTotal = (r: LineRow): boolean => r.kind === "prior" || r.kind === "current";

type LineKey = "line" | "currency" | "amount" | "running" | "base" | "total" | "increase" | "decrease";
export const BRIDGE_LINES_TABLE = columns<LineRow, LineContext>()<LineKey>([
  { key: "line", header: "Line", cell: (r, _, c) => safeText(lineLabel(r, c)), minWidth: 110 },
  { key: "currency", header: "Currency", cell: (r) => safeText(r.currency) },
  { key: "amount", header: "Amount", cell: (r) => amount(r), format: moneyOf, minWidth: 100 },
  { key: "running", header: "Running total", cell: (r, at) => (isTotal(r) ? `=${at.cell("amount")}` : `=${r.above}+${at.cell("amount")}`), format: moneyOf, minWidth: 100 },
  { key: "base", header: "Chart base", cell: (r, at) => (isTotal(r) ? 0 : `=MIN(${r.above},${at.cell("running")})`), format: moneyOf, minWidth: 90 },
  { key: "total", header: "Chart total", cell: (r, at) => (isTotal(r) ? `=${at.cell("amount")}` : 0), format: moneyOf, minWidth: 90 },
  { key: "increase", header: "Chart increase", cell: (r, at) => (isTotal(r) ? 0 : `=MAX(${at.cell("amount")},0)`), format: moneyOf, minWidth: 90 },
  { key: "decrease", header: "Chart decrease", cell: (r, at) => (isTotal(r) ? 0 : `=MAX(-${at.cell("amount")},0)`), format: moneyOf, minWidth: 90 },
]);

const CHART_ROWS = 18;
const CHART_COLS = 8;
const TABLE_TOP = 2;

/**
 * The cells of a currency's bridge lines (volume … no volume data) on the Cost Bridge sheet, for
 * other sheets (the Quarterly Review): `currencyIndex` in the order of the bridge's currencies
 * (sorted, as the review's).
 */
export function bridgeLineCells(sheet: string, currencyIndex: number): { label: string; ref: string }[] {
  const label = { Prev: "", Cur: "" };
  return LINE_KINDS.flatMap((kind, k) => {
    if (kind === "prior" || kind === "current") return [];
    const excelRow = TABLE_TOP + 2 + currencyIndex * LINE_KINDS.length + k;
    const row: LineRow = { kind, currency: "", span: () => "", above: "" };
    return [{ label: lineLabel(row, { label }), ref: `${quoteSheet(sheet)}!${BRIDGE_LINES_TABLE.letter("amount")}${excelRow}` }];
  });
}

function bridgeCharts(t: PlacedTable<LineKey, LineRow, LineContext>, currencies: readonly string[], top: number): ChartPlan[] {
  return currencies.map((cur, i) => {
    const first = i * LINE_KINDS.length;
    const rows = (k: LineKey) => ({ ...t.rect(k), row: t.top + 1 + first, rowCount: LINE_KINDS.length });
    const from = top + i * (CHART_ROWS + 1);
    const series = (name: string, k: LineKey, color?: string, noFill?: true) => ({ name, values: rows(k), xValues: rows("line"), ...(color ? { color } : {}), ...(noFill ? { noFill } : {}) });
    return {
      title: currencies.length > 1 ? `${BRIDGE_CHART_TITLE}, ${cur}` : BRIDGE_CHART_TITLE,
      type: "ColumnStacked",
      series: [
        series("Base", "base", undefined, true),
        series("Total", "total", BRIDGE_COLORS.total),
        series("Increase", "increase", BRIDGE_COLORS.increase),
        series("Decrease", "decrease", BRIDGE_COLORS.decrease),
      ],
      from: cellAddress(from, 0),
      to: cellAddress(from + CHART_ROWS - 1, CHART_COLS - 1),
      valueAxisTitle: /^[A-Za-z]{3}$/.test(cur) ? `Cost (${cur.toUpperCase()})` : "Cost",
      legend: "None",
    };
  });
}

export function planBridgeSheet(model: UnitModel, ue: UnitData, names: PlanNames): SheetPlan {
  const Q = model.latestQuarter;
  const Q0 = model.previousQuarter;
  const inReview = (t: Triple): boolean => Q !== null && (model.quarterFor(t.period) === Q || model.quarterFor(t.period) === Q0);
  const byCurrency = (a: Triple, b: Triple): number => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0);
  const pairs = [...model.pairsWhere(inReview)].sort(byCurrency);
  const currencies = [...new Set(pairs.map((p) => p.currency))];
  const label = { Prev: Q0 ?? "previous quarter", Cur: Q ?? "latest quarter" };
  const literal = { Prev: formulaString(label.Prev), Cur: formulaString(label.Cur) };

  const linesCount = Math.max(1, currencies.length * LINE_KINDS.length);
  const chartsTop = TABLE_TOP + 1 + linesCount + 1;
  const detailTop = chartsTop + currencies.length * (CHART_ROWS + 1) + (currencies.length > 0 ? 0 : 1);
  const detail = BRIDGE_DETAIL.place(names.sheets.bridge, pairs, { ue, label, literal }, detailTop);
  const spanOf = (cur: string) => (k: DetailKey): string => {
    const first = pairs.findIndex((p) => p.currency === cur);
    const count = pairs.filter((p) => p.currency === cur).length;
    const c = BRIDGE_DETAIL.letter(k);
    return `$${c}$${detail.top + 2 + first}:$${c}$${detail.top + 1 + first + count}`;
  };
  const running = BRIDGE_LINES_TABLE.index("running");
  const lineRows: LineRow[] = currencies.flatMap((currency, ci) =>
    LINE_KINDS.map((kind, k) => ({ kind, currency, span: spanOf(currency), above: cellAddress(TABLE_TOP + ci * LINE_KINDS.length + k, running) })),
  );
  const lines = BRIDGE_LINES_TABLE.place(names.sheets.bridge, lineRows, { label }, TABLE_TOP);

  const title =
    Q === null
      ? "Cost bridge: no two quarters to compare"
      : `Cost bridge: ${label.Prev} to ${label.Cur}, per currency. Volume, mix and rate over the keys with inferences in both quarters; the lines sum to the change in cost.`;
  const titleBlock: BlockPlan = { row: 0, col: 0, rowCount: 1, colCount: 1, mode: "values", cells: [[safeText(title)] as Cell[]] };
  const lw = lines.widths();
  const dw = detail.widths();
  const widths = dw.map((w, i) => Math.max(w, lw[i] ?? 0));
  return {
    id: "bridge",
    name: names.sheets.bridge,
    blocks: [titleBlock, lines.block("formulas"), detail.block("formulas")],
    formats: [...lines.formats(), ...detail.formats()],
    tables: [lines.tablePlan("bridge", names.tables.bridge, FIGURE_STYLE), detail.tablePlan("bridgeDetail", names.tables.bridgeDetail, SMALL_STYLE)],
    charts: bridgeCharts(lines, currencies, chartsTop),
    conditionalFormats: [],
    columnWidths: widths,
    freezeRows: 0,
    fonts: [
      { row: 0, col: 0, rowCount: 1, colCount: 1, bold: true },
      ...lineRows.flatMap((r, i) => (isTotal(r) ? [{ row: TABLE_TOP + 1 + i, col: 0, rowCount: 1, colCount: BRIDGE_LINES_TABLE.width, bold: true }] : [])),
    ],
  };
}
