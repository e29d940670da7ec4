/** `Excel.ChartCollection` and `Excel.Chart` of the workbench host (the chart's parts: chart-parts.ts). DOM-free. */
import { ClientObject, CollectionProxy, jsonBytes, notFound } from "./client";
import { ChartAxesProxy, ChartDataLabelsProxy, ChartLegendProxy, ChartSeriesCollectionProxy, ChartTitleProxy } from "./chart-parts";
import type { RequestContextImpl } from "./context";
import { HostError } from "./errors";
import { defineProps, propsOf, type Accessors } from "./props";
import type { RangeProxy } from "./range";
import type { ChartModel, SheetModel } from "./workbook";
import { WorksheetProxy } from "./worksheet";

export class ChartCollectionProxy extends CollectionProxy<ChartModel, ChartProxy> {
  constructor(ctx: RequestContextImpl, private readonly sheet: () => SheetModel) {
    super(ctx, () => sheet().charts);
  }
  protected _wrap(m: ChartModel): ChartProxy {
    return new ChartProxy(this.context, () => m);
  }
  add(type: string, sourceData?: RangeProxy, seriesBy: string = "Auto"): ChartProxy {
    let created: ChartModel | undefined;
    const c = new ChartProxy(this.context, () => created ?? null);
    this.context._queue(jsonBytes([type, seriesBy]), () => {
      const s = this.sheet();
      created = this._model.addChart(s, type, sourceData ? sourceData._target() : undefined, seriesBy);
    });
    return c;
  }
  getItem(name: string): ChartProxy {
    return new ChartProxy(this.context, () => this._model.chartByName(this.sheet(), name) ?? notFound("chart", name), true);
  }
  getItemOrNullObject(name: string): ChartProxy {
    return new ChartProxy(this.context, () => this._model.chartByName(this.sheet(), name) ?? null, true, true);
  }
  getItemAt(index: number): ChartProxy {
    return new ChartProxy(this.context, () => this.sheet().charts[index] ?? notFound("chart", `#${index}`), true);
  }
}
defineProps(ChartCollectionProxy, "ChartCollection", {});

const p = propsOf<ChartModel>();
/** top, left, width, height: points ≥ 0; setting one unanchors the chart from its cells. */
const placement = (key: "top" | "left" | "width" | "height") =>
  p.rw<number>(
    (c) => c[key],
    (c, v, m) => {
      if (!(typeof v === "number" && Number.isFinite(v) && v >= 0)) throw new HostError("InvalidArgument", `Chart ${key} must be a number ≥ 0.`);
      c[key] = v;
      c.anchor = null; // placed by points now, no longer moved with its cells
      m.version++;
    },
  );
const CHART = {
  name: p.field("name"),
  id: p.ro<string>((c) => c.id),
  chartType: p.field("type", true),
  top: placement("top"),
  left: placement("left"),
  width: placement("width"),
  height: placement("height"),
};

export interface ChartProxy extends Accessors<typeof CHART> {}
export class ChartProxy extends ClientObject<ChartModel> {
  readonly title: ChartTitleProxy;
  readonly series: ChartSeriesCollectionProxy;
  readonly axes: ChartAxesProxy;
  readonly legend: ChartLegendProxy;
  readonly dataLabels: ChartDataLabelsProxy;
  constructor(ctx: RequestContextImpl, resolver: () => ChartModel | null, queueResolve = false, nullable = false) {
    super(ctx, resolver, queueResolve, nullable);
    this.title = new ChartTitleProxy(ctx, () => this._target(), "title");
    this.series = new ChartSeriesCollectionProxy(ctx, () => this._target());
    this.axes = new ChartAxesProxy(ctx, () => this._target());
    this.legend = new ChartLegendProxy(ctx, () => this._target());
    this.dataLabels = new ChartDataLabelsProxy(ctx, () => this._target());
  }
  protected override _nav(prop: string): ClientObject<unknown> | undefined {
    return prop === "title" ? (this.title as ClientObject<unknown>) : undefined;
  }
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this._target().sheet);
  }
  setPosition(startCell: RangeProxy | string, endCell?: RangeProxy | string): void {
    this._call([typeof startCell === "string" ? startCell : "", typeof endCell === "string" ? endCell : ""], (c) => {
      const m = this._model;
      const a = typeof startCell === "string" ? m.resolve(startCell, c.sheet) : startCell._target();
      const b = endCell === undefined ? null : typeof endCell === "string" ? m.resolve(endCell, c.sheet) : endCell._target();
      c.anchor = { r0: a.rect.r0, c0: a.rect.c0, r1: b ? b.rect.r1 : null, c1: b ? b.rect.c1 : null };
      m.layoutChart(c);
      m.version++;
    });
  }
  setData(sourceData: RangeProxy, seriesBy: string = "Auto"): void {
    this._call(seriesBy, (c) => {
      const fresh = this._model.addChart(c.sheet, c.type, sourceData._target(), seriesBy);
      this._model.deleteChart(fresh);
      c.series = fresh.series;
    });
  }
  delete(): void {
    this._call(null, (c) => this._model.deleteChart(c));
  }
  activate(): void {
    this._call(null, () => undefined);
  }
}
defineProps(ChartProxy, "Chart", CHART);
