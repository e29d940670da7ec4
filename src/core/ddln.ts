/**
 * ln of a number's shortest decimal D(x) as a double-double (./dd.ts), with a bound of its
 * absolute error: the logarithms of SCALINGELASTICITY's second path (./ddslope.ts).
 *
 * D(x) is N / 10^s10 when it is a short decimal (./arith.ts decomposeShort, exact), else read
 * from its digits as hi + lo (./ddarith.ts readShortest, within NUM_ERR): a relative error ρ
 * moves ln by at most 1.01·|ρ|. Then hi = 2^k·m with m in [1/√2, √2] (exact scaling),
 * c = j/128 the nearest table point, and
 *   ln D = k·ln 2 + ln c + 2·atanh(s),  s = (m − c)/(m + c),  |s| < 2^-8,
 *   2·atanh(s) = 2s + (2/3)·s³ + 2s·t²·(1/5 + t/7 + t²/9 + t³/11) + R,  t = s², |R| < 2^-97·|s|.
 * Errors (u = 2^-53): s = (m − c)/(m + c) within 8u² + 32u² (ddAdd, ddDiv) relative; (2/3)·s³
 * as a double-double within about 24u² of itself; the rest, under 2^-33·|s|, in binary64 from
 * s's high part, within 8u of itself (2^-83·|s|); with R, the sums and s's error, under
 * SERIES_ERR = 2^-80 of |s|.
 * k·ln 2 and s10·ln 10 within 17u² of themselves (the constants as double-doubles within 1e-33,
 * k and s10 exact), the table within u²·|ln c| (test/unit/core/ddslope.test.ts checks the
 * entries), and the final additions 8u² of their operands each. A short decimal N / 10^s10 is
 * read exactly (ln N − s10·ln 10); another within NUM_ERR. So
 *   LE = 1.01·read error + 2^-64·|s| + u²·(64 + 24·(|k| + 2.31·s10)).
 */
import { decomposeShort, SHORT_N, SHORT_S } from "./arith";
import { ddAdd, ddDiv, ddMul, H, L, twoProd, twoSum, U2 } from "./dd";
import { NUM_ERR, readShortest, RH, RL } from "./ddarith";

