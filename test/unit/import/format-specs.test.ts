/** One declarative spec per billing format (src/import/formats/*): detection and signatures derive from it. */
import { describe, expect, it } from "vitest";
import { billingMapper, detectBilling, nearestBilling, SIGNATURES, SPECS } from "../../../src/import/formats/index";

describe("billing format specs", () => {
  it("one spec per format, each detected by its own signature and by no earlier spec", () => {
    const formats = SPECS.map((s) => s.format);
    expect(new Set(formats).size).toBe(formats.length);
    for (const spec of SPECS) expect(detectBilling(SIGNATURES[spec.format]), spec.format).toBe(spec.format);
  });

  it("signatures are the detection columns (first of alternatives), then the expected ones", () => {
    expect(SIGNATURES).toEqual({
      groups: ["aiecon_period", "aiecon_key", "aiecon_currency", "aiecon_cost", "aiecon_line_items"],
      focus: ["BilledCost", "ChargePeriodStart", "BillingCurrency"],
      "aws-cur2": ["line_item_unblended_cost", "line_item_usage_start_date", "line_item_currency_code"],
      "aws-cur": ["lineItem/UnblendedCost", "lineItem/UsageStartDate", "lineItem/CurrencyCode"],
      oci: ["lineItem/intervalUsageStart", "cost/myCost", "cost/currencyCode"],
      gcp: ["cost", "currency", "usage_start_time", "service.description"],
      azure: ["CostInBillingCurrency", "MeterCategory", "Date", "BillingCurrency"],
      "openai-costs": ["amount_value", "line_item", "start_time"],
      "anthropic-cost": ["amount", "currency", "starting_at", "cost_type"],
    });
  });

  it("alternatives: any one name of a list tells the format; case is ignored", () => {
    expect(detectBilling(["PreTaxCost", "meterCategory", "UsageDateTime"])).toBe("azure");
    expect(detectBilling(["amount", "currency", "starting_at", "model"])).toBe("anthropic-cost");
    expect(detectBilling(["amount", "currency", "starting_at"])).toBeNull();
    expect(detectBilling(["billedcost", "chargeperiodstart", "billingcurrency"])).toBe("focus");
  });

  it("a half-matching header names what it misses, from the spec", () => {
    expect(nearestBilling(["BilledCost", "ChargePeriodStart", "x"])).toEqual({
      format: "focus",
      expected: ["BilledCost", "ChargePeriodStart", "BillingCurrency"],
      missing: ["BillingCurrency"],
    });
    expect(nearestBilling(["Cost", "Date"])).toMatchObject({ format: "azure", missing: ["MeterCategory", "BillingCurrency"] });
  });

  it("the mapper of every format comes from its spec", () => {
    for (const spec of SPECS) {
      const columns = SIGNATURES[spec.format];
      const m = billingMapper(spec.format, { file: "x.csv", columns, key: { kind: "default" }, basis: "billed", delimiter: ",", tagKeys: new Set() });
      expect(m.format, spec.format).toBe(spec.format);
    }
  });
});
