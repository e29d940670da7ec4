/**
 * The Value assumptions section: an editable list of value assumptions (a value per
 * inference, or minutes saved × an hourly rate, per key), each field checked as typed.
 */
import { h, setChildren, keepingFocus, option } from "../dom";
import { buildAssumptions, type AssumptionMethod, type AssumptionRow } from "../model";
import type { PaneState } from "../flow";

type TextField = Exclude<keyof AssumptionRow, "method">;
const TEXT_FIELDS: readonly TextField[] = ["key", "valuePerInference", "minutesSaved", "hourlyRate", "currency"];

export interface AssumptionsEvents {
  add(): void;
  remove(index: number): void;
  method(index: number, method: AssumptionMethod): void;
  edit(index: number, field: TextField, value: string): void;
}

export interface AssumptionsView {
  readonly element: HTMLElement;
  /** Re-render the rows. */
  render(state: PaneState): void;
  /** Mark the fields typed into that do not hold (with the row's message). */
  validate(state: PaneState): void;
}

export function createAssumptionsView(pid: string, events: AssumptionsEvents): AssumptionsView {
  const list = h("ul", { class: "ap-assumptions", "aria-label": "Value assumptions" });
  const addBtn = h("button", { type: "button", class: "ap-subtle", text: "+ Add value assumption" });
  let rows: readonly AssumptionRow[] = [];
  addBtn.addEventListener("click", () => {
    events.add();
    document.getElementById(`${pid}-as-${rows.length - 1}-key`)?.focus();
  });
  const element = h(
    "section",
    { "aria-labelledby": `${pid}-as-h` },
    h("h2", { id: `${pid}-as-h`, text: "Value assumptions" }),
    h("p", {
      class: "ap-hint",
      text: "For keys without value data: a value per inference, or minutes saved × an hourly rate. Key * applies to every other key.",
    }),
    list,
    addBtn,
  );

  function row(a: AssumptionRow, i: number): HTMLLIElement {
    const base = `${pid}-as-${i}`;
    const text = (field: TextField, label: string, placeholder: string, inputmode = "decimal") => {
      const id = `${base}-${field}`;
      const input = h("input", { type: "text", id, placeholder, inputmode, autocomplete: "off", spellcheck: "false" });
      input.value = a[field];
      input.addEventListener("input", () => events.edit(i, field, input.value));
      return h("div", { class: "ap-field ap-compact" }, h("label", { for: id, text: label }), input);
    };
    const methodId = `${base}-method`;
    const method = h("select", { id: methodId });
    method.append(option("per-inference", "Value per inference", a.method === "per-inference"));
    method.append(option("time-saved", "Minutes saved × hourly rate", a.method === "time-saved"));
    method.addEventListener("change", () => events.method(i, method.value as AssumptionMethod));
    const removeBtn = h("button", { type: "button", class: "ap-subtle ap-danger", "aria-label": `Remove value assumption ${i + 1}`, text: "Remove" });
    removeBtn.addEventListener("click", () => {
      events.remove(i);
      addBtn.focus();
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

  return {
    element,
    render(state) {
      rows = state.choices.assumptions;
      keepingFocus(list, () => {
        setChildren(list, ...rows.map((a, i) => row(a, i)));
      });
    },
    validate(state) {
      const assumptions = state.choices.assumptions;
      const { problems } = buildAssumptions(assumptions);
      assumptions.forEach((a, i) => {
        const base = `${pid}-as-${i}`;
        const mine = problems.filter((p) => p.row === i);
        for (const f of TEXT_FIELDS) {
          const input = document.getElementById(`${base}-${f}`);
          if (!input) continue;
          // Only flag fields the user has typed into (an empty new row is not an error yet).
          const typed = a[f].trim() !== "";
          const bad = mine.some((p) => p.field === f) && (typed || f === "currency");
          input.setAttribute("aria-invalid", bad ? "true" : "false");
          if (bad) input.setAttribute("aria-describedby", `${base}-error`);
          else input.removeAttribute("aria-describedby");
        }
        const err = document.getElementById(`${base}-error`);
        const shown = mine.filter((p) => String(a[p.field]).trim() !== "");
        if (err) err.textContent = shown.map((p) => p.message).join(" ");
      });
    },
  };
}
