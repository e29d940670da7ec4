/** A sheet that is one column table: the block, its number formats, table, widths and band colours. */
import type { ChartPlan, FormatPlan, PlanNames, SheetId, SheetPlan } from "./types";
import type { ColumnTable, PlacedTable } from "./columns";
import { DATA_STYLE, FIGURE_STYLE } from "./names";

export interface TableSheetOptions {
  /** Number formats when not the table's own in column order. */
  formats?: FormatPlan[];
  charts?: ChartPlan[];
}

/** A data sheet (constants) or a figure sheet (formulas) holding one table, header frozen. */
export function tableSheet<K extends string, R, C>(
  kind: "data" | "figures",
  id: SheetId,
  names: PlanNames,
  t: PlacedTable<K, R, C>,
  o: TableSheetOptions = {},
): SheetPlan {
  return {
    id,
    name: names.sheets[id],
    blocks: [t.block(kind === "data" ? "values" : "formulas")],
    formats: o.formats ?? t.formats(),
    tables: [t.tablePlan(id, names.tables[id], kind === "data" ? DATA_STYLE : FIGURE_STYLE)],
    charts: o.charts ?? [],
    conditionalFormats: t.conditionalFormats(),
    columnWidths: t.widths(),
    freezeRows: 1,
  };
}

/** A data sheet: the records as they were imported, one row each, constants only. */
export function planDataSheet<K extends string, R>(
  id: "cost" | "volume" | "value",
  table: ColumnTable<K, R, void>,
  records: readonly R[],
  names: PlanNames,
): { sheet: SheetPlan; data: PlacedTable<K, R, void> } {
  const data = table.place(names.sheets[id], records, undefined);
  return { sheet: tableSheet("data", id, names, data), data };
}
