/**
 * `Scenarios` (table `Scenarios`): what the levers would do to cost per inference in the
 * comparison period, over the Unit Economics rows that have a token cost (USD, priced keys).
 * Above it `ScenarioInputs`: today's totals (live sums over Unit Economics) and the inputs the
 * user edits (highlighted): candidate models, cascade models and escalation rate, cache hit
 * rate and cost per lookup, batch share and discount, self-hosted hourly cost, capacity and
 * utilisation. Each lever row: new cost per inference (a live AIECON formula reading the
 * inputs and AI Prices), saving against today, ROI multiple and band; a bar chart compares
 * today with each lever.
 */
import { Decimal } from "../../core/decimal";
import type { PriceRow } from "../../import/prices/convert";
import { safeText } from "../safeText";
import { COUNT_FORMAT, MULTIPLE_FORMAT, unitMoneyFormat } from "../formats";
import { cellAddress } from "../a1";
import { columns } from "./columns";
import { bandColumn, F } from "./figures";
import { FIGURE_STYLE, SMALL_STYLE } from "./names";
import { priceOf, type PricesData } from "./requests";
import type { UnitData } from "./unit";
import type { ChartPlan, Cell, FontPlan, PlanNames, SheetPlan } from "./types";

export const INPUT_FILL = "#FFF2CC";
export const SCENARIO_CHART_TITLE = "Cost per inference: today and each lever";

interface Input {
  key: string;
  label: string;
  value: (c: Ctx) => Cell;
  input: boolean;
  format?: string;
}

interface Ctx {
  ue: UnitData;
  period: string;
  match: "period" | "quarter";
  candidates: string[];
  small: string;
  large: string;
}

/** Σ of a Unit Economics column over the comparison period's rows that have a token cost. */
const sumUe = (c: Ctx, col: "cost" | "inferences" | "value" | "inputTokens" | "outputTokens"): string => {
  const u = c.ue.table;
  return `=SUMIFS(${u.range(col)},${u.range(c.match)},"${c.period.replace(/"/g, '""')}",${u.range("tokenCost")},">=0")`;
};

const UNIT = unitMoneyFormat("USD", 6);

function inputs(c: Ctx): Input[] {
  return [
    { key: "period", label: "Period", value: () => safeText(c.period), input: false },
    { key: "cost", label: "Cost (keys with a token cost)", value: () => sumUe(c, "cost"), input: false, format: unitMoneyFormat("USD", 2) },
    { key: "inferences", label: "Inferences", value: () => sumUe(c, "inferences"), input: false, format: COUNT_FORMAT },
    { key: "value", label: "Value", value: () => sumUe(c, "value"), input: false, format: unitMoneyFormat("USD", 2) },
    { key: "inputTokens", label: "Input tokens", value: () => sumUe(c, "inputTokens"), input: false, format: COUNT_FORMAT },
    { key: "outputTokens", label: "Output tokens", value: () => sumUe(c, "outputTokens"), input: false, format: COUNT_FORMAT },
    ...c.candidates.map((m, i): Input => ({ key: `candidate${i}`, label: `Candidate model ${i + 1}`, value: () => safeText(m), input: true })),
    { key: "small", label: "Cascade: small model", value: () => safeText(c.small), input: true },
    { key: "large", label: "Cascade: large model", value: () => safeText(c.large), input: true },
    { key: "escalation", label: "Cascade: escalation rate", value: () => 0.2, input: true, format: "0%" },
    { key: "hit", label: "Cache: hit rate", value: () => 0.3, input: true, format: "0%" },
    { key: "lookup", label: "Cache: cost per lookup", value: () => 0, input: true, format: UNIT },
    { key: "batchShare", label: "Batching: share of traffic", value: () => 0.5, input: true, format: "0%" },
    { key: "batchDiscount", label: "Batching: discount", value: () => 0.5, input: true, format: "0%" },
    { key: "hourly", label: "Self-hosted: cost per hour", value: () => 10, input: true, format: unitMoneyFormat("USD", 2) },
    { key: "capacity", label: "Self-hosted: inferences per hour at capacity", value: () => 10000, input: true, format: COUNT_FORMAT },
    { key: "utilisation", label: "Self-hosted: utilisation", value: () => 0.6, input: true, format: "0%" },
  ];
}

const INPUTS = columns<Input, Ctx>()([
  { key: "label", header: "Input", cell: (r) => r.label, minWidth: 250 },
  { key: "value", header: "Value", cell: (r, _, c) => r.value(c), minWidth: 130 },
]);

interface Lever {
  lever: string;
  cpi: string;
}

const LEVERS = columns<Lever, { today: string; value: string; inferences: string }>()([
  { key: "lever", header: "Lever", cell: (l) => l.lever },
  { key: "cpi", header: "Cost per inference", cell: (l) => l.cpi, format: UNIT },
  { key: "saving", header: "Saving per inference", cell: (_, at, c) => `=IF(OR(${at.cell("cpi")}="",${c.today}=""),"",${c.today}-${at.cell("cpi")})`, format: UNIT },
  {
    key: "roi",
    header: "ROI multiple",
    cell: (_, at, c) => `=IF(OR(${at.cell("cpi")}="",${c.value}=0,${c.inferences}=0),"",AIECON.ROIMULTIPLE(${c.value},${at.cell("cpi")}*${c.inferences}))`,
    format: MULTIPLE_FORMAT,
  },
  bandColumn(90),
]);

