/**
 * The import log (`AI Import Log`, table `AiImportLog`): one entry per imported file, so that
 * nothing is counted twice. A file whose bytes (SHA-256) are already in the log is refused; a
 * file whose records fall on periods that earlier records of the same provider (cost), key
 * (volume) or key and currency (value) already hold replaces them only when the user agrees
 * (a re-issued month), and its records are then never added beside the old ones.
 * Pure: no Excel, no DOM.
 */
import { DecimalSum } from "../core/money";
import type { FileDigest } from "./digest";
import { groupsOf } from "./groups";
import type { CostRecord, ImportResult, SourceKind, ValueRecord, VolumeRecord } from "./types";

export interface LogEntry {
  file: string;
  bytes: number;
  sha256: string;
  kind: SourceKind;
  format: string;
  /** Providers of the file's cost records, `; `-separated (billing). */
  provider: string;
  /** Period labels of the file's records, sorted. */
  periods: string[];
  rowsUsed: number;
  /** Currency → exact total. */
  totals: Record<string, string>;
  /** ISO time of the import. */
  imported: string;
}

/** Records of the three data tables, as written (or read back from the workbook). */
export interface DataRecords {
  cost: CostRecord[];
  volume: VolumeRecord[];
  value: ValueRecord[];
}

/** The log entries of an import: one per source, with the digest of its bytes. */
export function logEntriesOf(result: ImportResult, digests: readonly (FileDigest | null)[], when: Date): LogEntry[] {
  return result.sources.map((s, i) => {
    const d = digests[i] ?? null;
    if (d === null) throw new Error(`the file ${s.file} was not read to its end: no digest for the import log`);
    const periods = new Set<string>();
    const providers = new Set<string>();
    const recs: { period: string; source: string }[] = s.kind === "billing" ? result.costRecords : s.kind === "volume" ? result.volumeRecords : result.valueRecords;
    for (const r of recs) if (r.source === s.file) periods.add(r.period);
    if (s.kind === "billing") for (const r of result.costRecords) if (r.source === s.file) providers.add(r.provider);
    return {
      file: s.file,
      bytes: d.bytes,
      sha256: d.sha256,
      kind: s.kind,
      format: s.format,
      provider: [...providers].sort().join("; "),
      periods: [...periods].sort(),
      rowsUsed: s.rowsUsed,
      totals: { ...s.totals },
      imported: when.toISOString(),
    };
  });
}

/** A file already imported (same bytes). */
export interface Duplicate {
  file: string;
  earlier: LogEntry;
}

/** Files whose bytes are in the log already, or given twice in this import. */
export function findDuplicates(log: readonly LogEntry[], entries: readonly LogEntry[]): Duplicate[] {
  const seen = new Map<string, LogEntry>(log.map((e) => [e.sha256, e]));
  const out: Duplicate[] = [];
  for (const e of entries) {
    const earlier = seen.get(e.sha256);
    if (earlier !== undefined) out.push({ file: e.file, earlier });
    else seen.set(e.sha256, e);
  }
  return out;
}

export function duplicateMessage(d: readonly Duplicate[]): string {
  return (
    d
      .map((x) => `${x.file} was already imported${x.earlier.imported === "" ? "" : ` on ${x.earlier.imported.slice(0, 16).replace("T", " ")} UTC`} as ${x.earlier.file} (same bytes, SHA-256 ${x.earlier.sha256.slice(0, 12)}…)`)
      .join("; ") + ". Nothing was imported."
  );
}

/** Earlier records that records of a new file would count a second time. */
export interface Overlap {
  file: string;
  kind: SourceKind;
  /** The periods both hold, sorted. */
  periods: string[];
  /** Sources of the earlier records. */
  earlier: string[];
  /** Earlier records that a replacement removes. */
  rows: number;
}

const SEP = "\u001f";
const costId = (r: CostRecord): string => r.period + SEP + r.provider;
const volumeId = (r: VolumeRecord): string => r.period + SEP + r.key;
const valueId = (r: ValueRecord): string => r.period + SEP + r.key + SEP + r.currency;

