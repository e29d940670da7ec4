/**
 * AIECON custom functions: the webpack entry of functions.js and the source of
 * functions.json (custom-functions-metadata-plugin reads this JSDoc and appends a
 * `CustomFunctions.associate(id, fn)` for each function).
 *
 * Each function hands its arguments to the one runner (./runner.ts), which coerces,
 * broadcasts ranges and maps errors; the arithmetic is in src/core. Nothing here
 * touches window, document or self: the bundle runs in Excel's JavaScript-only runtime.
 *
 * Arguments that accept ranges are matrices (Excel passes a single value as [[x]]);
 * element-wise functions return a matrix that spills.
 */
import { run } from "./runner";
import { FN } from "./table";

type Cell = number | string | CustomFunctions.Error;

const F_COSTPERINFERENCE = FN.COSTPERINFERENCE;
const F_VALUEPERINFERENCE = FN.VALUEPERINFERENCE;
const F_COSTTOVALUERATIO = FN.COSTTOVALUERATIO;
const F_ROIMULTIPLE = FN.ROIMULTIPLE;
const F_MARGINCONTRIBUTION = FN.MARGINCONTRIBUTION;
const F_BENCHMARKBAND = FN.BENCHMARKBAND;
const F_BENCHMARKACTION = FN.BENCHMARKACTION;
const F_VALUEFROMTIMESAVED = FN.VALUEFROMTIMESAVED;
const F_COSTGROWTH = FN.COSTGROWTH;
const F_COSTTREND = FN.COSTTREND;
const F_SCALINGELASTICITY = FN.SCALINGELASTICITY;
const F_COSTPERCENTILE = FN.COSTPERCENTILE;
const F_TAILRATIO = FN.TAILRATIO;
const F_TOKENCOST = FN.TOKENCOST;
const F_CASCADECOST = FN.CASCADECOST;
const F_CACHESAVINGS = FN.CACHESAVINGS;
const F_SERVINGCOSTPERINFERENCE = FN.SERVINGCOSTPERINFERENCE;
const F_TCOPERINFERENCE = FN.TCOPERINFERENCE;
const F_AMORTIZE = FN.AMORTIZE;
const F_BREAKEVENVOLUME = FN.BREAKEVENVOLUME;
const F_TOPSHARE = FN.TOPSHARE;
const F_COSTBRIDGE = FN.COSTBRIDGE;
const F_FORECASTUNITCOST = FN.FORECASTUNITCOST;

/**
 * Cost per inference: total cost divided by the number of inferences, times per (1 by default; 1000 for the cost per 1,000 inferences). Spills over ranges.
 * @customfunction COSTPERINFERENCE
 * @helpurl https://github.com/aiecon/aiecon#aieconcostperinference
 * @param total_cost Total cost of the inferences over the period (a negative total, net of credits, is allowed).
 * @param inferences Number of inferences served over the same period (greater than 0).
 * @param [per] Optional. Express the result per this many inferences, for example 1000; default 1.
 * @returns The cost per inference (or per `per` inferences).
 */
export function COSTPERINFERENCE(total_cost: unknown[][], inferences: unknown[][], per?: unknown[][]): Array<Array<number | string | CustomFunctions.Error>> {
  return run(F_COSTPERINFERENCE, total_cost, inferences, per) as Cell[][];
}

/**
 * Value per inference: attributed business value divided by the number of inferences, times per (default 1). Spills over ranges.
 * @customfunction VALUEPERINFERENCE
 * @helpurl https://github.com/aiecon/aiecon#aieconvalueperinference
 * @param attributed_value Business value attributed to the inferences over the period.
 * @param inferences Number of inferences served over the same period (greater than 0).
 * @param [per] Optional. Express the result per this many inferences, for example 1000; default 1.
 * @returns The value per inference (or per `per` inferences).
 */
export function VALUEPERINFERENCE(attributed_value: unknown[][], inferences: unknown[][], per?: unknown[][]): Array<Array<number | string | CustomFunctions.Error>> {
  return run(F_VALUEPERINFERENCE, attributed_value, inferences, per) as Cell[][];
}

