/**
 * The workbench page: toolbar, formula bar (Cell + Formula), sheet tabs, a grid per sheet
 * (first ROW_CAP rows rendered so that 100k-row sheets stay responsive), charts drawn as SVG
 * over the grid, and a side panel for the task pane.
 */
import { cellName, colName, parseAddress, rectAddress } from "../host/address";
import { getCell, setCell, type WorkbenchHost } from "../host";
import type { SheetModel } from "../host/workbook";
import { formatValue } from "../host/numfmt";
import { quoteText } from "../host/input";
import { chartSvg } from "./charts";

export const ROW_CAP = 500;
const COL_CAP = 60;
const PT_TO_PX = 4 / 3;

export interface WorkbenchUi {
  /** The element the task pane mounts into. */
  readonly taskpaneRoot: HTMLElement;
  readonly toolbar: HTMLElement;
  select(sheet: string, address: string): void;
  showSheet(name: string): void;
  render(): void;
  setStatus(text: string): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

const STYLE = `
.wb{display:flex;height:100vh;font-family:"Segoe UI",system-ui,Arial,sans-serif;font-size:13px;color:#242424;background:#fff}
.wb-main{flex:1;display:flex;flex-direction:column;min-width:0}
.wb-bar{display:flex;align-items:center;gap:8px;padding:6px 10px;background:#217346;color:#fff}
.wb-bar h1{font-size:15px;font-weight:600;margin:0 12px 0 0}
.wb-bar button{background:#fff;color:#217346;border:0;border-radius:4px;padding:5px 10px;font:inherit;cursor:pointer}
.wb-bar button:focus-visible{outline:2px solid #ffd54f}
.wb-bar .wb-note{margin-left:auto;font-size:12px;opacity:.9}
.wb-fbar{display:flex;gap:6px;padding:4px 8px;border-bottom:1px solid #d0d0d0;background:#f7f7f7;align-items:center}
.wb-fbar label{font-size:11px;color:#555}
.wb-fbar #wb-cell{width:110px}
.wb-fbar #wb-formula{flex:1}
.wb-fbar input{font:12px Consolas,monospace;padding:3px 5px;border:1px solid #c8c8c8;border-radius:2px}
.wb-sheetwrap{flex:1;overflow:auto;position:relative}
.wb-grid{border-collapse:collapse;table-layout:fixed;position:relative}
.wb-grid th{background:#f3f3f3;color:#555;font-weight:400;border:1px solid #d4d4d4;height:20px;box-sizing:border-box;padding:0 2px;line-height:18px;font-size:11px}
.wb-grid thead th{position:sticky;top:0;z-index:2}
.wb-grid tbody th.wb-rh{width:44px}
.wb-grid thead th.wb-corner{z-index:3}
.wb-grid td{border:1px solid #e2e2e2;height:20px;box-sizing:border-box;line-height:18px;padding:0 4px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-size:12px}
.wb-grid td.wb-num{text-align:right}
.wb-grid td.wb-spill{overflow:visible;text-overflow:clip;position:relative;z-index:1;line-height:1}
.wb-grid td.wb-err{color:#c00000;text-align:center}
.wb-grid td.wb-th{font-weight:600;background:#dae3f3}
.wb-grid td.wb-sel{outline:2px solid #217346;outline-offset:-2px}
.wb-charts{position:absolute;left:0;top:0;pointer-events:none}
.wb-chart{position:absolute;pointer-events:auto;box-shadow:0 1px 3px rgba(0,0,0,.15)}
.wb-tabs{display:flex;gap:2px;padding:0 8px;border-top:1px solid #d0d0d0;background:#f3f3f3;overflow-x:auto}
.wb-tabs button{flex:none;white-space:nowrap;border:0;background:transparent;padding:5px 12px;font:inherit;cursor:pointer;border-bottom:3px solid transparent}
.wb-tabs button[aria-selected=true]{background:#fff;border-bottom-color:#217346;color:#217346;font-weight:600}
.wb-status{font-size:11px;color:#555;padding:2px 8px;border-top:1px solid #e0e0e0;min-height:16px}
.wb-side{width:380px;border-left:1px solid #d0d0d0;overflow:auto;background:#fafafa;flex-shrink:0}
.wb-side .wb-placeholder{padding:16px;color:#555}
`;

export function mountWorkbench(root: HTMLElement, host: WorkbenchHost): WorkbenchUi {
  const style = el("style");
  style.textContent = STYLE;
  document.head.append(style);

  const toolbar = el("div", { class: "wb-bar", role: "toolbar", "aria-label": "Workbench" }, el("h1", {}, "AIECON workbench"));
  const note = el("span", { class: "wb-note" }, "In-browser workbook · formulas by HyperFormula (GPL-3.0)");
  toolbar.append(note);
  const cellBox = el("input", { id: "wb-cell", "aria-label": "Cell", value: "A1", spellcheck: "false", autocomplete: "off" });
  const formulaBox = el("input", { id: "wb-formula", "aria-label": "Formula", spellcheck: "false", autocomplete: "off" });
  const fbar = el("div", { class: "wb-fbar" }, el("label", { for: "wb-cell" }, "Cell"), cellBox, el("label", { for: "wb-formula" }, "fx"), formulaBox);
  // The sheet area is the tab panel of the sheet tabs (ARIA tabs pattern): one panel, its label
  // follows the selected tab.
  const wrap = el("div", { class: "wb-sheetwrap", id: "wb-sheetpanel", role: "tabpanel", "aria-label": "Sheet" });
  const tabs = el("div", { class: "wb-tabs", role: "tablist", "aria-label": "Sheets" });
  const status = el("div", { class: "wb-status", "aria-live": "polite" });
  const main = el("div", { class: "wb-main" }, toolbar, fbar, wrap, tabs, status);
  const side = el("aside", { class: "wb-side", "aria-label": "AIECON task pane", tabindex: "-1" });
  root.replaceChildren(el("div", { class: "wb" }, main, side));

  let shown: SheetModel | undefined;
  let sel = { r: 0, c: 0 };
  let lastVersion = -1;
  let scheduled = false;
  /** The cell the formula bar shows (`sheet!A1`), and whether the user has typed in the Formula box since. */
  let barFor = "";
  let formulaEdited = false;

  let lastActive: SheetModel | undefined;
  const currentSheet = (): SheetModel => {
    const m = host.model;
    if (m.activeSheet !== lastActive) {
      // The add-in activated a sheet (worksheet.activate()): show it, as Excel does.
      lastActive = m.activeSheet;
      if (m.activeSheet && m.isLive(m.activeSheet) && m.activeSheet.visibility === "Visible") shown = m.activeSheet;
    }
    if (shown && m.isLive(shown) && shown.visibility === "Visible") return shown;
    shown = m.activeSheet && m.isLive(m.activeSheet) ? m.activeSheet : m.sheets.find((s) => s.visibility === "Visible")!;
    return shown;
  };

  // The formula bar follows the selection, wherever focus is: a new cell (from a click, the
  // keyboard or the Cell box) always shows its own address and formula. Only a redraw of the
  // same cell leaves alone a box the user is typing in.
  const updateFormulaBar = async (force = false): Promise<void> => {
    const s = currentSheet();
    const at = cellName(sel.r, sel.c);
    const key = `${s.name}!${at}`;
    const moved = key !== barFor;
    barFor = key;
    if (moved) formulaEdited = false;
    if (force || moved || document.activeElement !== cellBox) cellBox.value = at;
    const c = await getCell(host, s.name, at);
    if (barFor !== key) return; // the selection moved on while this cell was read
    // The formula bar shows text that would read as something else with its apostrophe, as Excel does.
    const shown = typeof c.value === "string" && c.formula === c.value && c.value !== "" ? quoteText(c.value) : String(c.formula);
    if (force || !formulaEdited || document.activeElement !== formulaBox) {
      formulaBox.value = shown;
      formulaEdited = false;
    }
  };

  // Sheet tabs follow the ARIA tabs pattern: one tab stop (the selected tab, roving tabindex),
  // Left/Right/Home/End move between tabs and show the sheet (automatic activation).
  const renderTabs = (): void => {
    const s = currentSheet();
    const hadFocus = tabs.contains(document.activeElement);
    const buttons = host.model.sheets
      .filter((x) => x.visibility === "Visible")
      .map((x, i) => {
        const b = el(
          "button",
          { type: "button", role: "tab", id: `wb-tab-${i}`, "aria-selected": String(x === s), "aria-controls": wrap.id, tabindex: x === s ? "0" : "-1", "data-sheet": x.name },
          x.name,
        );
        b.addEventListener("click", () => showSheet(x.name));
        return b;
      });
    tabs.replaceChildren(...buttons);
    const selected = buttons.find((b) => b.getAttribute("aria-selected") === "true");
    if (selected) wrap.setAttribute("aria-labelledby", selected.id);
    if (hadFocus) selected?.focus();
  };
  tabs.addEventListener("keydown", (e) => {
    const list = [...tabs.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    const at = list.findIndex((b) => b === document.activeElement);
    if (at < 0 || list.length === 0) return;
    const to = { ArrowRight: (at + 1) % list.length, ArrowLeft: (at - 1 + list.length) % list.length, Home: 0, End: list.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    list[to].focus();
    showSheet(list[to].dataset.sheet!);
  });

  /** The last column Tab walks to before it leaves the grid: the drawn columns of the sheet. */
  const lastTabColumn = (): number => Math.max(12, Math.min(COL_CAP, (host.model.usedRect(currentSheet())?.c1 ?? 0) + 3)) - 1;

  const renderGrid = (): void => {
    const m = host.model;
    const s = currentSheet();
    const used = m.usedRect(s);
    const nRows = Math.max(40, Math.min(ROW_CAP, (used?.r1 ?? 0) + 6), sel.r + 2);
    const nCols = Math.max(lastTabColumn() + 1, sel.c + 2);
    const values = m.readValues(s, { r0: 0, c0: 0, r1: nRows - 1, c1: nCols - 1 });
    const tableHeads = m.tables.filter((t) => t.sheet === s);
    const table = el("table", { class: "wb-grid", role: "grid", "aria-label": s.name, "data-sheet": s.name });
    const colgroup = el("colgroup", {}, el("col", { style: "width:44px" }));
    let gridW = 44;
    for (let c = 0; c < nCols; c++) {
      const w = Math.round(m.colWidth(s, c) * PT_TO_PX);
      gridW += w;
      colgroup.append(el("col", { style: `width:${w}px` }));
    }
    // A width makes the fixed layout hold: a long text (a sheet's title) is cut at its column, never widens it.
    table.style.width = `${gridW}px`;
    table.append(colgroup);
    const head = el("tr", {}, el("th", { class: "wb-rh wb-corner" }));
    for (let c = 0; c < nCols; c++) head.append(el("th", { scope: "col" }, colName(c)));
    table.append(el("thead", {}, head));
    const body = el("tbody");
    for (let r = 0; r < nRows; r++) {
      const tr = el("tr", {}, el("th", { class: "wb-rh", scope: "row" }, String(r + 1)));
      for (let c = 0; c < nCols; c++) {
        const v = values[r][c];
        const td = el("td", { "data-cell": cellName(r, c) });
        if (v !== "") {
          const f = m.displayFormat(s, r, c, v);
          const text = formatValue(v, f.numberFormat ?? "General");
          td.textContent = text;
          if (typeof v === "number") td.className = "wb-num";
          else if (typeof v === "string" && /^#(DIV\/0!|VALUE!|N\/A|NUM!|NAME\?|REF!|NULL!|SPILL!|CYCLE!|ERROR!|CALC!)$/.test(v)) td.className = "wb-err";
          if (f.fill) td.style.background = f.fill;
          if (f.fontColor) td.style.color = f.fontColor;
          if (f.bold) td.style.fontWeight = "600";
          if (f.italic) td.style.fontStyle = "italic";
          if (f.fontSize !== undefined && f.fontSize !== 11) td.style.fontSize = `${f.fontSize}pt`;
          // As in Excel, text runs on over the empty cells to its right.
          if (typeof v === "string" && td.className !== "wb-err" && c + 1 < nCols && values[r][c + 1] === "") td.classList.add("wb-spill");
          if (f.horizontalAlignment && f.horizontalAlignment !== "General") td.style.textAlign = f.horizontalAlignment.toLowerCase();
        } else {
          const f = m.displayFormat(s, r, c, v);
          if (f.fill) td.style.background = f.fill;
        }
        if (tableHeads.some((t) => t.rect.r0 === r && c >= t.rect.c0 && c <= t.rect.c1) && !td.style.background) td.classList.add("wb-th");
        if (r === sel.r && c === sel.c) td.classList.add("wb-sel");
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(body);
    table.addEventListener("click", (e) => {
      const td = (e.target as HTMLElement).closest("td");
      if (!td) return;
      const a = parseAddress(td.getAttribute("data-cell")!);
      select(s.name, rectAddress(a.rect));
      wrap.focus({ preventScroll: true });
    });
    const charts = el("div", { class: "wb-charts" });
    for (const ch of s.charts) {
      const w = Math.round(ch.width * PT_TO_PX);
      const h = Math.round(ch.height * PT_TO_PX);
      // Placed in points from cell A1, as Excel places them: a row is 15 pt (20 px, the grid's row height).
      const box = el("div", { class: "wb-chart", "data-chart": ch.name, style: `left:${Math.round(ch.left * PT_TO_PX)}px;top:${Math.round(ch.top * PT_TO_PX)}px;width:${w}px;height:${h}px` });
      box.innerHTML = chartSvg(m, ch, w, h);
      charts.append(box);
    }
    const scroll = { top: wrap.scrollTop, left: wrap.scrollLeft };
    wrap.replaceChildren(table, charts);
    // The charts' origin is the top-left corner of A1, wherever the headers put it.
    const a1 = table.querySelector<HTMLElement>('td[data-cell="A1"]');
    if (a1) {
      charts.style.left = `${a1.offsetLeft}px`;
      charts.style.top = `${a1.offsetTop}px`;
    }
    wrap.scrollTop = scroll.top;
    wrap.scrollLeft = scroll.left;
    const total = used ? used.r1 + 1 : 0;
    setStatus(total > ROW_CAP ? `${s.name}: showing the first ${ROW_CAP} of ${total.toLocaleString("en-US")} rows` : `${s.name}`);
  };

  const render = (force = false): void => {
    scheduled = false;
    lastVersion = host.model.version;
    renderTabs();
    renderGrid();
    void updateFormulaBar(force);
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      if (host.model.version !== lastVersion || scheduled) render();
    });
    void 0;
  };
  host.onChange(schedule);

  function setStatus(text: string): void {
    status.textContent = text;
  }
  function showSheet(name: string): void {
    const s = host.model.sheetByName(name);
    if (!s) return;
    shown = s;
    lastActive = host.model.activeSheet;
    sel = { r: 0, c: 0 };
    render();
  }
  function select(sheet: string, address: string): void {
    if (sheet !== currentSheet().name) showSheet(sheet);
    const a = parseAddress(address);
    sel = { r: a.rect.r0, c: a.rect.c0 };
    render();
  }

  // Keyboard: arrows move the selection, Enter or typing edits the cell in the formula bar.
  // Tab and Shift+Tab move along the row and, at the grid's first or last drawn column, leave
  // the grid as they leave any control (no keyboard trap); F6 is handled on the document.
  wrap.tabIndex = 0;
  wrap.addEventListener("keydown", (e) => {
    if (e.key === "Tab" && (e.shiftKey ? sel.c === 0 : sel.c >= lastTabColumn())) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Tab: [0, e.shiftKey ? -1 : 1] };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      sel = { r: Math.max(0, sel.r + m[0]), c: Math.max(0, sel.c + m[1]) };
      render();
      wrap.focus();
    } else if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      formulaBox.focus();
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      formulaBox.value = e.key;
      formulaBox.focus();
    } else if (e.key === "Delete") {
      e.preventDefault();
      void setCell(host, currentSheet().name, cellName(sel.r, sel.c), null).catch((err: unknown) => setStatus(String(err)));
    }
  });
  wrap.addEventListener("dblclick", () => formulaBox.focus());
  formulaBox.addEventListener("input", () => {
    formulaEdited = true;
  });

  // F6 / Shift+F6 cycle the regions as in Excel: grid → formula bar → task pane → grid.
  const focusables = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';
  const regions: { contains(n: Node | null): boolean; focus(): void }[] = [
    { contains: (n) => wrap.contains(n) || tabs.contains(n), focus: () => wrap.focus() },
    { contains: (n) => fbar.contains(n), focus: () => cellBox.focus() },
    {
      contains: (n) => side.contains(n),
      focus: () => {
        const first = [...side.querySelectorAll<HTMLElement>(focusables)].find((x) => x.offsetParent !== null);
        (first ?? side).focus();
      },
    },
  ];
  document.addEventListener("keydown", (e) => {
    if (e.key !== "F6") return;
    e.preventDefault();
    const at = regions.findIndex((r) => r.contains(document.activeElement));
    const next = at < 0 ? 0 : (at + (e.shiftKey ? regions.length - 1 : 1)) % regions.length;
    regions[next].focus();
  });
  cellBox.addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    try {
      const p = parseAddress(cellBox.value);
      select(p.sheet ?? currentSheet().name, rectAddress({ r0: p.rect.r0, c0: p.rect.c0, r1: p.rect.r0, c1: p.rect.c0 }));
      formulaBox.focus();
    } catch (err) {
      setStatus(err instanceof Error ? err.message : String(err));
    }
  });
  formulaBox.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      render(true);
      wrap.focus();
      return;
    }
    if (e.key !== "Enter") return;
    e.preventDefault();
    const s = currentSheet();
    const at = cellName(sel.r, sel.c);
    setCell(host, s.name, at, formulaBox.value)
      .then(() => {
        sel = { r: sel.r + 1, c: sel.c };
        root.dataset.committed = String(Number(root.dataset.committed ?? "0") + 1);
        render(true);
      })
      .catch((err: unknown) => setStatus(`${at}: ${err instanceof Error ? err.message : String(err)}`));
  });

  side.append(el("div", { class: "wb-placeholder" }, "Loading the task pane…"));
  render();
  return { taskpaneRoot: side, toolbar, select, showSheet, render: () => render(), setStatus };
}
