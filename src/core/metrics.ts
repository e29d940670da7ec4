/**
 * Unit economics of AI inference ("Cost Per AI Inference vs Value Delivered") and the levers
 * that move cost per inference, in decimal, for the import engine and every other caller outside
 * Excel. Each is its formula of ./formulas.ts (where the arithmetic and the domain of every
 * argument are written, once) evaluated in decimal: a domain problem is thrown as a DomainError
 * (divZero, num). Nothing here knows of Excel.
 */
import { Decimal, ONE, ZERO } from "./decimal";
import { evaluate, FORMULAS as F } from "./formulas";
import { enforce } from "./rules";

/** total_cost / inferences × per. A negative total (net credits) is allowed. */
export function costPerInference(totalCost: Decimal, inferences: Decimal, per: Decimal = ONE): Decimal {
  return evaluate(F.COSTPERINFERENCE, [totalCost, inferences, per]);
}

/** attributed_value / inferences × per. */
export function valuePerInference(value: Decimal, inferences: Decimal, per: Decimal = ONE): Decimal {
  return evaluate(F.VALUEPERINFERENCE, [value, inferences, per]);
}

/** cost / value. */
export function costToValueRatio(cost: Decimal, value: Decimal): Decimal {
  return evaluate(F.COSTTOVALUERATIO, [cost, value]);
}

/** value / cost. A negative value gives a negative multiple. */
export function roiMultiple(value: Decimal, cost: Decimal): Decimal {
  return evaluate(F.ROIMULTIPLE, [value, cost]);
}

/** (value − cost) per inference, times inferences when given. */
export function marginContribution(value: Decimal, cost: Decimal, inferences?: Decimal): Decimal {
  return evaluate(F.MARGINCONTRIBUTION, [value, cost, inferences]);
}

/** minutes_saved / 60 × hourly_rate, times inferences when given (multiplied first, divided once). */
export function valueFromTimeSaved(minutesSaved: Decimal, hourlyRate: Decimal, inferences?: Decimal): Decimal {
  return evaluate(F.VALUEFROMTIMESAVED, [minutesSaved, hourlyRate, inferences]);
}

/**
 * ((input − cached) × input_price + cached × cached_price + output × output_price) / 1,000,000.
 * input_tokens includes the cached ones; cached_price defaults to input_price.
 */
export function tokenCost(
  inputTokens: Decimal,
  outputTokens: Decimal,
  inputPricePerMillion: Decimal,
  outputPricePerMillion: Decimal,
  cachedInputTokens: Decimal = ZERO,
  cachedPricePerMillion?: Decimal,
): Decimal {
  return evaluate(F.TOKENCOST, [inputTokens, outputTokens, inputPricePerMillion, outputPricePerMillion, cachedInputTokens, cachedPricePerMillion]);
}

/** small + escalation_rate × large: every request runs the small model, the escalated share also the large one. */
export function cascadeCost(smallModelCost: Decimal, largeModelCost: Decimal, escalationRate: Decimal): Decimal {
  return evaluate(F.CASCADECOST, [smallModelCost, largeModelCost, escalationRate]);
}

/** hit_rate × cost_per_inference − cost_per_lookup (negative when the cache costs more than it saves). */
export function cacheSavings(costPerInf: Decimal, hitRate: Decimal, costPerLookup: Decimal = ZERO): Decimal {
  return evaluate(F.CACHESAVINGS, [costPerInf, hitRate, costPerLookup]);
}

/** hourly_cost / (capacity × utilization): a self-hosted endpoint's cost per inference, idle capacity included. */
export function servingCostPerInference(hourlyCost: Decimal, capacityPerHour: Decimal, utilization: Decimal = ONE): Decimal {
  return evaluate(F.SERVINGCOSTPERINFERENCE, [hourlyCost, capacityPerHour, utilization]);
}

/** Sum of every cost component / inferences: total cost of ownership per inference. */
export function tcoPerInference(inferences: Decimal, components: readonly Decimal[]): Decimal {
  enforce("divisor", inferences, "inferences");
  let total = ZERO;
  for (const c of components) total = total.plus(c);
  return total.div(inferences);
}

/** cost / life_periods × periods: straight-line share of a one-off cost. */
export function amortize(cost: Decimal, lifePeriods: Decimal, periods: Decimal = ONE): Decimal {
  return evaluate(F.AMORTIZE, [cost, lifePeriods, periods]);
}

/** fixed_cost / (value − cost): inferences needed before the margin covers a fixed cost. */
export function breakEvenVolume(fixedCost: Decimal, valuePerInf: Decimal, costPerInf: Decimal): Decimal {
  return evaluate(F.BREAKEVENVOLUME, [fixedCost, valuePerInf, costPerInf]);
}