/**
 * Cost-to-value ratio: cost divided by value, both per inference or both totals over the same requests. Spills over ranges.
 * @customfunction COSTTOVALUERATIO
 * @helpurl https://github.com/aiecon/aiecon#aieconcosttovalueratio
 * @param cost Cost per inference, or total cost over the requests.
 * @param value Value per inference, or total value over the same requests (greater than 0).
 * @returns cost / value.
 */
export function COSTTOVALUERATIO(cost: unknown[][], value: unknown[][]): Array<Array<number | string | CustomFunctions.Error>> {
  return run(F_COSTTOVALUERATIO, cost, value) as Cell[][];
}

/**
 * ROI multiple: value divided by cost, both per inference or both totals. Spills over ranges.
 * @customfunction ROIMULTIPLE
 * @helpurl https://github.com/aiecon/aiecon#aieconroimultiple
 * @param value Value per inference, or total value (a negative value gives a negative multiple).
 * @param cost Cost per inference, or total cost over the same requests (greater than 0).
 * @returns value / cost.
 */
export function ROIMULTIPLE(value: unknown[][], cost: unknown[][]): Array<Array<number | string | CustomFunctions.Error>> {
  return run(F_ROIMULTIPLE, value, cost) as Cell[][];
}

/**
 * Margin contribution: value minus cost per inference, times the number of inferences when given. Spills over ranges.
 * @customfunction MARGINCONTRIBUTION
 * @helpurl https://github.com/aiecon/aiecon#aieconmargincontribution
 * @param value_per_inference Value delivered per inference.
 * @param cost_per_inference Cost per inference.
 * @param [inferences] Optional. Number of inferences (0 or more); when given the margin is multiplied by it.
 * @returns (value - cost), times inferences when given.
 */
export function MARGINCONTRIBUTION(value_per_inference: unknown[][], cost_per_inference: unknown[][], inferences?: unknown[][]): Array<Array<number | string | CustomFunctions.Error>> {
  return run(F_MARGINCONTRIBUTION, value_per_inference, cost_per_inference, inferences) as Cell[][];
}

/**
 * Benchmark band of an ROI multiple: Excellent (10 or more), Good (3 or more), Marginal (1 or more) or Unsustainable. Spills over roi_multiple.
 * @customfunction BENCHMARKBAND
 * @helpurl https://github.com/aiecon/aiecon#aieconbenchmarkband
 * @param roi_multiple ROI multiple (value / cost), a value or a range.
 * @param [cutoffs] Optional. Three numbers in strictly descending order: the lower bounds of Excellent, Good and Marginal; default 10, 3, 1.
 * @returns "Excellent", "Good", "Marginal" or "Unsustainable".
 */
export function BENCHMARKBAND(roi_multiple: unknown[][], cutoffs?: unknown[][]): Array<Array<number | string | CustomFunctions.Error>> {
  return run(F_BENCHMARKBAND, roi_multiple, cutoffs) as Cell[][];
}

/**
 * Recommended action for the benchmark band of an ROI multiple. Spills over roi_multiple.
 * @customfunction BENCHMARKACTION
 * @helpurl https://github.com/aiecon/aiecon#aieconbenchmarkaction
 * @param roi_multiple ROI multiple (value / cost), a value or a range.
 * @param [cutoffs] Optional. Three numbers in strictly descending order: the lower bounds of Excellent, Good and Marginal; default 10, 3, 1.
 * @returns "Invest in scaling", "Keep optimising", "Optimise serving infrastructure" or "Redesign or decommission".
 */
export function BENCHMARKACTION(roi_multiple: unknown[][], cutoffs?: unknown[][]): Array<Array<number | string | CustomFunctions.Error>> {
  return run(F_BENCHMARKACTION, roi_multiple, cutoffs) as Cell[][];
}

/**
 * Value of time saved: minutes saved / 60 times the hourly rate, times the number of inferences when given. Spills over ranges.
 * @customfunction VALUEFROMTIMESAVED
 * @helpurl https://github.com/aiecon/aiecon#aieconvaluefromtimesaved
 * @param minutes_saved Minutes of work saved per inference (0 or more).
 * @param hourly_rate Loaded cost of an hour of that work (0 or more).
 * @param [inferences] Optional. Number of inferences (0 or more); when given the value is multiplied by it.
 * @returns minutes_saved / 60 * hourly_rate, times inferences when given.
 */
