/**
 * The API's latency on other routes while a large sequencing solve runs in the background (target: p99 < 50 ms),
 * next to the same load with no solve under way, on one `lockstep serve` on 127.0.0.1.
 */

import { randomBytes } from 'node:crypto';
import { planJobOwnerHeader } from '@lockstep/contract';
import { generateScenario } from '@lockstep/core/testing';
import autocannon from 'autocannon';
import type { Emit } from './emit.ts';

/** The bench's owner secret: jobs are read and cancelled only by whoever submitted them. */
const owner = { [planJobOwnerHeader]: randomBytes(32).toString('hex') };

async function submit(base: string, scenario: unknown, timeLimitSeconds: number): Promise<string> {
  const response = await fetch(new URL('/api/plans/jobs', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...owner },
    body: JSON.stringify({ scenario, timeLimitSeconds }),
  });
  if (response.status !== 202)
    throw new Error(`POST /api/plans/jobs: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

async function jobState(base: string, id: string): Promise<string> {
  const response = await fetch(new URL(`/api/plans/jobs/${id}`, base), { headers: owner });
  return ((await response.json()) as { state: string }).state;
}

/** Paced load on `/api/nuclear/overview` with and without a 200-measure x 20-phase solve running. */
export async function plansApiCases(emit: Emit, base: string, seconds: number): Promise<void> {
  const url = new URL('/api/nuclear/overview', base).toString();
  const rate = 500;
  const run = () => autocannon({ url, connections: 20, duration: seconds, overallRate: rate });
  await run(); // warm-up, not reported
  const idle = await run();
  const scenario = generateScenario({ measures: 200, phases: 20 });
  const id = await submit(base, scenario, seconds + 10);
  while ((await jobState(base, id)) === 'queued') await new Promise((r) => setTimeout(r, 50));
  const busy = await run();
  const stateAfter = await jobState(base, id);
  await fetch(new URL(`/api/plans/jobs/${id}`, base), { method: 'DELETE', headers: owner });
  emit({
    bench: 'api during a solve',
    case: `/api/nuclear/overview p99 at ${rate} requests/s while a 200-measure x 20-phase solve runs (target < 50 ms)`,
    value: busy.latency.p99,
    unit: 'ms',
    peer: {
      case: 'same load, no solve running',
      value: idle.latency.p99,
      unit: 'ms',
      errors: busy.errors + busy.non2xx,
      jobStateWhenLoadEnded: stateAfter,
      achievedRate: Math.round(busy.requests.average),
    },
  });
}
