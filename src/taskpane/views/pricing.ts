/**
 * The Prices section (issue 12): *Price the tokens (AI Prices)*; for request logs *Write the
 * request rows (AI Requests)* (disabled, with the reason, above 100,000 requests) and *Price
 * requests as* (a model of the shipped price table; required when a log has no model column);
 * and the Scenarios candidates typed besides the data's three cheapest. The choices live in the
 * flow (../pricing.ts); this view renders them from what the files hold.
 */
import { h, keepingFocus, option } from "../dom";
import { choiceProblem, pricedModels, pricesOn, requestRowsReason, tokenFacts, type PricingChoices } from "../pricing";
import type { PaneState } from "../flow";
import { field } from "./options";

export interface PricingEvents {
  set<K extends keyof PricingChoices>(field: K, value: PricingChoices[K]): void;
}

export interface PricingView {
  readonly element: HTMLElement;
  /** Re-render for the files chosen and the choices made. */
  render(state: PaneState): void;
}

export function createPricingView(pid: string, events: PricingEvents): PricingView {
  const list = h("datalist", { id: `${pid}-models` });
  let listed = false;
  /** The 2,500 suggestions are added when a model field is first focused. */
  const fillList = (): void => {
    if (listed) return;
    listed = true;
    list.append(...pricedModels().map((m) => option(m, m, false)));
  };

  const prices = h("input", { type: "checkbox", id: `${pid}-prices`, "aria-describedby": `${pid}-prices-hint` });
  prices.addEventListener("change", () => events.set("prices", prices.checked));
  const pricesHint = h("p", { class: "ap-hint", id: `${pid}-prices-hint` });

  const rows = h("input", { type: "checkbox", id: `${pid}-requests`, "aria-describedby": `${pid}-requests-hint` });
  rows.addEventListener("change", () => events.set("requestRows", rows.checked));
  const rowsHint = h("p", { class: "ap-hint", id: `${pid}-requests-hint` });

  const model = h("input", { type: "text", id: `${pid}-price-model`, list: `${pid}-models`, autocomplete: "off", spellcheck: "false", "aria-describedby": `${pid}-price-model-hint` });
  model.addEventListener("focus", fillList);
  model.addEventListener("change", () => events.set("priceModel", model.value.trim()));
  const modelHint = h("p", { class: "ap-hint", id: `${pid}-price-model-hint` });

  const cands = h("input", { type: "text", id: `${pid}-candidates`, list: `${pid}-models`, autocomplete: "off", spellcheck: "false", "aria-describedby": `${pid}-candidates-hint` });
  cands.addEventListener("focus", fillList);
  cands.addEventListener("change", () => events.set("candidates", cands.value));
  const candsHint = h("p", { class: "ap-hint", id: `${pid}-candidates-hint` });
  const problem = h("p", { class: "ap-warn-text", id: `${pid}-pricing-problem`, role: "alert", hidden: true });

  const logsPart = h(
    "div",
    { id: `${pid}-tail-choices` },
    h("label", { class: "ap-radio", for: `${pid}-requests` }, rows, "Write the request rows (AI Requests)"),
    rowsHint,
    field(`${pid}-price-model`, "Price requests as", model),
    modelHint,
  );
  const pricedPart = h("div", {}, logsPart, field(`${pid}-candidates`, "Scenarios: also compare", cands), candsHint);

  const element = h(
    "section",
    { "aria-labelledby": `${pid}-pricing-h` },
    h("h2", { id: `${pid}-pricing-h`, text: "Prices" }),
    h("label", { class: "ap-radio", for: `${pid}-prices` }, prices, "Price the tokens (AI Prices)"),
    pricesHint,
    pricedPart,
    problem,
    list,
  );

  return {
    element,
    render(state) {
      keepingFocus(element, () => {
        const c = state.choices;
        const f = tokenFacts(state.entries);
        const on = pricesOn(c, f);
        prices.checked = on;
        pricesHint.textContent = !f.tokens
          ? "No volume file has input and output token counts: nothing to price yet."
          : c.formulas === "native"
            ? "Native Excel: the pricing sheets use AIECON functions (no native form yet), so this is off unless you turn it on."
            : "List price of the tokens (shipped LiteLLM table, editable in AI Prices): Token cost (list) and Billed − list on Unit Economics, and Scenarios.";
        pricedPart.hidden = !on;
        logsPart.hidden = f.requestLogs.length === 0;
        const reason = requestRowsReason(f);
        rows.disabled = reason !== null;
        rows.checked = reason === null && c.requestRows;
        rowsHint.textContent =
          reason ??
          `${f.requests.toLocaleString("en-US")} requests: written one per row, and every Long Tail figure a live formula over them. Off: the figures as values.`;
        if (model.value.trim() !== c.priceModel) model.value = c.priceModel;
        model.required = f.keyless.length > 0;
        modelHint.textContent =
          f.keyless.length > 0
            ? `Required: ${f.keyless.map((e) => e.name).join(", ")} ${f.keyless.length === 1 ? "has" : "have"} no model column. Every request is priced as this model.`
            : "Optional: every request priced as this model. Empty: each request's model column is matched to the price table.";
        if (cands.value !== c.candidates) cands.value = c.candidates;
        candsHint.textContent = "The three cheapest priced models of the data are compared; type more model ids of the price table, separated by commas.";
        const bad = on ? choiceProblem(c) : null;
        problem.hidden = bad === null;
        problem.textContent = bad?.message ?? "";
        model.setAttribute("aria-invalid", bad?.field === "priceModel" ? "true" : "false");
        cands.setAttribute("aria-invalid", bad?.field === "candidates" ? "true" : "false");
      });
    },
  };
}