export function VALUEFROMTIMESAVED(minutes_saved: unknown[][], hourly_rate: unknown[][], inferences?: unknown[][]): Array<Array<number | string | CustomFunctions.Error>> {
  return run(F_VALUEFROMTIMESAVED, minutes_saved, hourly_rate, inferences) as Cell[][];
}

/**
 * Compound growth per period of a series of costs: (last / first)^(1/(n-1)) - 1 over the numbers in order.
 * @customfunction COSTGROWTH
 * @helpurl https://github.com/aiecon/aiecon#aieconcostgrowth
 * @param values Costs per period, in order (a range; blanks, text and booleans are skipped).
 * @returns The growth rate per period, for example 0.1 for 10 %.
 */
export function COSTGROWTH(values: unknown[][]): number | CustomFunctions.Error {
  return run(F_COSTGROWTH, values) as number | CustomFunctions.Error;
}

/**
 * Trend of a series of costs: Rising, Falling or Stable, from the least-squares slope relative to the mean.
 * @customfunction COSTTREND
 * @helpurl https://github.com/aiecon/aiecon#aieconcosttrend
 * @param values Costs per period, in order (a range; blanks, text and booleans are skipped).
 * @param [tolerance] Optional. Slope as a share of the mean per period within which the trend is Stable (0 or more); default 0.02.
 * @returns "Rising", "Falling" or "Stable".
 */
export function COSTTREND(values: unknown[][], tolerance?: unknown[][]): string | CustomFunctions.Error {
  return run(F_COSTTREND, values, tolerance) as string | CustomFunctions.Error;
}

/**
 * Scaling elasticity: the slope of ln(cost) on ln(volume); 1 grows in step, below 1 economies of scale, above 1 diseconomies.
 * @customfunction SCALINGELASTICITY
 * @helpurl https://github.com/aiecon/aiecon#aieconscalingelasticity
 * @param costs Total costs, one per period (a range of the same shape as volumes).
 * @param volumes Inference volumes of the same periods (a range of the same shape as costs).
 * @returns The elasticity of cost with respect to volume.
 */
export function SCALINGELASTICITY(costs: unknown[][], volumes: unknown[][]): number | CustomFunctions.Error {
  return run(F_SCALINGELASTICITY, costs, volumes) as number | CustomFunctions.Error;
}

/**
 * The k-th percentile of costs, as Excel's PERCENTILE.INC.
 * @customfunction COSTPERCENTILE
 * @helpurl https://github.com/aiecon/aiecon#aieconcostpercentile
 * @param costs Costs, for example per request (a range; blanks, text and booleans are skipped).
 * @param k Percentile between 0 and 1, for example 0.95.
 * @returns The k-th percentile.
 */
export function COSTPERCENTILE(costs: unknown[][], k: unknown[][]): number | CustomFunctions.Error {
  return run(F_COSTPERCENTILE, costs, k) as number | CustomFunctions.Error;
}

/**
 * Tail ratio of costs: the k-th percentile over the median; how much the long tail of requests costs against the typical one.
 * @customfunction TAILRATIO
 * @helpurl https://github.com/aiecon/aiecon#aiecontailratio
 * @param costs Costs per request (a range; blanks, text and booleans are skipped).
 * @param [k] Optional. Percentile between 0 and 1; default 0.95.
 * @returns PERCENTILE.INC(costs, k) / MEDIAN(costs).
 */
export function TAILRATIO(costs: unknown[][], k?: unknown[][]): number | CustomFunctions.Error {
  return run(F_TAILRATIO, costs, k) as number | CustomFunctions.Error;
}

/**
 * Cost of tokens at per-million prices, with optional cached input tokens at their own price. Spills over ranges.
 * @customfunction TOKENCOST
 * @helpurl https://github.com/aiecon/aiecon#aiecontokencost
 * @param input_tokens Input tokens, cached ones included (0 or more).
 * @param output_tokens Output tokens (0 or more).
 * @param input_price_per_million Price of 1,000,000 input tokens (0 or more).
 * @param output_price_per_million Price of 1,000,000 output tokens (0 or more).
 * @param [cached_input_tokens] Optional. Input tokens served from the prompt cache (0 to input_tokens); default 0.
 * @param [cached_price_per_million] Optional. Price of 1,000,000 cached input tokens; default input_price_per_million.
 * @returns The cost of the tokens.
 */
