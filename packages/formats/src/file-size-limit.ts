import { FormatError } from './format-error.ts';

/**
 * Fails when a file of `bytes` bytes (or, while streaming, at least that many) is larger than `maxBytes`,
 * naming the file, the limit and the kind of file it applies to, e.g. `a CSV-family list file`.
 */
export function checkFileSize(file: string, bytes: number, maxBytes: number, kind: string): void {
  if (bytes <= maxBytes) return;
  throw new FormatError(
    file,
    'file size',
    `over ${describeBytes(maxBytes)}, the most accepted for ${kind}: is it the right file?`,
  );
}

/** `64 MiB (67,108,864 bytes)`, or `10 bytes` below a mebibyte. */
function describeBytes(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  const exact = `${bytes.toLocaleString('en')} bytes`;
  return Number.isInteger(mebibytes) ? `${mebibytes} MiB (${exact})` : exact;
}

/**
 * Passes the chunks of a file through, failing as soon as more than `maxBytes` have come, so a reader
 * never holds or parses more than the limit whatever the source.
 */
export async function* limitFileSize(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
  maxBytes: number,
  kind: string,
): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    checkFileSize(file, bytes, maxBytes, kind);
    yield chunk;
  }
}
