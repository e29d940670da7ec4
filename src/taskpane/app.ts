/**
 * The AIECON task pane: choose billing, volume and value files, see what each holds,
 * map the columns of a generic file, choose the period, workload key, cost basis and
 * value assumptions, and import. The engine runs in a Web Worker; the workbook writer
 * runs through the host's `run` (Excel.run in Excel, the workbench host in the browser).
 *
 * Plain DOM, Fluent 2 look (styles.ts), keyboard accessible, with the accessible names
 * of `workbook.md`: "Billing files", "Volume files", "Value files", "Import", "Cancel",
 * a progressbar and a status region.
 *
 * This file only composes: the import flow (flow.ts, no DOM) holds the state and the
 * steps; the view pieces (views/*.ts) render it and pass the user's actions to it.
 */
import type { SourceKind } from "../import/types";
import { makeShareable } from "../excel/index";
import type { TaskpaneController, TaskpaneHost } from "./contract";
import { h, append } from "./dom";
import { injectStyles } from "./styles";
import { ImportWorkerClient } from "./worker-client";
import { ImportFlow, type Change } from "./flow";
import { createFilesView } from "./views/files";
import { createOptionsView } from "./views/options";
import { createAssumptionsView } from "./views/assumptions";
import { createPricingView } from "./views/pricing";
import { createResultsView } from "./views/results";
import { createImportActions, createShareAction } from "./views/actions";

let uid = 0;

export function mountTaskpane(root: HTMLElement, host: TaskpaneHost): TaskpaneController {
  injectStyles(root.ownerDocument);
  const pid = `ap${++uid}`;

  const client = new ImportWorkerClient(() =>
    host.workerUrl
      ? new Worker(host.workerUrl)
      : new Worker(new URL("./import.worker.ts", import.meta.url)),
  );
  const flow: ImportFlow = new ImportFlow(
    { engine: client, run: host.run },
    {
      changed: (change) => apply(change),
      announce: (a) => results.announce(a),
      progress: (fraction, stage) => results.setProgress(fraction, stage),
      confirm: (request) => results.confirm(request, () => (flow.importing ? actions.cancelButton : actions.importButton)),
    },
  );

  const files = createFilesView(pid, {
    add: (kind, chosen) => void flow.addFiles(kind, chosen),
    remove: (entry) => flow.remove(entry),
    map: (entry, field, value) => void flow.setMapping(entry, field, value),
  });
  const share = createShareAction(pid, () => makeShareable(host.run));
  const options = createOptionsView(
    pid,
    flow.choices,
    {
      period: (p) => flow.setPeriod(p),
      fiscalStartMonth: (m) => flow.setFiscalStartMonth(m),
      key: (k) => flow.setKey(k),
      comparisonPeriod: (c) => flow.setComparisonPeriod(c),
      topKeys: (n) => flow.setTopKeys(n),
      cost: (b) => flow.setCost(b),
      formulas: (f) => flow.setFormulas(f),
    },
    share.elements,
  );
  const pricing = createPricingView(pid, { set: (f, v) => flow.setPricing(f, v) });
  const assumptions = createAssumptionsView(pid, {
    add: () => flow.addAssumption(),
    remove: (i) => flow.removeAssumption(i),
    method: (i, m) => flow.setAssumptionMethod(i, m),
    edit: (i, field, value) => flow.editAssumption(i, field, value),
  });
  const results = createResultsView(pid, { answer: (ok) => flow.answer(ok) });
  const actions = createImportActions(pid, {
    import: () => void flow.runImport(),
    refresh: () => void flow.runRefresh(),
    cancel: () => flow.cancel(),
  });

  const pane = h("div", { class: "aiecon-pane", "data-host": host.hostName });
  const header = h(
    "header",
    { class: "ap-header" },
    h("div", { class: "ap-logo", "aria-hidden": "true", text: "AI" }),
    h(
      "div",
      {},
      h("h1", { text: "AI unit economics" }),
      h("p", { class: "ap-sub", text: "Import billing, volume and value data into live tables and charts." }),
    ),
  );
  const body = h("div", { class: "ap-body" }, files.element, options.element, pricing.element, assumptions.element);
  const footer = h("div", { class: "ap-footer" }, results.confirmPanel, actions.element, results.progress, results.status);
  append(pane, header, body, footer);
  root.replaceChildren(pane);

  options.renderKeys(flow);
  options.renderComparison(flow);
  assumptions.render(flow);
  pricing.render(flow);
  refresh();

  /** The Import button, and what an import fixes: files and choices (the footer stays live). */
  function refresh(): void {
    actions.update(flow);
    files.setBusy(flow.importing);
    body.inert = flow.importing;
    body.classList.toggle("ap-busy", flow.importing);
  }

  function apply(change: Change): void {
    if (change.files) files.render(flow, change.files);
    if (change.keys) options.renderKeys(flow);
    if (change.comparison) options.renderComparison(flow);
    if (change.assumptions === "rows") assumptions.render(flow);
    if (change.assumptions === "values") assumptions.validate(flow);
    if (change.files || change.pricing) pricing.render(flow);
    if (change.phase && flow.importing) {
      refresh();
      results.showProgress(true);
      actions.cancelButton.focus();
      return;
    }
    if (change.phase) {
      results.showProgress(false);
      refresh();
      // Keyboard users who were on Cancel (now hidden) land on Import; focus elsewhere (the grid) is left alone.
      const active = document.activeElement;
      if (active === actions.cancelButton || active === null || active === document.body) actions.importButton.focus();
      return;
    }
    refresh();
  }

  return {
    addFiles: (kind: SourceKind, chosen: File[]) => flow.addFiles(kind, chosen),
  };
}
