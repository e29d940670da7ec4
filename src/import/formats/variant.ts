/**
 * Which variant of a format a file is, as far as its columns (and, for Azure, its rows) tell:
 * the FOCUS version, the Azure layout (EA, MCA, legacy) and cost (actual or amortized).
 * Shown on the task pane's file card and by `aiecon inspect`.
 */
import { findCol, isMissing } from "./common";

/**
 * FOCUS version from the columns each version added: 1.3 `ServiceProviderName`/`HostProviderName`,
 * 1.2 `InvoiceId`/`PricingCurrency`/`BillingAccountType`, 1.1 `CapacityReservationId`/
 * `ServiceSubcategory`/`SkuMeter`/`CommitmentDiscountQuantity`; otherwise 1.0.
 */
export function focusVersion(cols: readonly string[]): string {
  const has = (...names: string[]): boolean => names.some((n) => cols.includes(n));
  if (has("ServiceProviderName", "HostProviderName")) return "FOCUS 1.3";
  if (has("InvoiceId", "PricingCurrency", "BillingAccountType")) return "FOCUS 1.2";
  if (has("CapacityReservationId", "ServiceSubcategory", "SkuMeter", "CommitmentDiscountQuantity")) return "FOCUS 1.1";
  return "FOCUS 1.0";
}

/** The Azure layout: legacy (`PreTaxCost`/`UsageDateTime`), MCA (camelCase, or with `InvoiceId`), else EA. */
export function azureLayout(cols: string[]): "EA" | "MCA" | "legacy" {
  if (findCol(cols, "PreTaxCost") >= 0 || cols.includes("UsageDateTime")) return "legacy";
  if (cols.includes("costInBillingCurrency") || cols.includes("invoiceId") || cols.includes("InvoiceId")) return "MCA";
  return "EA";
}

/**
 * Actual or amortized, from the rows of an Azure export (Microsoft's two datasets have the same
 * columns): a commitment bought (`ChargeType` Purchase of a Reservation or SavingsPlan) is in
 * the actual cost only; usage covered by a commitment with a cost, or `UnusedReservation` /
 * `UnusedSavingsPlan`, is in the amortized cost only. Without commitment rows both are the same.
 */
export class AzureCostKind {
  private purchase = false;
  private amortized = false;
  see(chargeType: string, pricingModel: string, cost: string): void {
    if (chargeType.startsWith("Unused")) this.amortized = true;
    const commitment = pricingModel === "Reservation" || pricingModel === "SavingsPlan";
    if (!commitment) return;
    if (chargeType === "Purchase") this.purchase = true;
    else if (chargeType === "Usage" && !isMissing(cost) && Number(cost) !== 0) this.amortized = true;
  }
  /** What the rows showed, for a read in parallel ranges to merge (see `add`). */
  facts(): string[] {
    return [...(this.purchase ? ["purchase"] : []), ...(this.amortized ? ["amortized"] : [])];
  }
  /** Add what another range's rows showed. */
  add(facts: readonly string[]): void {
    if (facts.includes("purchase")) this.purchase = true;
    if (facts.includes("amortized")) this.amortized = true;
  }
  get kind(): "actual" | "amortized" | null {
    if (this.amortized && !this.purchase) return "amortized";
    if (this.purchase && !this.amortized) return "actual";
    return null;
  }
}
