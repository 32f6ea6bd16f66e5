import { PlanJob, type PlanJobInput, ShippedScenario, ShippedScenarioList } from '@lockstep/contract';
import { requestJson } from '../../api.ts';

/** `GET /api/plans/scenarios`: the shipped scenarios. */
export function fetchShippedScenarios(signal?: AbortSignal) {
  return requestJson('/api/plans/scenarios', ShippedScenarioList, { signal });
}

/** `GET /api/plans/scenarios/{id}`: one shipped scenario as written. */
export function fetchShippedScenario(id: string, signal?: AbortSignal) {
  return requestJson(`/api/plans/scenarios/${encodeURIComponent(id)}`, ShippedScenario, { signal });
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
