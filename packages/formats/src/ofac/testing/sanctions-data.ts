import { createReadStream } from 'node:fs';

/** The shipped sanctions data folder (data/sanctions), for tests that read the real OFAC files. */
export const sanctionsDataRoot = new URL('../../../../../data/sanctions/', import.meta.url);

/** A shipped sanctions file as a parser takes it: its name (relative to data/sanctions) and its bytes. */
export function sanctionsFile(path: string): { file: string; chunks: AsyncIterable<Uint8Array> } {
  return { file: path, chunks: createReadStream(new URL(path, sanctionsDataRoot)) };
}

/** Text or bytes cut into chunks of `size` bytes, to test that chunk boundaries change nothing. */
export async function* chunked(content: string | Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

/** Collects an async iterable into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of items) result.push(item);
  return result;
}

/**
 * A source that yields `start` and then `fill` repeated forever, in chunks of 64 KiB, counting the bytes a
 * reader pulls from it: a reader with bounded memory stops after a bounded number of bytes.
 */
export function endlessSource(
  start: string,
  fill: string,
): { chunks: AsyncIterable<Uint8Array>; bytesRead(): number } {
  let bytes = 0;
  const encoder = new TextEncoder();
  const fillBytes = encoder.encode(fill);
  const chunk = new Uint8Array(Math.floor(65_536 / fillBytes.length) * fillBytes.length);
  for (let offset = 0; offset < chunk.length; offset += fillBytes.length) chunk.set(fillBytes, offset);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const first = encoder.encode(start);
    bytes += first.length;
    yield first;
    for (;;) {
      bytes += chunk.length;
      yield chunk;
    }
  }
  return { chunks: chunks(), bytesRead: () => bytes };
}
