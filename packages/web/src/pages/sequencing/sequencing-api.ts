import {
  ApiError,
  PlanJob,
  type PlanJobInput,
  ShippedScenario,
  ShippedScenarioList,
} from '@lockstep/contract';
import type { z } from 'zod';
import { ApiCallError } from '../../api.ts';

async function requestJson<S extends z.ZodType>(
  path: string,
  schema: S,
  init: { signal?: AbortSignal; method?: 'GET' | 'POST' | 'DELETE'; body?: unknown } = {},
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      ...(init.signal && { signal: init.signal }),
      headers: {
        accept: 'application/json',
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiCallError(`the Lockstep server could not be reached (${(error as Error).message})`);
  }
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = ApiError.safeParse(answer);
    throw parsed.success
      ? new ApiCallError(parsed.data.error.message, parsed.data.error.field)
      : new ApiCallError(`the server answered ${response.status}`);
  }
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    throw new ApiCallError(`the server's answer to ${path} did not match the API contract`);
  }
  return parsed.data;
}

/** `GET /api/plans/scenarios`: the shipped scenarios. */
export function fetchShippedScenarios(signal?: AbortSignal) {
  return requestJson('/api/plans/scenarios', ShippedScenarioList, { ...(signal && { signal }) });
}

/** `GET /api/plans/scenarios/{id}`: one shipped scenario as written. */
export function fetchShippedScenario(id: string, signal?: AbortSignal) {
  return requestJson(`/api/plans/scenarios/${encodeURIComponent(id)}`, ShippedScenario, {
    ...(signal && { signal }),
  });
}

/** `POST /api/plans/jobs`: queue a solve; answers at once with the job. */
export function submitPlanJob(input: PlanJobInput) {
  return requestJson('/api/plans/jobs', PlanJob, { method: 'POST', body: input });
}

/** `GET /api/plans/jobs/{id}`: the job's progress, and its answer once finished. */
export function fetchPlanJob(id: string) {
  return requestJson(`/api/plans/jobs/${encodeURIComponent(id)}`, PlanJob);
}

/** `DELETE /api/plans/jobs/{id}`: cancel; answers with the job once it has stopped. */
export function cancelPlanJob(id: string) {
  return requestJson(`/api/plans/jobs/${encodeURIComponent(id)}`, PlanJob, { method: 'DELETE' });
}
