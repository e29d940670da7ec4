/** The parts of a chart in the workbench host: title, axes, legend, data labels and series. DOM-free. */
import { ClientObject, ClientResultImpl, countResult, jsonBytes, notFound, type LoadArg } from "./client";
import type { RequestContextImpl } from "./context";
import { HostError, propertyNotLoaded } from "./errors";
import { defineProps, propsOf, type Accessors } from "./props";
import type { RangeProxy } from "./range";
import type { ChartModel, SeriesModel } from "./workbook";

type TitleKey = "title" | "categoryAxisTitle" | "valueAxisTitle";
const t = propsOf<ChartModel, { readonly _which: TitleKey }>();
const CHART_TITLE = {
  text: t.rw<string>(
    (c, _m, self) => c[self._which],
    (c, v, m, self) => {
      c[self._which] = v;
      m.version++;
    },
  ),
  visible: t.rw<boolean>(
    (c, _m, self) => (self._which === "title" ? c.titleVisible : c[self._which] !== ""),
    (c, v, _m, self) => {
      if (self._which === "title") c.titleVisible = v;
    },
  ),
};

/** The chart's title, or an axis title (`_which` says which). */
export interface ChartTitleProxy extends Accessors<typeof CHART_TITLE> {}
export class ChartTitleProxy extends ClientObject<ChartModel> {
  constructor(ctx: RequestContextImpl, resolver: () => ChartModel, readonly _which: TitleKey) {
    super(ctx, resolver);
  }
  protected override get _className(): string {
    return this._which === "title" ? "ChartTitle" : "ChartAxisTitle";
  }
  readonly format = { font: { bold: true, size: 14, color: "#000000" } };
}
defineProps(ChartTitleProxy, "ChartTitle", CHART_TITLE);

const p = propsOf<ChartModel>();

export class ChartAxesProxy extends ClientObject<ChartModel> {
  readonly categoryAxis: ChartAxisProxy;
  readonly valueAxis: ChartAxisProxy;
  constructor(ctx: RequestContextImpl, resolver: () => ChartModel) {
    super(ctx, resolver);
    this.categoryAxis = new ChartAxisProxy(ctx, () => this._target(), "categoryAxisTitle");
    this.valueAxis = new ChartAxisProxy(ctx, () => this._target(), "valueAxisTitle");
  }
  getItem(type: string): ChartAxisProxy {
    return type === "Value" ? this.valueAxis : this.categoryAxis;
  }
}
defineProps(ChartAxesProxy, "ChartAxes", {});

const ax = propsOf<ChartModel, { readonly _which: "categoryAxisTitle" | "valueAxisTitle" }>();
/** The number format is drawn on the axis; the other options are accepted (and ignored by the renderer). */
const CHART_AXIS = {
  numberFormat: ax.rw<string>(
    (c, _m, self) => c.axisFormats[self._which],
    (c, v, m, self) => {
      c.axisFormats[self._which] = v;
      m.version++;
    },
  ),
  visible: p.ignored<boolean>(),
  minimum: p.ignored<number>(),
  maximum: p.ignored<number>(),
};

export interface ChartAxisProxy extends Accessors<typeof CHART_AXIS> {}
export class ChartAxisProxy extends ClientObject<ChartModel> {
  readonly title: ChartTitleProxy;
  constructor(ctx: RequestContextImpl, resolver: () => ChartModel, readonly _which: "categoryAxisTitle" | "valueAxisTitle") {
    super(ctx, resolver);
    const which = _which;
    this.title = new ChartTitleProxy(ctx, () => this._target(), which);
  }
}
defineProps(ChartAxisProxy, "ChartAxis", CHART_AXIS);

const CHART_LEGEND = {
  visible: p.field("legendVisible", true),
  position: p.field("legendPosition", true),
};

export interface ChartLegendProxy extends Accessors<typeof CHART_LEGEND> {}
export class ChartLegendProxy extends ClientObject<ChartModel> {
}
defineProps(ChartLegendProxy, "ChartLegend", CHART_LEGEND);

/** Data labels: the value, in a number format, drawn by the renderer. */
const dataLabel = <K extends "showValue" | "numberFormat">(key: K) =>
  p.rw<ChartModel["dataLabels"][K]>(
    (c) => c.dataLabels[key],
    (c, v, m) => {
      c.dataLabels[key] = v;
      m.version++;
    },
  );
const CHART_DATA_LABELS = {
  showValue: dataLabel("showValue"),
  numberFormat: dataLabel("numberFormat"),
};

export interface ChartDataLabelsProxy extends Accessors<typeof CHART_DATA_LABELS> {}
export class ChartDataLabelsProxy extends ClientObject<ChartModel> {
}
defineProps(ChartDataLabelsProxy, "ChartDataLabels", CHART_DATA_LABELS);

interface SeriesRef {
  chart: ChartModel;
  series: SeriesModel;
}

const CHART_SERIES_COLLECTION = {
  count: p.ro<number>((c) => c.series.length),
};

