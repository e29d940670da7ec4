/** Charts of the workbench as SVG pictures of their type: column, bar, line, XY scatter. */
import type { ChartModel, WorkbookModel } from "../host/workbook";
import { formatValue } from "../host/numfmt";

/** Colours of series that were given none (as Office's default palette, then more distinct ones). */
const PALETTE = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478", "#9E480E", "#636363", "#997300", "#E15759", "#76B7B2", "#B07AA1", "#FF9DA7", "#17BECF", "#BCBD22"];

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function tick(v: number, format = ""): string {
  if (format !== "" && format !== "General") return formatValue(v, format);
  const a = Math.abs(v);
  if (a === 0) return "0";
  if (a >= 1e6 || a < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(3)));
}

/**
 * An axis from lo to hi as Excel draws one: round bounds and a 1-2-2.5-5 step (about four
 * intervals), so that ticks read `0.0016 USD`, never `0.00159841661632 USD`. Values within a
 * hair of zero are zero (a tick never reads `-0.00`).
 */
export function niceAxis(lo: number, hi: number): { lo: number; hi: number; ticks: number[] } {
  const raw = (hi - lo) / 4;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
  const a = Math.floor(lo / step + 1e-9) * step;
  const b = Math.ceil(hi / step - 1e-9) * step;
  const n = Math.max(1, Math.round((b - a) / step));
  const ticks = Array.from({ length: n + 1 }, (_, i) => {
    const v = Number((a + i * step).toPrecision(12));
    return Math.abs(v) < step * 1e-9 ? 0 : v;
  });
  return { lo: ticks[0], hi: ticks[n], ticks };
}

/** Width in pixels of a label at 11px (an estimate: 6.2px a character). */
const textW = (s: string): number => s.length * 6.2;
const LEGEND_NAME = 22;
const legendName = (s: string): string => (s.length > LEGEND_NAME ? s.slice(0, LEGEND_NAME - 1) + "…" : s);

