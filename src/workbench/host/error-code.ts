/**
 * `CustomFunctions.ErrorCode` as Excel's JavaScript runtime defines it: the error values a
 * custom function may return. One table for the workbench's shim and the unit tests' shim.
 */
export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
  notSupported: "#BUSY!",
} as const;
export type ErrorCodeText = (typeof ErrorCode)[keyof typeof ErrorCode];
