/**
 * The declarative table of every AIECON custom function: its parameters (name, kind,
 * default) and a body that calls the pure decimal code of src/core. All coercion,
 * broadcasting and error mapping is done by the runner (./runner.ts).
 */
import { actionFor, bandFor } from "../core/bands";
import { Decimal, ONE, ZERO } from "../core/decimal";
import * as m from "../core/metrics";
import * as fx from "../core/fastexact";
import type { Relation, Rule } from "../core/rules";
import * as s from "../core/stats";
import { DEFAULT_TOP_SHARE, topShareOfNumbers } from "../core/topshare";
import { prepare, type BodyArgs, type FunctionDecl, type ParamDecl, type PreparedFunction } from "./runner";

/** A number argument; `rule` (and `relation` to an earlier argument) is checked as soon as it is read. */
const num = (name: string, rule?: Rule, relation?: Relation): ParamDecl => ({ kind: "each", name, rule, relation });
const opt = (name: string, def: Decimal | undefined, rule?: Rule, relation?: Relation): ParamDecl => ({
  kind: "each",
  name,
  optional: true,
  default: def,
  rule,
  relation,
});
const scalar = (name: string, rule?: Rule): ParamDecl => ({ kind: "scalar", name, rule });
const optScalar = (name: string, def: Decimal | undefined): ParamDecl => ({ kind: "scalar", name, optional: true, default: def });
/** A range whose numbers the body takes as plain numbers (it converts only those it needs). */
const numbers = (name: string): ParamDecl => ({ kind: "range", name, numbers: true });

/** Value of slot i of a required number parameter (the runner always fills it). */
function v(a: BodyArgs, i: number): Decimal {
  return a.v[i] as Decimal;
}

function each(
  id: string,
  params: ParamDecl[],
  body: (a: BodyArgs) => Decimal | string,
  fast?: (x: number[]) => number | undefined,
): FunctionDecl {
  return fast === undefined ? { id, elementwise: true, params, body } : { id, elementwise: true, params, body, fast };
}

// Exact shortcuts (see src/core/fastexact.ts): valid input only; anything else → undefined → decimal path.
/** total × per / inferences with inferences > 0, per > 0. */
function fastPerInference(x: number[]): number | undefined {
  const inf = x[1];
  const per = x[2];
  return inf > 0 && per > 0 ? (fx.exactProductQuotient(x[0], per, inf) ?? fx.bigProductQuotient(x[0], per, inf)) : undefined;
}
/** a / b with b > 0. */
function fastRatio(x: number[]): number | undefined {
  return x[1] > 0 ? (fx.exactProductQuotient(x[0], 1, x[1]) ?? fx.bigProductQuotient(x[0], 1, x[1])) : undefined;
}
/** cost × periods / life with life > 0 and 0 <= periods <= life. */
function fastAmortize(x: number[]): number | undefined {
  const life = x[1];
  const periods = x[2];
  return life > 0 && periods >= 0 && periods <= life
    ? (fx.exactProductQuotient(x[0], periods, life) ?? fx.bigProductQuotient(x[0], periods, life))
    : undefined;
}

function aggregate(id: string, params: ParamDecl[], body: (a: BodyArgs) => Decimal | string): FunctionDecl {
  return { id, elementwise: false, params, body };
}

/** Only positions where both the cost and the volume are numbers > 0 form a pair. */
function elasticity(a: BodyArgs): Decimal {
  const costs = a.cells[0];
  const volumes = a.cells[1];
  const cs: Decimal[] = [];
  const vs: Decimal[] = [];
  const n = Math.min(costs.length, volumes.length);
  for (let i = 0; i < n; i++) {
    const c = costs[i];
    const vol = volumes[i];
    if (c !== null && vol !== null && c.gt(ZERO) && vol.gt(ZERO)) {
      cs.push(c);
      vs.push(vol);
    }
  }
  return s.scalingElasticity(cs, vs);
}