/** ln(j / 128) for j = 90 … 182: the high parts. */
export const LN_TABLE_HI = [
  -0.3522205935893521, -0.34117075740276714, -0.33024168687057687, -0.3194307707663612,
  -0.3087354816496133, -0.29815337231907635, -0.2876820724517809, -0.27731928541623435,
  -0.26706278524904525, -0.2569104137850272, -0.24686007793152578, -0.2369097470783577,
  -0.22705745063534608, -0.2173012756899814, -0.2076393647782445, -0.1980699137620938,
  -0.18859116980755003, -0.179201429457711, -0.16989903679539747, -0.16068238169047347,
  -0.15154989812720093, -0.14250006260728304, -0.13353139262452263, -0.1246424452072766,
  -0.1158318155251217, -0.1070981355563671, -0.09844007281325252, -0.08985632912186105,
  -0.0813456394539524, -0.07290677080808779, -0.06453852113757118, -0.05623971832287608,
  -0.048009219186360606, -0.039845908547199674, -0.0317486983145803, -0.023716526617316044,
  -0.015748356968139168, -0.007843177461025893, 0, 0.007782140442054949,
  0.015504186535965254, 0.02316705928153438, 0.030771658666753687, 0.0383188643021366,
  0.0458095360312942, 0.053244514518812285, 0.06062462181643484, 0.06795066190850775,
  0.07522342123758753, 0.08244366921107459, 0.08961215868968714, 0.09672962645855111,
  0.10379679368164356, 0.11081436634029011, 0.11778303565638346, 0.12470347850095724,
  0.13157635778871926, 0.13840232285911913, 0.1451820098444979, 0.15191604202584197,
  0.15860503017663857, 0.16524957289530717, 0.17185025692665923, 0.1784076574728183,
  0.184922338494012, 0.19139485299962947, 0.19782574332991987, 0.2042155414286909,
  0.21056476910734964, 0.21687393830061436, 0.22314355131420976, 0.22937410106484582,
  0.2355660713127669, 0.24171993688714516, 0.24783616390458127, 0.25391520998096345,
  0.25995752443692605, 0.26596354849713794, 0.27193371548364176, 0.2778684510034563,
  0.2837681731306446, 0.28963329258304266, 0.2954642128938359, 0.3012613305781618,
  0.3070250352949119, 0.3127557100038969, 0.3184537311185346, 0.324119468654212,
  0.329753286372468, 0.3353555419211378, 0.3409265869705932, 0.34646676734620857,
  0.3519764231571782,
];
/** … and the low parts. */
export const LN_TABLE_LO = [
  -5.7233316949182485e-18, 1.9366790062602867e-17, 1.0828321637483858e-17, -1.354256857264811e-18,
  1.6199186085148102e-17, 1.720695867445866e-17, -2.607160616442564e-17, 7.44528405583513e-18,
  7.32891532732017e-18, -2.502843296152504e-17, -1.361743371748368e-17, -1.9682402978398164e-18,
  -9.551415762738488e-18, -1.6168452453763015e-18, -1.2053243216686129e-17, -3.742843482461439e-18,
  7.432164219196925e-18, 1.0785017454858423e-17, 4.868008764439071e-19, 3.650183553047837e-18,
  -5.1669593684615594e-18, 9.926388234225749e-18, 3.664457663660085e-18, 5.808912678940971e-18,
  -4.338484369808096e-18, 1.73705104015906e-18, 4.439009633675136e-18, 6.273760163689594e-19,
  -5.07707635593117e-18, 6.306860257532778e-18, 6.470486661692933e-18, 3.2835149805605613e-18,
  -1.4390903347292205e-18, 3.129547680315208e-18, -3.0382263084680858e-18, 1.5774243488668215e-18,
  -1.0021578630528974e-18, -2.764708154124904e-19, 0, -1.2819179123343845e-20,
  -3.278321022892429e-19, -1.1769544932063305e-18, 1.0431732029005968e-18, -2.357996157351286e-18,
  1.902959866474257e-18, -1.665575816973663e-18, 2.6424025938726934e-18, -1.2802141240611733e-18,
  -5.930604196293241e-18, 5.700437773813987e-18, -5.4268129336647135e-18, -5.597397486289965e-19,
  5.47772415726659e-18, 1.183748342825649e-18, -1.1971685747593677e-18, -4.6522609636496624e-18,
  1.1123000879729588e-17, 4.447777301357527e-18, 8.242418783022475e-18, 6.4838631244022194e-18,
  1.1257003872182592e-17, -1.0094935622322628e-17, -6.0224538210113705e-18, -1.2432553788701131e-17,
  3.0236614153574064e-18, -1.2129496905792884e-17, 1.2821194372980142e-17, 2.7338281018722773e-18,
  -4.249405314729895e-18, 4.551026193234283e-18, -9.091270597324799e-18, 9.927671823978025e-18,
  -2.3943371495187355e-18, 8.900990022166643e-18, -1.2432209578702523e-17, -8.048097394424201e-18,
  2.069806938978935e-17, 5.3393802761314314e-18, 7.83319637697442e-19, -9.16018294909263e-19,
  -2.032665581126656e-17, 2.0535953219858174e-17, -2.16461086040599e-17, -9.048511144048564e-18,
  -1.2319916200101964e-17, -1.451808353098951e-17, 2.7114779367326236e-17, -7.958214381893813e-18,
  2.122020616196946e-18, 1.834564437059473e-17, 1.7467136443544747e-17, 1.028583585496265e-17,
  -1.2953893030191963e-17,
];
export const LN2_HI = 0.6931471805599453;
export const LN2_LO = 2.3190468138462996e-17;
const SQRT2 = Math.SQRT2;
const M_ABS = Math.abs;
const M_LOG2 = Math.log2;
const M_FLOOR = Math.floor;
const M_ROUND = Math.round;

