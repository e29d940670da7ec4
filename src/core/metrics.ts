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
import { numError } from "./errors";
import { enforce } from "./rules";

const MILLION = new Decimal(1_000_000);
const SIXTY = new Decimal(60);

/** total_cost / inferences × per. A negative total (net credits) is allowed. */
export function costPerInference(totalCost: Decimal, inferences: Decimal, per: Decimal = ONE): Decimal {
  enforce("divisor", inferences, "inferences");
  enforce("positive", per, "per");
  return per.eq(ONE) ? totalCost.div(inferences) : totalCost.times(per).div(inferences);
}

/** attributed_value / inferences × per. */
export function valuePerInference(value: Decimal, inferences: Decimal, per: Decimal = ONE): Decimal {
  return costPerInference(value, inferences, per);
}

/** cost / value. */
export function costToValueRatio(cost: Decimal, value: Decimal): Decimal {
  enforce("divisor", value, "value");
  return cost.div(value);
}

/** value / cost. A negative value gives a negative multiple. */
export function roiMultiple(value: Decimal, cost: Decimal): Decimal {
  enforce("divisor", cost, "cost");
  return value.div(cost);
}

/** (value − cost) per inference, times inferences when given. */
export function marginContribution(value: Decimal, cost: Decimal, inferences?: Decimal): Decimal {
  if (inferences !== undefined) enforce("nonNegative", inferences, "inferences");
  const margin = value.minus(cost);
  return inferences === undefined ? margin : margin.times(inferences);
}

/** minutes_saved / 60 × hourly_rate, times inferences when given. */
export function valueFromTimeSaved(minutesSaved: Decimal, hourlyRate: Decimal, inferences?: Decimal): Decimal {
  enforce("nonNegative", minutesSaved, "minutes_saved");
  enforce("nonNegative", hourlyRate, "hourly_rate");
  let product = minutesSaved.times(hourlyRate);
  if (inferences !== undefined) {
    enforce("nonNegative", inferences, "inferences");
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
  enforce("nonNegative", inputTokens, "input_tokens");
  enforce("nonNegative", outputTokens, "output_tokens");
  enforce("nonNegative", inputPricePerMillion, "input_price_per_million");
  enforce("nonNegative", outputPricePerMillion, "output_price_per_million");
  enforce("nonNegative", cachedInputTokens, "cached_input_tokens");
  enforce("nonNegative", cachedPricePerMillion, "cached_price_per_million");
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
  enforce("rate", escalationRate, "escalation_rate");
  return smallModelCost.plus(escalationRate.times(largeModelCost));
}

/** hit_rate × cost_per_inference − cost_per_lookup (negative when the cache costs more than it saves). */
export function cacheSavings(costPerInf: Decimal, hitRate: Decimal, costPerLookup: Decimal = ZERO): Decimal {
  enforce("rate", hitRate, "hit_rate");
  enforce("nonNegative", costPerLookup, "cost_per_lookup");
  return hitRate.times(costPerInf).minus(costPerLookup);
}

/** hourly_cost / (capacity × utilization): a self-hosted endpoint's cost per inference, idle capacity included. */
export function servingCostPerInference(hourlyCost: Decimal, capacityPerHour: Decimal, utilization: Decimal = ONE): Decimal {
  enforce("nonNegative", hourlyCost, "hourly_cost");
  enforce("divisor", capacityPerHour, "inferences_per_hour_at_capacity");
  enforce("share", utilization, "utilization");
  return hourlyCost.div(capacityPerHour.times(utilization));
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
  enforce("divisor", lifePeriods, "life_periods");
  enforce("nonNegative", periods, "periods");
  if (periods.gt(lifePeriods)) throw numError("periods is greater than life_periods");
  return cost.times(periods).div(lifePeriods);
}

/** fixed_cost / (value − cost): inferences needed before the margin covers a fixed cost. */
export function breakEvenVolume(fixedCost: Decimal, valuePerInf: Decimal, costPerInf: Decimal): Decimal {
  enforce("nonNegative", fixedCost, "fixed_cost");
  if (valuePerInf.lte(costPerInf)) throw numError("value_per_inference is not above cost_per_inference: it never breaks even");
  return fixedCost.div(valuePerInf.minus(costPerInf));
}
