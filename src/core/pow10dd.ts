/**
 * 10^k as a double-double within 2u² relative (u = 2^-53), |k| ≤ 300, built once per k from
 * BigInt: hi = 10^k rounded, lo = 10^k − hi rounded (so within u·|lo| ≤ u²·10^k; for k < 0
 * the ratio (10^k − hi)/hi comes from a BigInt quotient and two more roundings).
 */
const Big: BigIntConstructor | undefined = typeof BigInt === "function" ? BigInt : undefined;
export const P10_HI = new Float64Array(1300);
export const P10_LO = new Float64Array(1300);
export const P10_OFFSET = 650;
const view = new DataView(new ArrayBuffer(8));

/** Sets P10_HI/LO[k]: hi = 10^k rounded, lo = 10^k − hi rounded (so within u·|lo| ≤ u²·10^k). */
function makePow10(k: number, B: BigIntConstructor): void {
  const hi = Number(`1e${k}`);
  let lo: number;
  if (k >= 0) {
    lo = Number(B(10) ** B(k) - B(hi)); // hi ≥ 1 is an integer: BigInt(hi) is exact
  } else {
    // hi = m·2^q (q < 0); 10^k − hi = hi·(2^-q / (m·10^-k) − 1), the ratio from BigInt.
    view.setFloat64(0, hi);
    const bits = view.getBigUint64(0);
    const biased = Number((bits >> B(52)) & B(0x7ff));
    const m = (bits & ((B(1) << B(52)) - B(1))) | (B(1) << B(52));
    const q = biased - 1075;
    const den = m * B(10) ** B(-k);
    const num = (B(1) << B(-q)) - den; // 2^-q − m·10^-k, small against den
    const S = 160;
    lo = hi * (Number((num << B(S)) / den) * 2 ** -S);
  }
  P10_HI[k + P10_OFFSET] = hi;
  P10_LO[k + P10_OFFSET] = lo === 0 ? 0 : lo;
}

/** Makes sure P10_HI/LO[k + P10_OFFSET] hold 10^k; false for |k| > 300 (10^k not a normal double) or without BigInt. */
export function ensurePow10(k: number): boolean {
  const B = Big;
  if (B === undefined || k > 300 || k < -300) return false;
  if (P10_HI[k + P10_OFFSET] === 0) makePow10(k, B);
  return true;
}

