/** Tiny DOM helpers for the task pane (no framework). */

type Child = Node | string | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined;

/**
 * Create an element. Attributes: `class`, `text`, plain attributes (false/null/undefined omit
 * them, true sets an empty value); functions under `on*` become event listeners.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, AttrValue | EventListener> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, v] of Object.entries(attrs)) {
    if (typeof v === "function") {
      el.addEventListener(name.slice(2).toLowerCase(), v);
    } else if (name === "text") {
      if (v !== null && v !== undefined && v !== false) el.textContent = String(v);
    } else if (v === true) {
      el.setAttribute(name, "");
    } else if (v !== false && v !== null && v !== undefined) {
      el.setAttribute(name, String(v));
    }
  }
  append(el, ...children);
  return el;
}

export function append(el: Element, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
}

/** Replace the children of an element. */
export function setChildren(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, ...children);
}

/** Run a DOM update and put the focus back on the element with the same id, if it was inside `scope`. */
export function keepingFocus(scope: Element, update: () => void): void {
  const active = document.activeElement;
  const id = active && scope.contains(active) && active.id ? active.id : null;
  update();
  if (id) {
    const again = document.getElementById(id);
    if (again && again !== document.activeElement) (again as HTMLElement).focus();
  }
}

export function option(value: string, label: string, selected: boolean): HTMLOptionElement {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  o.selected = selected;
  return o;
}
