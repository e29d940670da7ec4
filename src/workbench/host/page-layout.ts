/**
 * `Excel.PageLayout` of the workbench host (ExcelApi 1.9): orientation, print zoom and the
 * print title rows, kept on the sheet's model and checked as Excel checks them: a bad value
 * fails the sync with InvalidArgument and changes nothing. The grid does not print; the values
 * are read back through the API. DOM-free.
 */
import { MAX_COLS, type Rect } from "./address";
import { ClientObject } from "./client";
import { HostError } from "./errors";
import { defineProps, propsOf, type Accessors } from "./props";
import { RangeProxy } from "./range";
import type { SheetModel } from "./workbook";

/** `Excel.PageLayoutZoomOptions`: a scale (10–400 %) or pages to fit wide / tall (0: as many as needed). */
export interface ZoomModel {
  scale?: number;
  horizontalFitToPages?: number;
  verticalFitToPages?: number;
}

export interface PageLayoutModel {
  orientation: "Portrait" | "Landscape";
  zoom: ZoomModel;
  /** Rows repeated at the top of every printed page (whole rows), or none. */
  printTitleRows: Rect | null;
}

const ZOOM_KEYS = new Set(["scale", "horizontalFitToPages", "verticalFitToPages"]);

/** The zoom options as Excel accepts them, or an InvalidArgument. */
export function checkZoom(v: unknown): ZoomModel {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new HostError("InvalidArgument", "PageLayout.zoom must be set as an object.");
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined && o[k] !== null);
  const unknown = keys.filter((k) => !ZOOM_KEYS.has(k));
  if (unknown.length > 0) throw new HostError("InvalidArgument", `PageLayout.zoom has no option ${unknown.join(", ")}.`);
  if (keys.length === 0) throw new HostError("InvalidArgument", "PageLayout.zoom needs a scale or pages to fit.");
  const fit = keys.filter((k) => k !== "scale");
  if (keys.includes("scale") && fit.length > 0) throw new HostError("InvalidArgument", "PageLayout.zoom takes a scale or pages to fit, not both.");
  const out: ZoomModel = {};
  if (keys.includes("scale")) {
    const s = o.scale;
    if (typeof s !== "number" || !Number.isFinite(s) || s < 10 || s > 400) throw new HostError("InvalidArgument", `PageLayout.zoom.scale must be 10 to 400, not ${String(s)}.`);
    out.scale = s;
  }
  for (const k of fit as ("horizontalFitToPages" | "verticalFitToPages")[]) {
    const n = o[k];
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > 32767) throw new HostError("InvalidArgument", `PageLayout.zoom.${k} must be a whole number of pages from 0, not ${String(n)}.`);
    out[k] = n;
  }
  return out;
}

const p = propsOf<SheetModel>();
const PAGE_LAYOUT = {
  orientation: p.rw<string>(
    (s) => s.pageLayout.orientation,
    (s, v) => {
      if (v !== "Portrait" && v !== "Landscape") throw new HostError("InvalidArgument", `'${String(v)}' is not a page orientation: use Portrait or Landscape.`);
      s.pageLayout.orientation = v;
    },
  ),
  zoom: p.rw<ZoomModel>(
    (s) => ({ ...s.pageLayout.zoom }),
    (s, v) => {
      s.pageLayout.zoom = checkZoom(v);
    },
  ),
};

export interface PageLayoutProxy extends Accessors<typeof PAGE_LAYOUT> {}
export class PageLayoutProxy extends ClientObject<SheetModel> {
  /** Whole rows of this sheet (a Range, or an address such as `$7:$8`), repeated at the top of every page. */
  setPrintTitleRows(printTitleRows: RangeProxy | string): void {
    this._call(typeof printTitleRows === "string" ? printTitleRows : "", (s) => {
      const m = this._model;
      const ref = typeof printTitleRows === "string" ? m.resolve(printTitleRows, s) : printTitleRows._target();
      if (ref.sheet !== s) throw new HostError("InvalidArgument", "The print title rows must be on the same worksheet.");
      if (ref.rect.c0 !== 0 || ref.rect.c1 !== MAX_COLS - 1) throw new HostError("InvalidArgument", "The print title rows must span entire rows.");
      s.pageLayout.printTitleRows = { ...ref.rect };
    });
  }
  getPrintTitleRowsOrNullObject(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const s = this._target();
      const r = s.pageLayout.printTitleRows;
      return r === null ? null : { sheet: s, rect: r };
    }, true, true);
  }
  getPrintTitleRows(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const s = this._target();
      const r = s.pageLayout.printTitleRows;
      if (r === null) throw new HostError("ItemNotFound", "The worksheet has no print title rows.");
      return { sheet: s, rect: r };
    }, true);
  }
}
defineProps(PageLayoutProxy, "PageLayout", PAGE_LAYOUT);
