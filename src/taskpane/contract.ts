/** How a host (Excel, or the workbench) mounts the task pane. */
import type { SourceKind } from "../import/types";
import type { ExcelRun } from "../excel/types";

export interface TaskpaneHost {
  run: ExcelRun;
  /** "Excel" inside Office, "Workbench" in the browser workbench. */
  hostName: "Excel" | "Workbench";
  /** URL of the import worker script (defaults to the bundled one). */
  workerUrl?: string;
}

export interface TaskpaneController {
  /** Add files as if the user had chosen them in the file input of that kind. */
  addFiles(kind: SourceKind, files: File[]): Promise<void>;
}
