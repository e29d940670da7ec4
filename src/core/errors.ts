/**
 * Typed domain errors of the pure AIECON calculations. They know nothing of Excel:
 * the custom functions runner (src/functions/runner.ts) maps each kind to an Excel
 * error value (#DIV/0!, #NUM!, #N/A, #VALUE!).
 */

export type DomainErrorKind = "divZero" | "num" | "notAvailable" | "value";

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  constructor(kind: DomainErrorKind, message: string) {
    super(message);
    this.name = "DomainError";
    this.kind = kind;
  }
}

/** A divisor is exactly 0. */
export function divZero(message: string): DomainError {
  return new DomainError("divZero", message);
}

/** A number is outside its allowed range. */
export function numError(message: string): DomainError {
  return new DomainError("num", message);
}

/** Not enough data to compute. */
export function notAvailable(message: string): DomainError {
  return new DomainError("notAvailable", message);
}

/** Wrong type, bad shape, malformed argument. */
export function valueError(message: string): DomainError {
  return new DomainError("value", message);
}
