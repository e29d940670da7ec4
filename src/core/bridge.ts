/**
 * The cost bridge between two periods: how much of the change in cost comes from volume, from
 * the mix of keys, from the rate (cost per inference), from keys that are new and from keys
 * that are retired. The lines sum to Σ current − Σ prior cost exactly.
 *
 * Over the keys with data on both sides (the common set), with V the total inferences of the
 * common set, s a key's share of V and c its cost per inference (prior 0, current 1):
 *   volume = (V1 − V0) × Σ s0·c0        (= (V1 − V0) × C0 / V0)
 *   mix    = V1 × Σ (s1 − s0)·c0
 *   rate   = V1 × Σ s1·(c1 − c0)        (taken as the remainder, so that the lines sum exactly)
 *   new    = the current cost of keys with no prior data
 *   retired = − the prior cost of keys with no current data
 * The divisions do not terminate: they are done in decimal at 60 digits and volume and mix
 * rounded to 30 decimal places; rate is C1 − C0 − volume − mix over the common set, which
 * equals its formula to 20 significant digits and more (test/unit/core/bridge.test.ts checks
 * every line against its formula and the sum exactly).
 */
import { Decimal, ZERO } from "./decimal";
import { divZero, numError } from "./errors";

/** One key's cost and inferences on one side; null where blank (no data). */
export interface BridgeSide {
  cost: Decimal | null;
  inferences: Decimal | null;
}

export interface BridgeKey {
  prior: BridgeSide;
  current: BridgeSide;
}

export interface Bridge {
  volume: Decimal;
  mix: Decimal;
  rate: Decimal;
  new: Decimal;
  retired: Decimal;
}

/**
 * Decimal places of volume and mix: rounded there, every line is an exact decimal of at most
 * 30 fraction digits, so the remainder (rate) and the sum of the lines are exact at 60 digits
 * for any cost below 10^25; each line stays within 10^-30 of its formula.
 */
const PLACES = 30;

export const BRIDGE_LINES = ["Volume", "Mix", "Rate", "New", "Retired"] as const;

function hasData(s: BridgeSide): boolean {
  return (s.cost !== null && !s.cost.isZero()) || (s.inferences !== null && !s.inferences.isZero());
}

/** The bridge over the keys (each with its prior and current side). */
export function costBridge(keys: readonly BridgeKey[]): Bridge {
  for (const k of keys) {
    for (const side of [k.prior, k.current]) {
      if (side.inferences !== null && side.inferences.lt(ZERO)) throw numError("an inference count is negative");
    }
  }
  const common: BridgeKey[] = [];
  let added = ZERO;
  let retired = ZERO;
  for (const k of keys) {
    const p = hasData(k.prior);
    const c = hasData(k.current);
    if (p && c) common.push(k);
    else if (c) added = added.plus(k.current.cost ?? ZERO);
    else if (p) retired = retired.minus(k.prior.cost ?? ZERO);
  }
  let v0 = ZERO;
  let v1 = ZERO;
  let c0 = ZERO;
  let c1 = ZERO;
  for (const k of common) {
    const i0 = k.prior.inferences ?? ZERO;
    const i1 = k.current.inferences ?? ZERO;
    if (i0.isZero() || i1.isZero()) throw divZero("a key with data on both sides has 0 inferences on one");
    v0 = v0.plus(i0);
    v1 = v1.plus(i1);
    c0 = c0.plus(k.prior.cost ?? ZERO);
    c1 = c1.plus(k.current.cost ?? ZERO);
  }
  if (common.length === 0) return { volume: ZERO, mix: ZERO, rate: ZERO, new: added, retired };
  // Σ s0·c0 = C0 / V0
  const volume = v1.minus(v0).times(c0).div(v0).toDecimalPlaces(PLACES);
  let i1c0 = ZERO; // Σ i1·c0 = V1 × Σ s1·c0
  for (const k of common) {
    i1c0 = i1c0.plus((k.current.inferences as Decimal).times(k.prior.cost ?? ZERO).div(k.prior.inferences as Decimal));
  }
  // mix = V1 × (Σ s1·c0 − Σ s0·c0) = Σ i1·c0 − V1·C0/V0
  const mix = i1c0.minus(v1.times(c0).div(v0)).toDecimalPlaces(PLACES);
  const rate = c1.minus(c0).minus(volume).minus(mix);
  return { volume, mix, rate, new: added, retired };
}

/** The bridge with the line for cost without volume (the workbook's Cost Bridge). */
export interface ReviewBridge extends Bridge {
  noVolume: Decimal;
}

/** A side has cost but no inference count (blank or 0): its cost per inference is unknown. */
function unmeasured(s: BridgeSide): boolean {
  return s.cost !== null && !s.cost.isZero() && (s.inferences === null || s.inferences.isZero());
}

/**
 * The bridge of the Cost Bridge sheet: a key with cost but no inferences on either side goes
 * whole (current − prior cost) to `noVolume`; the other keys go to `costBridge`. The six lines
 * sum to Σ current − Σ prior cost exactly.
 */
export function reviewBridge(keys: readonly BridgeKey[]): ReviewBridge {
  let noVolume = ZERO;
  const measured: BridgeKey[] = [];
  for (const k of keys) {
    if (unmeasured(k.prior) || unmeasured(k.current)) noVolume = noVolume.plus(k.current.cost ?? ZERO).minus(k.prior.cost ?? ZERO);
    else measured.push(k);
  }
  return { ...costBridge(measured), noVolume };
}
