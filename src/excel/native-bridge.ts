/**
 * AIECON.COSTBRIDGE as a native Excel formula (src/excel/native.ts): the 5 × 2 array of labels
 * and amounts, from array arithmetic over the four aligned ranges (dynamic arrays; no LET).
 * With n(x) a range's numbers (else 0), a key has data on a side when its cost or inferences
 * are not 0; over the keys with data on both sides (`co`), V0, C0, C1 and Σ i1·c0/i0 (`I`):
 *   volume = (V1 − V0) × C0 / V0,  mix = I − V1 × C0 / V0,  rate = C1 − I (= C1 − C0 − volume − mix),
 * all 0 without such keys; new and retired as in src/core/bridge.ts. Errors as the function's:
 * an error in a range is returned, ranges of different shapes → #VALUE! (`"x"+0`), a negative count →
 * #NUM!, a key with data on both sides and 0 inferences on one → #DIV/0!. In doubles, so the
 * lines add up to the change to rounding only (the function is exact).
 */
import { BRIDGE_LINES } from "../core/bridge";

const n = (r: string): string => `IF(ISNUMBER(${r}),${r},0)`;
const has = (cost: string, inf: string): string => `((${n(cost)}<>0)+(${n(inf)}<>0)>0)`;

/** A 5 × 2 array literal: row i holds `row(i)` in both columns. */
const rows = (row: (i: number) => string): string => `{${BRIDGE_LINES.map((_, i) => `${row(i)},${row(i)}`).join(";")}}`;

export function costBridgeNative(args: string[]): string | undefined {
  if (args.length !== 4) return undefined;
  const [pc, pi, cc, ci] = args as [string, string, string, string];
  const hp = has(pc, pi);
  const hc = has(cc, ci);
  const co = `(${hp}*${hc})`;
  const sum = (x: string): string => `SUMPRODUCT(${co}*${n(x)})`;
  const v0 = sum(pi);
  const v1 = sum(ci);
  const c0 = sum(pc);
  const c1 = sum(cc);
  const i = `SUMPRODUCT(${co}*${n(ci)}*${n(pc)}/IF(${n(pi)}=0,1,${n(pi)}))`;
  const zeroCount = `SUMPRODUCT(${co}*((${n(pi)}=0)+(${n(ci)}=0)))`;
  const ifCommon = (x: string): string => `IF(${v0}=0,0,${x})`;
  const amounts = [
    ifCommon(`(${v1}-${v0})*${c0}/${v0}`),
    ifCommon(`${i}-${v1}*${c0}/${v0}`),
    ifCommon(`${c1}-${i}`),
    `SUMPRODUCT((1-${hp})*${hc}*${n(cc)})`,
    `-SUMPRODUCT(${hp}*(1-${hc})*${n(pc)})`,
  ];
  const unit = (k: number) => rows((j) => (j === k ? "1" : "0"));
  const values = amounts.map((a, k) => `${unit(k)}*(${a})`).join("+");
  const labels = rows((j) => `"${BRIDGE_LINES[j]}"`);
  const first = `{${BRIDGE_LINES.map(() => "TRUE,FALSE").join(";")}}`;
  const shape = (r: string): string => `ROWS(${r})&"x"&COLUMNS(${r})`;
  const sameShape = [pi, cc, ci].map((r) => `${shape(r)}=${shape(pc)}`).join(",");
  let out = `IF(NOT(AND(${sameShape})),("x"+0),IF(COUNTIF(${pi},"<0")+COUNTIF(${ci},"<0")>0,SQRT(-1),IF(${zeroCount}>0,1/0,IF(${first},${labels},${values}))))`;
  for (const r of [ci, cc, pi, pc]) out = `IF(ISERROR(SUM(${r})),SUM(${r}),${out})`;
  return out;
}
