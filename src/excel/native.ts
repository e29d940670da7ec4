/**
 * Translate formula text: every `AIECON.NAME(args)` call the add-in writes is replaced by the
 * native Excel formula that gives the same result and the same errors (functions.md), so a
 * workbook computes without the add-in. Pure: no Office calls.
 *
 * Errors are produced by expressions both Excel and HyperFormula evaluate: `1/0` (#DIV/0!),
 * `SQRT(-1)` (#NUM!), `NA()` (#N/A). COSTTREND and COSTGROWTH use FILTER and SEQUENCE (dynamic
 * arrays: Excel 2021, Microsoft 365 incl. web and iPad), COSTBRIDGE and FORECASTUNITCOST array
 * arithmetic (./native-bridge.ts, ./native-forecast.ts). No LET/LAMBDA.
 */

import type { Cell, WorkbookPlan } from "./plan";
import { costBridgeNative } from "./native-bridge";
import { forecastNative } from "./native-forecast";

export interface Translation {
  formula: string;
  /** Number of AIECON calls replaced. */
  replaced: number;
  /** AIECON calls left as they were (unknown function or unsupported arity), e.g. "AIECON.TAILRATIO/2". */
  untranslated: string[];
}

const DIV0 = "1/0";
const NUM = "SQRT(-1)";

/** `x` as a number the way a custom function reads a scalar: blank → 0, numeric text → number, else #VALUE!. */
const num = (x: string): string => `((${x})+0)`;

/** Left to right: the first argument that is an error (or non-numeric text) decides. */
function guarded(args: string[], body: string): string {
  let out = body;
  for (let i = args.length - 1; i >= 0; i -= 1) {
    const a = num(args[i] ?? "");
    out = `IF(ISERROR(${a}),${a},${out})`;
  }
  return out;
}

function divide(top: string, bottom: string): string {
  const a = num(top);
  const b = num(bottom);
  return guarded([top, bottom], `IF(${b}<0,${NUM},IF(${b}=0,${DIV0},${a}/${b}))`);
}

function band(roi: string): string {
  const r = num(roi);
  return guarded([roi], `IF(${r}>=10,"Excellent",IF(${r}>=3,"Good",IF(${r}>=1,"Marginal","Unsustainable")))`);
}

function margin(v: string, c: string, n?: string): string {
  const diff = `(${num(v)}-${num(c)})`;
  if (n === undefined) return guarded([v, c], diff);
  const k = num(n);
  const withCount = `IF(ISERROR(${k}),${k},IF(${k}<0,${NUM},${diff}*${k}))`;
  return guarded([v, c], `IF(ISERROR(${n}),${n},IF((${n})="",${diff},${withCount}))`);
}

/** The numbers of `range`, packed, in order (row by row). */
const packed = (range: string): string => `FILTER(${range},ISNUMBER(${range}))`;

function aggregate(range: string, body: string): string {
  return `IF(ISERROR(SUM(${range})),SUM(${range}),IF(COUNT(${range})<2,NA(),${body}))`;
}

function growth(range: string): string {
  const n = `COUNT(${range})`;
  const first = `INDEX(${packed(range)},1)`;
  const last = `INDEX(${packed(range)},${n})`;
  return aggregate(range, `IF(OR(${first}<=0,${last}<0),${NUM},(${last}/${first})^(1/(${n}-1))-1)`);
}

function trend(range: string): string {
  const mean = `AVERAGE(${range})`;
  const g = `(SLOPE(${packed(range)},SEQUENCE(COUNT(${range})))/${mean})`;
  return aggregate(range, `IF(${mean}<=0,${NUM},IF(${g}>0.02,"Rising",IF(${g}<-0.02,"Falling","Stable")))`);
}

type Native = (args: string[]) => string | undefined;

