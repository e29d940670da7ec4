/**
 * Sample data made by the project, so a new user sees the product at once: a FOCUS 1.0
 * billing export with AI models tagged in Tags (and some non-AI services), request counts
 * and business value per model, January–June 2025 (two quarters). Deterministic (seeded).
 * The figures put the four models in four different bands:
 * gpt-4o Excellent, claude-3-5-sonnet Good, gemini-1.5-pro Marginal, llama-3-70b Unsustainable.
 */
import { mulberry32 as rng } from "../core/random";

export interface SampleFile {
  kind: "billing" | "volume" | "value";
  name: string;
  text: string;
}

const FOCUS_COLUMNS = [
  "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart",
  "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd", "ChargePeriodStart", "CommitmentDiscountCategory",
  "CommitmentDiscountId", "CommitmentDiscountName", "CommitmentDiscountStatus", "CommitmentDiscountType", "ConsumedQuantity", "ConsumedUnit",
  "ContractedCost", "ContractedUnitPrice", "EffectiveCost", "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory", "PricingQuantity",
  "PricingUnit", "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId", "ResourceName", "ResourceType", "ServiceCategory", "Id",
  "ServiceName", "SkuId", "SkuPriceId", "SubAccountId", "SubAccountName", "Tags",
] as const;

interface Model {
  model: string;
  provider: string;
  publisher: string;
  service: string;
  region: string;
  resource: string;
  /** Requests in January and monthly growth. */
  requests: number;
  growth: number;
  /** Cost per inference in January (USD) and its monthly drift. */
  cpi: number;
  drift: number;
  /** Value per inference (USD). */
  vpi: number;
  inTokens: number;
  outTokens: number;
}

