import { readFileSync } from 'node:fs';
import { PlanJobs, planJobOwner, Workbench } from '@lockstep/app';
import type { PlanJob } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../build-server.ts';
import { useTestServer } from '../../testing/test-server.ts';

const sample = JSON.parse(
  readFileSync(new URL('../../../../../scenarios/sample-small.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/** Three parties of 25 measures with tight exposure limits: HiGHS needs far longer than seconds. */
function largeScenario() {
  let seed = 7;
  const next = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const parties = ['us', 'iran', 'e3'];
  return {
    title: 'Large generated scenario',
    valueUnit: 'points',
    phaseCount: 20,
    parties: parties.map((id) => ({ id, name: id })),
    measures: parties.flatMap((party) =>
      Array.from({ length: 40 }, (_, i) => ({
        id: `${party}-${i}`,
        party,
        kind: 'sanctions-relief',
        text: `${party} measure ${i}`,
        durationDays: 5 + Math.floor(next() * 80),
        value: 1 + Math.floor(next() * 40),
        verificationDays: Math.floor(next() * 20),
      })),
    ),
    relations: Array.from({ length: 8 }, (_, k) => ({
      before: `iran-${3 * k}`,
      after: `us-${3 * k + 1}`,
      anchor: 'verified',
    })),
    redLines: [
      { id: 'us-exposure', party: 'us', kind: 'max-exposure', limit: 37 },
      { id: 'iran-exposure', party: 'iran', kind: 'max-exposure', limit: 41 },
      { id: 'e3-exposure', party: 'e3', kind: 'max-exposure', limit: 29 },
    ],
    objective: { durationWeight: 1, exposureWeight: 3, imbalanceWeight: 2 },
  };
}

/** The owner these tests submit and poll as, by the header a script would send. */
const asMe = { 'lockstep-plans-owner': 'tests-of-the-plan-routes-0123456789abcdef' };

const t = useTestServer();

async function submit(body: object) {
  return t.inject({ method: 'POST', url: '/api/plans/jobs', payload: body, headers: asMe });
}

async function job(id: string): Promise<PlanJob> {
  return (await t.inject({ url: `/api/plans/jobs/${id}`, headers: asMe })).json();
}

async function untilFinished(id: string): Promise<PlanJob> {
  for (;;) {
    const current = await job(id);
    if (current.finishedAt !== undefined) return current;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the plans API', () => {
  it('lists the shipped scenarios and gives one as written', async () => {
    const list = await t.inject('/api/plans/scenarios');
    expect(list.statusCode).toBe(200);
    expect(list.json().scenarios).toContainEqual(
      expect.objectContaining({ id: 'sample-small', measures: 6, redLines: 5, valueUnit: 'points' }),
    );
    const one = await t.inject('/api/plans/scenarios/sample-small');
    expect(one.statusCode).toBe(200);
    expect(one.json().scenario).toEqual(sample);
    const missing = await t.inject('/api/plans/scenarios/no-such-scenario');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'not_found' });
    expect(missing.json().error.message).toContain('sample-small');
  });

  it('answers a submitted solve at once with a job, which finishes with the optimal, checked plan', async () => {
    const response = await submit({ scenario: sample });
    expect(response.statusCode).toBe(202);
    const submitted: PlanJob = response.json();
    expect(response.headers.location).toBe(`/api/plans/jobs/${submitted.id}`);
    expect(submitted.result).toBeUndefined();
    expect(submitted).toMatchObject({ timeLimitSeconds: 30, title: sample.title });
    const done = await untilFinished(submitted.id);
    expect(done).toMatchObject({ state: 'done', progress: 1, result: { status: 'optimal', violations: [] } });
    expect(done.result?.plan?.measures).toHaveLength(6);
    expect(done.result?.score?.exposure.map((c) => c.party)).toEqual(['us', 'iran']);
    expect(done.result?.exposureLines).toContainEqual({
      redLine: 'iran-exposure-40',
      party: 'iran',
      limit: 40,
    });
    const recent = (await t.inject({ url: '/api/plans/jobs', headers: asMe })).json();
    expect(recent.jobs.map((j: PlanJob) => j.id)).toContain(submitted.id);
    expect(recent.jobs[0]).not.toHaveProperty('result');
  });

  it('stays responsive while a large job solves, and cancels it', async () => {
    const { id } = (await submit({ scenario: largeScenario(), timeLimitSeconds: 20 })).json();
    const health = await t.inject('/api/health');
    expect(health.statusCode).toBe(200);
    expect((await job(id)).state).toBe('running'); // health answered while the job solves
    for (;;) {
      if ((await job(id)).elapsedSeconds > 1) break; // HiGHS is under way
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const cancelled = await t.inject({ method: 'DELETE', url: `/api/plans/jobs/${id}`, headers: asMe });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ state: 'cancelled', result: { status: 'cancelled' } });
    expect((await job(id)).state).toBe('cancelled');
  });

  it('keeps to the time limit, answering with the best plan found and its gap', async () => {
    const { id } = (await submit({ scenario: largeScenario(), timeLimitSeconds: 2 })).json();
    const done = await untilFinished(id);
    expect(done.state).toBe('done');
    expect(['feasible', 'error']).toContain(done.result?.status);
    if (done.result?.status === 'feasible') {
      expect(done.result.gap).toBeGreaterThan(0);
      expect(done.result.violations).toEqual([]);
    }
    expect(done.result?.solveSeconds).toBeLessThan(2 + 6); // HiGHS's own stop, or the worker terminated
  });

  it('answers an infeasible scenario with the conflicting red lines and what relaxing each costs', async () => {
    const redLines = [
      { id: 'us-nothing-first', party: 'us', kind: 'all-after-theirs' },
      { id: 'iran-us-first', party: 'iran', kind: 'other-starts-first', allowance: 0 },
    ];
    const { id } = (await submit({ scenario: { ...sample, redLines } })).json();
    const done = await untilFinished(id);
    expect(done.result?.status).toBe('infeasible');
    expect(done.result?.conflicts?.map((c) => [...c].sort())).toEqual([
      ['iran-us-first', 'us-nothing-first'],
    ]);
    expect(done.result?.relaxations?.map((r) => r.redLine).sort()).toEqual([
      'iran-us-first',
      'us-nothing-first',
    ]);
  });

  it('refuses a bad scenario with a 400 naming the field', async () => {
    const measures = structuredClone(sample.measures) as { durationDays: number }[];
    measures[0]!.durationDays = -1;
    const negative = await submit({ scenario: { ...sample, measures } });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error).toMatchObject({
      code: 'bad_request',
      field: 'body.scenario.measures[0].durationDays',
    });

    const cycle = await submit({
      scenario: {
        ...sample,
        relations: [
          { before: 'us-oil-waivers', after: 'us-banking-relief' },
          { before: 'us-banking-relief', after: 'us-oil-waivers' },
        ],
      },
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.field).toBe('body.scenario.relations');
    expect(cycle.json().error.message).toContain(
      'cycle us-oil-waivers -> us-banking-relief -> us-oil-waivers',
    );

    const unknownParty = await submit({
      scenario: { ...sample, redLines: [{ id: 'x', party: 'eu', kind: 'all-after-theirs' }] },
    });
    expect(unknownParty.statusCode).toBe(400);
    expect(unknownParty.json().error.field).toBe('body.scenario.redLines[0].party');

    const notObject = await submit({ scenario: 'sample-small' });
    expect(notObject.statusCode).toBe(400);
    expect(notObject.json().error.field).toBe('body.scenario');

    const tooLong = await submit({ scenario: sample, timeLimitSeconds: 301 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.field).toBe('body.timeLimitSeconds');
  });

  // Was a 429 with code "conflict": a full queue is the server being busy for everyone (issue 11), so 503.
  it('refuses a solve with a 503 (busy) and Retry-After when the queue is full', async () => {
    const planJobs = new PlanJobs(t.workbench.db, { queueLimit: 0 });
    const busy = await buildServer({ workbench: t.workbench, planJobs });
    let owner: ReturnType<typeof planJobOwner>;
    try {
      const first = await busy.inject({
        method: 'POST',
        url: '/api/plans/jobs',
        payload: { scenario: largeScenario(), timeLimitSeconds: 5 },
      });
      expect(first.statusCode).toBe(202);
      const refused = await busy.inject({
        method: 'POST',
        url: '/api/plans/jobs',
        payload: { scenario: sample },
      });
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toMatch(/^[1-5]$/); // when the running job's limit ends
      expect(refused.json().error.code).toBe('busy');
      expect(refused.json().error.message).toMatch(/the most the queue holds is 0/);
      owner = planJobOwner(/lockstep_plans_owner=([^;]+)/.exec(String(first.headers['set-cookie']))?.[1]);
    } finally {
      await busy.close(); // cancels the running job
    }
    expect((await planJobs.list(owner))[0]?.state).toBe('cancelled');
  });

  it('answers an unknown job with a 404', async () => {
    for (const method of ['GET', 'DELETE'] as const) {
      const response = await t.inject({ method, url: '/api/plans/jobs/no-such-job' });
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toMatchObject({ code: 'not_found' });
    }
  });

  it('describes the plan routes in the OpenAPI document', async () => {
    const response = await t.inject('/api/openapi.json');
    expect(response.statusCode, response.body).toBe(200);
    const spec = response.json();
    expect(spec.paths['/api/plans/jobs'].post.responses['202']).toBeDefined();
    expect(spec.paths['/api/plans/jobs/{id}'].delete).toBeDefined();
  });
});

/** `n` measures in one chain of relations, as compact as a scenario can be. */
function chainScenario(n: number) {
  const measures = Array.from({ length: n }, (_, i) => ({
    id: `m${i}`,
    party: 'us',
    kind: 'legal-step',
    text: 'a step',
    durationDays: 1,
    value: 1,
  }));
  const relations = measures.slice(1).map((m, i) => ({ before: measures[i]!.id, after: m.id }));
  return { ...sample, measures, relations, redLines: [] };
}

describe('the plans API limits', () => {
  it('answers a 2 KB solve with phaseCount 5,000 with a 400 at once, naming the field, the value and the limit', async () => {
    const payload = JSON.stringify({ scenario: { ...sample, phaseCount: 5000 } });
    expect(payload.length).toBeLessThan(4096);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const response = await t.inject({
      method: 'POST',
      url: '/api/plans/jobs',
      payload,
      headers: { 'content-type': 'application/json' },
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50_000_000);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      code: 'bad_request',
      field: 'body.scenario.phaseCount',
      message:
        'body.scenario.phaseCount: 5000 is not accepted: expected a whole number of phases from 1 to 30',
    });
  });

  it('answers relation chains of 5,000 and 50,000 measures with a limit error, never a 500', async () => {
    const chain = await submit({ scenario: chainScenario(5000) });
    expect(chain.statusCode).toBe(400);
    expect(chain.json().error).toMatchObject({
      field: 'body.scenario.measures',
      message:
        'body.scenario.measures: a list of 5,000 entries is not accepted: expected a list of at most 200 measures',
    });
    const longer = await submit({ scenario: chainScenario(50_000) });
    expect(longer.statusCode).toBe(413);
    expect(longer.json().error).toMatchObject({ code: 'payload_too_large', field: 'body' });
  });

  it('holds texts, numbers and nesting to the limits, naming each field with brackets', async () => {
    const measures = structuredClone(sample.measures) as Record<string, unknown>[];
    measures[2]!.durationDays = 100_000;
    const days = await submit({ scenario: { ...sample, measures } });
    expect(days.json().error).toMatchObject({
      field: 'body.scenario.measures[2].durationDays',
      message:
        'body.scenario.measures[2].durationDays: 100000 is not accepted: expected days from start to completion: a number of days from 0 to 3,650',
    });
    const title = await submit({ scenario: { ...sample, title: 'x'.repeat(201) } });
    expect(title.json().error.message).toBe(
      'body.scenario.title: a text of 201 characters is not accepted: expected a title: a non-empty text of at most 200 characters',
    );
    // 100,000 nested arrays, written out by hand: JSON.stringify itself would overflow the stack.
    measures[2]!.durationDays = 30;
    measures[2]!.facts = { deep: 0 };
    const payload = JSON.stringify({ scenario: { ...sample, measures } }).replace(
      '"deep":0',
      `"deep":${'['.repeat(100_000)}1${']'.repeat(100_000)}`,
    );
    const nested = await t.inject({
      method: 'POST',
      url: '/api/plans/jobs',
      payload,
      headers: { 'content-type': 'application/json' },
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.field).toMatch(/^body\.scenario\.measures\[2\]\.facts/);
  });

  it('states the limits in the OpenAPI document', async () => {
    const spec = (await t.inject('/api/openapi.json')).json();
    const body = spec.paths['/api/plans/jobs'].post.requestBody.content['application/json'].schema;
    const text = JSON.stringify(spec);
    expect(text).toContain('"maximum":30');
    const scenario = JSON.stringify(body);
    for (const figure of [
      '"maxItems":200',
      '"maxItems":400',
      '"maxItems":20',
      '"maxLength":100',
      '"maximum":3650',
    ]) {
      expect(text, figure).toContain(figure);
    }
    expect(scenario.length).toBeGreaterThan(0);
  });
});

describe('plan jobs belong to their submitter', () => {
  /**
   * A server whose jobs are kept in a store of their own (jobs are rows that every server on one store
   * shares), so that the jobs here neither wait for nor hold up the other tests', nor see them.
   */
  async function ownServer(options: ConstructorParameters<typeof PlanJobs>[1] = {}) {
    const jobStore = await Workbench.open({ inMemory: true, withoutShippedData: true });
    const planJobs = new PlanJobs(jobStore.db, options);
    const api = await buildServer({ workbench: t.workbench, planJobs });
    api.addHook('onClose', async () => {
      await planJobs.close();
      await jobStore.close();
    });
    return { planJobs, api };
  }

  it('gives a browser an HttpOnly, SameSite=Strict owner cookie, and shows its jobs to it alone', async () => {
    const { api } = await ownServer();
    try {
      const submitted = await api.inject({
        method: 'POST',
        url: '/api/plans/jobs',
        payload: { scenario: largeScenario(), timeLimitSeconds: 20 },
      });
      expect(submitted.statusCode).toBe(202);
      const setCookie = String(submitted.headers['set-cookie']);
      expect(setCookie).toMatch(
        /^lockstep_plans_owner=[A-Za-z0-9_-]{43}; Path=\/api\/plans; HttpOnly; SameSite=Strict; Max-Age=\d+$/,
      );
      expect(submitted.headers['cache-control']).toBe('no-store');
      const browser = { cookie: setCookie.split(';')[0]! };
      const { id } = submitted.json();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

      // The owner sees it, lists it and keeps it; a second submit keeps the same cookie (none is set).
      expect((await api.inject({ url: `/api/plans/jobs/${id}`, headers: browser })).statusCode).toBe(200);
      const mine = (await api.inject({ url: '/api/plans/jobs', headers: browser })).json();
      expect(mine.jobs.map((j: PlanJob) => j.id)).toEqual([id]);
      expect(mine).toMatchObject({ perOwnerLimit: 2, perAddressLimit: 4 });
      const again = await api.inject({
        method: 'POST',
        url: '/api/plans/jobs',
        payload: { scenario: sample },
        headers: browser,
      });
      expect(again.headers['set-cookie']).toBeUndefined();

      // Anyone else, with another secret or none, sees nothing of it: 404 exactly as for an unknown id.
      const unknownId = '00000000-0000-4000-8000-000000000000';
      for (const headers of [asMe, {}, { cookie: 'lockstep_plans_owner=not-a-secret' }]) {
        expect((await api.inject({ url: '/api/plans/jobs', headers })).json().jobs).toEqual([]);
        for (const method of ['GET', 'DELETE'] as const) {
          const theirs = await api.inject({ method, url: `/api/plans/jobs/${id}`, headers });
          const unknown = await api.inject({ method, url: `/api/plans/jobs/${unknownId}`, headers });
          expect(theirs.statusCode).toBe(404);
          expect(theirs.body).toBe(unknown.body.replaceAll(unknownId, id));
        }
      }
      // ...and its owner finds it still running: nobody else could cancel it.
      expect((await api.inject({ url: `/api/plans/jobs/${id}`, headers: browser })).json().state).toBe(
        'running',
      );
      const cancelled = await api.inject({
        method: 'DELETE',
        url: `/api/plans/jobs/${id}`,
        headers: browser,
      });
      expect(cancelled.json().state).toBe('cancelled');
    } finally {
      await api.close();
    }
  });

  it('refuses an owner header that is not a secret with a 400 naming it', async () => {
    const response = await t.inject({
      url: '/api/plans/jobs',
      headers: { 'lockstep-plans-owner': 'short' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'bad_request',
      field: 'header.lockstep-plans-owner',
    });
  });

  it('limits the jobs waiting or running per owner and per address: 429 with Retry-After and the limit', async () => {
    const { api } = await ownServer();
    const as = (owner: string, remoteAddress = '10.0.0.1') => ({
      headers: { 'lockstep-plans-owner': `${owner}-owner-secret-0123456789abcdefghij` },
      remoteAddress,
    });
    const post = (who: ReturnType<typeof as>) =>
      api.inject({
        method: 'POST',
        url: '/api/plans/jobs',
        payload: { scenario: largeScenario(), timeLimitSeconds: 20 },
        ...who,
      });
    try {
      expect((await post(as('first'))).statusCode).toBe(202);
      expect((await post(as('first'))).statusCode).toBe(202);
      const third = await post(as('first'));
      expect(third.statusCode).toBe(429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(third.headers['retry-after'])).toBeLessThanOrEqual(20);
      expect(third.json().error).toMatchObject({ code: 'too_many_requests' });
      expect(third.json().error.message).toMatch(
        /^you have 2 solves waiting or running, the most allowed \(2\)/,
      );

      // Two more owners from the same address reach its limit of 4; another address is not held up.
      expect((await post(as('second'))).statusCode).toBe(202);
      expect((await post(as('second'))).statusCode).toBe(202);
      const fifth = await post(as('third'));
      expect(fifth.statusCode).toBe(429);
      expect(fifth.headers['retry-after']).toMatch(/^\d+$/);
      expect(fifth.json().error.message).toMatch(
        /^your address has 4 solves waiting or running, the most allowed \(4\)/,
      );
      expect((await post(as('third', '10.0.0.2'))).statusCode).toBe(202);
    } finally {
      await api.close();
    }
  });
});
