/**
 * Natural logarithm of a Decimal to about 45 significant digits, some 20 times faster than
 * decimal.js's own ln at 60 digits (which takes close to a millisecond per value): the
 * regression of SCALINGELASTICITY takes the ln of every cost and volume.
 *
 * x = c × 10^k with c in [1, 10); ln x = k·ln 10 + ln(j/8) + ln(1 + i/128) + ln(1 + i2/16384) + ln t,
 * where j, i and i2 are chosen so that t is within 1/16384 of 1, and ln t = 2·atanh((t − 1)/(t + 1))
 * by its series (each term gains about 9 digits). ln 10 and the table logarithms are computed
 * once each, on first use, by decimal.js at 50 digits. Works at 50 significant digits throughout.
 */
import DecimalJs from "decimal.js";
import { Decimal } from "./decimal";

const W = DecimalJs.clone({ precision: 50, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -60, toExpPos: 60 });
type W = InstanceType<typeof W>;

const EPS = new W("1e-56");
let LN10: W | undefined;
const COARSE: (W | undefined)[] = []; // ln(j / 8), j = 8…80
const FINE: (W | undefined)[] = []; // ln(1 + i / 128), i = 0…17
const FINER: (W | undefined)[] = []; // ln(1 + i / 16384), i = 0…140
const INV: W[] = []; // 1 / n for the odd n of the series
for (let n = 1; n < 40; n += 2) INV[n] = new W(1).div(n);

function coarse(j: number): W {
  return (COARSE[j] ??= new W(j).div(8).ln());
}

function fine(i: number): W {
  return (FINE[i] ??= new W(128 + i).div(128).ln());
}

function finer(i: number): W {
  return (FINER[i] ??= new W(16384 + i).div(16384).ln());
}

/** ln x for a finite x > 0, to about 45 significant digits (as a 60-digit Decimal). */
export function lnFast(x: Decimal): Decimal {
  if (!x.isFinite() || x.lte(0)) throw new RangeError(`ln of ${x.toString()}`);
  const k = x.e; // x = c × 10^k, c in [1, 10)
  let c = new W(x);
  if (k !== 0) c = c.times(new W(`1e${-k}`)); // exact: a power of ten
  let j = Math.floor(c.toNumber() * 8);
  if (j < 8) j = 8;
  if (j > 80) j = 80;
  const t1 = c.times(8).div(j); // about [1, 1.125)
  let i = Math.floor((t1.toNumber() - 1) * 128);
  if (i < 0) i = 0;
  if (i > 17) i = 17;
  const t2 = t1.times(128).div(128 + i); // within about 1/128 of 1
  let i2 = Math.floor((t2.toNumber() - 1) * 16384);
  if (i2 < 0) i2 = 0;
  if (i2 > 140) i2 = 140;
  const t = t2.times(16384).div(16384 + i2); // within about 1/16384 of 1
  const z = t.minus(1).div(t.plus(1)); // |z| < 1/32768: each term gains about 9 digits
  const z2 = z.times(z);
  let power = z;
  let series = z;
  for (let n = 3; n < 40; n += 2) {
    power = power.times(z2);
    const term = power.times(INV[n]);
    series = series.plus(term);
    if (term.abs().lte(EPS)) break;
  }
  let r = series.times(2).plus(coarse(j)).plus(fine(i)).plus(finer(i2));
  if (k !== 0) r = r.plus((LN10 ??= new W(10).ln()).times(k));
  return new Decimal(r);
}
