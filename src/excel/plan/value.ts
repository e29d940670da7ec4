/** `AI Value Data`: one row per value record, as imported. */
import type { ValueRecord } from "../../import/types";
import { safeText } from "../safeText";
import { amountFormat } from "../formats";
import { columns, type KeyOf, type PlacedTable } from "./columns";
import { toCellNumber } from "./model";

export const VALUE = columns<ValueRecord>()([
  { key: "period", header: "Period", cell: (r) => safeText(r.period) },
  { key: "key", header: "Key", cell: (r) => safeText(r.key) },
  { key: "value", header: "Value", cell: (r) => toCellNumber(r.value), format: (r) => amountFormat(r.currency) },
  { key: "currency", header: "Currency", cell: (r) => safeText(r.currency) },
  { key: "method", header: "Method", cell: (r) => safeText(r.method) },
  { key: "source", header: "Source", cell: (r) => safeText(r.source) },
]);

export type ValueData = PlacedTable<KeyOf<typeof VALUE>, ValueRecord, void>;

