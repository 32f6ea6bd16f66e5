import { readFileSync } from 'node:fs';
import type { PlanJob } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../testing/test-server.ts';

const sample = JSON.parse(
  readFileSync(new URL('../../../../../scenarios/sample-small.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/** The owner these tests submit and poll as, by the header a script would send. */
const asMe = { 'lockstep-plans-owner': 'tests-of-the-plan-what-if-0123456789abcdef' };

const t = useTestServer();

const submit = (body: object) =>
  t.inject({ method: 'POST', url: '/api/plans/jobs', payload: body, headers: asMe });

async function untilFinished(id: string): Promise<PlanJob> {
  for (;;) {
    const job: PlanJob = (await t.inject({ url: `/api/plans/jobs/${id}`, headers: asMe })).json();
    if (job.finishedAt !== undefined) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a solve job under a what-if', () => {
  it('solves the scenario as changed by the body’s whatIf and names each change in the result', async () => {
    const response = await submit({
      scenario: sample,
      whatIf: { without: ['implementation-day'], set: { 'iran-exposure-40': 5 } },
    });
    expect(response.statusCode).toBe(202);
    const done = await untilFinished(response.json().id);
    expect(done.result?.status).toBe('infeasible');
    expect(done.result?.conflicts).toEqual([['iran-exposure-40']]);
    expect(done.result?.whatIf?.map((c) => c.text)).toEqual([
      'Without red line implementation-day',
      'iran-exposure-40 limit 40 → 5 points',
    ]);
  }, 60_000);

  it('refuses an unknown id, a value out of range or a malformed whatIf with a 400 naming the field', async () => {
    const unknown = await submit({ scenario: sample, whatIf: { without: ['nope'] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('body.whatIf.without');
    expect(unknown.json().error.message).toContain(
      'whatIf.without nope: the scenario has no red line "nope"',
    );
    const range = await submit({ scenario: sample, whatIf: { set: { 'us-exposure-half': 2 } } });
    expect(range.statusCode).toBe(400);
    expect(range.json().error.field).toBe('body.whatIf.set');
    expect(range.json().error.message).toContain(
      'whatIf.set us-exposure-half=2: 2 is not a share between 0 and 1',
    );
    const malformed = await submit({ scenario: sample, whatIf: { set: { 'iran-exposure-40': 'low' } } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.field).toBe('body.whatIf.set.iran-exposure-40');
  });
});
