/** `AI Import Log` (hidden, table `AiImportLog`): one row per imported file (src/import/importlog.ts). */
import type { LogEntry } from "../../import/importlog";
import { safeText } from "../safeText";
import { columns, type KeyOf } from "./columns";

/** Totals as `USD 1234.5; EUR 10` (text: exact, as the engine summed them). */
export function totalsText(totals: Record<string, string>): string {
  return Object.keys(totals)
    .sort()
    .map((c) => `${c} ${totals[c]}`)
    .join("; ");
}

export function parseTotals(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(";")) {
    const [cur, amount] = part.trim().split(/\s+/);
    if (cur !== undefined && cur !== "" && amount !== undefined) out[cur] = amount;
  }
  return out;
}

export const LOG = columns<LogEntry>()([
  { key: "file", header: "File", cell: (r) => safeText(r.file), minWidth: 180 },
  { key: "bytes", header: "Bytes", cell: (r) => r.bytes, format: "#,##0" },
  { key: "sha256", header: "SHA-256", cell: (r) => safeText(r.sha256), minWidth: 120 },
  { key: "kind", header: "Kind", cell: (r) => safeText(r.kind) },
  { key: "format", header: "Format", cell: (r) => safeText(r.format) },
  { key: "provider", header: "Provider", cell: (r) => safeText(r.provider) },
  { key: "periods", header: "Periods", cell: (r) => safeText(r.periods.join(", ")), minWidth: 120 },
  { key: "rowsUsed", header: "Rows used", cell: (r) => r.rowsUsed, format: "#,##0" },
  { key: "totals", header: "Totals", cell: (r) => safeText(totalsText(r.totals)), minWidth: 120 },
  { key: "imported", header: "Imported", cell: (r) => safeText(r.imported), minWidth: 140 },
]);

export type LogKey = KeyOf<typeof LOG>;