/** The models of `rows` that have input and output prices, cheapest first (input + output per million), at most `n`. */
export function cheapest(rows: readonly PriceRow[], n = Infinity): string[] {
  const priced = rows
    .filter((r) => r.input !== null && r.output !== null)
    .map((r) => ({ m: r.model, p: new Decimal(r.input ?? "0").plus(r.output ?? "0") }))
    .sort((a, b) => a.p.comparedTo(b.p) || (a.m < b.m ? -1 : 1));
  return priced.slice(0, n).map((x) => x.m);
}

/** The candidates (default the three cheapest models of AI Prices), and the cheapest and dearest as the cascade's models. */
function defaults(rows: readonly PriceRow[], candidates?: readonly string[]): { candidates: string[]; small: string; large: string } {
  const names = cheapest(rows);
  return { candidates: candidates !== undefined ? [...candidates] : names.slice(0, 3), small: names[0] ?? "", large: names[names.length - 1] ?? "" };
}

/** `candidates`: the model-swap candidates (default the three cheapest of AI Prices). */
export function planScenariosSheet(ue: UnitData, prices: PricesData, period: string, match: "period" | "quarter", names: PlanNames, candidates?: readonly string[]): SheetPlan {
  const sheet = names.sheets.scenarios;
  const ctx: Ctx = { ue, period, match, ...defaults(prices.rows, candidates) };
  const rows = inputs(ctx);
  const inp = INPUTS.place(sheet, rows, ctx);
  const v = (key: string): string => cellAddress(inp.top + 1 + rows.findIndex((r) => r.key === key), inp.table.index("value"), true);
  const [n, inTok, outTok] = [v("inferences"), v("inputTokens"), v("outputTokens")];
  const swapCpi = (model: string): string =>
    `IF(OR(${model}="",${n}=0),"",AIECON.TOKENCOST(${inTok},${outTok},${priceOf(prices, "input", model)},${priceOf(prices, "output", model)})/${n})`;
  const today = F.costPerInference(v("cost"), n).slice(1);
  const levers: Lever[] = [
    { lever: "Today", cpi: `=${today}` },
    ...ctx.candidates.map((_, i): Lever => ({ lever: `Model swap: candidate ${i + 1}`, cpi: `=${swapCpi(v(`candidate${i}`))}` })),
    { lever: "Cascade", cpi: `=IF(OR(${n}=0,${v("small")}="",${v("large")}=""),"",AIECON.CASCADECOST(${swapCpi(v("small"))},${swapCpi(v("large"))},${v("escalation")}))` },
    { lever: "Cache", cpi: `=IF(${n}=0,"",${today}-AIECON.CACHESAVINGS(${today},${v("hit")},${v("lookup")}))` },
    { lever: "Batching", cpi: `=IF(${n}=0,"",${today}*(1-${v("batchShare")}*${v("batchDiscount")}))` },
    { lever: "Self-hosted", cpi: `=AIECON.SERVINGCOSTPERINFERENCE(${v("hourly")},${v("capacity")},${v("utilisation")})` },
  ];
  const top = inp.top + inp.n + 2;
  const lv = LEVERS.place(sheet, levers, { today: `$${LEVERS.letter("cpi")}$${top + 2}`, value: v("value"), inferences: n }, top);
  const fonts: FontPlan[] = rows.flatMap((r, i) => (r.input ? [{ row: inp.top + 1 + i, col: inp.table.index("value"), rowCount: 1, colCount: 1, fill: INPUT_FILL }] : []));
  const inputFormats = rows.flatMap((r, i) => (r.format === undefined ? [] : [{ row: inp.top + 1 + i, col: inp.table.index("value"), rowCount: 1, colCount: 1, format: r.format }]));
  const chart: ChartPlan = {
    title: SCENARIO_CHART_TITLE,
    type: "BarClustered",
    series: [{ name: "Cost per inference", values: lv.rect("cpi"), xValues: lv.rect("lever") }],
    from: cellAddress(0, 4),
    to: cellAddress(20, 11),
    valueAxisFormat: UNIT,
    legend: "None",
  };
  return {
    id: "scenarios",
    name: sheet,
    blocks: [inp.block("formulas"), lv.block("formulas")],
    formats: [...inputFormats, ...lv.formats()],
    tables: [inp.tablePlan("scenarioInputs", names.tables.scenarioInputs, SMALL_STYLE), lv.tablePlan("scenarios", names.tables.scenarios, FIGURE_STYLE)],
    charts: [chart],
    conditionalFormats: lv.conditionalFormats(),
    columnWidths: inp.widths().map((w, c) => Math.max(w, lv.widths()[c] ?? 0)).concat(lv.widths().slice(inp.table.width)),
    freezeRows: 0,
    fonts,
  };
}
