/**
 * The workbench page (workbench.html): the real task pane and the real custom functions
 * bundle (functions.js + functions.json, as Excel loads them) beside an in-browser workbook.
 * HyperFormula (GPL-3.0) and the whole host live in this entry only, never in functions.js
 * or taskpane.js.
 */
import {
  createHost,
  getCell,
  installCustomFunctionsShim,
  installExcelGlobals,
  registerCustomFunctions,
  setBlankConvention,
  setCell,
  type CfMetadata,
  type ExcelValue,
  type HostStats,
  type Snapshot,
  type WorkbenchHost,
} from "./host";
import type { ExcelRun } from "../excel/types";
import type { TaskpaneController } from "../taskpane/contract";
import { mountWorkbench } from "./ui/app";
import { mountRealTaskpane } from "./mount-taskpane";
import { sampleFiles } from "./samples";

export interface WorkbenchApi {
  /** Resolves when functions are registered and the task pane is mounted. */
  ready: Promise<void>;
  run: ExcelRun;
  snapshot(): Snapshot;
  stats(): HostStats;
  resetStats(): void;
  /** A new, empty workbook. */
  reset(): void;
  setCell(address: string, input: string | number | boolean | null, sheet?: string): Promise<void>;
  getCell(address: string, sheet?: string): Promise<{ value: ExcelValue; formula: ExcelValue; text: string }>;
  /** Shows a sheet and selects a cell, as a click would. */
  select(address: string, sheet?: string): void;
  /** Adds the sample billing, volume and value files to the task pane. */
  loadSamples(): Promise<void>;
  /** Names of the AIECON functions registered from functions.json. */
  functions: string[];
  host: WorkbenchHost;
  taskpane?: TaskpaneController;
  /** Errors met while starting (functions.js missing, ...). */
  errors: string[];
}

declare global {
  interface Window {
    workbench: WorkbenchApi;
  }
}

function loadScript(src: string): Promise<void> {
  return new Promise((ok, fail) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = () => ok();
    s.onerror = () => fail(new Error(`${src} could not be loaded`));
    document.head.append(s);
  });
}

async function loadFunctions(): Promise<string[]> {
  // ?blank=zero: blank cells reach the functions as 0, as on Windows desktop (default: null, as the web and Mac).
  setBlankConvention(new URLSearchParams(location.search).get("blank") === "zero" ? "zero" : "null");
  const registry = installCustomFunctionsShim(window);
  await loadScript("functions.js");
  const res = await fetch("functions.json");
  if (!res.ok) throw new Error(`functions.json: HTTP ${res.status}`);
  const metadata = (await res.json()) as CfMetadata;
  return registerCustomFunctions(metadata, registry);
}

function start(): void {
  const root = document.getElementById("workbench") ?? document.body;
  const host = createHost();
  installExcelGlobals(host, window);
  const ui = mountWorkbench(root, host);
  const errors: string[] = [];
  const sheetOf = (sheet?: string): string => sheet ?? host.model.activeSheet?.name ?? host.model.sheets[0].name;

  const api: WorkbenchApi = {
    ready: Promise.resolve(),
    run: host.run,
    snapshot: () => host.snapshot(),
    stats: () => host.stats(),
    resetStats: () => host.resetStats(),
    reset: () => host.reset(),
    setCell: (address, input, sheet) => setCell(host, sheetOf(sheet), address, input),
    getCell: (address, sheet) => getCell(host, sheetOf(sheet), address),
    select: (address, sheet) => ui.select(sheetOf(sheet), address),
    loadSamples: async () => {
      await api.ready;
      if (!api.taskpane) throw new Error("The task pane is not mounted.");
      for (const f of sampleFiles()) {
        await api.taskpane.addFiles(f.kind, [new File([f.text], f.name, { type: "text/csv" })]);
      }
    },
    functions: [],
    host,
    errors,
  };
  window.workbench = api;

  const samples = document.createElement("button");
  samples.type = "button";
  samples.textContent = "Load sample data";
  samples.title = "Adds sample billing (FOCUS), volume and value files to the task pane";
  samples.addEventListener("click", () => {
    api.loadSamples().then(
      () => ui.setStatus("Sample files added to the task pane: press Import."),
      (e: unknown) => ui.setStatus(`Sample data: ${e instanceof Error ? e.message : String(e)}`),
    );
  });
  const reset = document.createElement("button");
  reset.type = "button";
  reset.textContent = "New workbook";
  reset.addEventListener("click", () => host.reset());
  ui.toolbar.insertBefore(samples, ui.toolbar.children[1] ?? null);
  ui.toolbar.insertBefore(reset, samples.nextSibling);

  api.ready = (async () => {
    try {
      api.functions = await loadFunctions();
      host.model.rebuild();
    } catch (e) {
      const msg = `Custom functions not loaded: ${e instanceof Error ? e.message : String(e)}`;
      errors.push(msg);
      ui.setStatus(msg);
    }
    try {
      api.taskpane = mountRealTaskpane(ui.taskpaneRoot, host.run);
    } catch (e) {
      const msg = `Task pane not mounted: ${e instanceof Error ? e.message : String(e)}`;
      errors.push(msg);
      ui.taskpaneRoot.textContent = msg;
    }
    ui.render();
    document.body.dataset.ready = "true";
  })();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
