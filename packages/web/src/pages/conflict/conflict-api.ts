import {
  ConflictAnalysisResult,
  type ConflictChainRule,
  ConflictExplanation,
  type ConflictFileJson,
  ShippedConflict,
  ShippedConflictList,
  ShippedScenario,
} from '@lockstep/contract';
import { requestJson } from '../../api.ts';

/** `GET /api/conflicts`: the shipped conflict models. */
export function fetchShippedConflicts(signal?: AbortSignal) {
  return requestJson('/api/conflicts', ShippedConflictList, { signal });
}

/** `GET /api/conflicts/{id}`: one shipped model as written. */
export function fetchShippedConflict(id: string, signal?: AbortSignal) {
  return requestJson(`/api/conflicts/${encodeURIComponent(id)}`, ShippedConflict, { signal });
}

/** `POST /api/conflicts/analysis`: the (edited) model analysed, with every move for the graph. */
export function analyseConflict(model: ConflictFileJson, chain: ConflictChainRule, signal?: AbortSignal) {
  return requestJson('/api/conflicts/analysis', ConflictAnalysisResult, {
    signal,
    body: { model, chain, moves: true },
  });
}

/** `POST /api/conflicts/explanation`: why one state is or is not stable for each side. */
export function explainConflictState(
  model: ConflictFileJson,
  state: number,
  chain: ConflictChainRule,
  signal?: AbortSignal,
) {
  return requestJson('/api/conflicts/explanation', ConflictExplanation, {
    signal,
    body: { model, state, chain },
  });
}

/** `GET /api/plans/scenarios/jcpoa-2021`: the scenario whose stated red lines the JCPOA model's options name. */
export function fetchRedLineScenario(signal?: AbortSignal) {
  return requestJson('/api/plans/scenarios/jcpoa-2021', ShippedScenario, { signal });
}
