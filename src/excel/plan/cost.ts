/** `AI Cost Data`: one row per cost record, as imported. */
import type { CostRecord } from "../../import/types";
import { safeText } from "../safeText";
import { amountFormat } from "../formats";
import { columns, type KeyOf, type PlacedTable } from "./columns";
import { toCellNumber } from "./model";

export const COST = columns<CostRecord>()([
  { key: "period", header: "Period", cell: (r) => safeText(r.period) },
  { key: "key", header: "Key", cell: (r) => safeText(r.key) },
  { key: "provider", header: "Provider", cell: (r) => safeText(r.provider) },
  { key: "service", header: "Service", cell: (r) => safeText(r.service) },
  { key: "chargeCategory", header: "Charge category", cell: (r) => safeText(r.chargeCategory) },
  { key: "currency", header: "Currency", cell: (r) => safeText(r.currency) },
  { key: "cost", header: "Cost", cell: (r) => toCellNumber(r.cost), format: (r) => amountFormat(r.currency) },
  { key: "source", header: "Source", cell: (r) => safeText(r.source) },
]);

export type CostData = PlacedTable<KeyOf<typeof COST>, CostRecord, void>;

