/**
 * Task pane styles in the Office / Fluent 2 look: Segoe UI (system font stack),
 * Fluent neutral greys, brand colour #0F6CBD, 4px corners, 4/8/12/16px spacing,
 * visible focus rings. Injected as a <style> element (no CSS loader in the build).
 * Every rule is scoped under `.aiecon-pane` so the workbench page is not affected.
 */
export const TASKPANE_CSS = `
.aiecon-pane {
  --brand: #0F6CBD;
  --brand-hover: #115EA3;
  --brand-pressed: #0C3B5E;
  --brand-tint: #EBF3FC;
  --n-fg1: #242424;
  --n-fg2: #424242;
  --n-fg3: #616161;
  --n-fg-disabled: #BDBDBD;
  --n-bg1: #FFFFFF;
  --n-bg2: #FAFAFA;
  --n-bg3: #F5F5F5;
  --n-bg4: #F0F0F0;
  --n-stroke1: #D1D1D1;
  --n-stroke2: #E0E0E0;
  --n-stroke-access: #616161;
  --danger-fg: #B10E1C;
  --danger-bg: #FDF3F4;
  --danger-stroke: #EEACB2;
  --warn-fg: #8A3707;
  --warn-bg: #FFF9F5;
  --warn-stroke: #FDCFB4;
  --ok-fg: #0E700E;
  --ok-bg: #F1FAF1;
  --ok-stroke: #9FD89F;
  --radius: 4px;
  --shadow4: 0 0 2px rgba(0,0,0,.12), 0 2px 4px rgba(0,0,0,.14);
  --shadow16: 0 0 2px rgba(0,0,0,.12), 0 8px 16px rgba(0,0,0,.14);
  box-sizing: border-box;
  font-family: "Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, system-ui, sans-serif;
  font-size: 14px;
  line-height: 20px;
  color: var(--n-fg1);
  background: var(--n-bg1);
  display: flex;
  flex-direction: column;
  min-height: 100%;
  -webkit-font-smoothing: antialiased;
}
.aiecon-pane *, .aiecon-pane *::before, .aiecon-pane *::after { box-sizing: inherit; }
.aiecon-pane [hidden] { display: none !important; }
.aiecon-pane .ap-header {
  display: flex; align-items: center; gap: 12px;
  padding: 16px 16px 12px;
  border-bottom: 1px solid var(--n-stroke2);
}
.aiecon-pane .ap-logo {
  width: 32px; height: 32px; border-radius: var(--radius);
  background: var(--brand); color: #fff; font-weight: 600; font-size: 13px;
  display: flex; align-items: center; justify-content: center; flex: none;
}
.aiecon-pane h1 { font-size: 20px; line-height: 28px; font-weight: 600; margin: 0; }
.aiecon-pane .ap-sub { font-size: 12px; line-height: 16px; color: var(--n-fg3); margin: 0; }
.aiecon-pane .ap-body { flex: 1; padding: 0 16px 16px; overflow-y: auto; transition: opacity .1s; }
.aiecon-pane .ap-body.ap-busy { opacity: .6; }
.aiecon-pane section { padding: 16px 0 4px; border-bottom: 1px solid var(--n-stroke2); }
.aiecon-pane section:last-child { border-bottom: none; }
.aiecon-pane h2 { font-size: 16px; line-height: 22px; font-weight: 600; margin: 0 0 4px; }
.aiecon-pane h3 { font-size: 14px; line-height: 20px; font-weight: 600; margin: 0; }
.aiecon-pane .ap-hint { font-size: 12px; line-height: 16px; color: var(--n-fg3); margin: 0 0 12px; }
.aiecon-pane .ap-kind { margin: 0 0 16px; }
.aiecon-pane .ap-kind-head { display: flex; align-items: baseline; justify-content: space-between; margin-bottom: 4px; }
.aiecon-pane .ap-optional { font-size: 12px; color: var(--n-fg3); font-weight: 400; }

/* Drop zone: the whole zone is the label of its (visually hidden, focusable) file input. */
.aiecon-pane .ap-drop {
  position: relative; display: flex; align-items: center; gap: 12px;
  padding: 12px; border: 1px dashed var(--n-stroke1); border-radius: var(--radius);
  background: var(--n-bg2); cursor: pointer; color: var(--n-fg2);
  transition: background .1s, border-color .1s;
}
.aiecon-pane .ap-drop:hover { background: var(--n-bg3); border-color: var(--n-stroke-access); }
.aiecon-pane .ap-drop.ap-dragover { background: var(--brand-tint); border-color: var(--brand); border-style: solid; }
.aiecon-pane .ap-drop:focus-within { outline: 2px solid var(--n-fg1); outline-offset: 1px; }
.aiecon-pane .ap-drop-icon {
  width: 32px; height: 32px; flex: none; border-radius: var(--radius); background: var(--n-bg1);
  border: 1px solid var(--n-stroke2); display: flex; align-items: center; justify-content: center; color: var(--brand);
}
.aiecon-pane .ap-drop-text { font-size: 12px; line-height: 16px; }
.aiecon-pane .ap-drop-text strong { display: block; font-size: 14px; line-height: 20px; font-weight: 600; color: var(--brand); }
.aiecon-pane .ap-visually-hidden {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}

/* File cards */
.aiecon-pane .ap-files { list-style: none; margin: 8px 0 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.aiecon-pane .ap-card {
  border: 1px solid var(--n-stroke2); border-radius: var(--radius); background: var(--n-bg1);
  box-shadow: var(--shadow4); padding: 8px 12px;
}
.aiecon-pane .ap-card.ap-card-error { border-color: var(--danger-stroke); background: var(--danger-bg); }
.aiecon-pane .ap-card-head { display: flex; align-items: center; gap: 8px; }
.aiecon-pane .ap-card-name { flex: 1; min-width: 0; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.aiecon-pane .ap-badge {
  display: inline-block; font-size: 10px; line-height: 16px; font-weight: 600; padding: 0 6px;
  border-radius: 8px; background: var(--brand-tint); color: var(--brand); white-space: nowrap; text-transform: uppercase; letter-spacing: .02em;
}
.aiecon-pane .ap-badge.ap-badge-warn { background: var(--warn-bg); color: var(--warn-fg); border: 1px solid var(--warn-stroke); }
.aiecon-pane .ap-badge.ap-badge-error { background: var(--danger-bg); color: var(--danger-fg); border: 1px solid var(--danger-stroke); }
.aiecon-pane .ap-facts { display: grid; grid-template-columns: auto 1fr; gap: 0 12px; margin: 4px 0 0; font-size: 12px; line-height: 16px; }
.aiecon-pane .ap-facts dt { color: var(--n-fg3); }
.aiecon-pane .ap-facts dd { margin: 0; color: var(--n-fg1); font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.aiecon-pane .ap-error-text { color: var(--danger-fg); font-size: 12px; line-height: 16px; margin: 4px 0 0; overflow-wrap: anywhere; }
.aiecon-pane .ap-warn-text { color: var(--warn-fg); font-size: 12px; line-height: 16px; margin: 4px 0 0; }
.aiecon-pane details { margin-top: 4px; font-size: 12px; line-height: 16px; }
.aiecon-pane summary { cursor: pointer; color: var(--warn-fg); font-weight: 600; border-radius: var(--radius); }
.aiecon-pane summary:focus-visible { outline: 2px solid var(--n-fg1); outline-offset: 1px; }
.aiecon-pane .ap-rejected { list-style: none; margin: 4px 0 0; padding: 0; max-height: 160px; overflow-y: auto; }
.aiecon-pane .ap-rejected li { padding: 2px 0; border-top: 1px solid var(--n-stroke2); overflow-wrap: anywhere; }
.aiecon-pane .ap-rejected li:first-child { border-top: none; }
.aiecon-pane .ap-line { font-variant-numeric: tabular-nums; color: var(--n-fg3); }

/* Column mapping */
.aiecon-pane .ap-mapping { margin-top: 8px; padding: 8px; background: var(--n-bg3); border-radius: var(--radius); }
.aiecon-pane .ap-mapping-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; margin-top: 8px; align-items: end; }
.aiecon-pane .ap-preview-wrap { margin-top: 8px; overflow-x: auto; border: 1px solid var(--n-stroke2); border-radius: var(--radius); background: var(--n-bg1); }
.aiecon-pane table.ap-preview { border-collapse: collapse; font-size: 11px; line-height: 16px; white-space: nowrap; }
.aiecon-pane table.ap-preview th, .aiecon-pane table.ap-preview td { padding: 2px 6px; border-bottom: 1px solid var(--n-stroke2); text-align: left; }
.aiecon-pane table.ap-preview th { background: var(--n-bg3); font-weight: 600; }

/* Fields */
.aiecon-pane .ap-field { display: flex; flex-direction: column; gap: 4px; margin-bottom: 12px; min-width: 0; }
.aiecon-pane .ap-field > label, .aiecon-pane .ap-label { font-size: 14px; line-height: 20px; font-weight: 600; color: var(--n-fg1); }
.aiecon-pane .ap-field.ap-compact { margin-bottom: 0; }
.aiecon-pane .ap-field.ap-compact > label { font-size: 12px; line-height: 16px; font-weight: 400; color: var(--n-fg2); }
.aiecon-pane .ap-row { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.aiecon-pane select, .aiecon-pane input[type="text"], .aiecon-pane input[type="number"] {
  font: inherit; font-size: 14px; line-height: 20px; color: var(--n-fg1);
  height: 32px; padding: 5px 8px; width: 100%; min-width: 0;
  background: var(--n-bg1); border: 1px solid var(--n-stroke1); border-bottom-color: var(--n-stroke-access);
  border-radius: var(--radius); outline: none;
}
.aiecon-pane select { padding-right: 4px; }
.aiecon-pane select:hover, .aiecon-pane input[type="text"]:hover, .aiecon-pane input[type="number"]:hover { border-color: var(--n-stroke-access); }
.aiecon-pane select:focus-visible, .aiecon-pane input[type="text"]:focus-visible, .aiecon-pane input[type="number"]:focus-visible {
  border-bottom: 2px solid var(--brand); padding-bottom: 4px; outline: 2px solid transparent;
  box-shadow: 0 0 0 1px var(--n-fg1) inset;
}
.aiecon-pane input[aria-invalid="true"] { border-color: var(--danger-fg); }
.aiecon-pane .ap-field-error { color: var(--danger-fg); font-size: 12px; line-height: 16px; }
.aiecon-pane fieldset { border: none; margin: 0 0 12px; padding: 0; min-width: 0; }
.aiecon-pane legend { font-size: 14px; line-height: 20px; font-weight: 600; padding: 0; margin-bottom: 4px; }
.aiecon-pane .ap-radios { display: flex; gap: 16px; flex-wrap: wrap; }
.aiecon-pane .ap-radio { display: inline-flex; align-items: center; gap: 6px; cursor: pointer; }
.aiecon-pane .ap-radio input { accent-color: var(--brand); width: 16px; height: 16px; margin: 0; }
.aiecon-pane .ap-radio input:focus-visible { outline: 2px solid var(--n-fg1); outline-offset: 2px; }

/* Value assumptions */
.aiecon-pane .ap-assumptions { list-style: none; padding: 0; margin: 0 0 8px; display: flex; flex-direction: column; gap: 8px; }
.aiecon-pane .ap-assumption { border: 1px solid var(--n-stroke2); border-radius: var(--radius); padding: 8px; background: var(--n-bg2); }
.aiecon-pane .ap-assumption-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; align-items: end; }
.aiecon-pane .ap-assumption-foot { display: flex; justify-content: flex-end; margin-top: 8px; }

/* Buttons */
.aiecon-pane button {
  font: inherit; font-size: 14px; line-height: 20px; font-weight: 600;
  min-height: 32px; padding: 5px 12px; border-radius: var(--radius); cursor: pointer;
  border: 1px solid var(--n-stroke1); background: var(--n-bg1); color: var(--n-fg1);
  display: inline-flex; align-items: center; justify-content: center; gap: 6px;
}
.aiecon-pane button:hover { background: var(--n-bg3); border-color: var(--n-stroke1); }
.aiecon-pane button:active { background: var(--n-bg4); }
.aiecon-pane button:focus-visible { outline: 2px solid var(--n-fg1); outline-offset: 1px; }
.aiecon-pane button.ap-primary { background: var(--brand); border-color: transparent; color: #fff; }
.aiecon-pane button.ap-primary:hover { background: var(--brand-hover); }
.aiecon-pane button.ap-primary:active { background: var(--brand-pressed); }
.aiecon-pane button.ap-primary:focus-visible { outline: 2px solid var(--n-fg1); outline-offset: 1px; box-shadow: 0 0 0 1px #fff inset; }
.aiecon-pane button.ap-danger { color: var(--danger-fg); }
.aiecon-pane button[aria-disabled="true"], .aiecon-pane button:disabled {
  background: var(--n-bg4); border-color: var(--n-stroke2); color: var(--n-fg-disabled); cursor: not-allowed;
}
.aiecon-pane button.ap-subtle { border-color: transparent; background: transparent; font-weight: 400; padding: 4px 8px; min-height: 24px; }
.aiecon-pane button.ap-subtle:hover { background: var(--n-bg3); }
.aiecon-pane button.ap-icon { width: 24px; min-height: 24px; padding: 0; border-color: transparent; background: transparent; color: var(--n-fg3); font-weight: 400; }
.aiecon-pane button.ap-icon:hover { background: var(--n-bg3); color: var(--n-fg1); }

/* Footer: action, progress, status, confirmation */
.aiecon-pane .ap-footer {
  position: sticky; bottom: 0; background: var(--n-bg1); border-top: 1px solid var(--n-stroke2);
  padding: 12px 16px 16px; display: flex; flex-direction: column; gap: 8px;
}
.aiecon-pane .ap-actions { display: flex; gap: 8px; }
.aiecon-pane .ap-actions button { flex: 1; }
.aiecon-pane .ap-progress { display: flex; flex-direction: column; gap: 4px; }
.aiecon-pane .ap-progress[hidden] { display: none; }
.aiecon-pane .ap-progress-label { font-size: 12px; line-height: 16px; color: var(--n-fg2); display: flex; justify-content: space-between; }
.aiecon-pane .ap-progress-track { height: 2px; background: var(--n-stroke2); border-radius: 1px; overflow: hidden; }
.aiecon-pane .ap-progress-fill { height: 100%; width: 0; background: var(--brand); transition: width .15s linear; }
.aiecon-pane .ap-status { font-size: 12px; line-height: 16px; border-radius: var(--radius); padding: 0; overflow-wrap: anywhere; }
.aiecon-pane .ap-status:not(:empty) { padding: 8px 12px; border: 1px solid var(--n-stroke2); background: var(--n-bg2); }
.aiecon-pane .ap-status.ap-status-error { border-color: var(--danger-stroke); background: var(--danger-bg); color: var(--n-fg1); }
.aiecon-pane .ap-status .ap-err { color: var(--danger-fg); font-weight: 600; }
.aiecon-pane .ap-status.ap-status-ok { border-color: var(--ok-stroke); background: var(--ok-bg); color: var(--n-fg1); }
.aiecon-pane .ap-status.ap-status-warn { border-color: var(--warn-stroke); background: var(--warn-bg); color: var(--n-fg1); }
.aiecon-pane .ap-status p { margin: 0; }
.aiecon-pane .ap-status p + p, .aiecon-pane .ap-status ul { margin-top: 4px; }
.aiecon-pane .ap-status ul { padding-left: 16px; margin-bottom: 0; }
.aiecon-pane .ap-status strong { font-weight: 600; }
.aiecon-pane .ap-confirm {
  border: 1px solid var(--n-stroke1); border-radius: var(--radius); background: var(--n-bg1);
  box-shadow: var(--shadow16); padding: 12px; display: flex; flex-direction: column; gap: 8px;
}
.aiecon-pane .ap-confirm:focus { outline: 2px solid var(--n-fg1); outline-offset: 1px; }
.aiecon-pane .ap-confirm h2 { font-size: 14px; line-height: 20px; margin: 0; }
.aiecon-pane .ap-confirm p { margin: 0; font-size: 12px; line-height: 16px; color: var(--n-fg2); }
.aiecon-pane .ap-confirm ul { margin: 0; padding-left: 16px; font-size: 12px; line-height: 16px; max-height: 160px; overflow-y: auto; }
.aiecon-pane .ap-confirm[hidden] { display: none; }
.aiecon-pane .ap-message { padding: 16px; }
@media (prefers-reduced-motion: reduce) { .aiecon-pane * { transition: none !important; } }
@media (forced-colors: active) {
  .aiecon-pane .ap-progress-fill { background: Highlight; }
  .aiecon-pane button.ap-primary { border: 1px solid ButtonText; }
}
`;

const STYLE_ID = "aiecon-taskpane-style";

/** Add the task pane stylesheet to a document once. */
export function injectStyles(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement("style");
  style.id = STYLE_ID;
  style.textContent = TASKPANE_CSS;
  doc.head.appendChild(style);
}
