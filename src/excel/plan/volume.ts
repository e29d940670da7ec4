/** `AI Volume Data`: one row per volume record, as imported. */
import type { VolumeRecord } from "../../import/types";
import { safeText } from "../safeText";
import { COUNT_FORMAT } from "../formats";
import { columns, type KeyOf, type PlacedTable } from "./columns";

export const VOLUME = columns<VolumeRecord>()([
  { key: "period", header: "Period", cell: (r) => safeText(r.period) },
  { key: "key", header: "Key", cell: (r) => safeText(r.key) },
  { key: "inferences", header: "Inferences", cell: (r) => r.inferences, format: COUNT_FORMAT },
  { key: "inputTokens", header: "Input tokens", cell: (r) => r.inputTokens ?? "", format: COUNT_FORMAT },
  { key: "outputTokens", header: "Output tokens", cell: (r) => r.outputTokens ?? "", format: COUNT_FORMAT },
  { key: "source", header: "Source", cell: (r) => safeText(r.source) },
]);

export type VolumeData = PlacedTable<KeyOf<typeof VOLUME>, VolumeRecord, void>;

