/**
 * `Data Checks`: the match report of the import (`src/import/match.ts`), one row per finding,
 * constants (a record of what the import found, not a live figure). Findings, in order:
 *  - per period and currency: the unattributed share of cost, and the groups with cost and no volume;
 *  - per period: volume without any cost;
 *  - per source: the keys and the periods that matched nothing on the other side, with their
 *    cost, value or inferences; the keys merged by case or surrounding spaces.
 * The pane's match report and its status line count the same findings (`checkCounts`).
 */
import type { MatchReport } from "../../import/match";
import { NO_KEY } from "../../import/keys";
import { safeText } from "../safeText";
import { CHANGE_FORMAT, COUNT_FORMAT, amountFormat } from "../formats";
import { columns } from "./columns";
import { toCellNumber } from "./model";
import { tableSheet } from "./sheet";
import type { PlanNames, SheetPlan } from "./types";

/** The names of the checks, as the sheet and the pane write them. */
export const CHECKS = {
  unattributed: "Unattributed share",
  costWithoutVolume: "Cost without volume",
  volumeWithoutCost: "Volume without cost",
  keyWithoutVolume: "Key without volume",
  keyWithoutCost: "Key without cost",
  periodWithoutVolume: "Period without volume",
  periodWithoutCost: "Period without cost",
  merged: "Key merged",
  none: "No problem found",
} as const;

export interface CheckRow {
  check: string;
  source: string;
  period: string;
  key: string;
  currency: string;
  /** Exact cost or value; "" when none. */
  amount: string;
  inferences: number | null;
  /** Rows merged, or groups without volume. */
  count: number | null;
  /** Exact share 0–1, or null. */
  share: string | null;
  detail: string;
}

const row = (r: Partial<CheckRow> & { check: string }): CheckRow => ({
  source: "",
  period: "",
  key: "",
  currency: "",
  amount: "",
  inferences: null,
  count: null,
  share: null,
  detail: "",
  ...r,
});

/** Every finding of a match report, as rows. */
export function matchFindings(m: MatchReport): CheckRow[] {
  const out: CheckRow[] = [];
  for (const p of m.periods) {
    out.push(
      row({
        check: CHECKS.unattributed,
        period: p.period,
        currency: p.currency,
        amount: p.unattributedCost,
        share: p.unattributedShare,
        detail: `share of the period's cost of ${p.cost} ${p.currency}`,
      }),
    );
  }
  for (const p of m.periods) {
    if (p.groupsWithoutVolume === 0) continue;
    out.push(
      row({
        check: CHECKS.costWithoutVolume,
        period: p.period,
        currency: p.currency,
        amount: p.costWithoutVolume,
        count: p.groupsWithoutVolume,
        detail: `cost and no volume for ${p.groupsWithoutVolume} ${p.groupsWithoutVolume === 1 ? "key" : "keys"}: no cost per inference`,
      }),
    );
  }
  for (const v of m.volumeWithoutCost) {
    out.push(row({ check: CHECKS.volumeWithoutCost, period: v.period, inferences: v.inferences, detail: "no billing file has cost in this period" }));
  }
  for (const s of m.sources) {
    const billing = s.kind === "billing";
    for (const k of s.unmatchedKeys) {
      const check = billing ? CHECKS.keyWithoutVolume : CHECKS.keyWithoutCost;
      const detail = billing ? "no volume file has this key" : k.key === NO_KEY ? "the file has no key column: give it the key it belongs to" : "no billing file has this key";
      const currencies = Object.keys(k.amounts);
      if (currencies.length === 0) out.push(row({ check, source: s.file, key: k.key, inferences: k.inferences, detail }));
      for (const c of currencies) out.push(row({ check, source: s.file, key: k.key, currency: c, amount: k.amounts[c], detail }));
    }
    for (const p of s.unmatchedPeriods) {
      const check = billing ? CHECKS.periodWithoutVolume : CHECKS.periodWithoutCost;
      const detail = billing ? "no volume file has this period" : "no billing file has cost in this period";
      const currencies = Object.keys(p.amounts);
      if (currencies.length === 0) out.push(row({ check, source: s.file, period: p.period, inferences: p.inferences, detail }));
      for (const c of currencies) out.push(row({ check, source: s.file, period: p.period, currency: c, amount: p.amounts[c], detail }));
    }
    for (const g of s.merges) {
      out.push(
        row({
          check: CHECKS.merged,
          source: s.file,
          key: g.spelling,
          count: g.rows,
          detail: `merged into ${g.mergedInto} (${g.how === "spaces" ? "surrounding spaces removed" : "Excel compares text ignoring case"})`,
        }),
      );
    }
  }
  if (!m.hasVolume) out.push(row({ check: CHECKS.keyWithoutVolume, detail: "no volume file was imported: no key has a cost per inference" }));
  return out;
}

const CHECK_COLUMNS = columns<CheckRow>()([
  { key: "check", header: "Check", cell: (r) => r.check, minWidth: 130 },
  { key: "source", header: "Source", cell: (r) => safeText(r.source) },
  { key: "period", header: "Period", cell: (r) => safeText(r.period) },
  // Keys are written as found (a trailing space shows in the merge rows).
  { key: "key", header: "Key", cell: (r) => safeText(r.key) },
  { key: "currency", header: "Currency", cell: (r) => safeText(r.currency) },
  { key: "amount", header: "Cost or value", cell: (r) => (r.amount === "" ? "" : toCellNumber(r.amount)), format: (r) => amountFormat(r.currency), minWidth: 100 },
  { key: "inferences", header: "Inferences", cell: (r) => r.inferences ?? "", format: COUNT_FORMAT },
  { key: "count", header: "Rows or keys", cell: (r) => r.count ?? "", format: COUNT_FORMAT },
  { key: "share", header: "Share", cell: (r) => (r.share === null ? "" : toCellNumber(r.share)), format: CHANGE_FORMAT },
  { key: "detail", header: "Detail", cell: (r) => safeText(r.detail) },
]);

export function planChecksSheet(m: MatchReport, names: PlanNames): SheetPlan {
  const rows = matchFindings(m);
  const t = CHECK_COLUMNS.place(names.sheets.checks, rows.length > 0 ? rows : [row({ check: CHECKS.none })], undefined);
  return tableSheet("data", "checks", names, t);
}
