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

// Built-ins cached in module scope (no global lookups on the hot path).
const isInteger = Number.isInteger;
const isSafeInteger = Number.isSafeInteger;
const round = Math.round;

const LIMIT = 2 ** 50;
const POW10: number[] = [];
for (let i = 0, p = 1; i <= 22; i++, p *= 10) POW10.push(p);

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