/** 2^k for k = −1100 … 1100, exact. */
const POW2 = new Float64Array(2201);
POW2[1100] = 1;
for (let k = 1; k <= 1100; k++) {
  POW2[1100 + k] = POW2[1099 + k] * 2;
  POW2[1100 - k] = POW2[1101 - k] / 2;
}

/** Set by lnShortest: ln D(x) ≈ LH + LL, within LE. */
export let LH = 0;
export let LL = 0;
export let LE = 0;
export const LN10_HI = 2.302585092994046;
export const LN10_LO = -2.1707562233822494e-16;
const SERIES_ERR = 2 ** -80;
const TWO_THIRDS_HI = 2 / 3;
const TWO_THIRDS_LO = 3.700743415417188e-17; // 2/3 − TWO_THIRDS_HI

/** ln of x's shortest decimal (x > 0 in [2^-600, 2^600]) into LH, LL, LE; false when it cannot. */
export function lnShortest(x: number): boolean {
  let h: number;
  let l = 0;
  let readErr = 0;
  let s10 = 0; // D(x) = (h + l) / 10^s10
  if (decomposeShort(x)) {
    h = SHORT_N; // exact: ln D = ln N − s·ln 10
    s10 = SHORT_S;
  } else {
    if (!(x >= 2 ** -600 && x <= 2 ** 600) || !readShortest(x)) return false;
    h = RH;
    l = RL;
    readErr = NUM_ERR;
  }
  if (!(h > 0)) return false;
  let k = M_FLOOR(M_LOG2(h));
  let m = h * POW2[1100 - k];
  let lo = l * POW2[1100 - k];
  if (m >= 2) {
    m /= 2;
    lo /= 2;
    k++;
  } else if (m < 1) {
    m *= 2;
    lo *= 2;
    k--;
  }
  if (m > SQRT2) {
    m /= 2;
    lo /= 2;
    k++;
  }
  const j = M_ROUND(m * 128);
  const c = j / 128;
  if (lo === 0) {
    // s = (m − c)/(m + c): m − c exact (Sterbenz), m + c exact as twoSum
    const d = m - c;
    twoSum(m, c);
    ddDiv(d, 0, H, L);
  } else {
    twoSum(m - c, lo);
    const nh = H;
    const nl = L;
    twoSum(m, c);
    ddAdd(H, L, lo, 0);
    ddDiv(nh, nl, H, L);
  }
  const sh = H;
  const sl = L;
  // 2·atanh(s) = 2s + (2/3)·s³ + 2s·t²·(1/5 + t/7 + t²/9 + t³/11) + R, t = s², |R| < 2^-97·|s|:
  // s³ as a double-double (twoProd twice), the rest in binary64.
  twoProd(sh, sh);
  const th = H;
  const tl = L + 2 * sh * sl;
  twoProd(sh, th);
  const c3h = H;
  const c3l = L + (sh * tl + sl * th);
  ddMul(c3h, c3l, TWO_THIRDS_HI, TWO_THIRDS_LO);
  const c1h = H;
  const c1l = L;
  const corr = 2 * sh * th * th * (1 / 5 + th * (1 / 7 + th * (1 / 9 + th / 11)));
  let bh = LN_TABLE_HI[j - 90];
  let bl = LN_TABLE_LO[j - 90];
  if (k !== 0) {
    ddMul(k, 0, LN2_HI, LN2_LO);
    ddAdd(H, L, bh, bl);
    bh = H;
    bl = L;
  }
  if (s10 !== 0) {
    ddMul(s10, 0, LN10_HI, LN10_LO);
    ddAdd(bh, bl, -H, -L);
    bh = H;
    bl = L;
  }
  ddAdd(2 * sh, 2 * sl, c1h, c1l);
  ddAdd(H, L, corr, 0);
  ddAdd(bh, bl, H, L);
  LH = H;
  LL = L;
  LE = 1.01 * readErr + M_ABS(sh) * SERIES_ERR + U2 * (64 + 24 * (M_ABS(k) + 2.31 * s10));
  return true;
}
