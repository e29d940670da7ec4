/** The names of the file formats as people read them: the task pane's file cards and the workbook's review title. */
export const FORMAT_LABELS: Readonly<Record<string, string>> = {
  focus: "FOCUS",
  "aws-cur": "AWS Cost and Usage Report (legacy)",
  "aws-cur2": "AWS CUR 2.0 (Data Exports)",
  azure: "Azure cost export",
  gcp: "Google Cloud billing export",
  oci: "OCI cost report",
  "openai-costs": "OpenAI costs",
  "anthropic-cost": "Anthropic cost report",
  groups: "Cost groups from aiecon sql",
  generic: "Generic (map the columns)",
  counts: "Counts",
  "request-log": "Request log (one row per request)",
  value: "Value",
};
