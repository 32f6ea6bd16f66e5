import { ApiError, DatasetList } from '@lockstep/contract';
import type { z } from 'zod';

/** An API call that failed: the server's one-sentence reason, or what went wrong on the way. */
export class ApiCallError extends Error {}

async function getJson<S extends z.ZodType>(
  path: string,
  schema: S,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiCallError(`the Lockstep server could not be reached (${(error as Error).message})`);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = ApiError.safeParse(body);
    throw new ApiCallError(
      parsed.success ? parsed.data.error.message : `the server answered ${response.status}`,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new ApiCallError(`the server's answer to ${path} did not match the API contract`);
  return parsed.data;
}

/** `GET /api/datasets`. */
export function fetchDatasets(signal?: AbortSignal) {
  return getJson('/api/datasets', DatasetList, signal);
}
