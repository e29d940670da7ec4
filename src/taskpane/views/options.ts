/**
 * The Options section: period, fiscal year start, workload key, cost basis, comparison
 * period and formulas; the Make shareable action (actions.ts) sits at its end.
 */
import type { CostBasis, PeriodGrain } from "../../import/types";
import { h, setChildren, option } from "../dom";
import { MONTH_NAMES, PERIODS, keyOptions, needsMapping, type Choices } from "../model";
import type { PaneState } from "../flow";

export interface OptionsEvents {
  period(period: PeriodGrain): void;
  fiscalStartMonth(month: number): void;
  key(key: string): void;
  comparisonPeriod(label: string): void;
  topKeys(n: number): void;
  cost(basis: CostBasis): void;
  formulas(formulas: Choices["formulas"]): void;
}

export interface OptionsView {
  readonly element: HTMLElement;
  /** Re-render the workload keys on offer (and the note on mapped key columns). */
  renderKeys(state: PaneState): void;
  /** Re-render the comparison periods on offer. */
  renderComparison(state: PaneState): void;
}

/** A labelled control, with an optional hint (`${id}-hint`). */
export function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h(
    "div",
    { class: "ap-field" },
    h("label", { for: id, text: label }),
    control,
    hint ? h("span", { class: "ap-hint", id: `${id}-hint`, style: "margin:0", text: hint }) : null,
  );
}

/** `trailing`: the elements placed at the end of the section (the Make shareable action). */
export function createOptionsView(pid: string, choices: Readonly<Choices>, events: OptionsEvents, trailing: readonly HTMLElement[]): OptionsView {
  const periodSel = h("select", { id: `${pid}-period` });
  PERIODS.forEach((p) => periodSel.append(option(p.value, p.label, p.value === choices.period)));
  periodSel.addEventListener("change", () => events.period(periodSel.value as PeriodGrain));
  const fiscalSel = h("select", { id: `${pid}-fiscal`, "aria-describedby": `${pid}-fiscal-hint` });
  MONTH_NAMES.forEach((m, i) => fiscalSel.append(option(String(i + 1), m, i + 1 === choices.fiscalStartMonth)));
  fiscalSel.addEventListener("change", () => events.fiscalStartMonth(Number(fiscalSel.value)));
  const keySel = h("select", { id: `${pid}-key`, "aria-describedby": `${pid}-key-hint` });
  keySel.addEventListener("change", () => events.key(keySel.value));
  const keyNote = h("p", { class: "ap-warn-text", style: "margin:-8px 0 12px", hidden: true });
  const comparisonSel = h("select", { id: `${pid}-comparison`, "aria-describedby": `${pid}-comparison-hint` });
  comparisonSel.addEventListener("change", () => events.comparisonPeriod(comparisonSel.value));
  const topInput = h("input", { id: `${pid}-top`, type: "number", min: "1", max: "50", step: "1", value: String(choices.topKeys), "aria-describedby": `${pid}-top-hint` });
  topInput.addEventListener("change", () => {
    const n = Number(topInput.value);
    if (Number.isInteger(n) && n >= 1 && n <= 50) events.topKeys(n);
    else topInput.value = String(Math.max(1, Math.min(50, Math.round(Number.isFinite(n) ? n : 12))));
  });
  const costRadios = (["billed", "effective"] as const).map((basis) => {
    const r = h("input", { type: "radio", name: `${pid}-cost`, value: basis, id: `${pid}-cost-${basis}` });
    r.checked = choices.cost === basis;
    r.addEventListener("change", () => {
      if (r.checked) events.cost(basis);
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
      if (r.checked) events.formulas(kind);
    });
    return h("label", { class: "ap-radio", for: `${pid}-formulas-${kind}` }, r, kind === "aiecon" ? "AIECON functions" : "Native Excel");
  });

  const element = h(
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
    field(`${pid}-top`, "Keys in the charts", topInput, "The costliest keys drawn on Comparison and Trend (1–50); the rest as Other."),
    h("fieldset", {}, h("legend", { text: "Formulas" }), h("div", { class: "ap-radios" }, ...formulaRadios)),
    h("p", { class: "ap-hint", text: "Native Excel: the workbook computes without the add-in (Excel 2021, Microsoft 365, web, iPad)." }),
    ...trailing,
  );

  return {
    element,
    renderKeys(state) {
      const { entries, choices: now } = state;
      setChildren(keySel, ...keyOptions(entries).map((o) => option(o.value, o.label, o.value === now.key)));
      const mapped = entries.filter((e) => e.kind === "billing" && needsMapping(e) && e.map?.key);
      keyNote.hidden = mapped.length === 0;
      keyNote.textContent = mapped.length ? `${mapped.map((e) => e.name).join(", ")}: the mapped key column is the workload key.` : "";
    },
    renderComparison(state) {
      const current = state.choices.comparisonPeriod;
      setChildren(
        comparisonSel,
        option("", "Latest quarter with cost (default)", current === ""),
        ...state.comparisonLabels.map((l) => option(l, l, l === current)),
      );
    },
  };
}