/** SVG dash patterns of Excel's dashed line styles (Continuous, Automatic: none). */
const DASHES: Record<string, string> = { Dash: "6 4", DashDot: "6 3 2 3", DashDotDot: "6 3 2 3 2 3", Dot: "2 3", RoundDot: "1 3" };

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
    color: s.color || PALETTE[i % PALETTE.length],
    noFill: s.noFill === true,
    dash: DASHES[s.lineStyle ?? ""] ?? "",
    values: model.seriesValues(s.values).map((v) => (typeof v === "number" ? v : null)),
    x: model.seriesValues(s.xValues),
  }));
  const categories = (series.find((s) => s.x.length)?.x ?? []).map((v) => (v === null ? "" : String(v)));
  const n = Math.max(0, ...series.map((s) => s.values.length));
  const valueFormat = chart.axisFormats.valueAxisTitle;
  const xFormat = chart.axisFormats.categoryAxisTitle;
  const titleH = chart.title && chart.titleVisible ? 26 : 8;
  // Legend: at the right while every entry fits in the height (16px each, 13px when tight), else at the bottom in columns.
  const legendOn = chart.legendVisible && series.length > 0;
  const longest = Math.max(0, ...series.map((s) => textW(legendName(s.name))));
  const itemW = Math.min(160, 20 + longest);
  const rightFits = series.length * 13 <= height - titleH - 20;
  const legendAt: "right" | "bottom" | null = !legendOn ? null : chart.legendPosition === "Bottom" || !rightFits ? "bottom" : "right";
  const legendW = legendAt === "right" ? itemW + 8 : 0;
  const legendCols = legendAt === "bottom" ? Math.max(1, Math.floor((width - 16) / itemW)) : 1;
  const legendRows = legendAt === "bottom" ? Math.ceil(series.length / legendCols) : 0;
  const legendH = legendAt === "bottom" ? legendRows * 14 + 6 : 0;
  const itemH = legendAt === "right" && series.length * 16 > height - titleH - 20 ? 13 : 16;
  // Value-axis labels in the axis format (currency, thousands separators): the left margin follows them.
  // Stacked columns and bars (not 100 %): each point stands on the series before it, positives up, negatives down.
  const stacked = kind !== "line" && kind !== "scatter" && /Stacked(?!100)/i.test(chart.type);
  const stack = stacked ? stackOf(series.map((s) => s.values)) : null;
  const all = stack !== null ? stack.flatMap((col) => col.flatMap((p) => (p === null ? [] : [p.from, p.to]))) : series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const lo0 = Math.min(0, ...all);
  const hi0 = Math.max(0, ...all);
  const axis = niceAxis(lo0, hi0 === lo0 ? lo0 + 1 : hi0);
  const { lo, hi } = axis;
  const valueLabelW = Math.max(...axis.ticks.map((v) => textW(tick(v, valueFormat))));
  const horizontalLabels = kind === "bar" ? Math.min(130, 10 + Math.max(0, ...categories.map((c) => Math.min(18, c.length))) * 6.2) : Math.max(40, valueLabelW + 10);
  // Category labels: rotated when they do not fit side by side.
  const plotW0 = width - horizontalLabels - 30 - legendW;
  const catW = Math.max(0, ...categories.map((c) => textW(c.length > 14 ? c.slice(0, 13) + "…" : c)));
  const rotate = kind !== "bar" && kind !== "scatter" && n > 0 && catW + 6 > plotW0 / n;
  const catH = rotate ? Math.min(80, catW * 0.71 + 10) : 20;
  const pad = {
    l: horizontalLabels + (chart.valueAxisTitle ? 16 : 0),
    r: 12 + legendW,
    t: titleH + 6,
    b: 14 + catH + (chart.categoryAxisTitle || (kind === "bar" && chart.valueAxisTitle) ? 14 : 0) + legendH,
  };
  const pw = Math.max(20, width - pad.l - pad.r);
  const ph = Math.max(20, height - pad.t - pad.b);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="wb-chart-svg" role="img" aria-label="${esc(`${chart.title || chart.name} (${chart.type})`)}" data-chart-type="${esc(chart.type)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Segoe UI, Arial, sans-serif" font-size="11">`);
  out.push(`<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" fill="#fff" stroke="#bfbfbf"/>`);
  if (chart.title && chart.titleVisible) out.push(`<text class="wb-chart-title" x="${width / 2}" y="19" text-anchor="middle" font-size="14" fill="#404040">${esc(chart.title)}</text>`);
  const horizontal = kind === "bar";
  // value axis scale
  const scale = (v: number): number => (horizontal ? pad.l + ((v - lo) / (hi - lo)) * pw : pad.t + ph - ((v - lo) / (hi - lo)) * ph);
  // gridlines + ticks
  for (const v of axis.ticks) {
    if (horizontal) {
      const x = scale(v);
      out.push(`<line x1="${x}" y1="${pad.t}" x2="${x}" y2="${pad.t + ph}" stroke="#e0e0e0"/><text class="wb-tick" x="${x}" y="${pad.t + ph + 14}" text-anchor="middle" fill="#595959">${esc(tick(v, valueFormat))}</text>`);
    } else if (kind !== "scatter") {
      const y = scale(v);
      out.push(`<line x1="${pad.l}" y1="${y}" x2="${pad.l + pw}" y2="${y}" stroke="#e0e0e0"/><text class="wb-tick" x="${pad.l - 4}" y="${y + 4}" text-anchor="end" fill="#595959">${esc(tick(v, valueFormat))}</text>`);
    }
  }
  if (kind === "scatter") {
    const xs = series.flatMap((s) => s.x.filter((v): v is number => typeof v === "number"));
    let xlo0 = Math.min(...(xs.length ? xs : [0]));
    let xhi0 = Math.max(...(xs.length ? xs : [1]));
    if (xhi0 === xlo0) {
      xhi0 = xlo0 + 1;
      xlo0 = xlo0 - (xlo0 === 0 ? 0 : 1);
    }
    const xAxis = niceAxis(xlo0, xhi0);
    const [xlo, xhi] = [xAxis.lo, xAxis.hi];
    const sx = (v: number): number => pad.l + ((v - xlo) / (xhi - xlo)) * pw;
    for (const v of axis.ticks) {
      const y = scale(v);
      out.push(`<line x1="${pad.l}" y1="${y}" x2="${pad.l + pw}" y2="${y}" stroke="#e0e0e0"/><text class="wb-tick" x="${pad.l - 4}" y="${y + 4}" text-anchor="end" fill="#595959">${esc(tick(v, valueFormat))}</text>`);
    }
    for (const v of xAxis.ticks) out.push(`<text class="wb-tick" x="${sx(v)}" y="${pad.t + ph + 14}" text-anchor="middle" fill="#595959">${esc(tick(v, xFormat))}</text>`);
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
      if (horizontal) {
        if (band >= 9 || i % Math.ceil(9 / band) === 0) out.push(`<text class="wb-cat" x="${pad.l - 4}" y="${c + 4}" text-anchor="end" fill="#595959">${esc(short)}</text>`);
      } else if (band >= 12 || i % Math.ceil(12 / band) === 0) {
        const y = pad.t + ph + 14;
        out.push(
          rotate
            ? `<text class="wb-cat" x="${c}" y="${y}" text-anchor="end" fill="#595959" transform="rotate(-45 ${c} ${y})">${esc(short)}</text>`
            : `<text class="wb-cat" x="${c}" y="${y}" text-anchor="middle" fill="#595959">${esc(short)}</text>`,
        );
      }
    }
    series.forEach((s, si) => {
      if (kind === "line") {
        const pts = s.values.map((v, i) => (v === null ? null : `${(pad.l + band * (i + 0.5)).toFixed(1)},${scale(v).toFixed(1)}`));
        const d = pts.filter(Boolean).join(" ");
        const dash = s.dash === "" ? "" : ` stroke-dasharray="${s.dash}"`;
        out.push(`<polyline class="wb-line${s.dash === "" ? "" : " wb-dashed"}" fill="none" stroke="${s.color}" stroke-width="2"${dash} points="${d}"/>`);
        // Markers on the solid lines only: a dashed forecast or band is a line, not more data points.
        pts.forEach((p) => {
          if (p && s.dash === "") {
            const [x, y] = p.split(",");
            out.push(`<circle cx="${x}" cy="${y}" r="2.5" fill="${s.color}"/>`);
          }
        });
      } else {
        const bw = stack !== null ? band * 0.7 : (band * 0.7) / k;
        s.values.forEach((v, i) => {
          if (v === null) return;
          const start = (horizontal ? pad.t : pad.l) + band * i + band * 0.15 + (stack !== null ? 0 : bw * si);
          const seg = stack?.[si][i];
          const a = scale(seg ? Math.max(seg.from, seg.to) : Math.max(0, v));
          const b = scale(seg ? Math.min(seg.from, seg.to) : Math.min(0, v));
          if (s.noFill) return; // an invisible series (a waterfall's base) takes its place, drawn as nothing
          if (chart.dataLabels.showValue) {
            const label = esc(tick(v, chart.dataLabels.numberFormat));
            if (horizontal) out.push(`<text class="wb-data-label" x="${(v >= 0 ? a + 3 : b - 3).toFixed(1)}" y="${(start + bw / 2 + 4).toFixed(1)}" text-anchor="${v >= 0 ? "start" : "end"}" font-size="10" fill="#404040">${label}</text>`);
            else if (textW(label) <= band) out.push(`<text class="wb-data-label" x="${(start + bw / 2).toFixed(1)}" y="${(a - 3).toFixed(1)}" text-anchor="middle" font-size="10" fill="#404040">${label}</text>`);
          }
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
    out.push(`<text x="${pad.l + pw / 2}" y="${height - 6 - legendH}" text-anchor="middle" fill="#404040">${esc(horizontal ? valueTitle : chart.categoryAxisTitle)}</text>`);
  }
  if ((!horizontal && valueTitle) || (horizontal && chart.categoryAxisTitle)) {
    const t = horizontal ? chart.categoryAxisTitle : valueTitle;
    out.push(`<text x="12" y="${pad.t + ph / 2}" text-anchor="middle" fill="#404040" transform="rotate(-90 12 ${pad.t + ph / 2})">${esc(t)}</text>`);
  }
  if (legendAt !== null) {
    series.forEach((s, i) => {
      const x = legendAt === "right" ? width - legendW : 8 + (i % legendCols) * itemW;
      const y = legendAt === "right" ? pad.t + 8 + i * itemH : height - legendH + 10 + Math.floor(i / legendCols) * 14;
      // A dashed series' key is a dashed stroke (as Excel's legend shows a line's style), a solid one's a filled square.
      const swatch =
        s.dash === ""
          ? `<rect x="${x}" y="${y - 8}" width="10" height="10" fill="${s.color}"/>`
          : `<rect x="${x}" y="${y - 8}" width="10" height="10" fill="none"/><line x1="${x}" y1="${y - 3}" x2="${x + 10}" y2="${y - 3}" stroke="${s.color}" stroke-width="2" stroke-dasharray="3 2"/>`;
      out.push(`<g class="wb-legend-item${s.dash === "" ? "" : " wb-legend-dashed"}">${swatch}<text x="${x + 14}" y="${y + 1}" fill="#404040"${itemH < 16 ? ' font-size="10"' : ""}>${esc(legendName(s.name))}</text></g>`);
    });
  }
  out.push("</svg>");
  return out.join("");
}

/** The segment of each point of stacked series (series × point): from the stack's top (positives) or bottom (negatives) before it. */
function stackOf(values: (number | null)[][]): ({ from: number; to: number } | null)[][] {
  const up: number[] = [];
  const down: number[] = [];
  return values.map((vs) =>
    vs.map((v, i) => {
      if (v === null) return null;
      const base = v >= 0 ? (up[i] ?? 0) : (down[i] ?? 0);
      if (v >= 0) up[i] = base + v;
      else down[i] = base + v;
      return { from: base, to: base + v };
    }),
  );
}
