/**
 * The Quarterly Review's commentary per key, a formula over the row's own change columns so it
 * stays true after an edit: "cost per inference fell 12 % on a 40 % volume rise; band Good →
 * Excellent". A part is left out when its figure is blank (no cost per inference, no
 * inferences, no band in one of the quarters); percentages are rounded to whole numbers.
 */
const pct = (x: string): string => `ROUND(ABS(${x})*100,0)&" %"`;

/** The commentary formula from the cells of the relative changes of cost per inference and inferences and the band change. */
export function commentary(costPerInferenceChange: string, inferencesChange: string, bandChange: string): string {
  const c = costPerInferenceChange;
  const v = inferencesChange;
  const rate = `IF(ISNUMBER(${c}),IF(${c}=0,"cost per inference unchanged","cost per inference "&IF(${c}<0,"fell ","rose ")&${pct(c)}),"")`;
  const volume = `IF(ISNUMBER(${v}),IF(${v}=0,"unchanged volume","a "&${pct(v)}&" volume "&IF(${v}<0,"fall","rise")),"")`;
  // "X on Y" when both, else whichever there is.
  const first = `IF(AND(ISNUMBER(${c}),ISNUMBER(${v})),${rate}&" on "&${volume},${rate}&${volume})`;
  const band = `IF(${bandChange}="","","band "&${bandChange})`;
  return `=${first}&IF(AND(OR(ISNUMBER(${c}),ISNUMBER(${v})),${bandChange}<>""),"; ","")&${band}`;
}
