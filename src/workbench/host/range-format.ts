/** `Excel.RangeFormat` and its fill, font and borders, in the workbench host. DOM-free. */
import { ClientObject } from "./client";
import type { RequestContextImpl } from "./context";
import { HostError } from "./errors";
import { defineProps, propsOf, type Accessors } from "./props";
import type { CellFormat, RangeRef, WorkbookModel } from "./workbook";

/** Excel accepts #RRGGBB or a color name; anything else fails the sync. */
export function colorOk(v: string): void {
  if (typeof v !== "string" || !(/^#[0-9A-Fa-f]{6}$/.test(v) || /^[A-Za-z]+$/.test(v))) {
    throw new HostError("InvalidArgument", `'${v}' is not a color: use #RRGGBB or a color name.`);
  }
}

const p = propsOf<RangeRef>();
/** The format shown at the range's top-left cell. */
const shown = (r: RangeRef, m: WorkbookModel): CellFormat => m.displayFormat(r.sheet, r.rect.r0, r.rect.c0);
/** A write of one cell-format field over the whole range. */
const setFormat =
  <K extends keyof CellFormat>(key: K) =>
  (r: RangeRef, v: CellFormat[K], m: WorkbookModel): void =>
    m.setFormat(r.sheet, r.rect, { [key]: v });
/** The same, after the color check. */
const setColor =
  (key: "fill" | "fontColor") =>
  (r: RangeRef, v: string, m: WorkbookModel): void => {
    colorOk(v);
    m.setFormat(r.sheet, r.rect, { [key]: v });
  };

const RANGE_FORMAT = {
  columnWidth: p.rw<number>(
    (r, m) => m.colWidth(r.sheet, r.rect.c0),
    (r, v, m) => m.setColWidth(r.sheet, r.rect, v),
  ),
  rowHeight: p.rw<number>(() => 15),
  horizontalAlignment: p.rw<string>((r, m) => shown(r, m).horizontalAlignment ?? "General", setFormat("horizontalAlignment")),
  wrapText: p.rw<boolean>((r, m) => shown(r, m).wrapText ?? false, setFormat("wrapText")),
};

export interface RangeFormatProxy extends Accessors<typeof RANGE_FORMAT> {}
export class RangeFormatProxy extends ClientObject<RangeRef> {
  readonly fill: RangeFillProxy;
  readonly font: RangeFontProxy;
  readonly borders: RangeBordersProxy;
  constructor(ctx: RequestContextImpl, resolver: () => RangeRef) {
    super(ctx, resolver);
    this.fill = new RangeFillProxy(ctx, () => this._target());
    this.font = new RangeFontProxy(ctx, () => this._target());
    this.borders = new RangeBordersProxy(ctx, () => this._target());
  }
  protected override _nav(prop: string): ClientObject<unknown> | undefined {
    return prop === "fill" ? (this.fill as ClientObject<unknown>) : prop === "font" ? (this.font as ClientObject<unknown>) : undefined;
  }
  /** Not loadable: always "Bottom"; a write is accepted and ignored. */
  get verticalAlignment(): string {
    return "Bottom";
  }
  set verticalAlignment(v: string) {
    this._set("verticalAlignment", v, () => undefined);
  }
  autofitColumns(): void {
    this._call(null, (r) => this._model.autofitColumns(r.sheet, r.rect));
  }
  autofitRows(): void {
    this._call(null, () => undefined);
  }
}
defineProps(RangeFormatProxy, "RangeFormat", RANGE_FORMAT);

const RANGE_FILL = {
  color: p.rw<string>((r, m) => shown(r, m).fill ?? "#FFFFFF", setColor("fill")),
};

export interface RangeFillProxy extends Accessors<typeof RANGE_FILL> {}
export class RangeFillProxy extends ClientObject<RangeRef> {
  clear(): void {
    this._call(null, (r) => this._model.setFormat(r.sheet, r.rect, { fill: null }));
  }
}
defineProps(RangeFillProxy, "RangeFill", RANGE_FILL);

const RANGE_FONT = {
  bold: p.rw<boolean>((r, m) => shown(r, m).bold ?? false, setFormat("bold")),
  italic: p.rw<boolean>((r, m) => shown(r, m).italic ?? false, setFormat("italic")),
  color: p.rw<string>((r, m) => shown(r, m).fontColor ?? "#000000", setColor("fontColor")),
  name: p.rw<string>(() => "Calibri"),
  size: p.rw<number>(
    (r, m) => shown(r, m).fontSize ?? 11,
    (r, v, m) => {
      // Excel takes 1 to 409 points.
      if (typeof v !== "number" || !Number.isFinite(v) || v < 1 || v > 409) throw new HostError("InvalidArgument", `Font size must be 1 to 409 points, not ${String(v)}.`);
      m.setFormat(r.sheet, r.rect, { fontSize: v });
    },
  ),
};

export interface RangeFontProxy extends Accessors<typeof RANGE_FONT> {}
export class RangeFontProxy extends ClientObject<RangeRef> {
}
defineProps(RangeFontProxy, "RangeFont", RANGE_FONT);

/** Borders are accepted (and ignored by the renderer). */
export class RangeBordersProxy extends ClientObject<RangeRef> {
  getItem(index: string): RangeBorderProxy {
    return new RangeBorderProxy(this.context, () => ({ ...this._target(), index }) as RangeRef);
  }
}
defineProps(RangeBordersProxy, "RangeBorderCollection", {});

const RANGE_BORDER = {
  style: p.ignored<string>(),
  color: p.ignored<string>(),
  weight: p.ignored<string>(),
};

export interface RangeBorderProxy extends Accessors<typeof RANGE_BORDER> {}
export class RangeBorderProxy extends ClientObject<RangeRef> {
}
defineProps(RangeBorderProxy, "RangeBorder", RANGE_BORDER);