const TABLE: Record<string, Native> = {
  COSTPERINFERENCE: (a) => (a.length === 2 ? divide(a[0] ?? "", a[1] ?? "") : undefined),
  VALUEPERINFERENCE: (a) => (a.length === 2 ? divide(a[0] ?? "", a[1] ?? "") : undefined),
  COSTTOVALUERATIO: (a) => (a.length === 2 ? divide(a[0] ?? "", a[1] ?? "") : undefined),
  ROIMULTIPLE: (a) => (a.length === 2 ? divide(a[0] ?? "", a[1] ?? "") : undefined),
  BENCHMARKBAND: (a) => (a.length === 1 ? band(a[0] ?? "") : undefined),
  MARGINCONTRIBUTION: (a) => (a.length === 2 || a.length === 3 ? margin(a[0] ?? "", a[1] ?? "", a[2]) : undefined),
  COSTGROWTH: (a) => (a.length === 1 ? growth(a[0] ?? "") : undefined),
  COSTTREND: (a) => (a.length === 1 ? trend(a[0] ?? "") : undefined),
  COSTBRIDGE: costBridgeNative,
  FORECASTUNITCOST: forecastNative,
};

/** The AIECON functions this module translates. */
export const NATIVE_FUNCTIONS: readonly string[] = Object.keys(TABLE);

const PREFIX = "AIECON.";

/** Index just past a quoted token starting at `i` (quote char doubled inside = escaped). */
function skipQuoted(text: string, i: number): number {
  const q = text[i];
  let j = i + 1;
  while (j < text.length) {
    if (text[j] === q) {
      if (text[j + 1] === q) j += 2;
      else return j + 1;
    } else j += 1;
  }
  return j;
}

function isIdentChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_.]/.test(ch);
}

/** Split the arguments of a call whose "(" is at `open`; returns the args and the index after ")". */
function readArgs(text: string, open: number): { args: string[]; end: number } | undefined {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  let j = open + 1;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '"' || ch === "'") {
      j = skipQuoted(text, j);
      continue;
    }
    if (ch === "(" || ch === "{") depth += 1;
    else if ((ch === ")" || ch === "}") && depth > 0) depth -= 1;
    else if (ch === ")") {
      const last = text.slice(start, j);
      if (args.length > 0 || last.trim() !== "") args.push(last.trim());
      return { args, end: j + 1 };
    } else if (ch === "," && depth === 0) {
      args.push(text.slice(start, j).trim());
      start = j + 1;
    }
    j += 1;
  }
  return undefined;
}

/** Translate every AIECON call in `formula` (inner calls first). */
export function toNative(formula: string): Translation {
  let replaced = 0;
  const untranslated: string[] = [];
  const walk = (text: string): string => {
    let out = "";
    let i = 0;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"' || ch === "'") {
        const end = skipQuoted(text, i);
        out += text.slice(i, end);
        i = end;
        continue;
      }
      if (text.slice(i, i + PREFIX.length).toUpperCase() === PREFIX && !isIdentChar(text[i - 1])) {
        let k = i + PREFIX.length;
        while (k < text.length && /[A-Za-z0-9_]/.test(text[k] ?? "")) k += 1;
        const name = text.slice(i + PREFIX.length, k).toUpperCase();
        if (text[k] === "(") {
          const call = readArgs(text, k);
          if (call) {
            const args = call.args.map(walk);
            const native = TABLE[name]?.(args);
            if (native !== undefined) {
              out += native;
              replaced += 1;
            } else {
              untranslated.push(`${PREFIX}${name}/${args.length}`);
              out += `${text.slice(i, k)}(${args.join(",")})`;
            }
            i = call.end;
            continue;
          }
        }
      }
      out += ch;
      i += 1;
    }
    return out;
  };
  return { formula: walk(formula), replaced, untranslated };
}

/** The plan with every formula cell translated to native Excel (the `formulas: "native"` write option). */
export function nativePlan(plan: WorkbookPlan): WorkbookPlan {
  const cell = (c: Cell): Cell => (typeof c === "string" && c.startsWith("=") ? toNative(c).formula : c);
  return {
    ...plan,
    sheets: plan.sheets.map((s) => ({
      ...s,
      blocks: s.blocks.map((b) => (b.mode === "formulas" ? { ...b, cells: b.cells.map((row) => row.map(cell)) } : b)),
    })),
  };
}
