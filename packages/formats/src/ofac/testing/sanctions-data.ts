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
