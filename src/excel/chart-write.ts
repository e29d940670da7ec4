/** One chart of the plan into a worksheet: series, titles, legend, axis and label formats, colours, place (ExcelApi ≤ 1.8). */
import type { ChartPlan, Rect } from "./plan";

export function addChart(ws: Excel.Worksheet, c: ChartPlan, rectRange: (ws: Excel.Worksheet, r: Rect) => Excel.Range): void {
  const first = c.series[0];
  const chart = ws.charts.add(c.type, rectRange(ws, first.values), "Columns");
  chart.name = c.title;
  chart.title.text = c.title;
  // Set the first series' values explicitly: the add() call may take a text first cell as its name.
  const s0 = chart.series.getItemAt(0);
  s0.name = first.name;
  s0.setValues(rectRange(ws, first.values));
  if (first.xValues !== undefined) s0.setXAxisValues(rectRange(ws, first.xValues));
  for (const s of c.series.slice(1)) {
    const series = chart.series.add(s.name);
    series.setValues(rectRange(ws, s.values));
    if (s.xValues !== undefined) series.setXAxisValues(rectRange(ws, s.xValues));
  }
  const legend = c.legend ?? (c.series.length > 1 ? "Right" : "None");
  chart.legend.visible = legend !== "None";
  if (legend !== "None") chart.legend.position = legend;
  if (c.valueAxisTitle !== undefined) chart.axes.valueAxis.title.text = c.valueAxisTitle;
  if (c.categoryAxisTitle !== undefined) chart.axes.categoryAxis.title.text = c.categoryAxisTitle;
  if (c.valueAxisFormat !== undefined) chart.axes.valueAxis.numberFormat = c.valueAxisFormat;
  if (c.categoryAxisFormat !== undefined) chart.axes.categoryAxis.numberFormat = c.categoryAxisFormat;
  if (c.dataLabelFormat !== undefined) {
    chart.dataLabels.showValue = true;
    chart.dataLabels.numberFormat = c.dataLabelFormat;
  }
  colourSeries(chart, c);
  chart.setPosition(c.from, c.to);
  if (c.box !== undefined) {
    // Points, above the tables: the cells under `from`/`to` hold nothing the chart could cover.
    chart.left = c.box.left;
    chart.top = c.box.top;
    chart.width = c.box.width;
    chart.height = c.box.height;
  }
}

/** Each series its own colour: the line of a line chart, the markers of a scatter, the fill of columns and bars. */
function colourSeries(chart: Excel.Chart, c: ChartPlan): void {
  c.series.forEach((s, i) => {
    if (s.noFill === true) chart.series.getItemAt(i).format.fill.clear();
    if (s.lineStyle !== undefined) chart.series.getItemAt(i).format.line.lineStyle = s.lineStyle;
    if (s.color === undefined) return;
    const series = chart.series.getItemAt(i);
    if (c.type === "Line") series.format.line.color = s.color;
    else if (c.type === "XYScatter") {
      series.markerBackgroundColor = s.color;
      series.markerForegroundColor = s.color;
    } else series.format.fill.setSolidColor(s.color);
  });
}