export const DECLARATIONS: readonly FunctionDecl[] = [
  each("COSTPERINFERENCE", [num("total_cost"), num("inferences", "divisor"), opt("per", ONE, "positive")], (a) =>
    m.costPerInference(v(a, 0), v(a, 1), v(a, 2)),
    fastPerInference,
  ),
  each("VALUEPERINFERENCE", [num("attributed_value"), num("inferences", "divisor"), opt("per", ONE, "positive")], (a) =>
    m.valuePerInference(v(a, 0), v(a, 1), v(a, 2)),
    fastPerInference,
  ),
  each("COSTTOVALUERATIO", [num("cost"), num("value", "divisor")], (a) => m.costToValueRatio(v(a, 0), v(a, 1)), fastRatio),
  each("ROIMULTIPLE", [num("value"), num("cost", "divisor")], (a) => m.roiMultiple(v(a, 0), v(a, 1)), fastRatio),
  each(
    "MARGINCONTRIBUTION",
    [num("value_per_inference"), num("cost_per_inference"), opt("inferences", undefined, "nonNegative")],
    (a) => m.marginContribution(v(a, 0), v(a, 1), a.v[2]),
    (x) => fx.fastMargin(x[0], x[1], x[2]),
  ),
  each("BENCHMARKBAND", [num("roi_multiple"), { kind: "cutoffs", name: "cutoffs", optional: true }], (a) =>
    bandFor(v(a, 0), a.cutoffs),
  ),
  each("BENCHMARKACTION", [num("roi_multiple"), { kind: "cutoffs", name: "cutoffs", optional: true }], (a) =>
    actionFor(bandFor(v(a, 0), a.cutoffs)),
  ),
  each(
    "VALUEFROMTIMESAVED",
    [num("minutes_saved", "nonNegative"), num("hourly_rate", "nonNegative"), opt("inferences", undefined, "nonNegative")],
    (a) => m.valueFromTimeSaved(v(a, 0), v(a, 1), a.v[2]),
    (x) => fx.fastTimeSaved(x[0], x[1], x[2]),
  ),
  aggregate("COSTGROWTH", [numbers("values")], (a) => s.costGrowthOfNumbers(a.numbers[0])),
  aggregate("COSTTREND", [numbers("values"), optScalar("tolerance", s.DEFAULT_TREND_TOLERANCE)], (a) =>
    s.costTrendOfNumbers(a.numbers[0], v(a, 0)),
  ),
  aggregate(
    "SCALINGELASTICITY",
    [
      { kind: "paired", name: "costs", with: 1 },
      { kind: "paired", name: "volumes", with: 0 },
    ],
    elasticity,
  ),
  aggregate("COSTPERCENTILE", [numbers("costs"), scalar("k")], (a) => s.percentileIncOfNumbers(a.numbers[0], v(a, 0))),
  aggregate("TAILRATIO", [numbers("costs"), optScalar("k", s.DEFAULT_TAIL_K)], (a) =>
    s.tailRatioOfNumbers(a.numbers[0], v(a, 0)),
  ),
  each(
    "TOKENCOST",
    [
      num("input_tokens", "nonNegative"),
      num("output_tokens", "nonNegative"),
      num("input_price_per_million", "nonNegative"),
      num("output_price_per_million", "nonNegative"),
      opt("cached_input_tokens", ZERO, "nonNegative", { atMost: 0 }),
      opt("cached_price_per_million", undefined, "nonNegative"),
    ],
    (a) => m.tokenCost(v(a, 0), v(a, 1), v(a, 2), v(a, 3), v(a, 4), a.v[5] ?? v(a, 2)),
    (x) => fx.fastTokenCost(x[0], x[1], x[2], x[3], x[4], x[5]),
  ),
  each("CASCADECOST", [num("small_model_cost"), num("large_model_cost"), num("escalation_rate", "rate")], (a) =>
    m.cascadeCost(v(a, 0), v(a, 1), v(a, 2)),
    (x) => fx.fastCascadeCost(x[0], x[1], x[2]),
  ),
  each("CACHESAVINGS", [num("cost_per_inference"), num("hit_rate", "rate"), opt("cost_per_lookup", ZERO, "nonNegative")], (a) =>
    m.cacheSavings(v(a, 0), v(a, 1), v(a, 2)),
    (x) => fx.fastCacheSavings(x[0], x[1], x[2]),
  ),
  each(
    "SERVINGCOSTPERINFERENCE",
    [num("hourly_cost", "nonNegative"), num("inferences_per_hour_at_capacity", "divisor"), opt("utilization", ONE, "share")],
    (a) => m.servingCostPerInference(v(a, 0), v(a, 1), v(a, 2)),
    (x) => fx.fastServingCost(x[0], x[1], x[2]),
  ),
  aggregate("TCOPERINFERENCE", [scalar("inferences", "divisor"), { kind: "repeating", name: "cost_component", numbers: true }], (a) =>
    m.tcoPerInference(v(a, 0), [s.sumOfNumbers(a.numbers[0])]),
  ),
  each("AMORTIZE", [num("cost"), num("life_periods", "divisor"), opt("periods", ONE, "nonNegative", { atMost: 1 })], (a) =>
    m.amortize(v(a, 0), v(a, 1), v(a, 2)),
    fastAmortize,
  ),
  each(
    "BREAKEVENVOLUME",
    [num("fixed_cost", "nonNegative"), num("value_per_inference"), num("cost_per_inference", undefined, { below: 1 })],
    (a) => m.breakEvenVolume(v(a, 0), v(a, 1), v(a, 2)),
    (x) => fx.fastBreakEven(x[0], x[1], x[2]),
  ),
  aggregate("TOPSHARE", [numbers("costs"), optScalar("share", DEFAULT_TOP_SHARE)], (a) =>
    topShareOfNumbers(a.numbers[0], v(a, 0)),
  ),
];

/** Every function, prepared, by id. */
export const FN: Readonly<Record<string, PreparedFunction>> = Object.fromEntries(
  DECLARATIONS.map((d) => [d.id, prepare(d)]),
);
