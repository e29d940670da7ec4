/** Mounts the real task pane (src/taskpane/app.ts) in the workbench's side panel. */
import { mountTaskpane } from "../taskpane/app";
import type { TaskpaneController } from "../taskpane/contract";
import type { ExcelRun } from "../excel/types";

export function mountRealTaskpane(root: HTMLElement, run: ExcelRun): TaskpaneController {
  root.replaceChildren();
  return mountTaskpane(root, { run, hostName: "Workbench" });
}
