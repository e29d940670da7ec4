/** The rejected rows of one or more files, as a disclosure (file cards and the import's confirmation). */
import { h } from "../dom";
import type { RejectedSummary } from "../model";
import { formatCount } from "../numbers";

/** Most rejected rows listed in one place (the count is always exact). */
const MAX_LISTED_REJECTS = 200;

export function rejectedDetails(summary: RejectedSummary, open: boolean): HTMLDetailsElement {
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
