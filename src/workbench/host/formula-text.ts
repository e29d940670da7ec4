/**
 * Formula and value text between Excel and HyperFormula: error texts, values as Excel returns them,
 * formula text each way, and relative references shifted (conditional-format rules). DOM-free.
 */
import { colIndex, colName, rectAddress, type Rect } from "./address";
import { excelErrorText } from "./functions";
import type { ExcelValue } from "./sheet-model";
import { DetailedCellError } from "hyperformula";
export function absolute(rect: Rect): string {
  return rectAddress(rect).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2").replace(/^([A-Z]+):([A-Z]+)$/, "$$$1:$$$2");
}

const ERROR_TEXTS = new Set(["#DIV/0!", "#VALUE!", "#N/A", "#NUM!", "#NAME?", "#REF!", "#NULL!", "#SPILL!", "#CYCLE!", "#ERROR!", "#CALC!", "#BUSY!", "#LIC!", "#GETTING_DATA"]);
export function isErrorText(s: string): boolean {
  return ERROR_TEXTS.has(s);
}

/** A HyperFormula value as Excel's API returns it. */
export function toExcel(v: unknown): ExcelValue {
  if (v === null || v === undefined) return "";
  if (v instanceof DetailedCellError) return excelErrorText(v.type, v.message);
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}

/** Outside string literals and quoted sheet names. */
function mapCode(formula: string, f: (code: string) => string): string {
  return formula
    .split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/)
    .map((p, i) => (i % 2 ? p : f(p)))
    .join("");
}

/**
 * Excel formula text → what HyperFormula parses: no _xlfn. prefixes, lower-case exponents
 * (1E-9 → 1e-9), and the TRUE/FALSE literals as HyperFormula's TRUE()/FALSE() functions.
 */
export function toEngineFormula(formula: string): string {
  const noPrefix = formula.replace(/_xlfn\.|_xlws\./gi, "");
  // "a""b" (Excel's doubled quote) → "a"&CHAR(34)&"b": HyperFormula has no escape in strings.
  const quoted = noPrefix
    .split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/)
    .map((p, i) => (i % 2 && p.startsWith('"') && p.length > 2 && p.slice(1, -1).includes('""') ? `(${p.slice(1, -1).split('""').map((x) => `"${x}"`).join("&CHAR(34)&")})` : p))
    .join("");
  return mapCode(quoted, (p) =>
    p
      .replace(/(?<![A-Za-z$_])(\d+\.?\d*|\.\d+)E([+-]?\d)/g, "$1e$2")
      .replace(/(?<![A-Za-z0-9_.$!])(TRUE|FALSE)(?![A-Za-z0-9_.(!])/gi, (_m, b: string) => `${b.toUpperCase()}()`),
  );
}

/** HyperFormula's formula text → Excel's (TRUE()/FALSE() back to literals). */
export function fromEngineFormula(formula: string): string {
  const literals = mapCode(formula, (p) => p.replace(/(?<![A-Za-z0-9_.])(TRUE|FALSE)\(\)/g, "$1"));
  // Back to Excel's doubled quotes: ("a"&CHAR(34)&"b") → "a""b".
  return literals.replace(/\(("(?:[^"]*)"(?:&CHAR\(34\)&"[^"]*")+)\)/g, (_m, inner: string) => `"${inner.slice(1, -1).split('"&CHAR(34)&"').join('""')}"`);
}

/** Shifts relative A1 references in a formula by (dr, dc) (for conditional-format rules). */
export function shiftRelative(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  const parts = formula.split(/("(?:[^"]|"")*")/);
  return parts
    .map((p, i) =>
      i % 2 === 1
        ? p
        : p.replace(/(?<![A-Za-z0-9_.])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g, (_m, ca: string, col: string, ra: string, row: string) => {
            const ci = colIndex(col.toUpperCase());
            const c2 = ca ? ci : ci + dc;
            const r2 = ra ? Number(row) : Number(row) + dr;
            return `${ca}${colName(c2)}${ra}${r2}`;
          }),
    )
    .join("");
}