export function TOKENCOST(
  input_tokens: unknown[][],
  output_tokens: unknown[][],
  input_price_per_million: unknown[][],
  output_price_per_million: unknown[][],
  cached_input_tokens?: unknown[][],
  cached_price_per_million?: unknown[][],
): Array<Array<number | string | CustomFunctions.Error>> {
  return run(
    F_TOKENCOST,
    input_tokens,
    output_tokens,
    input_price_per_million,
    output_price_per_million,
    cached_input_tokens,
    cached_price_per_million,
  ) as Cell[][];
}

/**
 * Cost per request of a model cascade: every request runs the small model, the escalated share also runs the large one. Spills over ranges.
 * @customfunction CASCADECOST
 * @helpurl https://github.com/aiecon/aiecon#aieconcascadecost
 * @param small_model_cost Cost per inference of the small model.
 * @param large_model_cost Cost per inference of the large model.
 * @param escalation_rate Share of requests escalated to the large model, between 0 and 1.
 * @returns small_model_cost + escalation_rate * large_model_cost.
 */
export function CASCADECOST(small_model_cost: unknown[][], large_model_cost: unknown[][], escalation_rate: unknown[][]): Array<Array<number | string | CustomFunctions.Error>> {
  return run(F_CASCADECOST, small_model_cost, large_model_cost, escalation_rate) as Cell[][];
}

/**
 * Saving per inference from a response cache (negative when the cache costs more than it saves). Spills over ranges.
 * @customfunction CACHESAVINGS
 * @helpurl https://github.com/aiecon/aiecon#aieconcachesavings
 * @param cost_per_inference Cost per inference without the cache.
 * @param hit_rate Share of requests answered from the cache, between 0 and 1.
 * @param [cost_per_lookup] Optional. Cost of one cache lookup (0 or more); default 0.
 * @returns hit_rate * cost_per_inference - cost_per_lookup.
 */
export function CACHESAVINGS(cost_per_inference: unknown[][], hit_rate: unknown[][], cost_per_lookup?: unknown[][]): Array<Array<number | string | CustomFunctions.Error>> {
  return run(F_CACHESAVINGS, cost_per_inference, hit_rate, cost_per_lookup) as Cell[][];
}

/**
 * Cost per inference of a self-hosted endpoint, idle capacity included: hourly cost / (capacity * utilization). Spills over ranges.
 * @customfunction SERVINGCOSTPERINFERENCE
 * @helpurl https://github.com/aiecon/aiecon#aieconservingcostperinference
 * @param hourly_cost Cost of the endpoint per hour (0 or more).
 * @param inferences_per_hour_at_capacity Inferences per hour the endpoint serves at full load (greater than 0).
 * @param [utilization] Optional. Average share of capacity used, greater than 0 and at most 1; default 1.
 * @returns The serving cost per inference.
 */
export function SERVINGCOSTPERINFERENCE(
  hourly_cost: unknown[][],
  inferences_per_hour_at_capacity: unknown[][],
  utilization?: unknown[][],
): Array<Array<number | string | CustomFunctions.Error>> {
  return run(F_SERVINGCOSTPERINFERENCE, hourly_cost, inferences_per_hour_at_capacity, utilization) as Cell[][];
}

/**
 * Total cost of ownership per inference: the sum of every cost component (compute, API fees, data transfer, logging, monitoring, amortised development and retraining) divided by the inferences.
 * @customfunction TCOPERINFERENCE
 * @helpurl https://github.com/aiecon/aiecon#aiecontcoperinference
 * @param inferences Number of inferences over the period (a single value, greater than 0).
 * @param cost_component A cost over the same period, a value or a range (numbers in a range are summed as SUM does).
 * @returns Sum of the components / inferences.
 */
export function TCOPERINFERENCE(inferences: unknown[][], cost_component: unknown[][][]): number | CustomFunctions.Error {
  // Excel passes the repeating parameter as ONE array holding each repetition (each a 2D array),
  // followed by the invocation object, which must never be read as a component.
  return run(F_TCOPERINFERENCE, inferences, cost_component) as number | CustomFunctions.Error;
}

