/**
 * The size and SHA-256 of a file's bytes, computed as the engine reads them (one read):
 * `withDigest(input)` gives an input whose stream hashes every chunk on its way to the engine.
 * The import log (`importlog.ts`) records the digest, and refuses a file already imported.
 */
import { Sha256 } from "../core/sha256";
import type { ImportInput } from "./types";

export interface FileDigest {
  bytes: number;
  sha256: string;
}

export interface DigestingInput {
  input: ImportInput;
  /** The digest of the bytes of the last complete read; null when the file has not been read to its end. */
  digest(): FileDigest | null;
}

export function withDigest(input: ImportInput): DigestingInput {
  let last: FileDigest | null = null;
  const open = (): ReadableStream<Uint8Array> => {
    const hash = new Sha256();
    const reader = input.open().getReader();
    return new ReadableStream<Uint8Array>({
      async pull(ctrl) {
        const { done, value } = await reader.read();
        if (done) {
          last = { bytes: hash.bytes, sha256: hash.hex() };
          ctrl.close();
          return;
        }
        hash.update(value);
        ctrl.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
  };
  return { input: { ...input, open }, digest: () => last };
}

/** Hash a whole stream (for the command line and tests). */
export async function digestStream(stream: ReadableStream<Uint8Array>): Promise<FileDigest> {
  const hash = new Sha256();
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hash.update(value);
  }
  return { bytes: hash.bytes, sha256: hash.hex() };
}
