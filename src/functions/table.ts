/**
 * The declarative table of every AIECON custom function: its parameters (name, kind,
 * default) and a body that calls the pure decimal code of src/core. All coercion,
 * broadcasting and error mapping is done by the runner (./runner.ts).
 */
import { actionFor, bandFor, bandForNumber } from "../core/bands";
import { Decimal } from "../core/decimal";
import { computeDecimal, exact, FORMULAS, type AnyFormula, type ArgDecl, type FormulaId } from "../core/formulas";
import * as m from "../core/metrics";
import type { Rule } from "../core/rules";
import * as s from "../core/stats";
import { DEFAULT_TOP_SHARE, topShareOfNumbers } from "../core/topshare";
import { BRIDGE_LINES, costBridge, type BridgeKey } from "../core/bridge";
import { DEFAULT_CONFIDENCE, forecastUnitCostOfNumbers } from "../core/forecast";
import { prepare, type BodyArgs, type BodyResult, type FunctionDecl, type ParamDecl, type PreparedFunction } from "./runner";

const scalar = (name: string, rule?: Rule): ParamDecl => ({ kind: "scalar", name, rule });
const optScalar = (name: string, def: Decimal | undefined): ParamDecl => ({ kind: "scalar", name, optional: true, default: def });
const num = (name: string): ParamDecl => ({ kind: "each", name });
/** A range whose numbers the body takes as plain numbers (it converts only those it needs). */
const numbers = (name: string): ParamDecl => ({ kind: "range", name, numbers: true });

/** Value of slot i of a required number parameter (the runner always fills it). */
function v(a: BodyArgs, i: number): Decimal {
  return a.v[i] as Decimal;
}

/** The parameter of a formula argument: its name, default and domain, as ./runner.ts reads them. */
function paramOf(a: ArgDecl): ParamDecl {
  const domain = { rule: a.rule, relation: a.relation };
  if (a.kind === "req") return { kind: "each", name: a.name, ...domain };
  return { kind: "each", name: a.name, optional: true, default: a.default === undefined ? undefined : new Decimal(a.default), ...domain };
}

/**
 * An element-wise function that is a formula of src/core/formulas.ts: its parameters are the
 * formula's arguments; the runner checks their domains left to right; the body is the formula in
 * decimal, and the shortcut the same formula exact on plain numbers.
 */
function formula<I extends FormulaId>(id: I): FunctionDecl & { id: I } {
  const fm: AnyFormula = FORMULAS[id];
  return {
    id,
    elementwise: true,
    params: fm.args.map(paramOf),
    body: (a) => computeDecimal(fm, a.v), // the runner has checked each domain, left to right
    fast: (x) => exact(fm, x),
  };
}

function each<I extends string>(
  id: I,
  params: ParamDecl[],
  body: (a: BodyArgs) => Decimal | string,
  fast?: (x: number[], a: BodyArgs) => number | string | undefined,
): FunctionDecl & { id: I } {
  return fast === undefined ? { id, elementwise: true, params, body } : { id, elementwise: true, params, body, fast };
}

function aggregate<I extends string>(id: I, params: ParamDecl[], body: (a: BodyArgs) => Decimal | string): FunctionDecl & { id: I } {
  return { id, elementwise: false, params, body };
}

/** An aggregate that spills rows of its own shape. */
function spilling<I extends string>(id: I, params: ParamDecl[], body: (a: BodyArgs) => BodyResult): FunctionDecl & { id: I } {
  return { id, elementwise: false, spills: true, params, body };
}

/** COSTBRIDGE: one key per cell position of the four aligned ranges; a non-number is blank. */
function bridge(a: BodyArgs): BodyResult {
  const [pc, pi, cc, ci] = a.cells;
  const keys: BridgeKey[] = pc.map((_, i) => ({
    prior: { cost: pc[i], inferences: pi[i] },
    current: { cost: cc[i], inferences: ci[i] },
  }));
  const b = costBridge(keys);
  const amounts = [b.volume, b.mix, b.rate, b.new, b.retired];
  return BRIDGE_LINES.map((label, i) => [label, amounts[i]]);
}

