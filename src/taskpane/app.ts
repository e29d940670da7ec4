/**
 * The AIECON task pane: choose billing, volume and value files, see what each holds,
 * map the columns of a generic file, choose the period, workload key, cost basis and
 * value assumptions, and import. The engine runs in a Web Worker; the workbook writer
 * runs through the host's `run` (Excel.run in Excel, the workbench host in the browser).
 *
 * Plain DOM, Fluent 2 look (styles.ts), keyboard accessible, with the accessible names
 * of `workbook.md`: "Billing files", "Volume files", "Value files", "Import", "Cancel",
 * a progressbar and a status region.
 */
import type { ColumnMap, ImportProgress, ImportResult, SourceKind } from "../import/types";
import { WriteCancelled, type WriteProgress, type WriteReport } from "../excel/types";
import { makeShareable, writeWorkbook } from "../excel/index";
import type { TaskpaneController, TaskpaneHost } from "./contract";
import { h, append, setChildren, keepingFocus, option } from "./dom";
import { injectStyles } from "./styles";
import { EngineError, ImportWorkerClient, JobCancelled } from "./worker-client";
import type { WorkerFile } from "./protocol";
import {
  KINDS,
  KIND_LABELS,
  FORMAT_LABELS,
  MAX_CASE_MERGES_LISTED,
  MONTH_NAMES,
  PERIODS,
  buildAssumptions,
  defaultChoices,
  describeError,
  describeReport,
  emptyAssumption,
  formatBytes,
  formatCount,
  guessMapping,
  importBlocker,
  keyOptions,
  mappingFields,
  missingMapFields,
  needsMapping,
  overallFraction,
  parseFraction,
  periodChoices,
  reconcileKey,
  rejectedOf,
  shareableMessage,
  successLines,
  type AssumptionRow,
  type Choices,
  type FileEntry,
  type RejectedSummary,
} from "./model";

const KIND_HINTS: Readonly<Record<SourceKind, string>> = {
  billing: "FOCUS, AWS CUR, Azure, Google Cloud, OCI, OpenAI or Anthropic exports, or any CSV with a date and a cost.",
  volume: "Request counts per period and key, or a request log (one row per request).",
  value: "Value delivered per period and key. Or enter value assumptions below.",
};

/** Most rejected rows listed in one place (the count is always exact). */
const MAX_LISTED_REJECTS = 200;

type Tone = "info" | "ok" | "warn" | "error";

interface ConfirmSpec {
  title: string;
  body: Array<Node | string>;
  confirmLabel: string;
  cancelLabel: string;
}

let uid = 0;