export const SAMPLE_MODELS: readonly Model[] = [
  { model: "gpt-4o", provider: "Microsoft", publisher: "OpenAI", service: "Azure OpenAI", region: "eastus", resource: "/subscriptions/0000/resourceGroups/ai/providers/Microsoft.CognitiveServices/accounts/aiecon-openai", requests: 420000, growth: 0.08, cpi: 0.0042, drift: -0.03, vpi: 0.055, inTokens: 900, outTokens: 250 },
  { model: "claude-3-5-sonnet", provider: "AWS", publisher: "Anthropic", service: "Amazon Bedrock", region: "us-east-1", resource: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet", requests: 210000, growth: 0.05, cpi: 0.0061, drift: -0.01, vpi: 0.028, inTokens: 1200, outTokens: 300 },
  { model: "gemini-1.5-pro", provider: "Google Cloud", publisher: "Google", service: "Vertex AI", region: "us-central1", resource: "projects/aiecon/locations/us-central1/publishers/google/models/gemini-1.5-pro", requests: 760000, growth: 0.02, cpi: 0.0031, drift: 0.01, vpi: 0.0052, inTokens: 700, outTokens: 180 },
  { model: "llama-3-70b", provider: "AWS", publisher: "Amazon Web Services, Inc.", service: "Amazon Elastic Compute Cloud", region: "us-west-2", resource: "arn:aws:ec2:us-west-2:123456789012:instance/i-0aiecon70b", requests: 95000, growth: 0.04, cpi: 0.0125, drift: 0.02, vpi: 0.006, inTokens: 800, outTokens: 220 },
];

const NON_AI = [
  { service: "Amazon Simple Storage Service", provider: "AWS", region: "us-east-1", resource: "arn:aws:s3:::aiecon-logs", monthly: 184.25, tags: { environment: "prod", team: "platform" } },
  { service: "Amazon CloudWatch", provider: "AWS", region: "us-east-1", resource: "arn:aws:logs:us-east-1:123456789012:log-group:/ai/gateway", monthly: 62.4, tags: { environment: "prod", team: "ml-platform" } },
  { service: "Azure Monitor", provider: "Microsoft", region: "eastus", resource: "/subscriptions/0000/resourceGroups/ai/providers/Microsoft.Insights/components/aiecon", monthly: 41.1, tags: {} },
];

const MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"];

function daysIn(month: string): number {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Splits an amount in micro-dollars into n positive integer parts (exact). */
function split(total: number, n: number, rand: () => number): number[] {
  const w = Array.from({ length: n }, () => 0.7 + rand() * 0.6);
  const sw = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.floor((total * x) / sw));
  parts[n - 1] += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

function micro(n: number): string {
  const neg = n < 0;
  const s = String(Math.abs(n)).padStart(7, "0");
  return `${neg ? "-" : ""}${s.slice(0, -6)}.${s.slice(-6)}`;
}

export interface SampleMonth {
  month: string;
  model: string;
  requests: number;
  costMicros: number;
  valueMicros: number;
}

/** The monthly figures behind the sample files (for tests and documentation). */
export function sampleFigures(seed = 20250701): SampleMonth[] {
  const rand = rng(seed);
  const out: SampleMonth[] = [];
  MONTHS.forEach((month, i) => {
    for (const m of SAMPLE_MODELS) {
      const requests = Math.round(m.requests * Math.pow(1 + m.growth, i) * (0.97 + rand() * 0.06));
      const cpi = m.cpi * Math.pow(1 + m.drift, i) * (0.98 + rand() * 0.04);
      const costMicros = Math.round(requests * cpi * 1e6);
      const valueMicros = Math.round(requests * m.vpi * (0.97 + rand() * 0.06) * 1e6);
      out.push({ month, model: m.model, requests, costMicros, valueMicros });
    }
  });
  return out;
}

export function sampleFiles(seed = 20250701): SampleFile[] {
  const figures = sampleFigures(seed);
  const rand = rng(seed ^ 0x5eed);
  const rows: string[][] = [];
  let id = 1000;
  for (const f of figures) {
    const m = SAMPLE_MODELS.find((x) => x.model === f.model)!;
    const days = daysIn(f.month);
    // Weekly line items: days 1, 8, 15, 22 (the last one runs to the month end).
    const parts = split(f.costMicros, 4, rand);
    parts.forEach((cost, k) => {
      const startDay = 1 + 7 * k;
      const endDay = k === 3 ? days + 1 : startDay + 7;
      const start = `${f.month}-${String(startDay).padStart(2, "0")} 00:00:00`;
      const end = endDay > days ? nextMonthStart(f.month) : `${f.month}-${String(endDay).padStart(2, "0")} 00:00:00`;
      const qty = Math.round((f.requests * (m.inTokens + m.outTokens)) / 4);
      const rec: Record<string, string> = {
        BilledCost: micro(cost),
        EffectiveCost: micro(cost),
        ListCost: micro(cost),
        ContractedCost: micro(cost),
        BillingAccountId: "123456789012",
        BillingAccountName: "AIECON Sample Co",
        BillingCurrency: "USD",
        BillingPeriodStart: `${f.month}-01 00:00:00`,
        BillingPeriodEnd: nextMonthStart(f.month),
        ChargeCategory: "Usage",
        ChargeClass: "",
        ChargeDescription: `${m.model} inference tokens`,
        ChargeFrequency: "Usage-Based",
        ChargePeriodStart: start,
        ChargePeriodEnd: end,
        ConsumedQuantity: String(qty),
        ConsumedUnit: "Tokens",
        InvoiceIssuerName: m.provider === "AWS" ? "Amazon Web Services, Inc." : m.provider === "Microsoft" ? "Microsoft" : "Google",
        PricingCategory: "Standard",
        PricingQuantity: String(qty),
        PricingUnit: "Tokens",
        ProviderName: m.provider,
        PublisherName: m.publisher,
        RegionId: m.region,
        RegionName: m.region,
        ResourceId: m.resource,
        ResourceName: m.model,
        ResourceType: "AI model",
        ServiceCategory: "AI and Machine Learning",
        ServiceName: m.service,
        SkuId: `SKU-${m.model.toUpperCase()}`,
        SkuPriceId: `SKU-${m.model.toUpperCase()}-STD`,
        SubAccountId: "ai-prod",
        SubAccountName: "AI production",
        Tags: JSON.stringify({ model: m.model, environment: "prod", team: "ai-products" }),
        Id: String(id++),
      };
      rows.push(FOCUS_COLUMNS.map((c) => rec[c] ?? ""));
    });
  }
  for (const month of MONTHS) {
    for (const s of NON_AI) {
      const cost = Math.round(s.monthly * (0.95 + rand() * 0.1) * 1e6);
      const rec: Record<string, string> = {
        BilledCost: micro(cost),
        EffectiveCost: micro(cost),
        ListCost: micro(cost),
        BillingAccountId: "123456789012",
        BillingAccountName: "AIECON Sample Co",
        BillingCurrency: "USD",
        BillingPeriodStart: `${month}-01 00:00:00`,
        BillingPeriodEnd: nextMonthStart(month),
        ChargeCategory: "Usage",
        ChargeDescription: `${s.service} usage`,
        ChargeFrequency: "Usage-Based",
        ChargePeriodStart: `${month}-01 00:00:00`,
        ChargePeriodEnd: nextMonthStart(month),
        ProviderName: s.provider,
        PublisherName: s.provider,
        RegionId: s.region,
        RegionName: s.region,
        ResourceId: s.resource,
        ServiceCategory: "Management and Governance",
        ServiceName: s.service,
        SubAccountId: "platform",
        SubAccountName: "Platform",
        Tags: Object.keys(s.tags).length ? JSON.stringify(s.tags) : "",
      };
      rows.push(FOCUS_COLUMNS.map((c) => rec[c] ?? ""));
    }
  }
  const billing = [FOCUS_COLUMNS.join(","), ...rows.map((r) => r.map(csvField).join(","))].join("\n") + "\n";

  const volume =
    ["date,model,requests,input_tokens,output_tokens", ...figures.map((f) => {
      const m = SAMPLE_MODELS.find((x) => x.model === f.model)!;
      return `${f.month}-01,${f.model},${f.requests},${f.requests * m.inTokens},${f.requests * m.outTokens}`;
    })].join("\n") + "\n";
  const value = ["date,model,value,currency", ...figures.map((f) => `${f.month}-01,${f.model},${micro(f.valueMicros)},USD`)].join("\n") + "\n";
  return [
    { kind: "billing", name: "sample-focus-billing-2025H1.csv", text: billing },
    { kind: "volume", name: "sample-volume-2025H1.csv", text: volume },
    { kind: "value", name: "sample-value-2025H1.csv", text: value },
  ];
}

function nextMonthStart(month: string): string {
  const [y, m] = month.split("-").map(Number);
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  return `${ny}-${String(nm).padStart(2, "0")}-01 00:00:00`;
}
