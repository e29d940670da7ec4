/**
 * An exact shortcut for the hot path of the custom functions: (a × b) / c on JavaScript
 * numbers, giving exactly the number the decimal path gives, or undefined when that cannot be
 * guaranteed (the caller then takes the decimal path).
 *
 * Why it is exact. Decimal reads a JavaScript number x as its shortest round-trip decimal
 * string, N / 10^s. `decompose` finds that N and s when |N| <= 2^50 (minimal s, verified by
 * N / 10^s === x; below 2^50 the round-trip interval of x holds at most one decimal with s
 * fraction digits, so it is the one Number.prototype.toString prints). Then
 * (a·b)/c = P / Q with P = Na·Nb·10^sc and Q = Nc·10^(sa+sb), both integers; when both are
 * safe integers the products are exact in binary, and P / Q is the correctly rounded double
 * of the exact quotient. The decimal path rounds the same quotient to 60 significant digits
 * and then to a double; that cannot land on the other side of a rounding midpoint, because a
 * quotient of integers below 2^53 is either a double exactly, or at least 2^-107 (relative)
 * away from every midpoint between two doubles, far more than 10^-59.
 * (test/unit/core/fastexact.test.ts checks this against the decimal path on random inputs.)
 */

import { Decimal } from "./decimal";

// Built-ins cached in module scope (no global lookups on the hot path).
const isInteger = Number.isInteger;
const isSafeInteger = Number.isSafeInteger;
const round = Math.round;

const LIMIT = 2 ** 50;
const POW10: number[] = [];
for (let i = 0, p = 1; i <= 22; i++, p *= 10) POW10.push(p);
/** 10^-s as exact Decimals. */
const POW10_DEC: Decimal[] = POW10.map((_, s) => new Decimal(`1e-${s}`));

let dN = 0;
let dS = 0;

/** Sets dN, dS so that x = dN / 10^dS exactly as Decimal reads x; false when not found. */
function decompose(x: number): boolean {
  if (isInteger(x)) {
    if (x > LIMIT || x < -LIMIT) return false;
    dN = x;
    dS = 0;
    return true;
  }
  for (let s = 1; s <= 15; s++) {
    const p = POW10[s];
    const n = round(x * p);
    if (n > LIMIT || n < -LIMIT) return false;
    if (n / p === x) {
      dN = n;
      dS = s;
      return true;
    }
  }
  return false;
}

/** (a × b) / c exactly as Decimal would compute it then convert to a number, or undefined. */
export function exactProductQuotient(a: number, b: number, c: number): number | undefined {
  if (!decompose(a)) return undefined;
  const na = dN;
  const sa = dS;
  if (!decompose(b)) return undefined;
  const nb = dN;
  const sb = dS;
  if (!decompose(c)) return undefined;
  const nc = dN;
  const sc = dS;
  if (nc === 0 || sa + sb > 22) return undefined;
  const p = na * nb * POW10[sc];
  const q = nc * POW10[sa + sb];
  if (!isSafeInteger(p) || !isSafeInteger(q)) return undefined;
  // na * nb alone may round before the scale: check it too.
  if (!isSafeInteger(na * nb)) return undefined;
  return p / q;
}

// ---------------------------------------------------------------------------------------
// Sums and products of scaled integers n / 10^s, exact while every integer stays safe.
// A sum or product of short decimals is exact in the decimal path too (far below 60 digits),
// so converting the exact n / 10^s (one correctly rounded division) gives the same number;
// a final quotient is argued as above.

let rN = 0;
let rS = 0;

function mul(aN: number, aS: number, bN: number, bS: number): boolean {
  const n = aN * bN;
  const s = aS + bS;
  if (!isSafeInteger(n) || s > 22) return false;
  rN = n;
  rS = s;
  return true;
}

