/** Conditional formats of the workbench host: the collection of a range, a format, its rule and its range format. DOM-free. */
import { ClientObject, CollectionProxy, jsonBytes } from "./client";
import type { RequestContextImpl } from "./context";
import { HostError, propertyNotLoaded } from "./errors";
import { defineProps, propsOf, type Accessors } from "./props";
import { colorOk } from "./range-format";
import type { CellFormat, ConditionalFormatModel, RangeRef } from "./workbook";

export class ConditionalFormatCollectionProxy extends CollectionProxy<ConditionalFormatModel, ConditionalFormatProxy> {
  constructor(ctx: RequestContextImpl, private readonly range: () => RangeRef) {
    super(ctx, () => {
      const r = range();
      return r.sheet.conditionalFormats.filter((cf) => cf.rect.r0 <= r.rect.r1 && r.rect.r0 <= cf.rect.r1 && cf.rect.c0 <= r.rect.c1 && r.rect.c0 <= cf.rect.c1);
    });
  }
  protected _wrap(m: ConditionalFormatModel): ConditionalFormatProxy {
    return new ConditionalFormatProxy(this.context, () => m);
  }
  add(type: string): ConditionalFormatProxy {
    let created: ConditionalFormatModel | undefined;
    const p = new ConditionalFormatProxy(this.context, () => created ?? null);
    this.context._queue(jsonBytes(type), () => {
      const r = this.range();
      created = this._model.addConditionalFormat(r.sheet, r.rect, type);
    });
    return p;
  }
  clearAll(): void {
    this.context._queue(8, () => {
      const r = this.range();
      const mine = new Set(this._target());
      r.sheet.conditionalFormats = r.sheet.conditionalFormats.filter((cf) => !mine.has(cf));
      this._model.version++;
    });
  }
}
defineProps(ConditionalFormatCollectionProxy, "ConditionalFormatCollection", {});

const p = propsOf<ConditionalFormatModel>();
const CONDITIONAL_FORMAT = {
  type: p.ro<string>((m) => m.type),
  stopIfTrue: p.field("stopIfTrue"),
  priority: p.rw<number>(
    (m) => m.sheet.conditionalFormats.indexOf(m),
    (m, v) => {
      const l = m.sheet.conditionalFormats.filter((x) => x !== m);
      l.splice(Math.max(0, Math.min(v, l.length)), 0, m);
      m.sheet.conditionalFormats = l;
    },
  ),
  id: p.load<string>((m) => m.id),
};

export interface ConditionalFormatProxy extends Accessors<typeof CONDITIONAL_FORMAT> {}
export class ConditionalFormatProxy extends ClientObject<ConditionalFormatModel> {
  readonly textComparison: ConditionalRuleFormatProxy;
  readonly cellValue: ConditionalRuleFormatProxy;
  readonly custom: ConditionalRuleFormatProxy;
  constructor(ctx: RequestContextImpl, resolver: () => ConditionalFormatModel | null) {
    super(ctx, resolver);
    this.textComparison = new ConditionalRuleFormatProxy(ctx, () => this._target(), "ContainsText");
    this.cellValue = new ConditionalRuleFormatProxy(ctx, () => this._target(), "CellValue");
    this.custom = new ConditionalRuleFormatProxy(ctx, () => this._target(), "Custom");
  }
  delete(): void {
    this._call(null, (m) => {
      m.sheet.conditionalFormats = m.sheet.conditionalFormats.filter((x) => x !== m);
      this._model.version++;
    });
  }
}
defineProps(ConditionalFormatProxy, "ConditionalFormat", CONDITIONAL_FORMAT);

interface RuleValue {
  operator?: string;
  text?: string;
  formula1?: string;
  formula2?: string;
  formula?: string;
}

const RULE_FORMAT = {
  /** `rule` has a hand-written accessor: `custom.rule` is an object, the others a plain value. */
  rule: p.load<RuleValue>((m) => ({ ...m.rule })),
};

