/**
 * The figure formulas, shared by Unit Economics, Comparison and the review. A
 * figure is blank ("") where the engine's figure is null: no volume data or
 * zero inferences (per-inference figures), no value data or zero cost (ROI),
 * no value data or zero value (cost-to-value ratio). Arguments are cell references.
 */
import { moneyFormat, MULTIPLE_FORMAT, RATIO_FORMAT } from "../formats";
import { BANDS } from "../../core/bands";
import { textWidth, type Column } from "./columns";
import { BAND_RULES } from "./names";

export const F = {
  noCount: (inferences: string): string => `${inferences}="",${inferences}=0`,
  costPerInference: (cost: string, inferences: string): string =>
    `=IF(OR(${inferences}="",${inferences}=0,${cost}=""),"",AIECON.COSTPERINFERENCE(${cost},${inferences}))`,
  valuePerInference: (value: string, inferences: string): string =>
    `=IF(OR(${inferences}="",${inferences}=0,${value}=""),"",AIECON.VALUEPERINFERENCE(${value},${inferences}))`,
  roi: (value: string, cost: string): string => `=IF(OR(${value}="",${cost}="",${cost}=0),"",AIECON.ROIMULTIPLE(${value},${cost}))`,
  costToValue: (cost: string, value: string): string =>
    `=IF(OR(${value}="",${value}=0,${cost}=""),"",AIECON.COSTTOVALUERATIO(${cost},${value}))`,
  band: (roi: string): string => `=IF(ISNUMBER(${roi}),AIECON.BENCHMARKBAND(${roi}),"")`,
  margin: (value: string, valuePerInference: string, costPerInference: string, inferences: string): string =>
    `=IF(OR(${F.noCount(inferences)},${value}=""),"",AIECON.MARGINCONTRIBUTION(${valuePerInference},${costPerInference},${inferences}))`,
  /** Relative change of a figure from one quarter to the next; blank when either is blank or the first is 0. */
  change: (prev: string, cur: string): string =>
    `=IF(AND(ISNUMBER(${prev}),ISNUMBER(${cur})),IF(${prev}=0,"",${cur}/${prev}-1),"")`,
  /** `unchanged`, or `Good → Marginal`; blank when either band is blank. */
  bandChange: (prev: string, cur: string): string =>
    `=IF(AND(${prev}<>"",${cur}<>""),IF(${prev}=${cur},"unchanged",${prev}&" → "&${cur}),"")`,
};

/** Money formats of a row's currency. */
export const moneyOf = (row: { currency: string }): string => moneyFormat(row.currency);
/** A table context that knows the per-inference format of each currency (decimals sized by the data). */
export interface UnitFormats {
  unitFormat(currency: string): string;
}
export const unitMoneyOf = (row: { currency: string }, ctx: UnitFormats): string => ctx.unitFormat(row.currency);

type FigureKey = "cost" | "inferences" | "value" | "costPerInference" | "valuePerInference" | "roi" | "costToValue";

/**
 * The four figures of a row that has `cost`, `inferences` and `value` columns: cost and value
 * per inference, ROI multiple, cost-to-value ratio (Unit Economics and Comparison).
 */
export function figureColumns<R extends { currency: string }, C extends UnitFormats>(minWidth: number): Column<FigureKey, R, C>[] {
  return [
    { key: "costPerInference", header: "Cost per inference", cell: (_, at) => F.costPerInference(at.cell("cost"), at.cell("inferences")), format: unitMoneyOf, minWidth },
    { key: "valuePerInference", header: "Value per inference", cell: (_, at) => F.valuePerInference(at.cell("value"), at.cell("inferences")), format: unitMoneyOf, minWidth },
    { key: "roi", header: "ROI multiple", cell: (_, at) => F.roi(at.cell("value"), at.cell("cost")), format: MULTIPLE_FORMAT, minWidth },
    { key: "costToValue", header: "Cost-to-value ratio", cell: (_, at) => F.costToValue(at.cell("cost"), at.cell("value")), format: RATIO_FORMAT, minWidth },
  ];
}

/** Points that hold the longest band name (`Unsustainable`), and a band change (`Unsustainable → Excellent`). */
export const BAND_WIDTH = textWidth(Math.max(...BANDS.map((b) => b.length)) + 2);
export const BAND_CHANGE_WIDTH = textWidth(2 * Math.max(...BANDS.map((b) => b.length)) + 3);

/** The benchmark band of the row's `roi` column, coloured; wide enough for every band name. */
export function bandColumn<R, C>(minWidth: number): Column<"band" | "roi", R, C> {
  return { key: "band", header: "Band", cell: (_, at) => F.band(at.cell("roi")), rules: BAND_RULES, minWidth: Math.max(minWidth, BAND_WIDTH) };
}
