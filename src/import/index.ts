/** The import engine's public face (no DOM, no Node). */
export { inspect, summarize, newReport, LIMITS, UNATTRIBUTED, BILLING_CURRENCY, MAX_REJECTED_LISTED } from "./engine";
export { caseMergeText } from "./report-text";
export { foldKey, cleanKey, NO_KEY } from "./keys";
export { matchReport, type MatchReport } from "./match";
export { ImportError, MAPPABLE_CODES } from "./types";
export type * from "./types";
export { detectBilling, detectAny } from "./formats/index";
