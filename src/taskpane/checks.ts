/**
 * What the pane says about matching, before and after Import:
 *  - before: a volume or value file whose periods overlap no billing file's periods (from the
 *    file cards' period ranges), a warning, never a silent "complete";
 *  - after: the match report (src/import/match.ts) in sentences, counting the same findings as
 *    the `Data Checks` sheet.
 */
import type { MatchReport } from "../import/match";
import { NO_KEY } from "../import/keys";
import { labelSpan, type FileEntry } from "./model";
import { formatCount, formatTotals } from "./numbers";

/** Most keys or periods named in one sentence (the rest are counted). */
const LISTED = 5;

function spanOf(e: FileEntry): [number, number] | null {
  const r = e.report?.periodRange;
  if (!r) return null;
  const a = labelSpan(r.first);
  const b = labelSpan(r.last);
  return a && b ? [a[0], b[1]] : null;
}

/** One warning per volume or value file whose period range overlaps no billing file's. */
export function overlapWarnings(entries: readonly FileEntry[]): string[] {
  const billing = entries.filter((e) => e.kind === "billing" && e.status === "ready").map(spanOf).filter((s): s is [number, number] => s !== null);
  if (billing.length === 0) return [];
  const out: string[] = [];
  for (const e of entries) {
    if (e.kind === "billing" || e.status !== "ready") continue;
    const s = spanOf(e);
    const r = e.report?.periodRange;
    if (s === null || !r) continue;
    if (billing.some((b) => s[0] <= b[1] && b[0] <= s[1])) continue;
    const bill = entries
      .filter((x) => x.kind === "billing" && x.report?.periodRange)
      .map((x) => (x.report!.periodRange!.first === x.report!.periodRange!.last ? x.report!.periodRange!.first : `${x.report!.periodRange!.first} to ${x.report!.periodRange!.last}`));
    const own = r.first === r.last ? r.first : `${r.first} to ${r.last}`;
    out.push(
      `Warning: ${e.name} covers ${own}, which overlaps no billing period (${[...new Set(bill)].join(", ")}): ` +
        `its ${e.kind === "volume" ? "inferences" : "value"} will match no cost.`,
    );
  }
  return out;
}

function listed<T>(items: readonly T[], text: (x: T) => string): string {
  const head = items.slice(0, LISTED).map(text).join(", ");
  return items.length > LISTED ? `${head} and ${formatCount(items.length - LISTED)} more` : head;
}

const amountText = (amounts: Record<string, string>): string => (Object.keys(amounts).length === 0 ? "" : formatTotals(amounts));

/** The match report as status lines; empty findings say nothing. */
export function matchLines(m: MatchReport): string[] {
  const lines: string[] = [];
  const n = m.totals.groupsWithoutVolume;
  if (n > 0) lines.push(`${formatCount(n)} ${n === 1 ? "group has" : "groups have"} cost and no volume data, so no cost per inference.`);
  for (const s of m.sources) {
    const keys = s.unmatchedKeys;
    if (keys.length > 0) {
      const what = s.kind === "billing" ? (keys.length === 1 ? "key has no volume" : "keys have no volume") : keys.length === 1 ? "key matches no cost" : "keys match no cost";
      lines.push(
        `${s.file}: ${formatCount(keys.length)} ${what}: ` +
          listed(keys, (k) => `${k.key} (${s.kind === "volume" ? `${formatCount(k.inferences)} inferences` : amountText(k.amounts)})`) +
          ".",
      );
    }
    const periods = s.unmatchedPeriods;
    if (periods.length > 0) {
      const what = s.kind === "billing" ? (periods.length === 1 ? "period has no volume" : "periods have no volume") : periods.length === 1 ? "period has no cost" : "periods have no cost";
      lines.push(
        `${s.file}: ${formatCount(periods.length)} ${what}: ` +
          listed(periods, (p) => `${p.period} (${s.kind === "volume" ? `${formatCount(p.inferences)} inferences` : amountText(p.amounts)})`) +
          ".",
      );
    }
  }
  if (m.noKeyInferences > 0) {
    lines.push(
      `${formatCount(m.noKeyInferences)} inferences have no key (a request log without a key column): they are counted under ${NO_KEY} and ` +
        `matched to no cost, since the cost has keys. Give the file the key it belongs to.`,
    );
  }
  const shares = m.periods.filter((p) => p.unattributedShare !== null && Number(p.unattributedShare) !== 0);
  if (shares.length > 0) {
    lines.push(
      `Unattributed cost: ` +
        listed(shares, (p) => `${(Number(p.unattributedShare) * 100).toFixed(1)}% of ${p.currency} cost in ${p.period}`) +
        ".",
    );
  }
  if (lines.length > 0) lines.push("The Data Checks sheet lists every finding.");
  return lines;
}
