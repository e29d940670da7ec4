/** `Excel.Workbook` of the workbench host: the root of the object tree. DOM-free. */
import { ApplicationProxy } from "./application";
import { ClientObject } from "./client";
import type { RequestContextImpl } from "./context";
import { NamedItemCollectionProxy } from "./names";
import { defineProps, propsOf, type Accessors } from "./props";
import type { RangeProxy } from "./range";
import { DocumentPropertiesProxy, SettingCollectionProxy } from "./settings";
import { TableCollectionProxy } from "./table";
import type { WorkbookModel } from "./workbook";
import { WorksheetCollectionProxy, type WorksheetProxy } from "./worksheet";

const p = propsOf<WorkbookModel>();
const WORKBOOK = {
  name: p.ro<string>(() => "Workbench.xlsx"),
};

export interface WorkbookProxy extends Accessors<typeof WORKBOOK> {}
export class WorkbookProxy extends ClientObject<WorkbookModel> {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly settings: SettingCollectionProxy;
  readonly properties: DocumentPropertiesProxy;
  readonly application: ApplicationProxy;
  constructor(ctx: RequestContextImpl) {
    super(ctx, () => ctx._model);
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.tables = new TableCollectionProxy(ctx, () => undefined);
    this.names = new NamedItemCollectionProxy(ctx);
    this.settings = new SettingCollectionProxy(ctx);
    this.properties = new DocumentPropertiesProxy(ctx);
    this.application = new ApplicationProxy(ctx, () => ctx._model);
  }
  getActiveWorksheet(): WorksheetProxy {
    return this.worksheets.getActiveWorksheet();
  }
  getSelectedRange(): RangeProxy {
    return this.worksheets.getActiveWorksheet().getRange("A1");
  }
}
defineProps(WorkbookProxy, "Workbook", WORKBOOK);