/**
 * Straight-line share of a one-off cost (hardware, development, retraining) for a number of periods. Spills over ranges.
 * @customfunction AMORTIZE
 * @helpurl https://github.com/aiecon/aiecon#aieconamortize
 * @param cost The one-off cost.
 * @param life_periods Useful life in periods (greater than 0).
 * @param [periods] Optional. Number of periods to charge (0 to life_periods); default 1.
 * @returns cost / life_periods * periods.
 */
export function AMORTIZE(cost: unknown[][], life_periods: unknown[][], periods?: unknown[][]): Array<Array<number | string | CustomFunctions.Error>> {
  return run(F_AMORTIZE, cost, life_periods, periods) as Cell[][];
}

/**
 * Break-even volume: the inferences needed before the margin per inference covers a fixed cost. Spills over ranges.
 * @customfunction BREAKEVENVOLUME
 * @helpurl https://github.com/aiecon/aiecon#aieconbreakevenvolume
 * @param fixed_cost Fixed cost to recover (0 or more).
 * @param value_per_inference Value delivered per inference (greater than cost_per_inference).
 * @param cost_per_inference Cost per inference.
 * @returns fixed_cost / (value_per_inference - cost_per_inference).
 */
export function BREAKEVENVOLUME(fixed_cost: unknown[][], value_per_inference: unknown[][], cost_per_inference: unknown[][]): Array<Array<number | string | CustomFunctions.Error>> {
  return run(F_BREAKEVENVOLUME, fixed_cost, value_per_inference, cost_per_inference) as Cell[][];
}

/**
 * Share of the total carried by the costliest share of the numbers (sorted descending, the first ceil(share × n)).
 * @customfunction TOPSHARE
 * @helpurl https://github.com/aiecon/aiecon#aiecontopshare
 * @param costs Costs per request (a range; blanks, text and booleans are skipped).
 * @param [share] Optional. Fraction of the numbers, in (0, 1]; default 0.05.
 * @returns The sum of the costliest ceil(share × n) numbers divided by the sum of all.
 */
export function TOPSHARE(costs: unknown[][], share?: unknown[][]): number | CustomFunctions.Error {
  return run(F_TOPSHARE, costs, share) as number | CustomFunctions.Error;
}

/**
 * Cost bridge between two periods: volume, mix, rate, new and retired, which sum to the change in total cost. Spills 5 rows × 2 columns.
 * @customfunction COSTBRIDGE
 * @helpurl https://github.com/aiecon/aiecon#aieconcostbridge
 * @param prior_costs Cost per key in the prior period (one row per key).
 * @param prior_inferences Inferences per key in the prior period, aligned with prior_costs.
 * @param current_costs Cost per key in the current period, aligned with prior_costs.
 * @param current_inferences Inferences per key in the current period, aligned with prior_costs.
 * @returns Labels Volume, Mix, Rate, New, Retired and their amounts.
 */
export function COSTBRIDGE(
  prior_costs: unknown[][],
  prior_inferences: unknown[][],
  current_costs: unknown[][],
  current_inferences: unknown[][],
): Array<Array<number | string | CustomFunctions.Error>> {
  return run(F_COSTBRIDGE, prior_costs, prior_inferences, current_costs, current_inferences) as Cell[][];
}

/**
 * Forecast of a unit cost after its last value, with a prediction interval. Spills periods_ahead rows × 3 columns: forecast, lower, upper.
 * @customfunction FORECASTUNITCOST
 * @helpurl https://github.com/aiecon/aiecon#aieconforecastunitcost
 * @param values The values in order, one per period (a range; blanks, text and booleans are skipped).
 * @param periods_ahead How many periods to forecast (a whole number, 1 or more).
 * @param [method] Optional. "exponential" (default: a straight line through ln of the values) or "linear" (as FORECAST.LINEAR).
 * @param [confidence] Optional. Confidence of the band, in (0, 1); default 0.8.
 * @returns Forecast, lower and upper bound for each period ahead.
 */
export function FORECASTUNITCOST(
  values: unknown[][],
  periods_ahead: unknown[][],
  method?: unknown[][],
  confidence?: unknown[][],
): Array<Array<number | string | CustomFunctions.Error>> {
  return run(F_FORECASTUNITCOST, values, periods_ahead, method, confidence) as Cell[][];
}
