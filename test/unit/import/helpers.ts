/** Test helpers: in-memory inputs with chosen chunk sizes, a seeded PRNG, exact sums. */
import DecimalJs from "decimal.js";
import { gzipSync } from "node:zlib";
import { resolve } from "node:path";
import type { ColumnMap, ImportInput, SourceKind } from "../../../src/import/types";
export { mulberry32 } from "../../../src/core/random";

export const DATA = resolve(__dirname, "../../../../shared/data");

/** Independent exact arithmetic for the tests (not the engine's configured Decimal). */
export const D = DecimalJs.clone({ precision: 200 });

export function sum(values: string[]): string {
  return values.reduce((a, v) => a.plus(v), new D(0)).toFixed();
}

export function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === "string" ? new TextEncoder().encode(data) : data;
}

export function memInput(
  name: string,
  data: string | Uint8Array,
  kind: SourceKind = "billing",
  opts: { chunk?: number; map?: ColumnMap; fixedKey?: string } = {},
): ImportInput {
  const bytes = bytesOf(data);
  const chunk = opts.chunk ?? 65536;
  return {
    name,
    kind,
    size: bytes.byteLength,
    map: opts.map,
    fixedKey: opts.fixedKey,
    open() {
      let pos = 0;
      return new ReadableStream<Uint8Array>({
        pull(c) {
          if (pos >= bytes.byteLength) {
            c.close();
            return;
          }
          c.enqueue(bytes.slice(pos, pos + chunk));
          pos += chunk;
        },
      });
    },
  };
}

export function gzip(data: string | Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(bytesOf(data)));
}

export function utf16(text: string, be: boolean, bom: boolean): Uint8Array {
  const body = Buffer.from(text, "utf16le");
  if (be) body.swap16();
  const head = bom ? (be ? [0xfe, 0xff] : [0xff, 0xfe]) : [];
  return new Uint8Array([...head, ...body]);
}

/** CSV cell: quoted when it holds a delimiter, quote or line break. */
export function cell(s: string, delim = ","): string {
  return s.includes(delim) || s.includes('"') || s.includes("\n") || s.includes("\r") ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export function csv(rows: string[][], delim = ",", eol = "\n"): string {
  return rows.map((r) => r.map((c) => cell(c, delim)).join(delim)).join(eol) + eol;
}

/** Legacy CUR columns of the amortization tests (line item type, date, currency, the amounts, the reservation, the product). */
export const AMORTIZATION_HEADER = [
  "lineItem/LineItemType", "lineItem/UsageStartDate", "lineItem/CurrencyCode", "lineItem/UnblendedCost", "savingsPlan/SavingsPlanEffectiveCost",
  "savingsPlan/TotalCommitmentToDate", "savingsPlan/UsedCommitment", "reservation/EffectiveCost", "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
  "reservation/UnusedRecurringFee", "reservation/ReservationARN", "lineItem/ProductCode",
];

/**
 * One legacy CUR line per line item type AWS documents (a Fee with and without a reservation,
 * plain Usage) on 2024-09-01 in USD: unblended costs 10, 100, −10, 1000, 0, 50, 300, 7, 0.125.
 * `usedCommitment` is the savings plan's used commitment of its recurring fee; `product(i)` the
 * i-th line's product code.
 */
export function amortizationCsv(product: (i: number) => string, usedCommitment = "80"): string {
  const rows = [
    ["SavingsPlanCoveredUsage", "10", "3.5", "", "", "", "", "", ""],
    ["SavingsPlanRecurringFee", "100", "", "100", usedCommitment, "", "", "", ""],
    ["SavingsPlanNegation", "-10", "", "", "", "", "", "", ""],
    ["SavingsPlanUpfrontFee", "1000", "", "", "", "", "", "", ""],
    ["DiscountedUsage", "0", "", "", "", "0.75", "", "", "arn:ri"],
    ["RIFee", "50", "", "", "", "", "2.5", "1.25", "arn:ri"],
    ["Fee", "300", "", "", "", "", "", "", "arn:ri"],
    ["Fee", "7", "", "", "", "", "", "", ""],
    ["Usage", "0.125", "", "", "", "", "", "", ""],
  ];
  return [AMORTIZATION_HEADER.join(","), ...rows.map(([t, c, ...rest], i) => [t, "2024-09-01T00:00:00Z", "USD", c, ...rest, product(i)].join(","))].join("\n") + "\n";
}