interface Side<R> {
  kind: SourceKind;
  id: (r: R) => string;
  old: readonly R[];
  add: readonly R[];
}

function sides(existing: DataRecords, incoming: DataRecords): [Side<CostRecord>, Side<VolumeRecord>, Side<ValueRecord>] {
  return [
    { kind: "billing", id: costId, old: existing.cost, add: incoming.cost },
    { kind: "volume", id: volumeId, old: existing.volume, add: incoming.volume },
    { kind: "value", id: valueId, old: existing.value, add: incoming.value },
  ];
}

function overlapsOf<R extends { period: string; source: string }>(side: Side<R>): Overlap[] {
  const oldIds = new Map<string, R[]>();
  for (const r of side.old) {
    const id = side.id(r);
    const list = oldIds.get(id);
    if (list) list.push(r);
    else oldIds.set(id, [r]);
  }
  const byFile = new Map<string, { periods: Set<string>; earlier: Set<string>; ids: Set<string> }>();
  for (const r of side.add) {
    const id = side.id(r);
    const hit = oldIds.get(id);
    if (hit === undefined) continue;
    let o = byFile.get(r.source);
    if (o === undefined) byFile.set(r.source, (o = { periods: new Set(), earlier: new Set(), ids: new Set() }));
    o.periods.add(r.period);
    o.ids.add(id);
    for (const h of hit) o.earlier.add(h.source);
  }
  return [...byFile].map(([file, o]) => ({
    file,
    kind: side.kind,
    periods: [...o.periods].sort(),
    earlier: [...o.earlier].sort(),
    rows: [...o.ids].reduce((n, id) => n + (oldIds.get(id)?.length ?? 0), 0),
  }));
}

/** Where new records fall on periods that earlier records of the same provider / key already hold. */
export function findOverlaps(existing: DataRecords, incoming: DataRecords): Overlap[] {
  const [c, v, x] = sides(existing, incoming);
  return [...overlapsOf(c), ...overlapsOf(v), ...overlapsOf(x)];
}

export function overlapQuestion(o: readonly Overlap[]): string {
  return o
    .map((x) => `${x.file} holds ${x.periods.join(", ")}, which the workbook already has from ${x.earlier.join(", ")} (${x.rows} row${x.rows === 1 ? "" : "s"})`)
    .join("; ") + ". Replace those periods with the new files?";
}

/**
 * The records after a refresh: the existing ones in their order (without those the new records
 * replace), then the new ones. `kept` gives, per table, the index in `existing` of each kept row
 * (so that cells the user added beside a row stay beside it).
 */
export function mergeRecords(existing: DataRecords, incoming: DataRecords): DataRecords & { kept: { cost: number[]; volume: number[]; value: number[] } } {
  const [c, v, x] = sides(existing, incoming);
  const keep = <R>(s: Side<R>): number[] => {
    const ids = new Set(s.add.map(s.id));
    const out: number[] = [];
    s.old.forEach((r, i) => {
      if (!ids.has(s.id(r))) out.push(i);
    });
    return out;
  };
  const kept = { cost: keep(c), volume: keep(v), value: keep(x) };
  return {
    cost: [...kept.cost.map((i) => existing.cost[i]), ...incoming.cost],
    volume: [...kept.volume.map((i) => existing.volume[i]), ...incoming.volume],
    value: [...kept.value.map((i) => existing.value[i]), ...incoming.value],
    kept,
  };
}

/** An ImportResult over merged records: the new files' reports, the groups and totals of all records. */
export function mergedResult(incoming: ImportResult, merged: DataRecords): ImportResult {
  const totals = new Map<string, DecimalSum>();
  for (const r of merged.cost) {
    let t = totals.get(r.currency);
    if (t === undefined) totals.set(r.currency, (t = new DecimalSum()));
    t.add(r.cost);
  }
  return {
    ...incoming,
    costRecords: merged.cost,
    volumeRecords: merged.volume,
    valueRecords: merged.value,
    groups: groupsOf(merged.cost, merged.volume, merged.value),
    totals: Object.fromEntries([...totals.keys()].sort().map((k) => [k, totals.get(k)!.value().toFixed()])),
  };
}
