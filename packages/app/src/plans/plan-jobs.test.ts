import { readFileSync } from 'node:fs';
import type { PlanJob } from '@lockstep/contract';
import { type Database, openStore } from '@lockstep/store';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../input-error.ts';
import { newPlanJobOwnerSecret, planJobOwner } from './plan-job-owner.ts';
import { PlanJobLimitError, PlanJobs, PlanQueueFullError } from './plan-jobs.ts';
import { listShippedScenarios, readShippedScenario } from './shipped-scenarios.ts';
import { slowPlanScenario } from './slow-scenario.testing.ts';

const sample = JSON.parse(
  readFileSync(new URL('../../../../scenarios/sample-small.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

async function until(jobs: PlanJobs, id: string, done: (job: PlanJob) => boolean): Promise<PlanJob> {
  for (;;) {
    const job = (await jobs.get(id, me.owner))!;
    if (done(job)) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const finished = (job: PlanJob) => job.finishedAt !== undefined;

/** The one owner these tests submit as (the ownership tests have their own). */
const me = { owner: planJobOwner('owner-secret-of-the-tests-0123456789abcdef')!, address: '127.0.0.1' };

// The jobs are rows of the store: an embedded one in memory, emptied before each test.
let db: Database;
beforeAll(async () => {
  db = (await openStore({})).db;
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await db.query('DELETE FROM plan_jobs');
});

let jobs: PlanJobs;
afterEach(async () => {
  await jobs?.close();
});

describe('plan solve jobs', () => {
  it('queues a solve at once and finishes it with the optimal, checked plan', async () => {
    jobs = new PlanJobs(db);
    const submitted = await jobs.submit(sample, undefined, me);
    expect(submitted).toMatchObject({ title: sample.title, timeLimitSeconds: 30 });
    expect(['queued', 'running']).toContain(submitted.state);
    expect(submitted.result).toBeUndefined();
    const job = await until(jobs, submitted.id, finished);
    expect(job).toMatchObject({ state: 'done', stage: 'finished', progress: 1 });
    expect(job.result).toMatchObject({ status: 'optimal', violations: [] });
    expect(job.result?.plan?.measures).toHaveLength(6);
    expect((await jobs.list(me.owner))[0]).toMatchObject({ id: job.id, state: 'done' });
    expect((await jobs.list(me.owner))[0]).not.toHaveProperty('result');
  });

  it('refuses a bad scenario before queuing it, naming the field', async () => {
    jobs = new PlanJobs(db);
    const measures = structuredClone(sample.measures) as { durationDays: number }[];
    measures[0]!.durationDays = -3;
    await expect(jobs.submit({ ...sample, measures }, undefined, me)).rejects.toThrow(
      expect.objectContaining({ name: 'InputError', field: 'scenario.measures[0].durationDays' }),
    );
    const cycle = [
      { before: 'us-oil-waivers', after: 'us-banking-relief' },
      { before: 'us-banking-relief', after: 'us-oil-waivers' },
    ];
    try {
      await jobs.submit({ ...sample, relations: cycle }, undefined, me);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe('scenario.relations');
      expect((error as InputError).message).toMatch(
        /cycle us-oil-waivers -> us-banking-relief -> us-oil-waivers/,
      );
    }
    await expect(jobs.submit(sample, 301, me)).rejects.toThrow(
      expect.objectContaining({ field: 'timeLimitSeconds' }),
    );
    expect(await jobs.list(me.owner)).toEqual([]);
  });

  // The long job's limit bounds the test: an abort that lands while the HiGHS worker is still starting is
  // reported at once but only stops the solver at its limit.
  it('runs one job at a time, refuses beyond the queue limit, and cancels queued and running jobs', {
    timeout: 60_000,
  }, async () => {
    jobs = new PlanJobs(db, { queueLimit: 1 });
    const long = await jobs.submit(slowPlanScenario(), 20, me);
    const waiting = await jobs.submit(sample, undefined, me);
    expect((await jobs.get(long.id, me.owner))?.state).toBe('running');
    expect(await jobs.get(waiting.id, me.owner)).toMatchObject({ state: 'queued', queuePosition: 0 });
    await expect(jobs.submit(sample, undefined, me)).rejects.toThrow(PlanQueueFullError);

    const dropped = await jobs.cancel(waiting.id, me.owner);
    expect(dropped).toMatchObject({ state: 'cancelled', stage: 'finished' });
    expect(dropped?.result).toBeUndefined();

    await until(jobs, long.id, (job) => job.elapsedSeconds > 1); // HiGHS is solving
    const stopped = await jobs.cancel(long.id, me.owner);
    expect(stopped).toMatchObject({ state: 'cancelled', stage: 'finished', result: { status: 'cancelled' } });
    // The queue moves on: a job submitted now runs.
    const next = await until(jobs, (await jobs.submit(sample, undefined, me)).id, finished);
    expect(next.result?.status).toBe('optimal');
    expect(await jobs.cancel('no-such-job', me.owner)).toBeUndefined();
  });

  it('keeps to the time limit, answering with the best plan found and its gap', async () => {
    jobs = new PlanJobs(db);
    const submitted = await jobs.submit(slowPlanScenario(), 2, me);
    const job = await until(jobs, submitted.id, finished);
    expect(job.state).toBe('done');
    expect(['feasible', 'error']).toContain(job.result?.status);
    if (job.result?.status === 'feasible') expect(job.result.gap).toBeGreaterThan(0);
    // HiGHS stops at the limit; the worker is terminated a few seconds past it if it does not.
    expect(job.result?.solveSeconds).toBeLessThan(2 + 6);
  });

  it('cancels everything on close and accepts nothing after', async () => {
    jobs = new PlanJobs(db);
    const long = await jobs.submit(slowPlanScenario(), 20, me);
    const queued = await jobs.submit(sample, undefined, me);
    await jobs.close();
    expect((await jobs.get(long.id, me.owner))?.state).toBe('cancelled');
    expect((await jobs.get(queued.id, me.owner))?.state).toBe('cancelled');
    await expect(jobs.submit(sample, undefined, me)).rejects.toThrow(PlanQueueFullError);
  });
});

describe('plan solve jobs and their owners', () => {
  const other = { owner: planJobOwner('another-owner-secret-0123456789abcdefghij')!, address: '127.0.0.1' };

  it('keeps the owner secret only as a hash, and shows, gives and cancels a job to its owner alone', async () => {
    expect(planJobOwner('owner-secret-of-the-tests-0123456789abcdef')).toMatch(/^[0-9a-f]{64}$/);
    expect(planJobOwner('too-short')).toBeUndefined();
    expect(newPlanJobOwnerSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    jobs = new PlanJobs(db);
    const long = await jobs.submit(slowPlanScenario(), 20, me);
    expect(await jobs.list(other.owner)).toEqual([]);
    expect(await jobs.list(undefined)).toEqual([]);
    expect(await jobs.get(long.id, other.owner)).toBeUndefined();
    expect(await jobs.get(long.id, undefined)).toBeUndefined();
    expect(await jobs.cancel(long.id, other.owner)).toBeUndefined();
    expect((await jobs.get(long.id, me.owner))?.state).toBe('running');
    expect((await jobs.list(me.owner)).map((j) => j.id)).toEqual([long.id]);
  });

  it('refuses a third job of one owner, and a fifth of one address, saying when to try again', async () => {
    jobs = new PlanJobs(db);
    await jobs.submit(slowPlanScenario(), 20, me);
    await jobs.submit(slowPlanScenario(), 20, me);
    try {
      await jobs.submit(sample, undefined, me);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PlanJobLimitError);
      expect((error as PlanJobLimitError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect((error as PlanJobLimitError).retryAfterSeconds).toBeLessThanOrEqual(20);
    }
    await jobs.submit(slowPlanScenario(), 20, other);
    await jobs.submit(slowPlanScenario(), 20, other);
    const third = { owner: planJobOwner('a-third-owner-secret-0123456789abcdefghij')!, address: '127.0.0.1' };
    await expect(jobs.submit(sample, undefined, third)).rejects.toThrow(/^your address has 4 solves/);
    expect((await jobs.submit(sample, undefined, { ...third, address: '10.1.1.1' })).state).toBe('queued');
  });
});

describe('shipped scenarios', () => {
  it('lists the scenario files with their counts and reads one as written', () => {
    const small = listShippedScenarios().find((s) => s.id === 'sample-small');
    expect(small).toEqual({
      id: 'sample-small',
      file: 'scenarios/sample-small.json',
      title: sample.title,
      valueUnit: 'points',
      phaseCount: 4,
      parties: [
        { id: 'us', name: 'United States', measures: 3 },
        { id: 'iran', name: 'Iran', measures: 3 },
      ],
      measures: 6,
      relations: 3,
      redLines: 5,
    });
    expect(readShippedScenario('sample-small')?.scenario).toEqual(sample);
    expect(readShippedScenario('no-such-scenario')).toBeUndefined();
    expect(readShippedScenario('../package')).toBeUndefined();
  });
});
