/**
 * A small Excel number-format renderer for display and `range.text` (DOM-free), and a check
 * that refuses what Excel refuses (`numberFormatProblem`), so that the workbench is never
 * kinder than Excel about the formats the add-in writes.
 */
import { Decimal } from "../../core/decimal";
import { HostError } from "./errors";

/**
 * `|x|` with `decimals` decimals as Excel shows it: the double is first taken to 15
 * significant digits (Excel never shows more), then rounded half away from zero, and
 * written out digit for digit, never in e-notation (1.2345678901234568e29 in `#,##0.00`
 * is `123,456,789,012,346,000,000,000,000,000.00`).
 */
export function excelFixed(x: number, decimals: number): string {
  return new Decimal(Math.abs(x).toPrecision(15)).toFixed(decimals, Decimal.ROUND_HALF_UP);
}

/**
 * Bracketed codes read here: a colour, a currency/locale (`[$USD]`, `[$$-409]`), elapsed time.
 * Excel also reads conditions (`[<0.001]`); this renderer does not draw them, so it refuses them
 * rather than show what Excel would not.
 */
const BRACKET = /^(?:Red|Black|Green|Blue|Cyan|Magenta|Yellow|White|Color(?:[1-9]|[1-4]\d|5[0-6])|\$[^\]]*|h+|m+|s+)$/i;
/** Characters Excel shows without quotes (its documentation's list), and the format's own symbols. */
const PLAIN = /^[0#?.,%$\-+/():!^&'~{}<>= @*_Ee]$/;

/**
 * Why Excel would refuse a number format, or null when it reads it: unbalanced quotes or
 * brackets, a bracket code it does not know, more than four sections, a letter that is not a
 * date or time code outside quotes (Excel needs `"×"` or `\×`, not a bare `×`).
 */
export function numberFormatProblem(format: string): string | null {
  if (format === "" || /^(General|@)$/i.test(format)) return null;
  let sections = 1;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '"') {
      const j = format.indexOf('"', i + 1);
      if (j < 0) return "an unclosed quote";
      i = j;
    } else if (c === "\\" || c === "_" || c === "*") {
      if (i + 1 >= format.length) return `'${c}' at the end`;
      i++;
    } else if (c === "[") {
      const j = format.indexOf("]", i + 1);
      if (j < 0) return "an unclosed bracket";
      const code = format.slice(i + 1, j);
      if (!BRACKET.test(code)) return `an unknown code [${code}]`;
      i = j;
    } else if (c === ";") {
      if (++sections > 4) return "more than four sections";
    } else if (/[yYmMdDhHsS]/.test(c)) {
      continue;
    } else if (/^(?:AM\/PM|A\/P)/i.test(format.slice(i))) {
      i += format.slice(i, i + 5).toUpperCase() === "AM/PM" ? 4 : 2;
    } else if (/^General/i.test(format.slice(i))) {
      i += 6;
    } else if (c === "E" || c === "e") {
      if (!/[+-]/.test(format[i + 1] ?? "")) return `'${c}' not followed by + or -`;
      i++;
    } else if (!PLAIN.test(c) && !/\d/.test(c)) {
      return `'${c}' outside quotes`;
    }
  }
  return null;
}

/** Excel refuses a number format it cannot read (InvalidArgument at sync); so does the workbench. */
export function checkNumberFormats(formats: unknown): void {
  const one = (f: unknown): void => {
    if (typeof f !== "string") return;
    const why = numberFormatProblem(f);
    if (why !== null) throw new HostError("InvalidArgument", `The number format '${f}' is not valid: ${why}.`);
  };
  if (Array.isArray(formats)) for (const row of formats) (Array.isArray(row) ? row : [row]).forEach(one);
  else one(formats);
}

