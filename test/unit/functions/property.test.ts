/**
 * Property test: thousands of random argument sets (numbers, blanks, numeric and other
 * strings, booleans, error values, 2D ranges of those) through every function. None throws;
 * each returns a finite number, a string, a CustomFunctions.Error, or a 2D array of those;
 * element-wise results have the broadcast shape (or are a single 1×1 error).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DECLARATIONS } from "../../../src/functions/table";
import { Decimal } from "../../../src/core/decimal";
import * as metrics from "../../../src/core/metrics";
import { installCustomFunctionsShim, isCfError } from "./cf-shim";
import { callWith, SOURCE } from "./helpers";

/** Calls as Excel does (invocation object last, omitted optionals null, the run's blank convention). */
const cw = (id: string, ...args: unknown[]): unknown => callWith(SOURCE, id, ...args);

const CF = installCustomFunctionsShim();

const cell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }) },
  { weight: 4, arbitrary: fc.integer({ min: -1000, max: 1_000_000 }) },
  { weight: 3, arbitrary: fc.constantFrom(0, 1, 3, 10, 0.5, 0.95, -0, 1e-9, 1e300, -1e300) },
  { weight: 2, arbitrary: fc.constantFrom(null, "", undefined) },
  { weight: 2, arbitrary: fc.constantFrom("12", " -3.5 ", "1e3", "+5", ".5", "abc", " ", "1,5", "TRUE", "1e999") },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.boolean() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      new CF.Error(CF.ErrorCode.notAvailable, "x"),
      new CF.Error(CF.ErrorCode.invalidReference),
      new CF.Error(CF.ErrorCode.divisionByZero),
    ),
  },
);

const matrix = (maxRows: number, maxCols: number): fc.Arbitrary<unknown[][]> =>
  fc
    .tuple(fc.integer({ min: 1, max: maxRows }), fc.integer({ min: 1, max: maxCols }))
    .chain(([r, c]) => fc.array(fc.array(cell, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));

/** An argument as Excel (or a careless caller) may pass it. */
const arg: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: cell.map((x) => [[x]]) },
  { weight: 2, arbitrary: matrix(4, 4) },
  { weight: 1, arbitrary: fc.constantFrom([[1, 2, 3]], [[1], [2], [3]], [[10, 3, 1]], [[1, 2], [3, 4]]) },
  { weight: 1, arbitrary: cell },
);

function isCell(x: unknown): boolean {
  return (typeof x === "number" && Number.isFinite(x)) || typeof x === "string" || (isCfError(x) && x instanceof CF.Error);
}

function checkResult(id: string, elementwise: boolean, args: unknown[], r: unknown, spills = false): void {
  if (spills) {
    expect(Array.isArray(r), `${id} returned a non-matrix`).toBe(true);
    for (const row of r as unknown[][]) for (const x of row) expect(isCell(x), `${id} cell ${String(x)}`).toBe(true);
    return;
  }
  if (!elementwise) {
    expect(isCell(r), `${id} returned ${String(r)}`).toBe(true);
    return;
  }
  expect(Array.isArray(r), `${id} returned a non-matrix`).toBe(true);
  const m = r as unknown[][];
  expect(m.length).toBeGreaterThan(0);
  const cols = m[0].length;
  for (const row of m) {
    expect(row.length).toBe(cols);
    for (const x of row) expect(isCell(x), `${id} cell ${String(x)}`).toBe(true);
  }
  // Shape: that of the ranges given (all the same), or a single 1×1 value.
  const shapes = args
    .filter((a) => Array.isArray(a) && !(a.length === 1 && (a[0] as unknown[]).length === 1))
    .map((a) => `${(a as unknown[][]).length}x${(a as unknown[][])[0].length}`);
  if (m.length !== 1 || cols !== 1) {
    expect(shapes.length).toBeGreaterThan(0);
    expect(`${m.length}x${cols}`).toBe(shapes[0]);
  }
}

describe("property: no function throws, every result is a cell value or a matrix of them", () => {
  for (const d of DECLARATIONS) {
    it(d.id, () => {
      const n = d.params.length;
      const argsArb = d.id === "TCOPERINFERENCE" ? fc.tuple(arg, fc.array(arg, { minLength: 1, maxLength: 4 })) : fc.array(arg, { minLength: n, maxLength: n });
      fc.assert(
        fc.property(argsArb, (args) => {
          const list = d.id === "TCOPERINFERENCE" ? [(args as [unknown, unknown[]])[0], ...(args as [unknown, unknown[]])[1]] : (args as unknown[]);
          const r = cw(d.id, ...list);
          checkResult(d.id, d.elementwise, d.id === "TCOPERINFERENCE" ? [] : (args as unknown[]), r, d.spills === true);
        }),
        { numRuns: 400, seed: 11 },
      );
    });
  }
});

