/**
 * One accumulator per file kind: the row handler that adds a mapped billing, volume or value
 * row into the import's state, and the bookkeeping of one file's rows (rejected, skipped and
 * warned rows with their lines; the periods and currencies seen; the file's totals).
 */
import { Decimal } from "../core/decimal";
import { checkAmount } from "../core/excel-number";
import { DecimalSum } from "../core/money";
import { type CsvRecord, detach } from "./csv";
import { type BillingMapper, type RowIssue, normCurrency } from "./formats/common";
import type { ValueMapper, VolumeMapper } from "./formats/volume";
import { UNATTRIBUTED } from "./keys";
import type { Periods } from "./periods";
import { type CostEntry, type State, type ValueEntry, SEP } from "./state";
import type { ImportOptions, SourceReport } from "./types";

/** At most this many rejected rows are listed per file (rowsRejected counts them all). */
export const MAX_REJECTED_LISTED = 1000;

export type RowHandler = (rec: CsvRecord) => void;

/** The bookkeeping of one file's rows, into its report. */
export class FileBook {
  /** A multi-part source: the part a rejected row is in (`part NAME: `), else "". */
  partPrefix = "";
  private pMin: string | null = null;
  private pMax: string | null = null;
  readonly currencies = new Set<string>();
  /** The file's cost entries (merged into the state when the file is read). */
  readonly entries: CostEntry[] = [];
  /** The file's value entries (already in the state; kept for the file's totals). */
  readonly values: ValueEntry[] = [];
  inferences = 0;

  constructor(
    readonly report: SourceReport,
    private readonly periods: Periods,
  ) {}

  reject(line: number, reason: string): void {
    const report = this.report;
    report.rowsRejected++;
    if (report.rejected.length < MAX_REJECTED_LISTED) report.rejected.push({ line, reason: detach(this.partPrefix + reason) });
  }

  /** An amount that does not fit a cell is a rejected row; one Excel rounds is used, with a warning. */
  fits(line: number, amount: string, what: string): boolean {
    const chk = checkAmount(amount, what);
    if (chk === null) return true;
    if ("reject" in chk) {
      this.reject(line, chk.reject);
      return false;
    }
    const report = this.report;
    report.rowsWarned = (report.rowsWarned ?? 0) + 1;
    if ((report.warnings ??= []).length < MAX_REJECTED_LISTED) report.warnings.push({ line, reason: chk.warn });
    return true;
  }

  skip(reason: string): void {
    const report = this.report;
    report.rowsSkipped++;
    const r = detach(reason);
    report.skipped[r] = (report.skipped[r] ?? 0) + 1;
  }

  /** The period of a mapped row; null once its skip or rejection (with its line) is recorded. */
  admit(line: number, issue: RowIssue, dateColumn: string, date: string, epoch: boolean): string | null {
    if (issue !== undefined) {
      if ("reject" in issue) this.reject(line, issue.reject);
      else this.skip(issue.skip);
      return null;
    }
    const p = this.periods.get(date, epoch);
    if (p === null) this.reject(line, this.periods.why(dateColumn, date));
    return p;
  }

  seePeriod(p: string): void {
    if (this.pMin === null || p < this.pMin) this.pMin = p;
    if (this.pMax === null || p > this.pMax) this.pMax = p;
  }

  /**
   * The file is read: its cost entries go into the state (added to an equal entry of the same
   * file), and its report gets its totals per currency, currencies and period range.
   */
  commit(state: State, fileIndex: number): void {
    const report = this.report;
    const totals = new Map<string, Decimal>();
    const add = (currency: string, d: Decimal): void => {
      totals.set(currency, (totals.get(currency) ?? new Decimal(0)).plus(d));
    };
    for (const e of this.entries) {
      const k = [e.period, e.key ?? "", e.provider, e.service, e.chargeCategory, e.currency, fileIndex].join(SEP);
      const prev = state.cost.get(k);
      if (prev === undefined) state.cost.set(k, e);
      else {
        prev.sum.addDecimal(e.sum.value());
        prev.rows += e.rows;
      }
      add(e.currency, e.sum.value());
    }
    for (const e of this.values) add(e.currency, e.sum.value());
    report.totals = Object.fromEntries([...totals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, d]) => [c, d.toFixed()]));
    report.currencies = [...new Set([...this.currencies, ...this.values.map((v) => v.currency)])].filter((c) => c !== "").sort();
    report.periodRange = this.pMin !== null && this.pMax !== null ? { first: this.pMin, last: this.pMax } : null;
    if (report.kind === "volume") report.inferences = this.inferences;
  }
}

