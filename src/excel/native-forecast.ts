/**
 * AIECON.FORECASTUNITCOST as a native Excel formula (src/excel/native.ts): the periods_ahead × 3
 * array of forecast, lower and upper, by array arithmetic (dynamic arrays; no LET). With P the
 * numbers of the range packed in order (FILTER), Y = LN(P) (exponential) or P (linear) at the
 * positions X = 0 … n − 1 and x = n … n + h − 1:
 *   b = SLOPE(Y, X), a = AVERAGE(Y) − b·(n − 1)/2, s = STEYX(Y, X), Sxx = n(n² − 1)/12,
 *   half = T.INV((1 + confidence)/2, n − 2) · s · √(1 + 1/n + (x − (n − 1)/2)²/Sxx),
 *   row = a + b·x + {0, −1, 1}·half, exponentiated for the exponential method.
 * Errors as the function's, left to right: an error in the range is returned, fewer than 3 numbers
 * → #N/A, periods_ahead not whole or < 1 → #NUM!, a value ≤ 0 with exponential → #NUM!, confidence
 * outside (0, 1) → #NUM!. The method must be a text literal (the writer's); another argument is
 * left as an AIECON call. In doubles: Excel's SLOPE/STEYX/T.INV.
 */

const NUM = "SQRT(-1)";
const num = (x: string): string => `((${x})+0)`;

/** The method a literal names, or undefined (not a literal, or not a method: left untranslated). */
function literalMethod(arg: string | undefined): "exponential" | "linear" | undefined {
  if (arg === undefined) return "exponential";
  const m = /^"([^"]*)"$/.exec(arg.trim());
  const t = m?.[1].trim().toLowerCase();
  return t === "exponential" || t === "linear" ? t : undefined;
}

export function forecastNative(args: string[]): string | undefined {
  if (args.length < 2 || args.length > 4) return undefined;
  const [r, hArg] = args as [string, string];
  const method = literalMethod(args[2]);
  if (method === undefined) return undefined;
  const h = num(hArg);
  const c = args[3] === undefined ? "0.8" : num(args[3]);
  const n = `COUNT(${r})`;
  const p = `FILTER(${r},ISNUMBER(${r}))`;
  const y = method === "exponential" ? `LN(${p})` : p;
  const xs = `(SEQUENCE(${n})-1)`;
  const b = `SLOPE(${y},${xs})`;
  const a = `(AVERAGE(${y})-${b}*(${n}-1)/2)`;
  const x = `(${n}-1+SEQUENCE(${h}))`;
  const half = `T.INV((1+${c})/2,${n}-2)*STEYX(${y},${xs})*SQRT(1+1/${n}+(${x}-(${n}-1)/2)^2/(${n}*(${n}^2-1)/12))`;
  const core = `${a}+${b}*${x}+{0,-1,1}*${half}`;
  const value = method === "exponential" ? `EXP(${core})` : core;
  const badConfidence = `OR(${c}<=0,${c}>=1)`;
  const nonPositive = method === "exponential" ? `COUNTIF(${r},"<=0")>0` : "FALSE";
  let out = `IF(${n}<3,NA(),IF(OR(${h}<>INT(${h}),${h}<1),${NUM},IF(${nonPositive},${NUM},IF(${badConfidence},${NUM},${value}))))`;
  for (const e of [args[3], hArg]) if (e !== undefined) out = `IF(ISERROR(${num(e)}),${num(e)},${out})`;
  return `IF(ISERROR(SUM(${r})),SUM(${r}),${out})`;
}
