/**
 * The aggregates that spill a shape of their own (not the shape of an argument): what a host
 * that sizes a spill before it computes (the workbench's HyperFormula) needs to know. Excel
 * sizes dynamic arrays after computing and does not read this. No dependencies.
 */
/** The value of argument i when it is known before computing (a number literal, a constant cell), else undefined. */
export type KnownArg = (i: number) => number | undefined;

export interface SpillShape {
  rows: number;
  cols: number;
}

/** By function id; undefined when the shape cannot be known (the call then gives a single error). */
export const OWN_SHAPES: Readonly<Record<string, (arg: KnownArg) => SpillShape | undefined>> = {
  COSTBRIDGE: () => ({ rows: 5, cols: 2 }),
  FORECASTUNITCOST: (arg) => {
    const h = arg(1);
    return h !== undefined && Number.isInteger(h) && h >= 1 && h <= 1_048_576 ? { rows: h, cols: 3 } : undefined;
  },
};
