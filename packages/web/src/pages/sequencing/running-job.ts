import type { ScenarioJson } from '@lockstep/contract';

/**
 * A solve job this browser left running, as kept in `localStorage` so that a reloaded page, or another tab,
 * finds it again: its id, the scenario exactly as submitted (the job does not carry it) and the edits in
 * words. The id alone reads nothing: the server answers only the owner secret (an HttpOnly cookie) that
 * submitted the job, and 404 for anyone else.
 */
export interface RunningJob {
  readonly id: string;
  readonly scenario: ScenarioJson;
  readonly edits: readonly string[];
}

/** The storage key of the running job of one shipped scenario. */
export function runningJobKey(scenarioId: string): string {
  return `lockstep.sequencing.running-job.${scenarioId}`;
}

/** The stored text of a running job. */
export function encodeRunningJob(job: RunningJob): string {
  return JSON.stringify(job);
}

/** The running job in a stored text, or `undefined` when the text is missing or not one. */
export function decodeRunningJob(text: string | null): RunningJob | undefined {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { id, scenario, edits } = value as Record<string, unknown>;
    if (typeof id !== 'string' || id === '') return undefined;
    if (typeof scenario !== 'object' || scenario === null) return undefined;
    if (!Array.isArray(edits) || !edits.every((e) => typeof e === 'string')) return undefined;
    // Checked field by field above; the scenario is the one this page submitted.
    return { id, scenario: scenario as ScenarioJson, edits };
  } catch {
    return undefined;
  }
}