function add(aN: number, aS: number, bN: number, bS: number): boolean {
  let s = aS;
  if (aS < bS) {
    aN *= POW10[bS - aS];
    s = bS;
    if (!isSafeInteger(aN)) return false;
  } else if (bS < aS) {
    bN *= POW10[aS - bS];
    if (!isSafeInteger(bN)) return false;
  }
  const n = aN + bN;
  if (!isSafeInteger(n)) return false;
  rN = n;
  rS = s;
  return true;
}

/** n / 10^s as a number (correctly rounded), or undefined past 10^22. */
function value(n: number, s: number): number | undefined {
  return s <= 22 ? n / POW10[s] : undefined;
}

/** (nN / 10^nS) / (dN / 10^dS), correctly rounded, or undefined. */
function quotient(nN: number, nS: number, dN: number, dS: number): number | undefined {
  if (dN === 0) return undefined;
  const p = nN * POW10[dS];
  const q = dN * POW10[nS];
  if (!isSafeInteger(p) || !isSafeInteger(q)) return undefined;
  return p / q;
}

/** TOKENCOST on valid numbers; cachedPrice NaN = not given (the input price). */
export function fastTokenCost(
  input: number,
  output: number,
  inPrice: number,
  outPrice: number,
  cached: number,
  cachedPrice: number,
): number | undefined {
  if (cachedPrice !== cachedPrice) cachedPrice = inPrice;
  if (!(input >= 0 && output >= 0 && inPrice >= 0 && outPrice >= 0 && cached >= 0 && cachedPrice >= 0 && cached <= input)) {
    return undefined;
  }
  if (!decompose(input)) return undefined;
  const iN = dN;
  const iS = dS;
  if (!decompose(cached)) return undefined;
  const cN = dN;
  const cS = dS;
  if (!add(iN, iS, -cN, cS)) return undefined; // uncached input
  const uN = rN;
  const uS = rS;
  if (!decompose(inPrice)) return undefined;
  if (!mul(uN, uS, dN, dS)) return undefined;
  const t1N = rN;
  const t1S = rS;
  if (!decompose(cachedPrice)) return undefined;
  if (!mul(cN, cS, dN, dS)) return undefined;
  const t2N = rN;
  const t2S = rS;
  if (!decompose(output)) return undefined;
  const oN = dN;
  const oS = dS;
  if (!decompose(outPrice)) return undefined;
  if (!mul(oN, oS, dN, dS)) return undefined;
  const t3N = rN;
  const t3S = rS;
  if (!add(t1N, t1S, t2N, t2S)) return undefined;
  if (!add(rN, rS, t3N, t3S)) return undefined;
  return value(rN, rS + 6); // / 1,000,000
}

/** CASCADECOST: small + rate × large, rate in [0, 1]. */
export function fastCascadeCost(small: number, large: number, rate: number): number | undefined {
  if (!(rate >= 0 && rate <= 1)) return undefined;
  if (!decompose(rate)) return undefined;
  const aN = dN;
  const aS = dS;
  if (!decompose(large)) return undefined;
  if (!mul(aN, aS, dN, dS)) return undefined;
  const pN = rN;
  const pS = rS;
  if (!decompose(small)) return undefined;
  if (!add(dN, dS, pN, pS)) return undefined;
  return value(rN, rS);
}

/** CACHESAVINGS: hit × cost − lookup, hit in [0, 1], lookup >= 0. */
export function fastCacheSavings(cost: number, hit: number, lookup: number): number | undefined {
  if (!(hit >= 0 && hit <= 1 && lookup >= 0)) return undefined;
  if (!decompose(hit)) return undefined;
  const hN = dN;
  const hS = dS;
  if (!decompose(cost)) return undefined;
  if (!mul(hN, hS, dN, dS)) return undefined;
  const pN = rN;
  const pS = rS;
  if (!decompose(lookup)) return undefined;
  if (!add(pN, pS, -dN, dS)) return undefined;
  return value(rN, rS);
}

