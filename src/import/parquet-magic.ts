/** The magic number a Parquet file starts (and ends) with: `PAR1`. Format is told by bytes, never by name. */
export function isParquetMagic(b: Uint8Array): boolean {
  return b.byteLength >= 4 && b[0] === 0x50 && b[1] === 0x41 && b[2] === 0x52 && b[3] === 0x31;
}
