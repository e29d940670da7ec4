/**
 * Benchmark bands of the standard "Cost Per AI Inference vs Value Delivered":
 * ROI multiple >= 10 Excellent, >= 3 Good, >= 1 Marginal, otherwise Unsustainable.
 * Every lower bound is inclusive.
 */
import { Decimal } from "./decimal";

export type Band = "Excellent" | "Good" | "Marginal" | "Unsustainable";

export const BANDS: readonly Band[] = ["Excellent", "Good", "Marginal", "Unsustainable"];

export const BAND_ACTIONS: Readonly<Record<Band, string>> = {
  Excellent: "Invest in scaling",
  Good: "Keep optimising",
  Marginal: "Optimise serving infrastructure",
  Unsustainable: "Redesign or decommission",
};

/** Lower bounds of Excellent, Good and Marginal, strictly descending. */
export type Cutoffs = readonly [Decimal, Decimal, Decimal];

export const DEFAULT_CUTOFFS: Cutoffs = [new Decimal(10), new Decimal(3), new Decimal(1)];

/** True when the three cutoffs are strictly descending. */
export function cutoffsValid(c: readonly Decimal[]): c is Cutoffs {
  return c.length === 3 && c[0].gt(c[1]) && c[1].gt(c[2]);
}

/** DEFAULT_CUTOFFS as plain numbers. */
export const DEFAULT_CUTOFF_NUMBERS: readonly number[] = [10, 3, 1];

/**
 * bandFor on a plain number against cutoffs that are plain numbers: the same band, since
 * doubles order exactly as their decimal readings do.
 */
export function bandForNumber(roi: number, cutoffs: readonly number[]): Band {
  if (roi >= cutoffs[0]) return "Excellent";
  if (roi >= cutoffs[1]) return "Good";
  if (roi >= cutoffs[2]) return "Marginal";
  return "Unsustainable";
}

export function bandFor(roi: Decimal, cutoffs: Cutoffs = DEFAULT_CUTOFFS): Band {
  if (roi.gte(cutoffs[0])) return "Excellent";
  if (roi.gte(cutoffs[1])) return "Good";
  if (roi.gte(cutoffs[2])) return "Marginal";
  return "Unsustainable";
}

export function actionFor(band: Band): string {
  return BAND_ACTIONS[band];
}