/** MARGINCONTRIBUTION: (value − cost) [× inferences]; inferences NaN = not given. */
export function fastMargin(val: number, cost: number, inferences: number): number | undefined {
  if (inferences < 0) return undefined;
  if (!decompose(val)) return undefined;
  const vN = dN;
  const vS = dS;
  if (!decompose(cost)) return undefined;
  if (!add(vN, vS, -dN, dS)) return undefined;
  if (inferences !== inferences) return value(rN, rS);
  const mN = rN;
  const mS = rS;
  if (!decompose(inferences)) return undefined;
  if (!mul(mN, mS, dN, dS)) return undefined;
  return value(rN, rS);
}

/** VALUEFROMTIMESAVED: minutes × rate [× inferences] / 60, all >= 0; inferences NaN = not given. */
export function fastTimeSaved(minutes: number, rate: number, inferences: number): number | undefined {
  if (!(minutes >= 0 && rate >= 0) || inferences < 0) return undefined;
  if (!decompose(minutes)) return undefined;
  const mN = dN;
  const mS = dS;
  if (!decompose(rate)) return undefined;
  if (!mul(mN, mS, dN, dS)) return undefined;
  if (inferences === inferences) {
    const pN = rN;
    const pS = rS;
    if (!decompose(inferences)) return undefined;
    if (!mul(pN, pS, dN, dS)) return undefined;
  }
  return quotient(rN, rS, 60, 0);
}

/** SERVINGCOSTPERINFERENCE: hourly / (capacity × utilization). */
export function fastServingCost(hourly: number, capacity: number, utilization: number): number | undefined {
  if (!(hourly >= 0 && capacity > 0 && utilization > 0 && utilization <= 1)) return undefined;
  if (!decompose(capacity)) return undefined;
  const cN = dN;
  const cS = dS;
  if (!decompose(utilization)) return undefined;
  if (!mul(cN, cS, dN, dS)) return undefined;
  const qN = rN;
  const qS = rS;
  if (!decompose(hourly)) return undefined;
  return quotient(dN, dS, qN, qS);
}

/** BREAKEVENVOLUME: fixed / (value − cost), fixed >= 0, value > cost. */
export function fastBreakEven(fixed: number, val: number, cost: number): number | undefined {
  if (!(fixed >= 0 && val > cost)) return undefined;
  if (!decompose(val)) return undefined;
  const vN = dN;
  const vS = dS;
  if (!decompose(cost)) return undefined;
  if (!add(vN, vS, -dN, dS)) return undefined;
  const mN = rN;
  const mS = rS;
  if (!decompose(fixed)) return undefined;
  return quotient(dN, dS, mN, mS);
}

// ---------------------------------------------------------------------------------------
// Exact sums of many numbers: safe-integer partial sums at a common decimal scale, flushed
// into a Decimal before they could overflow; numbers that are not short decimals are added
// as Decimals directly. The result is the exact decimal sum, as Decimal additions give it.

export class ExactSum {
  private n = 0;
  private s = 0;
  private acc: Decimal = new Decimal(0);
  private exactAcc = true;

  private flush(): void {
    if (this.n !== 0) {
      this.acc = this.acc.plus(new Decimal(this.n).times(POW10_DEC[this.s]));
      this.exactAcc = false;
    }
    this.n = 0;
  }

  /** Adds x × weight (weight a small non-negative integer). */
  add(x: number, weight = 1): void {
    if (!decompose(x)) {
      this.acc = this.acc.plus(new Decimal(x).times(weight));
      this.exactAcc = false;
      return;
    }
    let n = dN * weight;
    const s = dS;
    if (!isSafeInteger(n)) {
      this.acc = this.acc.plus(new Decimal(dN).times(weight).times(POW10_DEC[s]));
      this.exactAcc = false;
      return;
    }
    if (s > this.s) {
      const scaled = this.n * POW10[s - this.s];
      if (isSafeInteger(scaled)) this.n = scaled;
      else this.flush();
      this.s = s;
    } else if (s < this.s) {
      n *= POW10[this.s - s];
      if (!isSafeInteger(n)) {
        this.acc = this.acc.plus(new Decimal(dN).times(weight).times(POW10_DEC[s]));
        this.exactAcc = false;
        return;
      }
    }
    const sum = this.n + n;
    if (isSafeInteger(sum)) {
      this.n = sum;
    } else {
      this.flush();
      this.n = n;
    }
  }

