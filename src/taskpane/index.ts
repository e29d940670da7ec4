/**
 * Office entry of the task pane (taskpane.html). In Excel it mounts the pane with
 * `Excel.run`; anywhere else (a browser, another Office host) it explains where to go.
 * The custom functions (functions.js) are loaded in the same page: shared runtime.
 */
import type { ExcelRun } from "../excel/types";
import { mountTaskpane } from "./app";
import { injectStyles } from "./styles";

function showMessage(root: HTMLElement, title: string, text: string): void {
  injectStyles(document);
  const pane = document.createElement("div");
  pane.className = "aiecon-pane";
  const box = document.createElement("div");
  box.className = "ap-message";
  const h1 = document.createElement("h1");
  h1.textContent = title;
  const p = document.createElement("p");
  p.textContent = text;
  const link = document.createElement("a");
  link.href = "workbench.html";
  link.textContent = "Open the AIECON workbench";
  const p2 = document.createElement("p");
  p2.append(link, " to try the add-in in a browser, without Excel.");
  box.append(h1, p, p2);
  pane.append(box);
  root.replaceChildren(pane);
}

function root(): HTMLElement {
  return document.getElementById("app") ?? document.body;
}

if (typeof Office === "undefined") {
  document.addEventListener("DOMContentLoaded", () =>
    showMessage(root(), "AIECON", "Office.js did not load, so this page is not running inside Excel."),
  );
} else {
  void Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) {
      mountTaskpane(root(), { run: Excel.run.bind(Excel) as ExcelRun, hostName: "Excel" });
    } else {
      showMessage(
        root(),
        "AIECON runs in Excel",
        "This task pane works inside Excel (desktop, Mac or on the web). It was opened outside Excel.",
      );
    }
  });
}
