/**
 * Errors raised by the workbench host, shaped like `OfficeExtension.Error`:
 * `name` "RichApi.Error", a `code` from Excel's error codes, a `message`, and `debugInfo`.
 */
export type HostErrorCode =
  | "ItemNotFound"
  | "InvalidArgument"
  | "ItemAlreadyExists"
  | "InvalidOperation"
  | "InvalidReference"
  | "PropertyNotLoaded"
  | "InvalidObjectPath"
  | "NotImplemented"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "GeneralException";

export class HostError extends Error {
  readonly code: HostErrorCode;
  readonly debugInfo: { code: HostErrorCode; message: string; errorLocation?: string };
  constructor(code: HostErrorCode, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

export function propertyNotLoaded(prop: string, owner: string): HostError {
  return new HostError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${owner}.${prop}`,
  );
}