export interface ChartSeriesCollectionProxy extends Accessors<typeof CHART_SERIES_COLLECTION> {}
export class ChartSeriesCollectionProxy extends ClientObject<ChartModel> {
  private _items: ChartSeriesProxy[] | undefined;
  get items(): ChartSeriesProxy[] {
    if (!this._items) throw propertyNotLoaded("items", this._className);
    return this._items;
  }
  override load(arg?: LoadArg): this {
    void arg;
    this.context._queue(16, (after) => {
      const c = this._target();
      const items = c.series.map((s) => new ChartSeriesProxy(this.context, () => ({ chart: c, series: s })));
      const vals = c.series.map((s) => ({ name: s.name, chartType: s.chartType ?? c.type }));
      after.push(() => {
        this._items = items;
        this._loaded.set("count", items.length);
        items.forEach((it, i) => it._assign(vals[i]));
      });
    });
    return this;
  }
  getCount(): ClientResultImpl<number> {
    return countResult(this, () => this._target().series.length);
  }
  add(name?: string, index?: number): ChartSeriesProxy {
    let created: SeriesRef | undefined;
    const p = new ChartSeriesProxy(this.context, () => created ?? null);
    this.context._queue(jsonBytes(name), () => {
      const c = this._target();
      const s: SeriesModel = { name: name ?? `Series${c.series.length + 1}` };
      if (index !== undefined && index >= 0 && index <= c.series.length) c.series.splice(index, 0, s);
      else c.series.push(s);
      created = { chart: c, series: s };
      this._model.version++;
    });
    return p;
  }
  getItemAt(index: number): ChartSeriesProxy {
    return new ChartSeriesProxy(this.context, () => {
      const c = this._target();
      const s = c.series[index];
      if (!s) notFound("chart series", `#${index}`);
      return { chart: c, series: s };
    }, true);
  }
}
defineProps(ChartSeriesCollectionProxy, "ChartSeriesCollection", CHART_SERIES_COLLECTION);

const s = propsOf<SeriesRef>();
const CHART_SERIES = {
  name: s.rw<string>(
    (x) => x.series.name,
    (x, v, m) => {
      x.series.name = v;
      m.version++;
    },
  ),
  chartType: s.rw<string>(
    (x) => x.series.chartType ?? x.chart.type,
    (x, v, m) => {
      x.series.chartType = v;
      m.version++;
    },
  ),
  hasDataLabels: s.ignored<boolean>(),
  markerBackgroundColor: s.rw<string>(
    (x) => x.series.color ?? "",
    (x, v, m) => {
      x.series.color = v;
      m.version++;
    },
  ),
  markerForegroundColor: s.ignored<string>(),
  markerStyle: s.ignored<string>(),
  smooth: s.ignored<boolean>(),
};

/** Excel.ChartLineStyle's values. */
const LINE_STYLES: readonly string[] = ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Grey25", "Grey50", "Grey75", "Automatic", "RoundDot"];

export interface ChartSeriesProxy extends Accessors<typeof CHART_SERIES> {}
export class ChartSeriesProxy extends ClientObject<SeriesRef> {
  readonly format: { fill: { setSolidColor(color: string): void; clear(): void }; line: { color: string; weight: number; lineStyle: string } };
  constructor(ctx: RequestContextImpl, resolver: () => SeriesRef | null, queueResolve = false) {
    super(ctx, resolver, queueResolve);
    const noop = (): void => this.context._queue(8, () => undefined);
    const paint = (color: string): void =>
      this._call(color, (x) => {
        x.series.color = color;
        x.series.noFill = false;
        this._model.version++;
      });
    // As Excel: fill.clear() leaves the series without fill (an invisible column); setSolidColor fills it again.
    const clear = (): void =>
      this._call(null, (x) => {
        x.series.noFill = true;
        this._model.version++;
      });
    // As Excel (ExcelApi 1.7): only an Excel.ChartLineStyle value, else the sync fails with InvalidArgument and nothing changes.
    let style: string | undefined;
    const setStyle = (v: string): void => {
      style = v;
      this._call(v, (x) => {
        if (typeof v !== "string" || !LINE_STYLES.includes(v)) throw new HostError("InvalidArgument", `ChartLineFormat.lineStyle must be an Excel.ChartLineStyle value, not '${String(v)}'.`);
        x.series.lineStyle = v;
        this._model.version++;
      });
    };
    this.format = {
      fill: { setSolidColor: paint, clear },
      line: {
        set color(v: string) {
          paint(v);
        },
        get color(): string {
          return "";
        },
        set weight(_v: number) {
          noop();
        },
        get weight(): number {
          return 0;
        },
        set lineStyle(v: string) {
          setStyle(v);
        },
        // A written value reads back at once (as in office.js); the workbench cannot load it otherwise.
        get lineStyle(): string {
          if (style === undefined) throw propertyNotLoaded("lineStyle", "ChartLineFormat");
          return style;
        },
      },
    };
  }
  _assign(v: { name: string; chartType: string }): void {
    this._loaded.set("name", v.name);
    this._loaded.set("chartType", v.chartType);
  }
  setValues(sourceData: RangeProxy): void {
    this._call(null, (x) => {
      x.series.values = sourceData._target();
      this._model.version++;
    });
  }
  setXAxisValues(sourceData: RangeProxy): void {
    this._call(null, (x) => {
      x.series.xValues = sourceData._target();
      this._model.version++;
    });
  }
  delete(): void {
    this._call(null, (x) => {
      x.chart.series = x.chart.series.filter((y) => y !== x.series);
      this._model.version++;
    });
  }
}
defineProps(ChartSeriesProxy, "ChartSeries", CHART_SERIES);
