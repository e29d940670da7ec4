/** `--prices FILE` of the CLI: a price table from disk, or the one shipped with the add-in. */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { ImportError } from "../import/types";
import { parsePriceText, shippedPrices, type PriceTable } from "../import/prices/table";

export function loadPrices(path: string | undefined): PriceTable {
  if (path === undefined) return shippedPrices();
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ImportError("unreadable", `${path}: the file cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, path);
  }
  return parsePriceText(text, basename(path));
}
