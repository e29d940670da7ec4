/**
 * Seeded generators of billing files per format: good rows with known costs (plain,
 * scientific notation, negative credits), and bad rows of every kind the spec names,
 * injected at known lines.
 */
import { cell, mulberry32 } from "./helpers";

export interface GenRow {
  cells: Record<string, string>;
  /** The amounts whose exact sum is the row's cost (GCP: cost and credits). */
  amounts: string[];
  currency: string;
}

export interface FormatGen {
  format: string;
  header: string[];
  costCol: string;
  dateCol: string;
  currencyCol: string | null;
  /** How a cost text appears in the cost cell (Anthropic: cents). */
  row(rnd: () => number, i: number, currency: string): GenRow;
  map?: Record<string, string>;
}

export function money(rnd: () => number): string {
  const k = rnd();
  if (k < 0.1) return `${(1 + rnd() * 8).toFixed(5)}E-0${1 + Math.floor(rnd() * 8)}`; // scientific notation
  if (k < 0.15) return "-7.0E-10";
  if (k < 0.25) return "-" + (rnd() * 5).toFixed(11); // negative credit
  if (k < 0.3) return "0";
  return (rnd() * 1000).toFixed(Math.floor(rnd() * 12));
}

function pad(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

function dayOf(i: number): [number, number, number] {
  const d = new Date(Date.UTC(2024, 8, 1) + (i % 45) * 86400000);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

const MODELS = ["gpt-4o", "claude-sonnet-4", "gemini-1.5-pro", "=HYPERLINK(\"http://evil\",\"x\")"];

export const GENERATORS: FormatGen[] = [
  {
    format: "focus",
    header: ["BilledCost", "EffectiveCost", "ChargePeriodStart", "BillingCurrency", "ProviderName", "ServiceName", "ChargeCategory", "Tags", "ResourceId", "SkuId"],
    costCol: "BilledCost",
    dateCol: "ChargePeriodStart",
    currencyCol: "BillingCurrency",
    row(rnd, i, currency) {
      const [y, m, d] = dayOf(i);
      const c = money(rnd);
      const model = MODELS[Math.floor(rnd() * MODELS.length)];
      return {
        cells: {
          BilledCost: c, EffectiveCost: c, ChargePeriodStart: `${y}-${pad(m)}-${pad(d)} ${pad(i % 24)}:00:00`, BillingCurrency: currency,
          ProviderName: "AWS", ServiceName: rnd() < 0.5 ? "Amazon Bedrock" : "Amazon EC2", ChargeCategory: c.startsWith("-") ? "Credit" : "Usage",
          Tags: rnd() < 0.8 ? JSON.stringify({ model, team: "zürich, 東京" }) : "NULL", ResourceId: `r-${i % 7}`, SkuId: `SKU${i % 3}`,
        },
        amounts: [c],
        currency,
      };
    },
  },
  {
    format: "aws-cur",
    header: ["identity/LineItemId", "lineItem/LineItemType", "lineItem/UsageStartDate", "lineItem/ProductCode", "lineItem/UsageType", "lineItem/CurrencyCode", "lineItem/UnblendedCost", "lineItem/ResourceId", "resourceTags/user:model"],
    costCol: "lineItem/UnblendedCost",
    dateCol: "lineItem/UsageStartDate",
    currencyCol: "lineItem/CurrencyCode",
    row(rnd, i, currency) {
      const [y, m, d] = dayOf(i);
      const c = money(rnd);
      return {
        cells: {
          "identity/LineItemId": `li${i}`, "lineItem/LineItemType": c.startsWith("-") ? "Credit" : "Usage", "lineItem/UsageStartDate": `${y}-${pad(m)}-${pad(d)}T00:00:00Z`,
          "lineItem/ProductCode": "AmazonBedrock", "lineItem/UsageType": "USE1-Claude4.6Sonnet-input-tokens", "lineItem/CurrencyCode": currency,
          "lineItem/UnblendedCost": c, "lineItem/ResourceId": "", "resourceTags/user:model": rnd() < 0.7 ? MODELS[i % 3] : "",
        },
        amounts: [c],
        currency,
      };
    },
  },
  {
    format: "aws-cur2",
    header: ["line_item_line_item_type", "line_item_usage_start_date", "line_item_product_code", "line_item_usage_type", "line_item_currency_code", "line_item_unblended_cost", "resource_tags"],
    costCol: "line_item_unblended_cost",
    dateCol: "line_item_usage_start_date",
    currencyCol: "line_item_currency_code",
    row(rnd, i, currency) {
      const [y, m, d] = dayOf(i);
      const c = money(rnd);
      return {
        cells: {
          line_item_line_item_type: "Usage", line_item_usage_start_date: `${y}-${pad(m)}-${pad(d)} 00:00:00.000`, line_item_product_code: "AmazonEC2",
          line_item_usage_type: "BoxUsage:t3.micro", line_item_currency_code: currency, line_item_unblended_cost: c,
          resource_tags: rnd() < 0.6 ? JSON.stringify({ user_model: MODELS[i % 4] }) : "{}",
        },
        amounts: [c],
        currency,
      };
    },
  },
  {
    format: "azure",
    header: ["Date", "MeterCategory", "MeterName", "CostInBillingCurrency", "BillingCurrencyCode", "ChargeType", "ResourceId", "Tags"],
    costCol: "CostInBillingCurrency",
    dateCol: "Date",
    currencyCol: "BillingCurrencyCode",
    row(rnd, i, currency) {
      const [y, m, d] = dayOf(i);
      const c = money(rnd);
      return {
        cells: {
          Date: `${m}/${d}/${y}`, MeterCategory: "Azure OpenAI", MeterName: "gpt-4o Input Tokens", CostInBillingCurrency: c, BillingCurrencyCode: currency,
          ChargeType: "Usage", ResourceId: "/subscriptions/x", Tags: `"model": "${MODELS[i % 3]}","env": "prod"`,
        },
        amounts: [c],
        currency,
      };
    },
  },
  {
    format: "gcp",
    header: ["service.description", "sku.description", "usage_start_time", "project.id", "labels", "cost", "currency", "credits", "cost_type"],
    costCol: "cost",
    dateCol: "usage_start_time",
    currencyCol: "currency",
    row(rnd, i, currency) {
      const [y, m, d] = dayOf(i);
      const c = money(rnd);
      const credit = rnd() < 0.4 ? "-" + (rnd() * 2).toFixed(6) : null;
      return {
        cells: {
          "service.description": "Vertex AI", "sku.description": "Gemini input", usage_start_time: `${y}-${pad(m)}-${pad(d)} 01:00:00+00:00`, "project.id": "p1",
          labels: `[{'key': 'model', 'value': '${MODELS[i % 3]}'}]`, cost: c, currency,
          credits: credit === null ? "[]" : `[{'name': 'FreeTrial', 'amount': ${credit}, 'full_name': None, 'type': 'PROMOTION'}]`, cost_type: "regular",
        },
        amounts: credit === null ? [c] : [c, credit],
        currency,
      };
    },
  },
  {
    format: "oci",
    header: ["lineItem/intervalUsageStart", "product/service", "product/resourceId", "cost/productSku", "cost/myCost", "cost/currencyCode", "tags/ai.model"],
    costCol: "cost/myCost",
    dateCol: "lineItem/intervalUsageStart",
    currencyCol: "cost/currencyCode",
    row(rnd, i, currency) {
      const [y, m, d] = dayOf(i);
      const c = money(rnd);
      return {
        cells: {
          "lineItem/intervalUsageStart": `${y}-${pad(m)}-${pad(d)}T10:00Z`, "product/service": "GENERATIVE_AI", "product/resourceId": "ocid1",
          "cost/productSku": "B1", "cost/myCost": c, "cost/currencyCode": currency, "tags/ai.model": MODELS[i % 3],
        },
        amounts: [c],
        currency,
      };
    },
  },
  {
    format: "openai-costs",
    header: ["start_time", "end_time", "project_id", "line_item", "amount_value", "amount_currency"],
    costCol: "amount_value",
    dateCol: "start_time",
    currencyCol: "amount_currency",
    row(rnd, i, currency) {
      const c = money(rnd);
      return {
        cells: {
          start_time: String(1725148800 + (i % 45) * 86400), end_time: "", project_id: "proj_1",
          line_item: `${MODELS[i % 2]}-2024-08-06, ${rnd() < 0.5 ? "input" : "output"}`, amount_value: c, amount_currency: currency.toLowerCase(),
        },
        amounts: [c],
        currency,
      };
    },
  },
  {
    format: "generic",
    header: ["Day", "Model", "Amount", "Cur"],
    costCol: "Amount",
    dateCol: "Day",
    currencyCol: "Cur",
    map: { date: "Day", cost: "Amount", currency: "Cur", key: "Model" },
    row(rnd, i, currency) {
      const [y, m, d] = dayOf(i);
      const c = money(rnd);
      return { cells: { Day: `${y}-${pad(m)}-${pad(d)}`, Model: MODELS[i % 4], Amount: c, Cur: currency }, amounts: [c], currency };
    },
  },
];

export type BadKind = "non-numeric" | "empty-cost" | "null-cost" | "bad-date" | "ragged" | "thousands";

export interface Generated {
  text: string;
  good: GenRow[];
  /** Line → kind of each injected bad row. */
  bad: Map<number, BadKind>;
}

/** A file of `n` rows with bad rows injected at seeded positions; one line per record. */
export function generate(g: FormatGen, seed: number, n: number, opts: { currencies?: string[]; bad?: BadKind[] } = {}): Generated {
  const rnd = mulberry32(seed);
  const currencies = opts.currencies ?? ["USD"];
  const lines = [g.header.map((h) => cell(h)).join(",")];
  const good: GenRow[] = [];
  const bad = new Map<number, BadKind>();
  const kinds = opts.bad ?? [];
  for (let i = 0; i < n; i++) {
    const r = g.row(rnd, i, currencies[i % currencies.length]);
    const line = lines.length + 1;
    const kind = kinds.length > 0 && rnd() < 0.15 ? kinds[Math.floor(rnd() * kinds.length)] : null;
    // The generic format reads money leniently: thousands separators are fine there.
    if (kind !== null && !(kind === "thousands" && g.format === "generic")) {
      const cells = { ...r.cells };
      if (kind === "non-numeric") cells[g.costCol] = "abc";
      if (kind === "empty-cost") cells[g.costCol] = "";
      if (kind === "null-cost") cells[g.costCol] = "NULL";
      if (kind === "bad-date") cells[g.dateCol] = "someday";
      if (kind === "thousands") cells[g.costCol] = "1,234.50";
      let text = g.header.map((h) => cell(cells[h])).join(",");
      if (kind === "ragged") text += ",extra";
      lines.push(text);
      bad.set(line, kind);
    } else {
      lines.push(g.header.map((h) => cell(r.cells[h])).join(","));
      good.push(r);
    }
  }
  return { text: lines.join("\n") + "\n", good, bad };
}