/** `textComparison` / `cellValue` / `custom`: a rule and a format. */
export class ConditionalRuleFormatProxy extends ClientObject<ConditionalFormatModel> {
  readonly format: ConditionalRangeFormatProxy;
  private _rule: ConditionalRuleProxy | undefined;
  constructor(ctx: RequestContextImpl, resolver: () => ConditionalFormatModel, private readonly kind: string) {
    super(ctx, () => {
      const m = resolver();
      if (m.type !== kind) throw new HostError("InvalidArgument", `This conditional format is of type ${m.type}, not ${kind}.`);
      return m;
    });
    this.format = new ConditionalRangeFormatProxy(ctx, () => this._target());
  }
  protected override get _className(): string {
    return `${this.kind}ConditionalFormat`;
  }
  /** `custom.rule` is an object with a `formula` property; the others are plain values. */
  get rule(): ConditionalRuleProxy & { operator?: string; text?: string; formula1?: string; formula2?: string } {
    if (this.kind === "Custom") {
      this._rule ??= new ConditionalRuleProxy(this.context, () => this._target());
      return this._rule;
    }
    return this._get("rule");
  }
  set rule(v: RuleValue) {
    this._set("rule", v, (m) => {
      m.rule = { ...v };
      this._model.version++;
    });
  }
}
defineProps(ConditionalRuleFormatProxy, "ConditionalRuleFormat", RULE_FORMAT);

const RULE = {
  formula: p.rw<string>(
    (m) => m.rule.formula ?? "",
    (m, v, model) => {
      m.rule.formula = v;
      model.version++;
    },
  ),
  /** Hand-written accessor: a write goes to `formula`. */
  formulaLocal: p.load<string>((m) => m.rule.formula ?? ""),
};

export interface ConditionalRuleProxy extends Accessors<typeof RULE> {}
export class ConditionalRuleProxy extends ClientObject<ConditionalFormatModel> {
  get formulaLocal(): string {
    return this._get("formulaLocal");
  }
  set formulaLocal(v: string) {
    this.formula = v;
  }
}
defineProps(ConditionalRuleProxy, "ConditionalFormatRule", RULE);

const RANGE_FORMAT = {
  numberFormat: p.rw<string>(
    (m) => m.format.numberFormat ?? "",
    (m, v) => {
      m.format.numberFormat = v;
    },
  ),
};

export interface ConditionalRangeFormatProxy extends Accessors<typeof RANGE_FORMAT> {}
export class ConditionalRangeFormatProxy extends ClientObject<ConditionalFormatModel> {
  readonly fill: { color: string; clear(): void };
  readonly font: { color: string; bold: boolean; italic: boolean };
  constructor(ctx: RequestContextImpl, resolver: () => ConditionalFormatModel) {
    super(ctx, resolver);
    const set = (f: Partial<CellFormat>): void =>
      this.context._queue(jsonBytes(f), () => {
        Object.assign(this._target().format, f);
        this._model.version++;
      });
    const state: Record<string, unknown> = {};
    const get = (k: string): never => {
      if (!(k in state)) throw propertyNotLoaded(k, "ConditionalRangeFormat");
      return state[k] as never;
    };
    this.fill = {
      get color(): string {
        return get("fill");
      },
      set color(v: string) {
        colorOk(v);
        state.fill = v;
        set({ fill: v });
      },
      clear: () => set({ fill: null }),
    };
    this.font = {
      get color(): string {
        return get("fontColor");
      },
      set color(v: string) {
        colorOk(v);
        state.fontColor = v;
        set({ fontColor: v });
      },
      get bold(): boolean {
        return get("bold");
      },
      set bold(v: boolean) {
        state.bold = v;
        set({ bold: v });
      },
      get italic(): boolean {
        return get("italic");
      },
      set italic(v: boolean) {
        state.italic = v;
        set({ italic: v });
      },
    };
  }
}
defineProps(ConditionalRangeFormatProxy, "ConditionalRangeFormat", RANGE_FORMAT);
