/**
 * Every real sample in ../shared/data is detected as the right format, and its totals
 * reconcile with a sum this test computes independently from the raw file
 * (papaparse + decimal.js), to the last digit.
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { inspect, summarize } from "../../../src/import/index";
import { fileInput } from "../../../src/import/node";
import type { ImportResult } from "../../../src/import/types";
import { D, DATA, sum } from "./helpers";

function rows(rel: string): Record<string, string>[] {
  const text = readFileSync(`${DATA}/${rel}`, "utf8").replace(/^\uFEFF/, "");
  const r = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(r.errors).toEqual([]);
  return r.data;
}

/** Sum over groups = sum over cost records = sum over files, per currency. */
function reconciles(r: ImportResult): void {
  const byCur = (xs: { currency: string; cost: string }[]): Record<string, string> => {
    const m: Record<string, InstanceType<typeof D>> = {};
    for (const x of xs) m[x.currency] = (m[x.currency] ?? new D(0)).plus(x.cost);
    return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.toFixed()]));
  };
  const files: Record<string, InstanceType<typeof D>> = {};
  for (const s of r.sources) if (s.kind === "billing") for (const [c, t] of Object.entries(s.totals)) files[c] = (files[c] ?? new D(0)).plus(t);
  const fileTotals = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.toFixed()]));
  expect(byCur(r.groups)).toEqual(fileTotals);
  expect(byCur(r.costRecords)).toEqual(fileTotals);
  expect(Object.fromEntries(Object.entries(r.totals).map(([k, v]) => [k, new D(v).toFixed()]))).toEqual(fileTotals);
}

