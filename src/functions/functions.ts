// Placeholder until the functions library lands (issue 2).
/**
 * Cost per inference.
 * @customfunction
 * @param total_cost Total inference cost.
 * @param inferences Number of inferences.
 * @returns Cost per inference.
 */
export function COSTPERINFERENCE(total_cost: number, inferences: number): number {
  return total_cost / inferences;
}
