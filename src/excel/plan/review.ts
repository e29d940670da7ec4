/**
 * `Quarterly Review`: one row per key × currency of the latest (full) quarter or the one before;
 * each figure for both quarters and its change, the band change, the cost-to-value ratio of the
 * latest quarter and a remediation flag where it is above 1.
 */
import { formulaString, safeText } from "../safeText";
import { CHANGE_FORMAT, COUNT_FORMAT, MULTIPLE_FORMAT, RATIO_FORMAT } from "../formats";
import { columns, type Column, type FormatSpec, type RowRefs } from "./columns";
import { BAND_CHANGE_WIDTH, BAND_WIDTH, F, moneyOf, unitMoneyOf } from "./figures";
import type { Triple, UnitModel } from "./model";
import { BAND_RULES, FLAG_RULES, REMEDIATION_FLAG } from "./names";
import { tableSheet } from "./sheet";
import { unitSum, type UnitData } from "./unit";
import type { BandRule, Cell, PlanNames, SheetPlan } from "./types";

interface ReviewContext {
  ue: UnitData;
  /** The quarters' labels, as headers and as string expressions in formulas. */
  label: Record<Quarter, string>;
  literal: Record<Quarter, string>;
  unitFormat(currency: string): string;
}

type Quarter = "Prev" | "Cur";
type Measure = "cost" | "inferences" | "costPerInference" | "value" | "roi" | "band";
type ReviewKey = "key" | "currency" | `${Measure}${Quarter | "Change"}` | "costToValue" | "remediation";

const MIN_WIDTH = 95;

interface MeasureSpec {
  measure: Measure;
  title: string;
  /** The figure of one quarter. */
  cell: (q: Quarter, t: Triple, at: RowRefs<ReviewKey>, c: ReviewContext) => Cell;
  format?: FormatSpec<Triple, ReviewContext>;
  rules?: readonly BandRule[];
  /** The change column's formula (default the relative change) and format. */
  change?: (prev: string, cur: string) => string;
  changeFormat?: string;
  /** Least width of the quarter columns and of the change column (default MIN_WIDTH). */
  width?: number;
  changeWidth?: number;
}

/** A measure's three columns: previous quarter, latest quarter, change. */
function measureColumns(m: MeasureSpec): Column<ReviewKey, Triple, ReviewContext>[] {
  const quarter = (q: Quarter): Column<ReviewKey, Triple, ReviewContext> => ({
    key: `${m.measure}${q}`,
    header: (c) => `${m.title} ${c.label[q]}`,
    cell: (t, at, c) => m.cell(q, t, at, c),
    format: m.format,
    rules: m.rules,
    minWidth: m.width ?? MIN_WIDTH,
  });
  const change = m.change ?? F.change;
  return [
    quarter("Prev"),
    quarter("Cur"),
    {
      key: `${m.measure}Change`,
      header: `${m.title} change`,
      cell: (_, at) => change(at.cell(`${m.measure}Prev`), at.cell(`${m.measure}Cur`)),
      format: m.changeFormat,
      minWidth: m.changeWidth ?? MIN_WIDTH,
    },
  ];
}

/** A sum over the Unit Economics rows of the quarter. */
const summed =
  (values: "cost" | "inferences" | "value") =>
  (q: Quarter, t: Triple, at: RowRefs<ReviewKey>, c: ReviewContext): string =>
    unitSum(c.ue, values, t, at, "quarter", c.literal[q], true);

/** A figure from other measures of the same quarter. */
const figure =
  (f: (a: string, b: string) => string, a: Measure, b: Measure) =>
  (q: Quarter, _: Triple, at: RowRefs<ReviewKey>): string =>
    f(at.cell(`${a}${q}`), at.cell(`${b}${q}`));

export const REVIEW = columns<Triple, ReviewContext>()<ReviewKey>([
  { key: "key", header: "Key", cell: (t) => safeText(t.key) },
  { key: "currency", header: "Currency", cell: (t) => safeText(t.currency) },
  ...measureColumns({ measure: "cost", title: "Cost", cell: summed("cost"), format: moneyOf, changeFormat: CHANGE_FORMAT }),
  ...measureColumns({ measure: "inferences", title: "Inferences", cell: summed("inferences"), format: COUNT_FORMAT, changeFormat: CHANGE_FORMAT }),
  ...measureColumns({
    measure: "costPerInference",
    title: "Cost per inference",
    cell: figure(F.costPerInference, "cost", "inferences"),
    format: unitMoneyOf,
    changeFormat: CHANGE_FORMAT,
  }),
  ...measureColumns({ measure: "value", title: "Value", cell: summed("value"), format: moneyOf, changeFormat: CHANGE_FORMAT }),
  ...measureColumns({ measure: "roi", title: "ROI multiple", cell: figure(F.roi, "value", "cost"), format: MULTIPLE_FORMAT, changeFormat: CHANGE_FORMAT }),
  ...measureColumns({ measure: "band", title: "Band", cell: (q, _, at) => F.band(at.cell(`roi${q}`)), rules: BAND_RULES, change: F.bandChange, width: BAND_WIDTH, changeWidth: BAND_CHANGE_WIDTH }),
  {
    key: "costToValue",
    header: (c) => `Cost-to-value ratio ${c.label.Cur}`,
    cell: (_, at) => F.costToValue(at.cell("costCur"), at.cell("valueCur")),
    format: RATIO_FORMAT,
    minWidth: MIN_WIDTH,
  },
  {
    key: "remediation",
    header: "Remediation",
    cell: (_, at) => `=IF(ISNUMBER(${at.cell("costToValue")}),IF(${at.cell("costToValue")}>1,${formulaString(REMEDIATION_FLAG)},""),"")`,
    rules: FLAG_RULES,
    minWidth: MIN_WIDTH,
  },
]);

const isChange = (k: ReviewKey): boolean => k.endsWith("Change");

export function planReviewSheet(model: UnitModel, ue: UnitData, names: PlanNames): SheetPlan {
  const Q = model.latestQuarter;
  const Q0 = model.previousQuarter;
  const inReview = (t: Triple): boolean => model.quarterFor(t.period) === Q || model.quarterFor(t.period) === Q0;
  const pairs = Q === null ? [] : model.pairsWhere(inReview);
  const label = { Prev: Q0 ?? "previous quarter", Cur: Q ?? "latest quarter" };
  const literal = { Prev: formulaString(label.Prev), Cur: formulaString(label.Cur) };
  const t = REVIEW.place(names.sheets.review, pairs, { ue, label, literal, unitFormat: model.unitFormat });
  // The figures' formats, then the changes', then the ratio's.
  const formats = [
    ...t.formats((k) => !isChange(k) && k !== "costToValue"),
    ...t.formats(isChange),
    ...t.formats((k) => k === "costToValue"),
  ];
  return tableSheet("figures", "review", names, t, { formats });
}
