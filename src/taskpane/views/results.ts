/**
 * The footer's report area: the confirmation panel (in the pane, never window.confirm),
 * the progress bar and the status region (the pane's one role=status element).
 */
import { h, setChildren } from "../dom";
import { formatCount } from "../numbers";
import type { Announcement, ConfirmRequest } from "../flow";
import { rejectedDetails } from "./rejected";

export interface ResultsEvents {
  /** The question shown was answered. */
  answer(ok: boolean): void;
}

export interface ResultsView {
  readonly confirmPanel: HTMLElement;
  readonly progress: HTMLElement;
  readonly status: HTMLElement;
  announce(a: Announcement): void;
  setProgress(fraction: number, stage: string): void;
  showProgress(on: boolean): void;
  /** Show a question, or hide it (request null) moving the focus it had to `focusAfter()`. */
  confirm(request: ConfirmRequest | null, focusAfter: () => HTMLElement): void;
}

interface ConfirmText {
  title: string;
  body: Array<Node | string>;
  confirmLabel: string;
  cancelLabel: string;
}

function confirmText(request: ConfirmRequest): ConfirmText {
  if (request.kind === "rejects") {
    const { rejected } = request;
    return {
      title: `${formatCount(rejected.total)} rejected ${rejected.total === 1 ? "row" : "rows"}`,
      body: [
        h("p", { text: "These rows could not be read. Import without them? Their files and lines are listed so you can fix them and import again." }),
        rejectedDetails(rejected, true),
      ],
      confirmLabel: "Import without them",
      cancelLabel: "Don't import",
    };
  }
  if (request.kind === "overlap") {
    return {
      title: "Replace these periods?",
      body: [h("p", { text: request.question })],
      confirmLabel: "Replace the periods",
      cancelLabel: "Don't refresh",
    };
  }
  return {
    title: "Replace the AIECON sheets?",
    body: [
      h("p", { text: "This workbook already has sheets from an earlier import. These will be replaced; every other sheet is left as it is:" }),
      h("ul", {}, ...request.sheets.map((s) => h("li", { text: s }))),
    ],
    confirmLabel: "Replace",
    cancelLabel: "Keep them",
  };
}

export function createResultsView(pid: string, events: ResultsEvents): ResultsView {
  const confirmTitle = h("h2", { id: `${pid}-confirm-h` });
  const confirmBody = h("div", { id: `${pid}-confirm-body` });
  const confirmYes = h("button", { type: "button", class: "ap-primary" });
  const confirmNo = h("button", { type: "button" });
  const confirmPanel = h(
    "div",
    {
      class: "ap-confirm",
      role: "alertdialog",
      "aria-labelledby": `${pid}-confirm-h`,
      "aria-describedby": `${pid}-confirm-body`,
      tabindex: "-1",
      hidden: true,
    },
    confirmTitle,
    confirmBody,
    h("div", { class: "ap-actions" }, confirmYes, confirmNo),
  );
  confirmYes.addEventListener("click", () => events.answer(true));
  confirmNo.addEventListener("click", () => events.answer(false));
  confirmPanel.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") {
      ev.preventDefault();
      events.answer(false);
    }
  });

  const progressFill = h("div", { class: "ap-progress-fill" });
  const progressStage = h("span", { text: "" });
  const progressPct = h("span", { text: "0%" });
  const progressBar = h(
    "div",
    {
      class: "ap-progress-track",
      role: "progressbar",
      "aria-label": "Import progress",
      "aria-valuemin": "0",
      "aria-valuemax": "100",
      "aria-valuenow": "0",
    },
    progressFill,
  );
  const progress = h(
    "div",
    { class: "ap-progress", hidden: true },
    h("div", { class: "ap-progress-label", "aria-hidden": "true" }, progressStage, progressPct),
    progressBar,
  );
  const status = h("div", { class: "ap-status", role: "status", "aria-live": "polite", "aria-atomic": "true", id: `${pid}-status` });

  return {
    confirmPanel,
    progress,
    status,
    announce({ lines, tone }) {
      status.className = "ap-status" + (tone === "info" ? "" : ` ap-status-${tone}`);
      status.dataset.tone = tone;
      setChildren(status, ...lines.map((l) => (typeof l === "string" ? h("p", { text: l }) : h("p", { class: "ap-err", text: l.error }))));
    },
    setProgress(fraction, stage) {
      const pct = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
      progressBar.setAttribute("aria-valuenow", String(pct));
      progressBar.setAttribute("aria-valuetext", `${stage} ${pct}%`);
      progressFill.style.width = `${pct}%`;
      progressStage.textContent = stage;
      progressPct.textContent = `${pct}%`;
    },
    showProgress(on) {
      progress.hidden = !on;
    },
    confirm(request, focusAfter) {
      if (request === null) {
        const hadFocus = confirmPanel.contains(document.activeElement);
        confirmPanel.hidden = true;
        if (hadFocus) focusAfter().focus();
        return;
      }
      const text = confirmText(request);
      confirmTitle.textContent = text.title;
      setChildren(confirmBody, ...text.body);
      confirmYes.textContent = text.confirmLabel;
      confirmNo.textContent = text.cancelLabel;
      confirmPanel.hidden = false;
      confirmYes.focus();
    },
  };
}