  value(): Decimal {
    const part = new Decimal(this.n).times(POW10_DEC[this.s]);
    return this.exactAcc ? part : this.acc.plus(part);
  }
}

// ---------------------------------------------------------------------------------------
// (a × b) / c for any finite doubles, with BigInt: the same steps as the decimal path — the
// exact product, the quotient rounded half-even to 60 significant digits, then read as a
// number — so the same result by construction (checked against Decimal by the tests).

const Big: BigIntConstructor | undefined = typeof BigInt === "function" ? BigInt : undefined;
const SIG = 60; // significant digits of the configured Decimal

let bM = 0n;
let bE = 0;
let bD = 0;

/** Sets bM, bE, bD so that |x| = bM × 10^bE with bD digits in bM, from the shortest decimal form of x. */
function toBig(x: number, B: BigIntConstructor): void {
  let str = `${x < 0 ? -x : x}`;
  let exp = 0;
  const ei = str.indexOf("e");
  if (ei >= 0) {
    exp = +str.slice(ei + 1);
    str = str.slice(0, ei);
  }
  const di = str.indexOf(".");
  if (di >= 0) {
    exp -= str.length - di - 1;
    str = str.slice(0, di) + str.slice(di + 1);
  }
  let lead = 0;
  while (lead < str.length - 1 && str.charCodeAt(lead) === 48) lead++; // "0"
  bM = B(str);
  bE = exp;
  bD = str.length - lead;
}

const POW10_BIG: bigint[] = [];
function pow10big(k: number, B: BigIntConstructor): bigint {
  return k < 64 ? (POW10_BIG[k] ??= B(10) ** B(k)) : B(10) ** B(k);
}

/** (a × b) / c exactly as the decimal path gives it, for finite doubles; undefined if c is 0 or no BigInt. */
export function bigProductQuotient(a: number, b: number, c: number): number | undefined {
  const B = Big;
  if (B === undefined || c === 0 || a - a !== 0 || b - b !== 0 || c - c !== 0) return undefined;
  if (a === 0 || b === 0) return 0;
  const negative = a < 0 !== b < 0 !== c < 0;
  toBig(a, B);
  const ma = bM;
  const ea = bE;
  const da = bD;
  toBig(b, B);
  const num = ma * bM; // da + bD − 1 or da + bD digits
  const numE = ea + bE;
  const dn = da + bD;
  toBig(c, B);
  const den = bM;
  const denE = bE;
  // num in [10^(dn−2), 10^dn), den in [10^(bD−1), 10^bD): q = num·10^K / den lies in (10^60, 10^63).
  const K = SIG + 2 - dn + bD;
  const scaledNum = K >= 0 ? num * pow10big(K, B) : num;
  const scaledDen = K >= 0 ? den : den * pow10big(-K, B);
  let q = scaledNum / scaledDen;
  const r = scaledNum - q * scaledDen;
  const drop = q >= pow10big(SIG + 2, B) ? 3 : q >= pow10big(SIG + 1, B) ? 2 : 1;
  let exp = numE - denE - K;
  {
    const unit = pow10big(drop, B);
    const kept = q / unit;
    const tail = q - kept * unit; // dropped digits
    // round half-even on tail + r/scaledDen against unit/2, exactly
    const lhs = (tail * scaledDen + r) * 2n;
    const rhs = unit * scaledDen;
    q = kept;
    if (lhs > rhs || (lhs === rhs && (kept & 1n) === 1n)) q += 1n;
    exp += drop;
  }
  const y = +`${negative ? "-" : ""}${q}e${exp}`;
  return y - y === 0 ? y : undefined;
}
