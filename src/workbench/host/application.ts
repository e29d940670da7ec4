/** `Excel.Application` of the workbench host: calculation mode and calculate. DOM-free. */
import { ClientObject } from "./client";
import { defineProps, propsOf, type Accessors } from "./props";
import type { WorkbookModel } from "./workbook";

const p = propsOf<WorkbookModel>();
const APPLICATION = {
  /** ExcelApi 1.8. Manual calculation holds formula values until `calculate` (see WorkbookModel.calculationMode). */
  calculationMode: p.field("calculationMode"),
};

export interface ApplicationProxy extends Accessors<typeof APPLICATION> {}
export class ApplicationProxy extends ClientObject<WorkbookModel> {
  suspendApiCalculationUntilNextSync(): void {
    this._call(null, () => undefined);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this._call(null, () => undefined);
  }
  /** Computes every formula again (HyperFormula has no dirty-cell recalculation: all three types do the same). */
  calculate(calculationType: "Recalculate" | "Full" | "FullRebuild"): void {
    this._call(calculationType, (m) => m.calculate(calculationType));
  }
}
defineProps(ApplicationProxy, "Application", APPLICATION);