describe("property: the exact fast path gives what the decimal path gives", () => {
  const cellLike = fc.oneof(
    fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
    fc.tuple(fc.integer({ min: -100_000_000, max: 100_000_000 }), fc.integer({ min: 0, max: 8 })).map(([n, s]) => n / 10 ** s),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
  );
  it("every element-wise function with a shortcut, against the decimal core", () => {
    fc.assert(
      fc.property(cellLike, cellLike, cellLike, (a, b, c) => {
        const D = (x: number) => new Decimal(x);
        const expectSame = (r: unknown, compute: () => Decimal) => {
          let want: unknown;
          try {
            want = compute().toNumber();
          } catch {
            want = "error";
          }
          const got = (r as unknown[][])[0][0];
          if (want === "error" || !Number.isFinite(want)) expect(isCfError(got)).toBe(true);
          else expect(got).toBe(want === 0 ? 0 : want);
        };
        expectSame(cw("COSTPERINFERENCE", [[a]], [[b]], [[c]]), () => metrics.costPerInference(D(a), D(b), D(c)));
        expectSame(cw("VALUEPERINFERENCE", [[a]], [[b]]), () => metrics.valuePerInference(D(a), D(b)));
        expectSame(cw("ROIMULTIPLE", [[a]], [[b]]), () => metrics.roiMultiple(D(a), D(b)));
        expectSame(cw("COSTTOVALUERATIO", [[a]], [[c]]), () => metrics.costToValueRatio(D(a), D(c)));
        const e = Math.abs(c) % 1; // a rate in [0, 1)
        expectSame(cw("TOKENCOST", [[Math.abs(a)]], [[Math.abs(b)]], [[Math.abs(c)]], [[e]], [[Math.abs(a) * e]], [[Math.abs(b) % 7]]), () =>
          metrics.tokenCost(D(Math.abs(a)), D(Math.abs(b)), D(Math.abs(c)), D(e), D(Math.abs(a) * e), D(Math.abs(b) % 7)),
        );
        expectSame(cw("TOKENCOST", [[Math.abs(a)]], [[Math.abs(b)]], [[Math.abs(c)]], [[e]]), () =>
          metrics.tokenCost(D(Math.abs(a)), D(Math.abs(b)), D(Math.abs(c)), D(e)),
        );
        expectSame(cw("CASCADECOST", [[a]], [[b]], [[e]]), () => metrics.cascadeCost(D(a), D(b), D(e)));
        expectSame(cw("CACHESAVINGS", [[a]], [[e]], [[Math.abs(c)]]), () => metrics.cacheSavings(D(a), D(e), D(Math.abs(c))));
        expectSame(cw("MARGINCONTRIBUTION", [[a]], [[b]], [[Math.abs(c)]]), () => metrics.marginContribution(D(a), D(b), D(Math.abs(c))));
        expectSame(cw("MARGINCONTRIBUTION", [[a]], [[b]]), () => metrics.marginContribution(D(a), D(b)));
        expectSame(cw("VALUEFROMTIMESAVED", [[Math.abs(a)]], [[Math.abs(b)]], [[Math.abs(c)]]), () =>
          metrics.valueFromTimeSaved(D(Math.abs(a)), D(Math.abs(b)), D(Math.abs(c))),
        );
        expectSame(cw("VALUEFROMTIMESAVED", [[Math.abs(a)]], [[Math.abs(b)]]), () => metrics.valueFromTimeSaved(D(Math.abs(a)), D(Math.abs(b))));
        expectSame(cw("SERVINGCOSTPERINFERENCE", [[Math.abs(a)]], [[b]], [[e]]), () =>
          metrics.servingCostPerInference(D(Math.abs(a)), D(b), D(e)),
        );
        expectSame(cw("BREAKEVENVOLUME", [[Math.abs(a)]], [[b]], [[c]]), () => metrics.breakEvenVolume(D(Math.abs(a)), D(b), D(c)));
        expectSame(cw("AMORTIZE", [[a]], [[Math.abs(b)]], [[Math.abs(c) % (Math.abs(b) + 1)]]), () =>
          metrics.amortize(D(a), D(Math.abs(b)), D(Math.abs(c) % (Math.abs(b) + 1))),
        );
      }),
      { numRuns: 5000, seed: 12 },
    );
  });
});