const cases: { file: string; format: string; cost: (rs: Record<string, string>[]) => Record<string, string> }[] = [
  { file: "focus/focus_1.0_sample_1000.csv", format: "focus", cost: (rs) => ({ USD: sum(rs.map((r) => r.BilledCost)) }) },
  { file: "aws/aws_cur2_daily_ha-project.csv", format: "aws-cur2", cost: (rs) => ({ USD: sum(rs.map((r) => r.line_item_unblended_cost)) }) },
  { file: "aws/aws_legacy_cur_hourly_focus-converters.csv", format: "aws-cur", cost: (rs) => ({ USD: sum(rs.map((r) => r["lineItem/UnblendedCost"])) }) },
  { file: "aws/aws_legacy_cur_costcategory_koku.csv", format: "aws-cur", cost: (rs) => ({ NOK: sum(rs.map((r) => r["lineItem/UnblendedCost"])) }) },
  { file: "azure/azure_ea_actualcost_small.csv", format: "azure", cost: (rs) => ({ USD: sum(rs.map((r) => r.Cost)) }) },
  { file: "azure/azure_ea_amortizedcost_small.csv", format: "azure", cost: (rs) => ({ USD: sum(rs.map((r) => r.Cost)) }) },
  { file: "azure/azure_ea_export_focus-converters.csv", format: "azure", cost: (rs) => ({ CAD: sum(rs.map((r) => r.CostInBillingCurrency)) }) },
  { file: "azure/azure_legacy_costreport_bom_koku.csv", format: "azure", cost: (rs) => ({ USD: sum(rs.map((r) => r.PreTaxCost)) }) },
  { file: "azure/azure_mca_camelcase_koku.csv", format: "azure", cost: (rs) => ({ USD: sum(rs.map((r) => r.costInBillingCurrency)) }) },
  {
    file: "gcp/gcp_bq_export_flattened_koku_202011.csv",
    format: "gcp",
    // net of credits: cost + every 'amount' in the credits cell
    cost: (rs) => ({ USD: sum(rs.flatMap((r) => [r.cost, ...[...r.credits.matchAll(/'amount': (-?[0-9.eE+-]+)/g)].map((m) => m[1])])) }),
  },
  {
    file: "gcp/gcp_bq_export_flattened_koku_202208.csv",
    format: "gcp",
    cost: (rs) => ({ USD: sum(rs.flatMap((r) => [r.cost, ...[...r.credits.matchAll(/['"]amount['"]: (-?[0-9.eE+-]+)/g)].map((m) => m[1])])) }),
  },
  { file: "oci/oci_cost_report_focus-converters.csv", format: "oci", cost: (rs) => ({ USD: sum(rs.map((r) => r["cost/myCost"])) }) },
];

describe("real billing samples", () => {
  for (const c of cases) {
    it(`${c.file}: detected as ${c.format}, totals reconcile`, async () => {
      const raw = rows(c.file);
      const expected = c.cost(raw);
      const ins = await inspect(fileInput(`${DATA}/${c.file}`, "billing"));
      expect(ins.format).toBe(c.format);
      expect(ins.kind).toBe("billing");
      expect(ins.rowsRead).toBe(raw.length);
      expect(ins.rowsRejected).toBe(0);
      expect(ins.rowsUsed).toBe(raw.length);
      expect(Object.fromEntries(Object.entries(ins.totals).map(([k, v]) => [k, new D(v).toFixed()]))).toEqual(expected);
      for (const key of [undefined, "service", "resource", "sku", "model", "tag:project"]) {
        const r = await summarize([fileInput(`${DATA}/${c.file}`, "billing")], { period: "day", cost: "billed", key });
        reconciles(r);
        expect(r.sources[0].totals).toEqual(ins.totals);
      }
      const q = await summarize([fileInput(`${DATA}/${c.file}`, "billing")], { period: "quarter", fiscalStartMonth: 4, cost: "effective" });
      reconciles(q);
    });
  }

  it("FOCUS effective basis sums EffectiveCost", async () => {
    const raw = rows("focus/focus_1.0_sample_1000.csv");
    const r = await summarize([fileInput(`${DATA}/focus/focus_1.0_sample_1000.csv`, "billing")], { period: "month", cost: "effective" });
    expect(new D(r.totals.USD).toFixed()).toBe(sum(raw.map((x) => x.EffectiveCost)));
  });

  it("AWS koku SavingsPlanCoveredUsage: effective = SavingsPlanEffectiveCost (0.1 each), billed = unblended (10 each)", async () => {
    const f = `${DATA}/aws/aws_legacy_cur_costcategory_koku.csv`;
    const billed = await summarize([fileInput(f, "billing")], { period: "month", cost: "billed" });
    const eff = await summarize([fileInput(f, "billing")], { period: "month", cost: "effective" });
    const raw = rows("aws/aws_legacy_cur_costcategory_koku.csv");
    expect(billed.totals.NOK).toBe(sum(raw.map((r) => r["lineItem/UnblendedCost"])));
    expect(eff.totals.NOK).toBe(sum(raw.map((r) => r["savingsPlan/SavingsPlanEffectiveCost"])));
    expect(new D(eff.totals.NOK).lt(billed.totals.NOK)).toBe(true);
  });

  it("CUR 2.0 resource_tags user_NAME is found by tag:NAME", async () => {
    const r = await summarize([fileInput(`${DATA}/aws/aws_cur2_daily_ha-project.csv`, "billing")], { period: "month", cost: "billed", key: "tag:workload" });
    const raw = rows("aws/aws_cur2_daily_ha-project.csv");
    const web = raw.filter((x) => /"user_workload":"web-tier"/.test(x.resource_tags));
    expect(web.length).toBeGreaterThan(0);
    const g = r.groups.find((x) => x.key === "web-tier");
    expect(g?.cost).toBe(sum(web.map((x) => x.line_item_unblended_cost)));
    expect(r.tagKeys).toContain("workload");
    reconciles(r);
  });

  it("Azure tags without braces and OCI namespaced tag columns are keys", async () => {
    const a = await summarize([fileInput(`${DATA}/azure/azure_ea_export_focus-converters.csv`, "billing")], { period: "month", cost: "billed", key: "tag:tagA" });
    expect(a.groups.map((g) => g.key)).toEqual(["valueA"]);
    const o = await summarize([fileInput(`${DATA}/oci/oci_cost_report_focus-converters.csv`, "billing")], { period: "month", cost: "billed", key: "tag:CreatedBy" });
    const raw = rows("oci/oci_cost_report_focus-converters.csv");
    const byCreator = new Map<string, string[]>();
    for (const x of raw) {
      const v = x["tags/Oracle-Tags.CreatedBy"];
      const k = v === "" ? "(unattributed)" : v;
      byCreator.set(k, [...(byCreator.get(k) ?? []), x["cost/myCost"]]);
    }
    for (const g of o.groups) expect(g.cost).toBe(sum(byCreator.get(g.key) ?? ["NaN"]));
  });

  it("GCP 2020-11: credits in Python repr net the cost", async () => {
    const r = await summarize([fileInput(`${DATA}/gcp/gcp_bq_export_flattened_koku_202011.csv`, "billing")], { period: "month", cost: "billed" });
    const raw = rows("gcp/gcp_bq_export_flattened_koku_202011.csv");
    expect(sum(raw.map((x) => x.cost))).not.toBe(r.totals.USD); // gross differs from net
  });
});

describe("real volume and LLM samples", () => {
  for (const f of ["volume/azure_llm_inference_trace_code_2023.csv", "volume/azure_llm_inference_trace_conv_2023.csv"]) {
    it(`${f}: request log, one inference per row, tokens summed`, async () => {
      const raw = rows(f);
      const ins = await inspect(fileInput(`${DATA}/${f}`, "volume"));
      expect(ins.kind).toBe("volume");
      expect(ins.format).toBe("request-log");
      expect(ins.inferences).toBe(raw.length);
      const r = await summarize([fileInput(`${DATA}/${f}`, "volume", { fixedKey: "llm" })], { period: "day", cost: "billed" });
      const v = r.volumeRecords;
      expect(v.reduce((a, x) => a + x.inferences, 0)).toBe(raw.length);
      expect(v.reduce((a, x) => a + (x.inputTokens ?? 0), 0)).toBe(raw.reduce((a, x) => a + Number(x.ContextTokens), 0));
      expect(v.reduce((a, x) => a + (x.outputTokens ?? 0), 0)).toBe(raw.reduce((a, x) => a + Number(x.GeneratedTokens), 0));
      expect(v.every((x) => x.key === "llm" && x.period === "2023-11-16")).toBe(true);
    });
  }

  it("OpenAI Costs API page JSON", async () => {
    const doc = JSON.parse(readFileSync(`${DATA}/llm/openai_costs_api_doc_example.json`, "utf8"));
    const ins = await inspect(fileInput(`${DATA}/llm/openai_costs_api_doc_example.json`, "billing"));
    expect(ins.format).toBe("openai-costs");
    const amounts: string[] = doc.data.flatMap((b: { results: { amount: { value: number } }[] }) => b.results.map((r) => String(r.amount.value)));
    expect(ins.totals).toEqual({ USD: sum(amounts) });
    expect(ins.periodRange).toEqual({ first: "2024-11", last: "2024-11" });
  });

  it("OpenAI usage completions JSON is a counts volume file", async () => {
    const ins = await inspect(fileInput(`${DATA}/llm/openai_usage_completions_api_doc_example.json`, "volume"));
    expect(ins.kind).toBe("volume");
    expect(ins.format).toBe("counts");
    expect(ins.inferences).toBe(5);
    const r = await summarize([fileInput(`${DATA}/llm/openai_usage_completions_api_doc_example.json`, "volume")], { period: "day", cost: "billed" });
    expect(r.volumeRecords).toEqual([
      { period: "2024-11-01", key: "(unattributed)", inferences: 5, inputTokens: 1000, outputTokens: 500, source: "openai_usage_completions_api_doc_example.json" },
    ]);
  });
});

describe("every sample at once", () => {
  it("all billing samples together: per-currency totals are the sums of the files, groups reconcile", async () => {
    const inputs = cases.map((c) => fileInput(`${DATA}/${c.file}`, "billing"));
    inputs.push(fileInput(`${DATA}/llm/openai_costs_api_doc_example.json`, "billing"));
    inputs.push(fileInput(`${DATA}/volume/azure_llm_inference_trace_code_2023.csv`, "volume"));
    for (const period of ["day", "week", "month", "quarter"] as const) {
      const r = await summarize(inputs, { period, cost: "effective" });
      reconciles(r);
      expect(Object.keys(r.totals).sort()).toEqual(["CAD", "NOK", "USD"]);
      expect(r.key).toBe("service"); // no sample has a `model` tag (the OpenAI example's line_item is null)
      expect(r.sources.map((s) => s.format)).toEqual([...cases.map((c) => c.format), "openai-costs", "request-log"]);
    }
  });
});
