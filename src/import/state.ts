/**
 * What the engine accumulates while it reads: cost, volume and value entries per period ×
 * key × … × file, the tag keys seen, and which kinds of billing file were read.
 */
import type { DecimalSum } from "../core/money";

/** Separates the parts of a composite map key (a character no export holds). */
export const SEP = "\u001f";

export interface CostEntry {
  period: string;
  /** Key value from the mapper (in default mode: the `model` tag); null = none. */
  key: string | null;
  /** The mapper's key is final whatever the default (generic files). */
  keyFinal: boolean;
  provider: string;
  service: string;
  chargeCategory: string;
  currency: string;
  source: string;
  fileIndex: number;
  /** Rows added into this entry. */
  rows: number;
  sum: DecimalSum;
}

export interface VolumeEntry {
  period: string;
  key: string;
  source: string;
  fileIndex: number;
  rows: number;
  inferences: number;
  inTok: number | null;
  outTok: number | null;
}

export interface ValueEntry {
  period: string;
  key: string;
  currency: string;
  source: string;
  fileIndex: number;
  rows: number;
  sum: DecimalSum;
}

/** Everything summarize accumulates across files. */
export class State {
  cost = new Map<string, CostEntry>();
  volume = new Map<string, VolumeEntry>();
  value = new Map<string, ValueEntry>();
  tagKeys = new Set<string>();
  /** The key of each generic billing file: `column:NAME` (its mapped key column) or `(none)`. */
  genericKeys = new Set<string>();
  /** A billing file in a recognised format was read (its key follows `--key`). */
  recognisedBilling = false;
}
