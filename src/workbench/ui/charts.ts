/** Charts of the workbench as SVG pictures of their type: column, bar, line, XY scatter. */
import type { ChartModel, WorkbookModel } from "../host/workbook";

const PALETTE = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478", "#9E480E", "#636363", "#997300"];

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function tick(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return "0";
  if (a >= 1e6 || a < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(3)));
}

export type ChartKind = "column" | "bar" | "line" | "scatter";

export function chartKind(type: string): ChartKind {
  if (/^XYScatter|^Bubble/i.test(type)) return "scatter";
  if (/^Line/i.test(type)) return "line";
  if (/^Bar/i.test(type)) return "bar";
  return "column";
}

/** The SVG markup of a chart, sized width × height pixels. */
export function chartSvg(model: WorkbookModel, chart: ChartModel, width: number, height: number): string {
  const kind = chartKind(chart.type);
  const series = chart.series.map((s, i) => ({
    name: s.name,
    color: PALETTE[i % PALETTE.length],
    values: model.seriesValues(s.values).map((v) => (typeof v === "number" ? v : null)),
    x: model.seriesValues(s.xValues),
  }));
  const categories = (series.find((s) => s.x.length)?.x ?? []).map((v) => (v === null ? "" : String(v)));
  const n = Math.max(0, ...series.map((s) => s.values.length));
  const titleH = chart.title && chart.titleVisible ? 26 : 8;
  const legendW = chart.legendVisible && series.length ? Math.min(150, 24 + Math.max(...series.map((s) => s.name.length)) * 6.5) : 0;
  const horizontalLabels = chartKind(chart.type) === "bar" ? Math.min(120, 10 + Math.max(0, ...categories.map((c) => Math.min(14, c.length))) * 6.2) : 54;
  const pad = { l: Math.max(54, horizontalLabels) + (chart.valueAxisTitle && chartKind(chart.type) !== "bar" ? 14 : 0) + (chartKind(chart.type) === "bar" && chart.categoryAxisTitle ? 14 : 0), r: 12 + legendW, t: titleH + 6, b: 34 + (chart.categoryAxisTitle ? 14 : 0) };
  const pw = Math.max(20, width - pad.l - pad.r);
  const ph = Math.max(20, height - pad.t - pad.b);
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  let lo = Math.min(0, ...all);
  let hi = Math.max(0, ...all);
  if (hi === lo) hi = lo + 1;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="wb-chart-svg" role="img" aria-label="${esc(`${chart.title || chart.name} (${chart.type})`)}" data-chart-type="${esc(chart.type)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Segoe UI, Arial, sans-serif" font-size="11">`);
  out.push(`<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" fill="#fff" stroke="#bfbfbf"/>`);
  if (chart.title && chart.titleVisible) out.push(`<text class="wb-chart-title" x="${width / 2}" y="19" text-anchor="middle" font-size="14" fill="#404040">${esc(chart.title)}</text>`);
  const horizontal = kind === "bar";
  // value axis scale
  const scale = (v: number): number => (horizontal ? pad.l + ((v - lo) / (hi - lo)) * pw : pad.t + ph - ((v - lo) / (hi - lo)) * ph);
  // gridlines + ticks
  for (let i = 0; i <= 4; i++) {
    const v = lo + ((hi - lo) * i) / 4;
    if (horizontal) {
      const x = scale(v);
      out.push(`<line x1="${x}" y1="${pad.t}" x2="${x}" y2="${pad.t + ph}" stroke="#e0e0e0"/><text x="${x}" y="${pad.t + ph + 14}" text-anchor="middle" fill="#595959">${tick(v)}</text>`);
    } else if (kind !== "scatter") {
      const y = scale(v);
      out.push(`<line x1="${pad.l}" y1="${y}" x2="${pad.l + pw}" y2="${y}" stroke="#e0e0e0"/><text x="${pad.l - 4}" y="${y + 4}" text-anchor="end" fill="#595959">${tick(v)}</text>`);
    }
  }
  if (kind === "scatter") {
    const xs = series.flatMap((s) => s.x.filter((v): v is number => typeof v === "number"));
    let xlo = Math.min(...(xs.length ? xs : [0]));
    let xhi = Math.max(...(xs.length ? xs : [1]));
    if (xhi === xlo) {
      xhi = xlo + 1;
      xlo = xlo - (xlo === 0 ? 0 : 1);
    }
    const sx = (v: number): number => pad.l + ((v - xlo) / (xhi - xlo)) * pw;
    for (let i = 0; i <= 4; i++) {
      const y = scale(lo + ((hi - lo) * i) / 4);
      const x = sx(xlo + ((xhi - xlo) * i) / 4);
      out.push(`<line x1="${pad.l}" y1="${y}" x2="${pad.l + pw}" y2="${y}" stroke="#e0e0e0"/><text x="${pad.l - 4}" y="${y + 4}" text-anchor="end" fill="#595959">${tick(lo + ((hi - lo) * i) / 4)}</text>`);
      out.push(`<text x="${x}" y="${pad.t + ph + 14}" text-anchor="middle" fill="#595959">${tick(xlo + ((xhi - xlo) * i) / 4)}</text>`);
    }
    for (const s of series) {
      // As Excel: x values that are all text plot at 1, 2, 3…; otherwise a point whose x is
      // not a number (an error such as #N/A, a blank) is not plotted.
      const numericX = s.x.some((xv) => typeof xv === "number");
      s.values.forEach((v, i) => {
        const xv = s.x[i];
        if (numericX && typeof xv !== "number") return;
        const x = typeof xv === "number" ? xv : i + 1;
        if (v !== null) out.push(`<circle class="wb-point" cx="${sx(x).toFixed(1)}" cy="${scale(v).toFixed(1)}" r="3.5" fill="${s.color}"/>`);
      });
    }
  } else if (n > 0) {
    const band = (horizontal ? ph : pw) / n;
    const k = Math.max(1, series.length);
    for (let i = 0; i < n; i++) {
      const label = categories[i] ?? String(i + 1);
      const c = (horizontal ? pad.t : pad.l) + band * (i + 0.5);
      const short = label.length > 14 ? label.slice(0, 13) + "…" : label;
      if (horizontal) out.push(`<text x="${pad.l - 4}" y="${c + 4}" text-anchor="end" fill="#595959">${esc(short)}</text>`);
      else if (n <= 24 || i % Math.ceil(n / 24) === 0) out.push(`<text x="${c}" y="${pad.t + ph + 14}" text-anchor="middle" fill="#595959">${esc(short)}</text>`);
    }
    series.forEach((s, si) => {
      if (kind === "line") {
        const pts = s.values.map((v, i) => (v === null ? null : `${(pad.l + band * (i + 0.5)).toFixed(1)},${scale(v).toFixed(1)}`));
        const d = pts.filter(Boolean).join(" ");
        out.push(`<polyline class="wb-line" fill="none" stroke="${s.color}" stroke-width="2" points="${d}"/>`);
        pts.forEach((p) => {
          if (p) {
            const [x, y] = p.split(",");
            out.push(`<circle cx="${x}" cy="${y}" r="2.5" fill="${s.color}"/>`);
          }
        });
      } else {
        const bw = (band * 0.7) / k;
        s.values.forEach((v, i) => {
          if (v === null) return;
          const start = (horizontal ? pad.t : pad.l) + band * i + band * 0.15 + bw * si;
          const a = scale(Math.max(0, v));
          const b = scale(Math.min(0, v));
          if (horizontal) out.push(`<rect class="wb-bar" x="${b.toFixed(1)}" y="${start.toFixed(1)}" width="${Math.max(0.5, a - b).toFixed(1)}" height="${bw.toFixed(1)}" fill="${s.color}"><title>${esc(`${s.name}: ${v}`)}</title></rect>`);
          else out.push(`<rect class="wb-bar" x="${start.toFixed(1)}" y="${a.toFixed(1)}" width="${bw.toFixed(1)}" height="${Math.max(0.5, b - a).toFixed(1)}" fill="${s.color}"><title>${esc(`${s.name}: ${v}`)}</title></rect>`);
        });
      }
    });
  }
  // axes
  out.push(`<line x1="${pad.l}" y1="${pad.t + ph}" x2="${pad.l + pw}" y2="${pad.t + ph}" stroke="#808080"/><line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${pad.t + ph}" stroke="#808080"/>`);
  const valueTitle = horizontal ? chart.valueAxisTitle : chart.valueAxisTitle;
  if (chart.categoryAxisTitle || (horizontal && valueTitle)) {
    out.push(`<text x="${pad.l + pw / 2}" y="${height - 6}" text-anchor="middle" fill="#404040">${esc(horizontal ? valueTitle : chart.categoryAxisTitle)}</text>`);
  }
  if ((!horizontal && valueTitle) || (horizontal && chart.categoryAxisTitle)) {
    const t = horizontal ? chart.categoryAxisTitle : valueTitle;
    out.push(`<text x="12" y="${pad.t + ph / 2}" text-anchor="middle" fill="#404040" transform="rotate(-90 12 ${pad.t + ph / 2})">${esc(t)}</text>`);
  }
  if (legendW) {
    series.forEach((s, i) => {
      const y = pad.t + 8 + i * 16;
      const x = width - legendW;
      out.push(`<g class="wb-legend-item"><rect x="${x}" y="${y - 8}" width="10" height="10" fill="${s.color}"/><text x="${x + 14}" y="${y + 1}" fill="#404040">${esc(s.name.length > 20 ? s.name.slice(0, 19) + "…" : s.name)}</text></g>`);
    });
  }
  out.push("</svg>");
  return out.join("");
}