/** The file a handler reads: its name, its index in the import, and a key given for all its rows. */
export interface FileTarget {
  file: string;
  fileIndex: number;
  fixedKey: string | undefined;
}

/**
 * Billing rows: summed exactly per period × key × provider × service × charge category ×
 * currency. `keyFinal`: the mapper's key is the key whatever the default (generic, groups).
 */
export function costAccumulator(book: FileBook, m: BillingMapper, keyFinal: boolean, t: FileTarget): RowHandler {
  const report = book.report;
  const out = m.out;
  const epoch = m.epochSeconds === true;
  const fixedKey = t.fixedKey;
  const local = new Map<string, CostEntry>();
  let last: CostEntry | null = null;
  return (rec) => {
    const p = book.admit(rec.line, m.map(rec), m.dateColumn, out.date, epoch);
    if (p === null || !book.fits(rec.line, out.cost, "the cost")) return;
    const key = fixedKey ?? out.key;
    const cur = normCurrency(out.currency);
    // Exports are usually sorted: a row like the one before adds to the same entry.
    if (
      last !== null &&
      p === last.period &&
      key === last.key &&
      out.service === last.service &&
      cur === last.currency &&
      out.chargeCategory === last.chargeCategory &&
      out.provider === last.provider
    ) {
      last.sum.add(out.cost);
      last.rows++;
      report.rowsUsed++;
      return;
    }
    const k = p + SEP + (key ?? "") + SEP + out.provider + SEP + out.service + SEP + out.chargeCategory + SEP + cur;
    let e = local.get(k);
    if (e === undefined) {
      e = {
        period: p,
        key: key === null ? null : detach(key),
        keyFinal: keyFinal || fixedKey !== undefined,
        provider: detach(out.provider),
        service: detach(out.service),
        chargeCategory: detach(out.chargeCategory),
        currency: detach(cur),
        source: t.file,
        fileIndex: t.fileIndex,
        rows: 0,
        sum: new DecimalSum(),
      };
      local.set(k, e);
      book.entries.push(e);
      book.currencies.add(e.currency);
      book.seePeriod(p);
    }
    e.sum.add(out.cost);
    e.rows++;
    last = e;
    report.rowsUsed++;
  };
}

/** Volume rows: inferences (and tokens where given) per period × key × file; each request to `onRequest`. */
export function volumeAccumulator(book: FileBook, state: State, m: VolumeMapper, epoch: boolean, onRequest: ImportOptions["onRequest"], t: FileTarget): RowHandler {
  const report = book.report;
  const out = m.out;
  return (rec) => {
    const p = book.admit(rec.line, m.map(rec), m.dateColumn, out.date, epoch);
    if (p === null) return;
    const key = t.fixedKey ?? out.key ?? UNATTRIBUTED;
    const k = p + SEP + key + SEP + t.fileIndex;
    let e = state.volume.get(k);
    if (e === undefined) {
      e = { period: p, key: detach(key), source: t.file, fileIndex: t.fileIndex, rows: 0, inferences: 0, inTok: null, outTok: null };
      state.volume.set(k, e);
      book.seePeriod(p);
    }
    e.inferences += out.count;
    e.rows++;
    if (out.inTok !== null) e.inTok = (e.inTok ?? 0) + out.inTok;
    if (out.outTok !== null) e.outTok = (e.outTok ?? 0) + out.outTok;
    book.inferences += out.count;
    report.rowsUsed++;
    onRequest?.(e.period, e.key, out.inTok, out.outTok, t.file);
  };
}

/** Value rows: summed exactly per period × key × currency × file ("" = the billing currency, resolved later). */
export function valueAccumulator(book: FileBook, state: State, m: ValueMapper, t: FileTarget): RowHandler {
  const report = book.report;
  const out = m.out;
  return (rec) => {
    const p = book.admit(rec.line, m.map(rec), m.dateColumn, out.date, false);
    if (p === null || !book.fits(rec.line, out.value, "the value")) return;
    const key = t.fixedKey ?? out.key ?? UNATTRIBUTED;
    const cur = normCurrency(out.currency);
    const k = p + SEP + key + SEP + cur + SEP + t.fileIndex;
    let e = state.value.get(k);
    if (e === undefined) {
      e = { period: p, key: detach(key), currency: detach(cur), source: t.file, fileIndex: t.fileIndex, rows: 0, sum: new DecimalSum() };
      state.value.set(k, e);
      book.values.push(e);
      book.seePeriod(p);
    }
    e.sum.add(out.value);
    e.rows++;
    report.rowsUsed++;
  };
}