/** Only positions where both the cost and the volume are numbers > 0 form a pair. */
function elasticity(a: BodyArgs): Decimal {
  const costs = a.pairNumbers[0];
  const volumes = a.pairNumbers[1];
  const cs: number[] = [];
  const vs: number[] = [];
  const n = Math.min(costs.length, volumes.length);
  for (let i = 0; i < n; i++) {
    const c = costs[i];
    const vol = volumes[i];
    if (c > 0 && vol > 0) {
      cs.push(c);
      vs.push(vol);
    }
  }
  return s.scalingElasticityOfNumbers(cs, vs);
}

export const DECLARATIONS = [
  formula("COSTPERINFERENCE"),
  formula("VALUEPERINFERENCE"),
  formula("COSTTOVALUERATIO"),
  formula("ROIMULTIPLE"),
  formula("MARGINCONTRIBUTION"),
  each(
    "BENCHMARKBAND",
    [num("roi_multiple"), { kind: "cutoffs", name: "cutoffs", optional: true }],
    (a) => bandFor(v(a, 0), a.cutoffs),
    (x, a) => (a.cutoffNumbers === null || x[0] !== x[0] ? undefined : bandForNumber(x[0], a.cutoffNumbers)),
  ),
  each(
    "BENCHMARKACTION",
    [num("roi_multiple"), { kind: "cutoffs", name: "cutoffs", optional: true }],
    (a) => actionFor(bandFor(v(a, 0), a.cutoffs)),
    (x, a) => (a.cutoffNumbers === null || x[0] !== x[0] ? undefined : actionFor(bandForNumber(x[0], a.cutoffNumbers))),
  ),
  formula("VALUEFROMTIMESAVED"),
  aggregate("COSTGROWTH", [numbers("values")], (a) => s.costGrowthOfNumbers(a.numbers[0])),
  aggregate("COSTTREND", [numbers("values"), optScalar("tolerance", s.DEFAULT_TREND_TOLERANCE)], (a) =>
    s.costTrendOfNumbers(a.numbers[0], v(a, 0)),
  ),
  aggregate(
    "SCALINGELASTICITY",
    [
      { kind: "paired", name: "costs", with: 1, numbers: true },
      { kind: "paired", name: "volumes", with: 0, numbers: true },
    ],
    elasticity,
  ),
  aggregate("COSTPERCENTILE", [numbers("costs"), scalar("k")], (a) => s.percentileIncOfNumbers(a.numbers[0], v(a, 0))),
  aggregate("TAILRATIO", [numbers("costs"), optScalar("k", s.DEFAULT_TAIL_K)], (a) =>
    s.tailRatioOfNumbers(a.numbers[0], v(a, 0)),
  ),
  formula("TOKENCOST"),
  formula("CASCADECOST"),
  formula("CACHESAVINGS"),
  formula("SERVINGCOSTPERINFERENCE"),
  aggregate("TCOPERINFERENCE", [scalar("inferences", "divisor"), { kind: "repeating", name: "cost_component", numbers: true }], (a) =>
    m.tcoPerInference(v(a, 0), [s.sumOfNumbers(a.numbers[0])]),
  ),
  formula("AMORTIZE"),
  formula("BREAKEVENVOLUME"),
  aggregate("TOPSHARE", [numbers("costs"), optScalar("share", DEFAULT_TOP_SHARE)], (a) =>
    topShareOfNumbers(a.numbers[0], v(a, 0)),
  ),
  spilling(
    "COSTBRIDGE",
    [
      { kind: "paired", name: "prior_costs", with: 0 },
      { kind: "paired", name: "prior_inferences", with: 0 },
      { kind: "paired", name: "current_costs", with: 0 },
      { kind: "paired", name: "current_inferences", with: 0 },
    ],
    bridge,
  ),
  spilling(
    "FORECASTUNITCOST",
    [
      numbers("values"),
      scalar("periods_ahead"),
      { kind: "text", name: "method", optional: true, default: "exponential" },
      optScalar("confidence", DEFAULT_CONFIDENCE),
    ],
    (a) => forecastUnitCostOfNumbers(a.numbers[0], v(a, 0), a.texts[0], v(a, 1)),
  ),
] as const satisfies readonly FunctionDecl[];

/** The id of every AIECON function: `FN.COSTPERINFERENC` does not compile. */
export type FunctionId = (typeof DECLARATIONS)[number]["id"];

/** Every function, prepared, by id. */
export const FN = Object.fromEntries(DECLARATIONS.map((d) => [d.id, prepare(d)])) as Readonly<Record<FunctionId, PreparedFunction>>;