function general(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const a = Math.abs(n);
  if (a !== 0 && (a < 1e-9 || a >= 1e11)) return n.toExponential(5).replace(/\.?0+e/, "E").replace("e", "E");
  // Excel's General shows about 10 significant digits in a standard-width cell.
  const s = Number(n.toPrecision(10)).toString();
  return s.includes("e") ? n.toExponential(5).replace("e", "E") : s;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function formatDate(serial: number, fmt: string): string {
  const ms = Math.round((serial - 25569) * 86400000);
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return fmt
    .replace(/\\(.)/g, "$1")
    .replace(/yyyy/gi, String(y))
    .replace(/yy/gi, pad(y % 100))
    .replace(/mmmm|mmm|mm|m/gi, (t, off: number, all: string) => {
      // "m" after "h" or before "s" is minutes
      const before = all.slice(0, off).replace(/[^a-z]/gi, "").slice(-1).toLowerCase();
      if (before === "h") return pad(d.getUTCMinutes());
      if (t.length === 4) return ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][m - 1];
      if (t.length === 3) return MONTHS[m - 1];
      return t.length === 2 ? pad(m) : String(m);
    })
    .replace(/dd/gi, pad(day))
    .replace(/(?<![a-z])d(?![a-z])/gi, String(day))
    .replace(/hh/gi, pad(d.getUTCHours()))
    .replace(/ss/gi, pad(d.getUTCSeconds()));
}

/** Renders a value with a number format, as a cell shows it. */
export function formatValue(v: number | string | boolean, format: string): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  if (!format || format === "General" || format === "@") return general(v);
  const sections = format.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  let sec = sections[0];
  let n = v;
  if (v < 0 && sections[1] !== undefined) {
    sec = sections[1];
    n = -v;
  } else if (v === 0 && sections[2] !== undefined) sec = sections[2];
  sec = sec.replace(/\[(Red|Black|Green|Blue|Color\d+)\]/gi, "");
  const lits: string[] = [];
  // Literal placeholders use private-use characters, never digits or format symbols.
  const ph = (i: number): string => `\u0001${String.fromCharCode(0xe000 + i)}\u0001`;
  let body = sec
    .replace(/"([^"]*)"/g, (_m, t: string) => {
      lits.push(t);
      return ph(lits.length - 1);
    })
    .replace(/\[\$([^\]-]*)(?:-[^\]]*)?\]/g, (_m, t: string) => {
      lits.push(t);
      return ph(lits.length - 1);
    })
    .replace(/\\(.)/g, (_m, t: string) => {
      lits.push(t);
      return ph(lits.length - 1);
    })
    .replace(/_./g, " ")
    .replace(/\*./g, "");
  if (/[ymdhs]/i.test(body.replace(/\u0001[\ue000-\uf8ff]\u0001/g, "")) && !/[0#]/.test(body)) {
    return formatDate(n, body).replace(/\u0001[\ue000-\uf8ff]\u0001/g, (m0: string) => lits[m0.charCodeAt(1) - 0xe000]);
  }
  const m = /[#0?][#0?,]*(\.[0#?]*)?/.exec(body);
  if (!m) return body.replace(/\u0001[\ue000-\uf8ff]\u0001/g, (m0: string) => lits[m0.charCodeAt(1) - 0xe000]) || general(v);
  const pattern = m[0];
  const frac = m[1] ? m[1].slice(1) : "";
  const decimals = frac.length;
  const required = frac.replace(/[#?]+$/, "").length;
  const thousands = pattern.replace(/\..*/, "").includes(",");
  let x = n;
  if (body.includes("%")) x *= 100;
  const sci = /E[+-]0+/i.exec(body);
  let numText: string;
  if (sci) numText = x.toExponential(decimals).replace("e", "E").replace(/E\+?(-?)(\d)$/, "E+$1$2".replace("+-", "-"));
  else {
    numText = excelFixed(x, decimals);
    if (required < decimals) numText = numText.replace(new RegExp(`0{1,${decimals - required}}$`), "").replace(/\.$/, "");
    if (thousands) {
      const [i, f] = numText.split(".");
      numText = i.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (f !== undefined ? "." + f : "");
    }
  }
  // Excel keeps the minus of a negative figure that rounds to zero under a one-section
  // format: -0.001 in `0.00` reads `-0.00` (docs/number-formats.md).
  const negative = x < 0 && sections[1] === undefined && !sci;
  body = body.slice(0, m.index) + "\u0002" + body.slice(m.index + pattern.length);
  return (negative ? "-" : "") + body
    .replace(/[#0?,]/g, "")
    .replace("\u0002", numText)
    .replace(/\u0001[\ue000-\uf8ff]\u0001/g, (m0: string) => lits[m0.charCodeAt(1) - 0xe000]);
}
