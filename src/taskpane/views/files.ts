/**
 * The Data section: one block per kind of file (a labelled file input with a drop zone,
 * and the list of chosen files), each file as a card with what inspecting it found, and
 * the column mapping of a file whose format was not recognised.
 */
import type { ColumnMap, SourceKind } from "../../import/types";
import { h, append, setChildren, keepingFocus, option } from "../dom";
import {
  KINDS,
  KIND_LABELS,
  FORMAT_LABELS,
  MAX_CASE_MERGES_LISTED,
  describeReport,
  mappingFields,
  missingMapFields,
  needsMapping,
  rejectedOf,
  type FileEntry,
  type MapField,
} from "../model";
import { formatBytes, formatCount } from "../numbers";
import type { PaneState } from "../flow";
import { rejectedDetails } from "./rejected";

const KIND_HINTS: Readonly<Record<SourceKind, string>> = {
  billing: "FOCUS, AWS CUR, Azure, Google Cloud, OCI, OpenAI or Anthropic exports, or any CSV with a date and a cost.",
  volume: "Request counts per period and key, or a request log (one row per request).",
  value: "Value delivered per period and key. Or enter value assumptions below.",
};

/** Currencies offered as a fixed value when a file has no currency column. */
const FIXED_CURRENCIES = ["USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "INR"];

export interface FilesEvents {
  /** Files chosen or dropped for a kind. */
  add(kind: SourceKind, files: File[]): void;
  /** Remove a file; true when it was removed. */
  remove(entry: FileEntry): boolean;
  /** A column mapped ("" clears it). */
  map(entry: FileEntry, field: MapField, value: string): void;
}

export interface FilesView {
  readonly element: HTMLElement;
  /** Re-render the file lists of these kinds. */
  render(state: PaneState, kinds: readonly SourceKind[]): void;
  /** Files cannot be added while an import runs. */
  setBusy(busy: boolean): void;
}

export function createFilesView(pid: string, events: FilesEvents): FilesView {
  const lists = {} as Record<SourceKind, HTMLUListElement>;
  const inputs = {} as Record<SourceKind, HTMLInputElement>;
  let busy = false;

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
      if (chosen.length) events.add(kind, chosen);
    });
    inputs[kind] = input;
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
      if (ev.dataTransfer) ev.dataTransfer.dropEffect = busy ? "none" : "copy";
    });
    drop.addEventListener("dragleave", () => drop.classList.remove("ap-dragover"));
    drop.addEventListener("drop", (ev) => {
      ev.preventDefault();
      drop.classList.remove("ap-dragover");
      const dropped = ev.dataTransfer?.files ? [...ev.dataTransfer.files] : [];
      if (dropped.length && !busy) events.add(kind, dropped);
    });
    // Not labelled with the input's name: "Billing files" names the file input alone.
    const list = h("ul", { class: "ap-files", "aria-label": `Chosen ${kind} data` });
    lists[kind] = list;
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

  const element = h(
    "section",
    { "aria-labelledby": `${pid}-files-h` },
    h("h2", { id: `${pid}-files-h`, text: "Data" }),
    h("p", { class: "ap-hint", text: "Choose or drop files. Each is read before import so you can check it." }),
    ...KINDS.map((kind) => kindBlock(kind)),
  );

  function fileCard(e: FileEntry): HTMLLIElement {
    const removeBtn = h("button", {
      type: "button",
      class: "ap-icon",
      id: `${pid}-rm-${e.id}`,
      "aria-label": `Remove ${e.name}`,
      title: "Remove",
      text: "✕",
    });
    removeBtn.addEventListener("click", () => {
      if (events.remove(e)) inputs[e.kind].focus();
    });
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
    fact(e.kind === "volume" ? "Volume" : e.kind === "billing" && e.basis === "effective" ? "Total (effective cost)" : e.kind === "billing" ? "Total (billed cost)" : "Total", facts.totals);
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
    for (const w of facts.warnings.slice(0, MAX_CASE_MERGES_LISTED)) li.append(h("p", { class: "ap-warn-text ap-row-warning", text: w }));
    if ((r.rowsWarned ?? 0) > MAX_CASE_MERGES_LISTED) {
      li.append(h("p", { class: "ap-warn-text ap-row-warning", text: `… and ${formatCount((r.rowsWarned ?? 0) - MAX_CASE_MERGES_LISTED)} more rows with a warning.` }));
    }
    for (const m of facts.caseMerges.slice(0, MAX_CASE_MERGES_LISTED)) li.append(h("p", { class: "ap-hint ap-case-merge", style: "margin:4px 0 0", text: m }));
    if (facts.caseMerges.length > MAX_CASE_MERGES_LISTED) {
      const more = facts.caseMerges.length - MAX_CASE_MERGES_LISTED;
      li.append(h("p", { class: "ap-hint ap-case-merge", style: "margin:4px 0 0", text: `… and ${formatCount(more)} more ${more === 1 ? "key" : "keys"} merged by case.` }));
    }
    if (needsMapping(e)) li.append(mappingStep(e));
    return li;
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
        for (const code of FIXED_CURRENCIES) {
          if (!columns.includes(code)) sel.append(option(code, `Fixed: ${code}`, code === cur));
        }
        if (fixedCode && !FIXED_CURRENCIES.includes(fixedCode)) sel.append(option(fixedCode, `Fixed: ${fixedCode}`, true));
      }
      sel.addEventListener("change", () => events.map(e, spec.field, sel.value));
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

  return {
    element,
    render(state, kinds) {
      for (const kind of kinds) {
        const list = lists[kind];
        keepingFocus(list, () => {
          setChildren(list, ...state.entries.filter((e) => e.kind === kind).map(fileCard));
        });
      }
    },
    setBusy(on) {
      busy = on;
      for (const k of KINDS) inputs[k].disabled = on;
    },
  };
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
