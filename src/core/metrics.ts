/**
 * Unit economics of AI inference ("Cost Per AI Inference vs Value Delivered") and the
 * levers that move cost per inference. Pure decimal arithmetic: every function takes
 * and returns Decimal and signals a domain problem by throwing a DomainError
 * (divZero, num). Nothing here knows of Excel.
 *
 * Where a result is a product and a quotient, the product is formed first so that
 * the single rounding (at 60 significant digits) happens once, at the division.
 */
import { Decimal, ONE, ZERO } from "./decimal";
import { divZero, numError } from "./errors";

const MILLION = new Decimal(1_000_000);
const SIXTY = new Decimal(60);

function requirePositiveDivisor(d: Decimal, name: string): void {
  if (d.isZero()) throw divZero(`${name} is 0`);
  if (d.lt(ZERO)) throw numError(`${name} is negative`);
}

function requireNonNegative(d: Decimal, name: string): void {
  if (d.lt(ZERO)) throw numError(`${name} is negative`);
}

function requireRate(d: Decimal, name: string): void {
  if (d.lt(ZERO) || d.gt(ONE)) throw numError(`${name} is outside [0, 1]`);
}

/** total_cost / inferences × per. A negative total (net credits) is allowed. */
export function costPerInference(totalCost: Decimal, inferences: Decimal, per: Decimal = ONE): Decimal {
  requirePositiveDivisor(inferences, "inferences");
  if (per.lte(ZERO)) throw numError("per must be greater than 0");
  return per.eq(ONE) ? totalCost.div(inferences) : totalCost.times(per).div(inferences);
}

/** attributed_value / inferences × per. */
export function valuePerInference(value: Decimal, inferences: Decimal, per: Decimal = ONE): Decimal {
  return costPerInference(value, inferences, per);
}

/** cost / value. */
export function costToValueRatio(cost: Decimal, value: Decimal): Decimal {
  requirePositiveDivisor(value, "value");
  return cost.div(value);
}

/** value / cost. A negative value gives a negative multiple. */
export function roiMultiple(value: Decimal, cost: Decimal): Decimal {
  requirePositiveDivisor(cost, "cost");
  return value.div(cost);
}

/** (value − cost) per inference, times inferences when given. */
export function marginContribution(value: Decimal, cost: Decimal, inferences?: Decimal): Decimal {
  if (inferences !== undefined) requireNonNegative(inferences, "inferences");
  const margin = value.minus(cost);
  return inferences === undefined ? margin : margin.times(inferences);
}

/** minutes_saved / 60 × hourly_rate, times inferences when given. */
export function valueFromTimeSaved(minutesSaved: Decimal, hourlyRate: Decimal, inferences?: Decimal): Decimal {
  requireNonNegative(minutesSaved, "minutes_saved");
  requireNonNegative(hourlyRate, "hourly_rate");
  let product = minutesSaved.times(hourlyRate);
  if (inferences !== undefined) {
    requireNonNegative(inferences, "inferences");
    product = product.times(inferences);
  }
  return product.div(SIXTY);
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
  cachedPricePerMillion: Decimal = inputPricePerMillion,
): Decimal {
  requireNonNegative(inputTokens, "input_tokens");
  requireNonNegative(outputTokens, "output_tokens");
  requireNonNegative(inputPricePerMillion, "input_price_per_million");
  requireNonNegative(outputPricePerMillion, "output_price_per_million");
  requireNonNegative(cachedInputTokens, "cached_input_tokens");
  requireNonNegative(cachedPricePerMillion, "cached_price_per_million");
  if (cachedInputTokens.gt(inputTokens)) throw numError("cached_input_tokens is greater than input_tokens");
  return inputTokens
    .minus(cachedInputTokens)
    .times(inputPricePerMillion)
    .plus(cachedInputTokens.times(cachedPricePerMillion))
    .plus(outputTokens.times(outputPricePerMillion))
    .div(MILLION);
}

/** small + escalation_rate × large: every request runs the small model, the escalated share also the large one. */
export function cascadeCost(smallModelCost: Decimal, largeModelCost: Decimal, escalationRate: Decimal): Decimal {
  requireRate(escalationRate, "escalation_rate");
  return smallModelCost.plus(escalationRate.times(largeModelCost));
}

/** hit_rate × cost_per_inference − cost_per_lookup (negative when the cache costs more than it saves). */
export function cacheSavings(costPerInf: Decimal, hitRate: Decimal, costPerLookup: Decimal = ZERO): Decimal {
  requireRate(hitRate, "hit_rate");
  requireNonNegative(costPerLookup, "cost_per_lookup");
  return hitRate.times(costPerInf).minus(costPerLookup);
}

/** hourly_cost / (capacity × utilization): a self-hosted endpoint's cost per inference, idle capacity included. */
export function servingCostPerInference(hourlyCost: Decimal, capacityPerHour: Decimal, utilization: Decimal = ONE): Decimal {
  requireNonNegative(hourlyCost, "hourly_cost");
  requirePositiveDivisor(capacityPerHour, "inferences_per_hour_at_capacity");
  if (utilization.lte(ZERO) || utilization.gt(ONE)) throw numError("utilization is outside (0, 1]");
  return hourlyCost.div(capacityPerHour.times(utilization));
}

/** Sum of every cost component / inferences: total cost of ownership per inference. */
export function tcoPerInference(inferences: Decimal, components: readonly Decimal[]): Decimal {
  requirePositiveDivisor(inferences, "inferences");
  let total = ZERO;
  for (const c of components) total = total.plus(c);
  return total.div(inferences);
}

/** cost / life_periods × periods: straight-line share of a one-off cost. */
export function amortize(cost: Decimal, lifePeriods: Decimal, periods: Decimal = ONE): Decimal {
  requirePositiveDivisor(lifePeriods, "life_periods");
  requireNonNegative(periods, "periods");
  if (periods.gt(lifePeriods)) throw numError("periods is greater than life_periods");
  return cost.times(periods).div(lifePeriods);
}

/** fixed_cost / (value − cost): inferences needed before the margin covers a fixed cost. */
export function breakEvenVolume(fixedCost: Decimal, valuePerInf: Decimal, costPerInf: Decimal): Decimal {
  requireNonNegative(fixedCost, "fixed_cost");
  if (valuePerInf.lte(costPerInf)) throw numError("value_per_inference is not above cost_per_inference: it never breaks even");
  return fixedCost.div(valuePerInf.minus(costPerInf));
}