export function mountTaskpane(root: HTMLElement, host: TaskpaneHost): TaskpaneController {
  injectStyles(root.ownerDocument);
  const pid = `ap${++uid}`;

  // ----- state -----
  const entries: FileEntry[] = [];
  const files = new Map<number, File>();
  const choices: Choices = defaultChoices();
  let keyTouched = false;
  let nextFileId = 1;
  let importing = false;
  let current: AbortController | null = null;
  let pendingConfirm: ((ok: boolean) => void) | null = null;

  const client = new ImportWorkerClient(() =>
    host.workerUrl
      ? new Worker(host.workerUrl)
      : new Worker(new URL("./import.worker.ts", import.meta.url)),
  );

  // ----- skeleton -----
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

  // Files section
  const fileLists = {} as Record<SourceKind, HTMLUListElement>;
  const fileInputs = {} as Record<SourceKind, HTMLInputElement>;
  const filesSection = h(
    "section",
    { "aria-labelledby": `${pid}-files-h` },
    h("h2", { id: `${pid}-files-h`, text: "Data" }),
    h("p", { class: "ap-hint", text: "Choose or drop files. Each is read before import so you can check it." }),
    ...KINDS.map((kind) => kindBlock(kind)),
  );

  function kindBlock(kind: SourceKind): HTMLElement {
    const inputId = `${pid}-${kind}-input`;
    const input = h("input", {
      type: "file",
      id: inputId,
      multiple: true,
      class: "ap-visually-hidden",
      "aria-label": KIND_LABELS[kind],
      "aria-describedby": `${pid}-${kind}-hint`,
      // No `accept` filter: formats are detected from the bytes, never from the file name.
    });
    input.addEventListener("change", () => {
      const chosen = input.files ? [...input.files] : [];
      input.value = "";
      if (chosen.length) void addFiles(kind, chosen);
    });
    fileInputs[kind] = input;
    const drop = h(
      "label",
      { class: "ap-drop", for: inputId },
      input,
      h("span", { class: "ap-drop-icon", "aria-hidden": "true" }, uploadIcon()),
      h(
        "span",
        { class: "ap-drop-text" },
        h("strong", { text: "Choose files" }),
        h("span", { id: `${pid}-${kind}-hint`, text: KIND_HINTS[kind] }),
      ),
    );
    drop.addEventListener("dragenter", (ev) => {
      ev.preventDefault();
      drop.classList.add("ap-dragover");
    });
    drop.addEventListener("dragover", (ev) => {
      ev.preventDefault();
      if (ev.dataTransfer) ev.dataTransfer.dropEffect = importing ? "none" : "copy";
    });
    drop.addEventListener("dragleave", () => drop.classList.remove("ap-dragover"));
    drop.addEventListener("drop", (ev) => {
      ev.preventDefault();
      drop.classList.remove("ap-dragover");
      const dropped = ev.dataTransfer?.files ? [...ev.dataTransfer.files] : [];
      if (dropped.length && !importing) void addFiles(kind, dropped);
    });
    // Not labelled with the input's name: "Billing files" names the file input alone.
    const list = h("ul", { class: "ap-files", "aria-label": `Chosen ${kind} data` });
    fileLists[kind] = list;
    return h(
      "div",
      { class: "ap-kind" },
      h(
        "div",
        { class: "ap-kind-head" },
        h("h3", {}, KIND_LABELS[kind], kind !== "billing" ? h("span", { class: "ap-optional", text: " (optional)" }) : null),
      ),
      drop,
      list,
    );
  }

  // Options section
  const periodSel = h("select", { id: `${pid}-period` });
  PERIODS.forEach((p) => periodSel.append(option(p.value, p.label, p.value === choices.period)));
  periodSel.addEventListener("change", () => {
    choices.period = periodSel.value as Choices["period"];
    choices.comparisonPeriod = "";
    renderComparison();
  });
  const fiscalSel = h("select", { id: `${pid}-fiscal`, "aria-describedby": `${pid}-fiscal-hint` });
  MONTH_NAMES.forEach((m, i) => fiscalSel.append(option(String(i + 1), m, i + 1 === choices.fiscalStartMonth)));
  fiscalSel.addEventListener("change", () => {
    choices.fiscalStartMonth = Number(fiscalSel.value);
    renderComparison();
  });
  const keySel = h("select", { id: `${pid}-key`, "aria-describedby": `${pid}-key-hint` });
  keySel.addEventListener("change", () => {
    choices.key = keySel.value;
    keyTouched = true;
  });
  const keyNote = h("p", { class: "ap-warn-text", style: "margin:-8px 0 12px", hidden: true });
  const comparisonSel = h("select", { id: `${pid}-comparison`, "aria-describedby": `${pid}-comparison-hint` });
  comparisonSel.addEventListener("change", () => {
    choices.comparisonPeriod = comparisonSel.value;
  });
  const costRadios = (["billed", "effective"] as const).map((basis) => {
    const r = h("input", { type: "radio", name: `${pid}-cost`, value: basis, id: `${pid}-cost-${basis}` });
    r.checked = choices.cost === basis;
    r.addEventListener("change", () => {
      if (r.checked) choices.cost = basis;
    });
    return h(
      "label",
      { class: "ap-radio", for: `${pid}-cost-${basis}` },
      r,
      basis === "billed" ? "Billed cost" : "Effective cost (amortized)",
    );
  });

  const formulaRadios = (["aiecon", "native"] as const).map((kind) => {
    const r = h("input", { type: "radio", name: `${pid}-formulas`, value: kind, id: `${pid}-formulas-${kind}` });
    r.checked = choices.formulas === kind;
    r.addEventListener("change", () => {
      if (r.checked) choices.formulas = kind;
    });
    return h("label", { class: "ap-radio", for: `${pid}-formulas-${kind}` }, r, kind === "aiecon" ? "AIECON functions" : "Native Excel");
  });
  const shareStatus = h("p", { class: "ap-hint", "aria-live": "polite", id: `${pid}-share-status` });
  const shareBtn = h("button", { type: "button", class: "ap-subtle", id: `${pid}-share`, text: "Make shareable", "aria-describedby": `${pid}-share-status` });
  shareBtn.addEventListener("click", () => {
    shareBtn.disabled = true;
    shareStatus.textContent = "Rewriting AIECON formulas as native Excel…";
    makeShareable(host.run)
      .then((r) => {
        shareStatus.textContent = shareableMessage(r);
      })
      .catch((e: unknown) => {
        shareStatus.textContent = `Could not make the workbook shareable: ${e instanceof Error ? e.message : String(e)}`;
      })
      .finally(() => {
        shareBtn.disabled = false;
      });
  });

  const optionsSection = h(
    "section",
    { "aria-labelledby": `${pid}-opt-h` },
    h("h2", { id: `${pid}-opt-h`, text: "Options" }),
    h(
      "div",
      { class: "ap-row" },
      field(`${pid}-period`, "Period", periodSel),
      field(`${pid}-fiscal`, "Fiscal year start", fiscalSel),
    ),
    h("p", { class: "ap-hint", id: `${pid}-fiscal-hint`, text: "Quarters and the quarterly review follow your fiscal year." }),
    field(`${pid}-key`, "Workload key", keySel, "What a workload is: a tag found in the files, or the service, resource, SKU or model."),
    keyNote,
    h("fieldset", {}, h("legend", { text: "Cost basis" }), h("div", { class: "ap-radios" }, ...costRadios)),
    field(`${pid}-comparison`, "Comparison period", comparisonSel, "The period the Comparison sheet shows, one row per key."),
    h("fieldset", {}, h("legend", { text: "Formulas" }), h("div", { class: "ap-radios" }, ...formulaRadios)),
    h("p", { class: "ap-hint", text: "Native Excel: the workbook computes without the add-in (Excel 2021, Microsoft 365, web, iPad)." }),
    h("div", { class: "ap-actions" }, shareBtn),
    shareStatus,
  );

  // Value assumptions section
  const assumptionList = h("ul", { class: "ap-assumptions", "aria-label": "Value assumptions" });
  const addAssumptionBtn = h("button", { type: "button", class: "ap-subtle", text: "+ Add value assumption" });
  addAssumptionBtn.addEventListener("click", () => {
    choices.assumptions.push(emptyAssumption());
    renderAssumptions();
    const idx = choices.assumptions.length - 1;
    document.getElementById(`${pid}-as-${idx}-key`)?.focus();
  });
  const assumptionsSection = h(
    "section",
    { "aria-labelledby": `${pid}-as-h` },
    h("h2", { id: `${pid}-as-h`, text: "Value assumptions" }),
    h("p", {
      class: "ap-hint",
      text: "For keys without value data: a value per inference, or minutes saved × an hourly rate. Key * applies to every other key.",
    }),
    assumptionList,
    addAssumptionBtn,
  );

  // Footer
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
  confirmYes.addEventListener("click", () => resolveConfirm(true));
  confirmNo.addEventListener("click", () => resolveConfirm(false));
  confirmPanel.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") {
      ev.preventDefault();
      resolveConfirm(false);
    }
  });

  const importBtn = h("button", { type: "button", class: "ap-primary", id: `${pid}-import`, text: "Import" });
  const cancelBtn = h("button", { type: "button", id: `${pid}-cancel`, text: "Cancel", hidden: true });
  importBtn.addEventListener("click", () => void runImport());
  cancelBtn.addEventListener("click", () => cancelImport());

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
  const footer = h(
    "div",
    { class: "ap-footer" },
    confirmPanel,
    h("div", { class: "ap-actions" }, importBtn, cancelBtn),
    progress,
    status,
  );

  const body = h("div", { class: "ap-body" }, filesSection, optionsSection, assumptionsSection);
  append(pane, header, body, footer);
  root.replaceChildren(pane);

  renderKeys();
  renderComparison();
  renderAssumptions();
  updateImportButton();

  // ----- helpers -----
  function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
    return h(
      "div",
      { class: "ap-field" },
      h("label", { for: id, text: label }),
      control,
      hint ? h("span", { class: "ap-hint", id: `${id}-hint`, style: "margin:0", text: hint }) : null,
    );
  }

  function announce(lines: string | Array<string | Node>, tone: Tone = "info"): void {
    const parts = (typeof lines === "string" ? [lines] : lines).filter((p) => p !== "");
    status.className = "ap-status" + (tone === "info" ? "" : ` ap-status-${tone}`);
    status.dataset.tone = tone;
    setChildren(status, ...parts.map((p) => (typeof p === "string" ? h("p", { text: p }) : p)));
  }

  function setProgress(fraction: number, stage: string): void {
    const pct = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
    progressBar.setAttribute("aria-valuenow", String(pct));
    progressBar.setAttribute("aria-valuetext", `${stage} ${pct}%`);
    progressFill.style.width = `${pct}%`;
    progressStage.textContent = stage;
    progressPct.textContent = `${pct}%`;
  }

  function updateImportButton(): void {
    const blocker = importing ? "An import is running." : importBlocker(entries, choices);
    importBtn.setAttribute("aria-disabled", blocker ? "true" : "false");
    importBtn.title = blocker ?? "";
    importBtn.disabled = importing;
    cancelBtn.hidden = !importing;
    for (const k of KINDS) fileInputs[k].disabled = importing;
    // Files and choices are fixed while an import runs (the footer stays live: Cancel, confirmations).
    body.inert = importing;
    body.classList.toggle("ap-busy", importing);
  }

  // ----- files -----
  async function addFiles(kind: SourceKind, chosen: File[]): Promise<void> {
    if (importing) return;
    const added: FileEntry[] = [];
    for (const f of chosen) {
      const e: FileEntry = { id: nextFileId++, kind, name: f.name, size: f.size, status: "inspecting" };
      entries.push(e);
      files.set(e.id, f);
      added.push(e);
    }
    renderFiles(kind);
    updateImportButton();
    announce(`Reading ${added.map((e) => e.name).join(", ")}…`);
    await Promise.all(added.map((e) => inspectEntry(e, true)));
    afterInspect(added);
  }

  async function inspectEntry(e: FileEntry, first: boolean): Promise<void> {
    const file = files.get(e.id);
    if (!file) return;
    e.status = "inspecting";
    try {
      const input: WorkerFile = { file, kind: e.kind };
      if (e.map) input.map = e.map;
      let got = await client.inspect(input);
      if (!files.has(e.id)) return; // removed meanwhile
      if (first && got.needsMap && !e.map) {
        const guess = guessMapping(e.kind, got.report.columns);
        e.map = guess;
        if (missingMapFields(e.kind, guess).length === 0) {
          try {
            got = await client.inspect({ file, kind: e.kind, map: guess });
          } catch {
            /* keep the unmapped report; the user fixes the mapping */
          }
        }
      }
      e.report = got.report;
      e.needsMap = got.needsMap;
      e.mapError = got.mapError;
      e.detected = got.detected;
      e.status = "ready";
      e.error = undefined;
    } catch (err) {
      if (!files.has(e.id)) return;
      e.status = "error";
      e.report = undefined;
      e.error = describeError(errorParts(err), e.name);
    }
  }

  function afterInspect(changed: readonly FileEntry[]): void {
    const kinds = new Set(changed.map((e) => e.kind));
    for (const k of kinds) renderFiles(k);
    renderKeys();
    renderComparison();
    updateImportButton();
    // While other files are still being read, their own completion announces the whole set.
    if (entries.some((e) => e.status === "inspecting")) return;
    const errors = entries.filter((e) => e.status === "error");
    const mapping = entries.filter((e) => needsMapping(e) && (missingMapFields(e.kind, e.map).length > 0 || e.mapError));
    const lines: Array<string | Node> = errors.map((e) => h("p", { class: "ap-err", text: e.error ?? `${e.name} could not be read.` }));
    const ready = entries.filter((e) => e.status === "ready" && e.report);
    const MAX_LINES = 8;
    for (const e of ready.slice(0, MAX_LINES)) {
      const r = e.report!;
      if (mapping.includes(e)) continue;
      const facts = describeReport(r);
      let line = `${e.name}: ${facts.format}, ${formatCount(r.rowsRead)} rows`;
      if (r.periodRange) line += `, ${facts.periods}`;
      if (r.rowsRejected) line += `, ${formatCount(r.rowsRejected)} rejected`;
      lines.push(line + ".");
    }
    if (ready.length > MAX_LINES) lines.push(`… and ${formatCount(ready.length - MAX_LINES)} more files.`);
    if (mapping.length) lines.push(`Map the columns of ${mapping.map((e) => e.name).join(", ")} before importing.`);
    if (lines.length === 0) {
      announce("");
      return;
    }
    const tone: Tone = errors.length ? "error" : mapping.length || ready.some((e) => (e.report?.rowsRejected ?? 0) > 0) ? "warn" : "info";
    announce(lines, tone);
  }

  function removeEntry(e: FileEntry): void {
    const i = entries.indexOf(e);
    if (i < 0 || importing) return;
    entries.splice(i, 1);
    files.delete(e.id);
    renderFiles(e.kind);
    renderKeys();
    renderComparison();
    updateImportButton();
    announce(`Removed ${e.name}.`);
    fileInputs[e.kind].focus();
  }

  function renderFiles(kind: SourceKind): void {
    const list = fileLists[kind];
    keepingFocus(list, () => {
      setChildren(list, ...entries.filter((e) => e.kind === kind).map(fileCard));
    });
  }

  function fileCard(e: FileEntry): HTMLLIElement {
    const removeBtn = h("button", {
      type: "button",
      class: "ap-icon",
      id: `${pid}-rm-${e.id}`,
      "aria-label": `Remove ${e.name}`,
      title: "Remove",
      text: "✕",
    });
    removeBtn.addEventListener("click", () => removeEntry(e));
    let badge: HTMLElement;
    if (e.status === "inspecting") badge = h("span", { class: "ap-badge", text: "Reading…" });
    else if (e.status === "error") badge = h("span", { class: "ap-badge ap-badge-error", text: "Error" });
    else if (e.report && needsMapping(e) && missingMapFields(e.kind, e.map).length) badge = h("span", { class: "ap-badge ap-badge-warn", text: "Map columns" });
    else if (e.report && e.report.rowsRejected > 0) badge = h("span", { class: "ap-badge ap-badge-warn", text: "Rejected rows" });
    else badge = h("span", { class: "ap-badge", text: e.report ? e.report.format : "" });

    const li = h(
      "li",
      { class: "ap-card" + (e.status === "error" ? " ap-card-error" : ""), "aria-label": e.name },
      h("div", { class: "ap-card-head" }, h("span", { class: "ap-card-name", title: e.name, text: e.name }), badge, removeBtn),
    );
    if (e.status === "error") {
      li.append(h("p", { class: "ap-error-text", text: e.error ?? "This file could not be read." }));
      return li;
    }
    if (e.status === "inspecting" && !e.report) {
      li.append(h("p", { class: "ap-hint", style: "margin:4px 0 0", text: `${formatBytes(e.size)}: reading…` }));
      return li;
    }
    const r = e.report;
    if (!r) return li;
    if (needsMapping(e) && (missingMapFields(e.kind, e.map).length > 0 || e.mapError)) {
      // Nothing was read yet: show the mapping step and the first rows only.
      li.append(mappingStep(e));
      return li;
    }
    const facts = describeReport(r);
    const dl = h("dl", { class: "ap-facts" });
    const fact = (k: string, v: string) => append(dl, h("dt", { text: k }), h("dd", { text: v }));
    fact("Format", facts.format);
    fact("Rows", facts.rows);
    fact("Periods", facts.periods);
    if (e.kind !== "volume") fact("Currencies", facts.currencies);
    fact(e.kind === "volume" ? "Volume" : "Total", facts.totals);
    if (facts.skipped) fact("Skipped", facts.skipped);
    li.append(dl);
    if (e.detected) {
      li.append(
        h("p", {
          class: "ap-warn-text",
          text: `On its own this file looks like a ${e.detected.kind} file (${FORMAT_LABELS[e.detected.format] ?? e.detected.format}). It is read as ${e.kind === "billing" ? "billing" : e.kind} data here; move it if that is wrong.`,
        }),
      );
    }
    if (facts.rejected.length || r.rowsRejected) li.append(rejectedDetails(rejectedOf({ sources: [r] }), false));
    for (const m of facts.caseMerges.slice(0, MAX_CASE_MERGES_LISTED)) li.append(h("p", { class: "ap-hint ap-case-merge", style: "margin:4px 0 0", text: m }));
    if (facts.caseMerges.length > MAX_CASE_MERGES_LISTED) {
      const more = facts.caseMerges.length - MAX_CASE_MERGES_LISTED;
      li.append(h("p", { class: "ap-hint ap-case-merge", style: "margin:4px 0 0", text: `… and ${formatCount(more)} more ${more === 1 ? "key" : "keys"} merged by case.` }));
    }
    if (needsMapping(e)) li.append(mappingStep(e));
    return li;
  }

  function rejectedDetails(summary: RejectedSummary, open: boolean): HTMLElement {
    const items: HTMLElement[] = [];
    let listed = 0;
    for (const f of summary.files) {
      for (const row of f.rows) {
        if (listed >= MAX_LISTED_REJECTS) break;
        items.push(h("li", {}, h("span", { class: "ap-line", text: `${f.file}, line ${row.line}: ` }), row.reason));
        listed++;
      }
    }
    const more = summary.total - listed;
    if (more > 0) items.push(h("li", { text: `… and ${formatCount(more)} more` }));
    const d = h(
      "details",
      {},
      h("summary", { text: `${formatCount(summary.total)} rejected ${summary.total === 1 ? "row" : "rows"}` }),
      h("ul", { class: "ap-rejected" }, ...items),
    );
    d.open = open;
    return d;
  }

  function mappingStep(e: FileEntry): HTMLElement {
    const r = e.report;
    const columns = r?.columns ?? [];
    const map: ColumnMap = e.map ?? {};
    const box = h(
      "div",
      { class: "ap-mapping", role: "group", "aria-label": `Map the columns of ${e.name}` },
      h("h3", { id: `${pid}-map-${e.id}-h`, text: "Map the columns" }),
      h("p", { class: "ap-hint", style: "margin:0", text: "This file's format was not recognised. Say which column holds what." }),
    );
    const grid = h("div", { class: "ap-mapping-grid" });
    for (const spec of mappingFields(e.kind)) {
      const id = `${pid}-map-${e.id}-${spec.field}`;
      const cur = map[spec.field] ?? "";
      const sel = h("select", { id });
      sel.append(option("", spec.required ? "Choose…" : "(none)", cur === ""));
      for (const c of columns) sel.append(option(c, c, c === cur));
      const fixedCode = spec.allowsFixedCurrency && cur !== "" && !columns.includes(cur) ? cur : "";
      if (spec.allowsFixedCurrency) {
        for (const code of ["USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "INR"]) {
          if (!columns.includes(code)) sel.append(option(code, `Fixed: ${code}`, code === cur));
        }
        if (fixedCode && !["USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "INR"].includes(fixedCode)) {
          sel.append(option(fixedCode, `Fixed: ${fixedCode}`, true));
        }
      }
      sel.addEventListener("change", () => {
        const next: ColumnMap = { ...(e.map ?? {}) };
        if (sel.value === "") delete next[spec.field];
        else next[spec.field] = sel.value;
        e.map = next;
        void remap(e);
      });
      grid.append(
        h(
          "div",
          { class: "ap-field ap-compact" },
          h("label", { for: id, text: spec.label + (spec.required ? "" : " (optional)") }),
          sel,
        ),
      );
    }
    box.append(grid);
    const missing = missingMapFields(e.kind, e.map);
    if (missing.length) box.append(h("p", { class: "ap-warn-text", text: `Still to choose: ${missing.map((m) => m.label.toLowerCase()).join(", ")}.` }));
    else if (e.mapError) box.append(h("p", { class: "ap-error-text", text: e.mapError }));
    const preview = r?.preview ?? [];
    if (preview.length) {
      const head = columns.length ? columns : preview[0];
      const rows = columns.length ? preview.slice(0, 6) : preview.slice(1, 7);
      const table = h(
        "table",
        { class: "ap-preview" },
        h("caption", { class: "ap-visually-hidden", text: `First rows of ${e.name}` }),
        h("thead", {}, h("tr", {}, ...head.map((c) => h("th", { scope: "col", text: c })))),
        h("tbody", {}, ...rows.map((row) => h("tr", {}, ...head.map((_, i) => h("td", { text: row[i] ?? "" }))))),
      );
      box.append(h("div", { class: "ap-preview-wrap", tabindex: "0", role: "region", "aria-label": `Preview of ${e.name}` }, table));
    }
    return box;
  }

  async function remap(e: FileEntry): Promise<void> {
    renderFiles(e.kind);
    renderKeys();
    updateImportButton();
    if (missingMapFields(e.kind, e.map).length) return;
    await inspectEntry(e, false);
    afterInspect([e]);
  }

  // ----- options -----
  function renderKeys(): void {
    const chosen = keyTouched ? choices.key : null;
    choices.key = reconcileKey(chosen, entries);
    if (keyTouched && choices.key !== chosen) keyTouched = false;
    setChildren(keySel, ...keyOptions(entries).map((o) => option(o.value, o.label, o.value === choices.key)));
    const mapped = entries.filter((e) => e.kind === "billing" && needsMapping(e) && e.map?.key);
    keyNote.hidden = mapped.length === 0;
    keyNote.textContent = mapped.length ? `${mapped.map((e) => e.name).join(", ")}: the mapped key column is the workload key.` : "";
  }

  function renderComparison(): void {
    const labels = periodChoices(entries, choices.period, choices.fiscalStartMonth);
    if (choices.comparisonPeriod && !labels.includes(choices.comparisonPeriod)) choices.comparisonPeriod = "";
    setChildren(
      comparisonSel,
      option("", "Latest full quarter (default)", choices.comparisonPeriod === ""),
      ...labels.map((l) => option(l, l, l === choices.comparisonPeriod)),
    );
  }

  function renderAssumptions(): void {
    keepingFocus(assumptionList, () => {
      setChildren(assumptionList, ...choices.assumptions.map((a, i) => assumptionRow(a, i)));
    });
    updateImportButton();
  }

  function assumptionRow(a: AssumptionRow, i: number): HTMLLIElement {
    const base = `${pid}-as-${i}`;
    const text = (field: keyof AssumptionRow, label: string, placeholder: string, inputmode = "decimal") => {
      const id = `${base}-${field}`;
      const input = h("input", { type: "text", id, placeholder, inputmode, autocomplete: "off", spellcheck: "false" });
      input.value = String(a[field]);
      input.addEventListener("input", () => {
        (a as unknown as Record<string, string>)[field] = input.value;
        validateAssumptions();
      });
      return h("div", { class: "ap-field ap-compact" }, h("label", { for: id, text: label }), input);
    };
    const methodId = `${base}-method`;
    const method = h("select", { id: methodId });
    method.append(option("per-inference", "Value per inference", a.method === "per-inference"));
    method.append(option("time-saved", "Minutes saved × hourly rate", a.method === "time-saved"));
    method.addEventListener("change", () => {
      a.method = method.value as AssumptionRow["method"];
      renderAssumptions();
    });
    const removeBtn = h("button", { type: "button", class: "ap-subtle ap-danger", "aria-label": `Remove value assumption ${i + 1}`, text: "Remove" });
    removeBtn.addEventListener("click", () => {
      choices.assumptions.splice(i, 1);
      renderAssumptions();
      addAssumptionBtn.focus();
    });
    const grid = h(
      "div",
      { class: "ap-assumption-grid" },
      text("key", "Key (* = all others)", "*", "text"),
      h("div", { class: "ap-field ap-compact" }, h("label", { for: methodId, text: "Method" }), method),
      ...(a.method === "per-inference"
        ? [text("valuePerInference", "Value per inference", "0.05")]
        : [text("minutesSaved", "Minutes saved", "3"), text("hourlyRate", "Hourly rate", "60")]),
      text("currency", "Currency (optional)", "USD", "text"),
    );
    return h(
      "li",
      { class: "ap-assumption", "aria-label": `Value assumption ${i + 1}` },
      grid,
      h("p", { class: "ap-field-error", id: `${base}-error`, "aria-live": "polite" }),
      h("div", { class: "ap-assumption-foot" }, removeBtn),
    );
  }

  function validateAssumptions(): void {
    const { problems } = buildAssumptions(choices.assumptions);
    choices.assumptions.forEach((a, i) => {
      const base = `${pid}-as-${i}`;
      const mine = problems.filter((p) => p.row === i);
      for (const f of ["key", "valuePerInference", "minutesSaved", "hourlyRate", "currency"] as const) {
        const input = document.getElementById(`${base}-${f}`);
        if (!input) continue;
        // Only flag fields the user has typed into (an empty new row is not an error yet).
        const typed = String(a[f]).trim() !== "";
        const bad = mine.some((p) => p.field === f) && (typed || f === "currency");
        input.setAttribute("aria-invalid", bad ? "true" : "false");
        if (bad) input.setAttribute("aria-describedby", `${base}-error`);
        else input.removeAttribute("aria-describedby");
      }
      const err = document.getElementById(`${base}-error`);
      const shown = mine.filter((p) => String(a[p.field]).trim() !== "");
      if (err) err.textContent = shown.map((p) => p.message).join(" ");
    });
    updateImportButton();
  }

  // ----- confirmation (in the pane, never window.confirm) -----
  function confirmStep(spec: ConfirmSpec): Promise<boolean> {
    resolveConfirm(false);
    confirmTitle.textContent = spec.title;
    setChildren(confirmBody, ...spec.body);
    confirmYes.textContent = spec.confirmLabel;
    confirmNo.textContent = spec.cancelLabel;
    confirmPanel.hidden = false;
    confirmYes.focus();
    return new Promise<boolean>((resolve) => {
      pendingConfirm = resolve;
    });
  }

  function resolveConfirm(ok: boolean): void {
    const r = pendingConfirm;
    pendingConfirm = null;
    if (!r) return;
    const hadFocus = confirmPanel.contains(document.activeElement);
    confirmPanel.hidden = true;
    if (hadFocus) (importing ? cancelBtn : importBtn).focus();
    r(ok);
  }

  // ----- import -----
  function cancelImport(): void {
    if (!importing) return;
    current?.abort();
    resolveConfirm(false);
    setProgress(0, "Cancelling…");
  }

  async function runImport(): Promise<void> {
    if (importing) return;
    const blocker = importBlocker(entries, choices);
    if (blocker) {
      announce([h("p", { class: "ap-err", text: blocker })], "error");
      return;
    }
    const { assumptions } = buildAssumptions(choices.assumptions);
    const inputs: WorkerFile[] = [];
    const sizes: number[] = [];
    for (const e of entries) {
      const file = files.get(e.id);
      if (!file) continue;
      const wf: WorkerFile = { file, kind: e.kind };
      if (e.map && needsMapping(e)) wf.map = e.map;
      inputs.push(wf);
      sizes.push(file.size);
    }
    const ctrl = new AbortController();
    current = ctrl;
    importing = true;
    updateImportButton();
    progress.hidden = false;
    setProgress(0, "Reading files…");
    announce("Importing…");
    cancelBtn.focus();
    let declinedReplace = false;
    let declinedRejects = false;
    try {
      const result: ImportResult = await client.summarize(
        inputs,
        {
          period: choices.period,
          fiscalStartMonth: choices.fiscalStartMonth,
          key: choices.key,
          cost: choices.cost,
          assumptions,
        },
        (p: ImportProgress) => {
          setProgress(overallFraction("parse", parseFraction(p, sizes)), `Reading ${p.file}…`);
        },
        ctrl.signal,
      );
      setProgress(overallFraction("parse", 1), "Read all files");
      const rejected = rejectedOf(result);
      if (rejected.total > 0) {
        announce(`${formatCount(rejected.total)} ${rejected.total === 1 ? "row was" : "rows were"} rejected. Import without them?`, "warn");
        const ok = await confirmStep({
          title: `${formatCount(rejected.total)} rejected ${rejected.total === 1 ? "row" : "rows"}`,
          body: [
            h("p", { text: "These rows could not be read. Import without them? Their files and lines are listed so you can fix them and import again." }),
            rejectedDetails(rejected, true),
          ],
          confirmLabel: "Import without them",
          cancelLabel: "Don't import",
        });
        if (!ok) {
          declinedRejects = true;
          if (ctrl.signal.aborted) throw new JobCancelled();
          announce(["Nothing was imported: the workbook was left as it was.", "Fix the rejected rows and import again, or import without them."], "warn");
          return;
        }
      }
      if (ctrl.signal.aborted) throw new JobCancelled();
      const report: WriteReport = await writeWorkbook(
        host.run,
        result,
        {
          period: choices.period,
          fiscalStartMonth: choices.fiscalStartMonth,
          comparisonPeriod: choices.comparisonPeriod || undefined,
          formulas: choices.formulas,
        },
        {
          signal: ctrl.signal,
          onProgress: (p: WriteProgress) => setProgress(overallFraction("write", p.fraction), p.stage),
          confirmReplace: async (sheets: string[]) => {
            const ok = await confirmStep({
              title: "Replace the AIECON sheets?",
              body: [
                h("p", { text: "This workbook already has sheets from an earlier import. These will be replaced; every other sheet is left as it is:" }),
                h("ul", {}, ...sheets.map((s) => h("li", { text: s }))),
              ],
              confirmLabel: "Replace",
              cancelLabel: "Keep them",
            });
            if (!ok) declinedReplace = true;
            return ok;
          },
        },
      );
      setProgress(1, "Done");
      announce(successLines(result, report), "ok");
    } catch (err) {
      if (ctrl.signal.aborted || err instanceof JobCancelled || err instanceof WriteCancelled) {
        if (declinedReplace && !ctrl.signal.aborted) {
          announce("Import stopped: the existing AIECON sheets were kept and the workbook was left as it was.", "warn");
        } else if (!declinedRejects) {
          announce("Import cancelled: the workbook was left as it was.", "warn");
        }
      } else if (declinedReplace) {
        announce("Import stopped: the existing AIECON sheets were kept and the workbook was left as it was.", "warn");
      } else {
        announce([h("p", { class: "ap-err", text: describeError(errorParts(err)) }), "The workbook was left as it was."], "error");
      }
    } finally {
      importing = false;
      current = null;
      resolveConfirm(false);
      progress.hidden = true;
      updateImportButton();
      // Keyboard users who were on Cancel (now hidden) land on Import; focus elsewhere (the grid) is left alone.
      const active = document.activeElement;
      if (active === cancelBtn || active === null || active === document.body) importBtn.focus();
    }
  }

  return {
    addFiles: (kind: SourceKind, chosen: File[]) => addFiles(kind, chosen),
  };
}

function errorParts(err: unknown): { message: string; file?: string; line?: number } {
  if (err instanceof EngineError) return { message: err.message, file: err.file, line: err.line };
  if (err instanceof Error) {
    const withPlace = err as Error & { file?: unknown; line?: unknown };
    return {
      message: err.message,
      file: typeof withPlace.file === "string" ? withPlace.file : undefined,
      line: typeof withPlace.line === "number" ? withPlace.line : undefined,
    };
  }
  return { message: String(err) };
}

function uploadIcon(): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", "20");
  svg.setAttribute("height", "20");
  svg.setAttribute("viewBox", "0 0 20 20");
  svg.setAttribute("fill", "currentColor");
  const path = document.createElementNS(ns, "path");
  path.setAttribute(
    "d",
    "M15 3a.5.5 0 0 0 0-1H5a.5.5 0 0 0 0 1h10ZM9.65 17.85a.5.5 0 0 0 .7 0l.01-.01.01-.01a.5.5 0 0 0 .13-.33V6.7l3.64 3.65a.5.5 0 0 0 .71-.7l-4.5-4.5a.5.5 0 0 0-.7 0l-4.5 4.5a.5.5 0 0 0 .7.7L9.5 6.7v10.8c0 .13.05.26.15.35Z",
  );
  svg.append(path);
  return svg;
}

