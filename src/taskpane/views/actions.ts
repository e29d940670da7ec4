/**
 * The pane's actions: Import and Cancel (the footer), and Make shareable with its
 * aria-live line (the end of the Options section; the line is not a role=status).
 */
import { h } from "../dom";
import { shareableMessage } from "../model";
import type { ShareableReport } from "../../excel/shareable";
import type { PaneState } from "../flow";

export interface ImportActionsEvents {
  import(): void;
  /** Add the files to the workbook the add-in built (src/excel/refresh.ts). */
  refresh?(): void;
  cancel(): void;
}

export interface ImportActions {
  readonly element: HTMLElement;
  readonly importButton: HTMLButtonElement;
  readonly cancelButton: HTMLButtonElement;
  /** Enable, describe and show the buttons for the state. */
  update(state: PaneState): void;
}

export function createImportActions(pid: string, events: ImportActionsEvents): ImportActions {
  const importButton = h("button", { type: "button", class: "ap-primary", id: `${pid}-import`, text: "Import" });
  const cancelButton = h("button", { type: "button", id: `${pid}-cancel`, text: "Cancel", hidden: true });
  const refreshButton = h("button", { type: "button", id: `${pid}-refresh`, text: "Refresh", title: "Add these files to the workbook AIECON built, keeping your edits" });
  importButton.addEventListener("click", () => events.import());
  refreshButton.addEventListener("click", () => events.refresh?.());
  cancelButton.addEventListener("click", () => events.cancel());
  return {
    element: h("div", { class: "ap-actions" }, importButton, refreshButton, cancelButton),
    importButton,
    cancelButton,
    update(state) {
      const blocker = state.blocker;
      importButton.setAttribute("aria-disabled", blocker ? "true" : "false");
      importButton.title = blocker ?? "";
      importButton.disabled = state.importing;
      refreshButton.disabled = state.importing || blocker !== null && blocker !== undefined;
      cancelButton.hidden = !state.importing;
    },
  };
}

export interface ShareAction {
  /** The button's row and the line under it, in that order. */
  readonly elements: readonly HTMLElement[];
}

/** Make shareable: rewrite the AIECON formulas of the workbook as native Excel (`share`), and say what it did. */
export function createShareAction(pid: string, share: () => Promise<ShareableReport>): ShareAction {
  const line = h("p", { class: "ap-hint", "aria-live": "polite", id: `${pid}-share-status` });
  const button = h("button", { type: "button", class: "ap-subtle", id: `${pid}-share`, text: "Make shareable", "aria-describedby": `${pid}-share-status` });
  button.addEventListener("click", () => {
    button.disabled = true;
    line.textContent = "Rewriting AIECON formulas as native Excel…";
    share()
      .then((r) => {
        line.textContent = shareableMessage(r);
      })
      .catch((e: unknown) => {
        line.textContent = `Could not make the workbook shareable: ${e instanceof Error ? e.message : String(e)}`;
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  return { elements: [h("div", { class: "ap-actions" }, button), line] };
}
