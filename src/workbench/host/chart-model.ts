/** Charts of the workbook model: added from a source range as Excel reads it, placed on their anchor cells. DOM-free. */
import { DEFAULT_COL_WIDTH, DEFAULT_ROW_HEIGHT, SheetModel, type ChartModel, type ExcelValue, type RangeRef, type SeriesModel } from "./sheet-model";
import type { WorkbookModel } from "./workbook";
export function chartByName(s: SheetModel, name: string): ChartModel | undefined {
  return s.charts.find((c) => c.name === name);
}
export function addChart(wb: WorkbookModel, s: SheetModel, type: string, source: RangeRef | undefined, seriesBy: string): ChartModel {
  wb.requireLive(s);
  let n = 1;
  const all = wb.sheets.flatMap((x) => x.charts);
  while (all.some((c) => c.name === `Chart ${n}`)) n++;
  const chart: ChartModel = {
    id: wb.newId(),
    name: `Chart ${n}`,
    sheet: s,
    type,
    title: "",
    titleVisible: true,
    series: [],
    categoryAxisTitle: "",
    valueAxisTitle: "",
    top: 20 + 15 * s.charts.length,
    left: 400 + 15 * s.charts.length,
    width: 360,
    height: 216,
    legendVisible: true,
    legendPosition: "Right",
    axisFormats: { valueAxisTitle: "", categoryAxisTitle: "" },
    dataLabels: { showValue: false, numberFormat: "" },
    anchor: null,
  };
  if (source) chart.series = seriesFromSource(wb, source, seriesBy, type);
  if (chart.series.length === 1) chart.title = chart.series[0].name;
  s.charts.push(chart);
  wb.version++;
  return chart;
}

/** Excel's reading of a chart's source range: header row/column become names/categories. */
function seriesFromSource(wb: WorkbookModel, src: RangeRef, seriesBy: string, type: string): SeriesModel[] {
  const v = wb.readValues(src.sheet, src.rect);
  const h = v.length;
  const w = v[0]?.length ?? 0;
  const byCols = seriesBy === "Columns" || ((seriesBy === "Auto" || !seriesBy) && h >= w);
  const isText = (x: ExcelValue): boolean => typeof x === "string";
  const headerRow = v[0]?.some((x, c) => isText(x) || (c === 0 && x === "")) && h > 1;
  const headerCol = v.some((row, r) => (r > 0 || !headerRow) && isText(row[0])) && w > 1;
  const scatter = /^XYScatter/i.test(type);
  const ref = (r0: number, c0: number, r1: number, c1: number): RangeRef => ({
    sheet: src.sheet,
    rect: { r0: src.rect.r0 + r0, c0: src.rect.c0 + c0, r1: src.rect.r0 + r1, c1: src.rect.c0 + c1 },
  });
  const out: SeriesModel[] = [];
  if (byCols) {
    const dr0 = headerRow ? 1 : 0;
    let first = headerCol ? 1 : 0;
    let x: RangeRef | undefined = headerCol ? ref(dr0, 0, h - 1, 0) : undefined;
    if (scatter && !headerCol && w > 1) {
      x = ref(dr0, 0, h - 1, 0);
      first = 1;
    }
    for (let c = first; c < w; c++) {
      out.push({ name: headerRow ? String(v[0][c]) : `Series${out.length + 1}`, values: ref(dr0, c, h - 1, c), ...(x ? { xValues: x } : {}) });
    }
  } else {
    const dc0 = headerCol ? 1 : 0;
    const x: RangeRef | undefined = headerRow ? ref(0, dc0, 0, w - 1) : undefined;
    for (let r = headerRow ? 1 : 0; r < h; r++) {
      out.push({ name: headerCol ? String(v[r][0]) : `Series${out.length + 1}`, values: ref(r, dc0, r, w - 1), ...(x ? { xValues: x } : {}) });
    }
  }
  return out;
}

export function deleteChart(wb: WorkbookModel, c: ChartModel): void {
  wb.version++;
  c.sheet.charts = c.sheet.charts.filter((x) => x !== c);
}

/** Values of a chart series range, flattened (numbers; others as null). */
export function seriesValues(wb: WorkbookModel, ref: RangeRef | undefined): (number | string | boolean | null)[] {
  if (!ref || !wb.isLive(ref.sheet)) return [];
  return wb.readValues(ref.sheet, ref.rect).flat().map((x) => (x === "" ? null : x));
}

/** Places a chart on its anchor cells with the sheet's current column widths. */
export function layoutChart(wb: WorkbookModel, c: ChartModel): void {
  const a = c.anchor;
  if (!a) return;
  c.top = wb.cellTop(c.sheet, a.r0);
  c.left = wb.cellLeft(c.sheet, a.c0);
  if (a.r1 !== null && a.c1 !== null) {
    c.height = Math.max(15, wb.cellTop(c.sheet, a.r1 + 1) - c.top);
    c.width = Math.max(DEFAULT_COL_WIDTH, wb.cellLeft(c.sheet, a.c1 + 1) - c.left);
  }
}

export function relayoutCharts(wb: WorkbookModel, s: SheetModel): void {
  for (const c of s.charts) wb.layoutChart(c);
}

export function cellTop(s: SheetModel, r: number): number {
  void s;
  return r * DEFAULT_ROW_HEIGHT;
}
export function cellLeft(wb: WorkbookModel, s: SheetModel, c: number): number {
  let x = 0;
  for (let i = 0; i < c; i++) x += wb.colWidth(s, i);
  return x;
}
