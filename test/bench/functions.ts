/**
 * Custom functions benchmark. Loads the BUILT dist/functions.js in a vm context that
 * provides only CustomFunctions (as Excel's runtime does) and calls the registered
 * functions, as Excel would: every argument a matrix ([[x]] for a single value).
 *
 * Prints: scalar COSTPERINFERENCE calls per second through the registered function and a
 * plain-division baseline in the same run; one spilled call over a 100,000-row range
 * against 100,000 scalar calls. Targets (issue 2): spill < 250 ms, >= 300,000 scalar calls/s.
 * Figures only; nothing here passes or fails on time.
 */
import { ensureBuilt, loadBundle } from "../unit/functions/bundle";

const ROWS = 100_000;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Calls per second of f over the prepared argument pairs, for at least `ms` milliseconds. */
function rate(f: (a: unknown, b: unknown) => unknown, as: unknown[], bs: unknown[], ms: number): number {
  let calls = 0;
  let sink = 0;
  const t0 = performance.now();
  let t = t0;
  const n = as.length;
  while (t - t0 < ms) {
    for (let i = 0; i < n; i++) {
      const r = f(as[i], bs[i]) as number[][];
      sink += r[0][0];
    }
    calls += n;
    t = performance.now();
  }
  if (sink === 42) console.log("");
  return (calls / (t - t0)) * 1000;
}

export async function bench(): Promise<void> {
  const dir = await ensureBuilt();
  const b = loadBundle(dir);
  // Every call as Excel makes it: omitted optionals null, then the invocation object, last.
  const excel = (id: string): ((...a: unknown[]) => unknown) => b.excel(id);
  const cpi = excel("COSTPERINFERENCE");
  console.log(`functions bundle: ${dir}/functions.js (${b.CF.registry.size} functions associated in a vm context)`);

  // Excel-shaped scalar arguments: [[x]], prepared once. Cell-like values (money with cents,
  // whole counts) take the safe-integer shortcut; full-precision doubles (results of other
  // formulas) take the BigInt path, which repeats the decimal path's steps exactly.
  const costs: unknown[] = [];
  const infs: unknown[] = [];
  const rawCosts: unknown[] = [];
  const rawInfs: unknown[] = [];
  let seed = 42;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < 1000; i++) {
    costs.push([[Math.round((1250 + i * 0.37) * 100) / 100]]);
    infs.push([[500_000 + i]]);
    rawCosts.push([[rnd() * 5000]]);
    rawInfs.push([[1 + rnd() * 1e6]]);
  }
  const division = (a: unknown, c: unknown): unknown => [[(a as number[][])[0][0] / (c as number[][])[0][0]]];
  // (the baseline takes the same two arguments; the registered calls also get the null optional and the invocation object)

  // warm up both, then measure in the same run
  rate(cpi, costs, infs, 300);
  rate(division, costs, infs, 300);
  gc();
  const cpiRate = rate(cpi, costs, infs, 2000);
  gc();
  const divRate = rate(division, costs, infs, 1000);
  gc();
  rate(cpi, rawCosts, rawInfs, 200);
  const slowRate = rate(cpi, rawCosts, rawInfs, 1500);
  console.log(`COSTPERINFERENCE scalar, registered, cell-like values:      ${fmt(cpiRate)} calls/s   (target >= 300,000)`);
  console.log(`plain division baseline, same [[x]] arguments:              ${fmt(divRate)} calls/s`);
  console.log(`COSTPERINFERENCE scalar, full-precision doubles (BigInt path): ${fmt(slowRate)} calls/s`);

  // One spilled call over a 100,000-row range against 100,000 scalar calls.
  const colCost: number[][] = [];
  const colInf: number[][] = [];
  for (let i = 0; i < ROWS; i++) {
    colCost.push([1000 + (i % 997) * 1.25]);
    colInf.push([400_000 + (i % 1009)]);
  }
  const perRow = colCost.map((r) => [r]);
  const infRow = colInf.map((r) => [r]);
  cpi(colCost.slice(0, 1000), colInf.slice(0, 1000)); // warm the spill path
  let spill = Infinity;
  let scalar = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    gc();
    let t = performance.now();
    const out = cpi(colCost, colInf) as number[][];
    spill = Math.min(spill, performance.now() - t);
    if (out.length !== ROWS) throw new Error(`spill returned ${out.length} rows`);
    gc();
    t = performance.now();
    for (let i = 0; i < ROWS; i++) cpi(perRow[i], infRow[i]);
    scalar = Math.min(scalar, performance.now() - t);
  }
  console.log(`COSTPERINFERENCE spill over ${fmt(ROWS)} rows, one call: ${spill.toFixed(1)} ms (best of 3; target < 250 ms)`);
  console.log(`COSTPERINFERENCE ${fmt(ROWS)} scalar calls:             ${scalar.toFixed(1)} ms (best of 3)`);

  // A six-argument function for scale: TOKENCOST with three ranges and three single values.
  const col = (v: number): number[][] => Array.from({ length: ROWS }, (_, i) => [v + (i % 101)]);
  const tok = excel("TOKENCOST");
  const inTok = col(1_000_000);
  const outTok = col(200_000);
  const cachedTok = col(400_000);
  tok(inTok.slice(0, 1000), outTok.slice(0, 1000), [[2.5]], [[10]], cachedTok.slice(0, 1000), [[1.25]]); // warm up
  let tokMs = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    gc();
    const t = performance.now();
    tok(inTok, outTok, [[2.5]], [[10]], cachedTok, [[1.25]]);
    tokMs = Math.min(tokMs, performance.now() - t);
  }
  console.log(`TOKENCOST spill over ${fmt(ROWS)} rows (3 ranges, 3 single values): ${tokMs.toFixed(1)} ms (best of 3)`);

  // A spill whose values are full-precision doubles (results of other formulas): the BigInt path.
  const rawCol = Array.from({ length: ROWS }, () => [rnd() * 5000]);
  cpi(rawCol.slice(0, 1000), [[123_457]]);
  let rawMs = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    gc();
    const t0 = performance.now();
    cpi(rawCol, [[123_457]]);
    rawMs = Math.min(rawMs, performance.now() - t0);
  }
  console.log(`COSTPERINFERENCE spill over ${fmt(ROWS)} rows of full-precision doubles (BigInt path): ${rawMs.toFixed(1)} ms (best of 3)`);

  // The decimal path itself (decimal.js), for scale: SCALINGELASTICITY and the error paths use it.
  const el = excel("SCALINGELASTICITY");
  const n = 1000;
  const costsEl = Array.from({ length: n }, (_, i) => [100 + i * 1.5]);
  const volsEl = Array.from({ length: n }, (_, i) => [1000 + i * 10]);
  el(costsEl.slice(0, 10), volsEl.slice(0, 10));
  gc();
  const t1 = performance.now();
  el(costsEl, volsEl);
  console.log(`SCALINGELASTICITY over ${fmt(n)} pairs (2,000 logarithms at ~45 digits): ${(performance.now() - t1).toFixed(1)} ms`);
}
