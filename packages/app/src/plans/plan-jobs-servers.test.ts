import { readFileSync } from 'node:fs';
import type { PlanJob } from '@lockstep/contract';
import { PlanJobsRepository } from '@lockstep/store';
import { createTestDatabase } from '@lockstep/store/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { CallContext } from '../operation.ts';
import { Workbench } from '../workbench.ts';
import { planJobOwner } from './plan-job-owner.ts';
import { PlanJobs } from './plan-jobs.ts';
import { slowPlanScenario } from './slow-scenario.testing.ts';

/*
 * Plan jobs shared by the servers on one PostgreSQL database: two workbenches on one database (as two
 * `lockstep serve` processes behind a load balancer), each with its own queue object, reached through the
 * operation registry as the API reaches them.
 */

const sample = JSON.parse(
  readFileSync(new URL('../../../../scenarios/sample-small.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const owner = planJobOwner('owner-secret-of-the-shared-jobs-0123456789')!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let serverA: Workbench;
let serverB: Workbench;
beforeAll(async () => {
  database = await createTestDatabase(inject('postgresUrl'), inject('postgresSetupError'));
  serverA = await Workbench.open({ databaseUrl: database.url, withoutShippedData: true });
  serverB = await Workbench.open({ databaseUrl: database.url, withoutShippedData: true });
}, 60_000);
afterAll(async () => {
  await serverA?.close();
  await serverB?.close();
  await database?.drop();
});
beforeEach(async () => {
  await serverA.db.query('DELETE FROM plan_jobs');
});

/** A job operation on `server` as the API calls it: through the registry, with its queue and submitter. */
function on(server: Workbench, queue: PlanJobs) {
  const call: CallContext = { jobs: { queue, owner, address: '10.0.0.1' } };
  return {
    // The body as the API would take it; the registry checks it against the input schema.
    submit: (body: object) => server.call('plan.jobs.submit', body as never, call),
    get: (id: string) => server.call('plan.jobs.get', { id }, call),
    list: async () => (await server.call('plan.jobs.list', {}, call)).jobs,
    cancel: (id: string) => server.call('plan.jobs.cancel', { id }, call),
  };
}

async function until(read: () => Promise<PlanJob>, done: (job: PlanJob) => boolean, seconds = 30) {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const job = await read();
    if (done(job)) return job;
    if (Date.now() > end) throw new Error(`the job is still ${job.state} (${job.stage}) after ${seconds} s`);
    await sleep(100);
  }
}

describe('plan jobs on one PostgreSQL database, two servers', () => {
  it('lists, polls and cancels through B a job submitted to and solved by A', {
    timeout: 60_000,
  }, async () => {
    const queueA = new PlanJobs(serverA.db, { workers: 1 });
    const queueB = new PlanJobs(serverB.db, { workers: 0 }); // API only
    try {
      const a = on(serverA, queueA);
      const b = on(serverB, queueB);
      const submitted = await a.submit({ scenario: slowPlanScenario(), timeLimitSeconds: 20 });
      expect(submitted.state).toBe('running'); // A's idle worker took it at once
      expect((await b.list()).map((j) => [j.id, j.state])).toEqual([[submitted.id, 'running']]);
      // B reads the progress A writes back.
      const solving = await until(
        () => b.get(submitted.id),
        (job) => job.elapsedSeconds > 1 && job.activity !== undefined,
      );
      expect(solving).toMatchObject({ state: 'running', stage: 'solving', timeLimitSeconds: 20 });
      const started = Date.now();
      const cancelled = await b.cancel(submitted.id);
      expect(cancelled).toMatchObject({
        state: 'cancelled',
        stage: 'finished',
        result: { status: 'cancelled' },
      });
      expect(Date.now() - started).toBeLessThan(5_000); // A saw the flag at its next beat and stopped the thread
      expect((await a.get(submitted.id)).state).toBe('cancelled');

      // A job submitted to B, which solves nothing, is solved by A and its answer read through B.
      const queued = await b.submit({ scenario: sample, timeLimitSeconds: 10 });
      const done = await until(
        () => b.get(queued.id),
        (job) => job.finishedAt !== undefined,
      );
      expect(done).toMatchObject({ state: 'done', result: { violations: [] } });
      expect(['optimal', 'feasible']).toContain(done.result?.status); // feasible when the machine is loaded
      const [row] = await serverA.db.query<{ attempts: number }>(
        'SELECT attempts FROM plan_jobs WHERE id = $1',
        [queued.id],
      );
      expect(row?.attempts).toBe(1);
    } finally {
      await queueA.close();
      await queueB.close();
    }
  });

  it("wakes B's idle loop through NOTIFY when a job is queued through A, without waiting for its next look", {
    timeout: 60_000,
  }, async () => {
    const queueA = new PlanJobs(serverA.db, { workers: 0 }); // API only
    // B looks for jobs once a minute on its own: only the notification can make it take the job sooner.
    const queueB = new PlanJobs(serverB.db, { workers: 1, pollMs: 60_000 });
    try {
      await sleep(1000); // B's first look is done and its listening connection is made
      const a = on(serverA, queueA);
      const submitted = await a.submit({ scenario: slowPlanScenario(), timeLimitSeconds: 20 });
      expect(submitted.state).toBe('queued');
      const queuedAt = Date.now();
      const running = await until(
        () => a.get(submitted.id),
        (job) => job.state === 'running',
        10,
      );
      expect(Date.now() - queuedAt).toBeLessThan(5000);
      expect(running.state).toBe('running');
      await a.cancel(submitted.id);
    } finally {
      await queueA.close();
      await queueB.close();
    }
  });

  it('counts the owner limit over both servers', async () => {
    const queueA = new PlanJobs(serverA.db, { workers: 0 });
    const queueB = new PlanJobs(serverB.db, { workers: 0 });
    try {
      await on(serverA, queueA).submit({ scenario: sample });
      await on(serverB, queueB).submit({ scenario: sample });
      await expect(on(serverA, queueA).submit({ scenario: sample })).rejects.toThrow(/^you have 2 solves/);
      await expect(on(serverB, queueB).submit({ scenario: sample })).rejects.toThrow(/^you have 2 solves/);
    } finally {
      await queueA.close();
      await queueB.close();
    }
  });

  it('takes over the job of a server that stopped renewing its lease, and runs it from the start', {
    timeout: 60_000,
  }, async () => {
    const queueB = new PlanJobs(serverB.db, { workers: 0 });
    const b = on(serverB, queueB);
    const submitted = await b.submit({ scenario: sample, timeLimitSeconds: 10 });
    // A "server" claims the job with a 1 s lease and dies: it never renews it nor writes again.
    const dead = new PlanJobsRepository(serverA.db);
    expect((await dead.claim('a-server-that-died', 1, new Date()))?.id).toBe(submitted.id);
    expect((await b.get(submitted.id)).state).toBe('running');
    const survivor = new PlanJobs(serverA.db, { workers: 1, pollMs: 200 });
    try {
      const done = await until(
        () => b.get(submitted.id),
        (job) => job.finishedAt !== undefined,
      );
      expect(done.state).toBe('done');
      expect(['optimal', 'feasible']).toContain(done.result?.status);
      const [row] = await serverA.db.query<{ attempts: number; submitted_by: string }>(
        'SELECT attempts, submitted_by FROM plan_jobs WHERE id = $1',
        [submitted.id],
      );
      expect(row).toMatchObject({ attempts: 2, submitted_by: queueB.serverId });
      // The dead server, were it to come back, finds it is no longer its job.
      expect(await dead.renew(submitted.id, 'a-server-that-died', 30)).toBeUndefined();
    } finally {
      await survivor.close();
      await queueB.close();
    }
  });

  it('fails a job whose servers died under it twice, saying so, and never leaves it running', {
    timeout: 30_000,
  }, async () => {
    const queueB = new PlanJobs(serverB.db, { workers: 0 });
    const b = on(serverB, queueB);
    const submitted = await b.submit({ scenario: sample, timeLimitSeconds: 10 });
    const dead = new PlanJobsRepository(serverA.db);
    await dead.claim('first-to-die', 0.3, new Date());
    await sleep(500);
    await dead.takeOverExpired(2, new Date(), 'unused');
    await dead.claim('second-to-die', 0.3, new Date());
    await sleep(500);
    // The next worker to look ends it rather than run it a third time.
    const survivor = new PlanJobs(serverA.db, { workers: 1, pollMs: 200 });
    try {
      const failed = await until(
        () => b.get(submitted.id),
        (job) => job.finishedAt !== undefined,
        10,
      );
      expect(failed).toMatchObject({ state: 'failed', stage: 'finished' });
      expect(failed.error).toMatch(/lease on it ran out\) 2 times; it is not run again/);
    } finally {
      await survivor.close();
      await queueB.close();
    }
  });

  it('runs each of many jobs once with two servers of two workers each', { timeout: 90_000 }, async () => {
    const queueA = new PlanJobs(serverA.db, {
      workers: 2,
      pollMs: 100,
      perOwnerLimit: 8,
      perAddressLimit: 8,
    });
    const queueB = new PlanJobs(serverB.db, {
      workers: 2,
      pollMs: 100,
      perOwnerLimit: 8,
      perAddressLimit: 8,
    });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const [server, queue] = i % 2 === 0 ? [serverA, queueA] : [serverB, queueB];
        ids.push((await on(server, queue).submit({ scenario: sample, timeLimitSeconds: 3 })).id);
      }
      for (const id of ids)
        await until(
          () => on(serverB, queueB).get(id),
          (job) => job.finishedAt !== undefined,
          60,
        );
      const rows = await serverA.db.query<{ state: string; attempts: number }>(
        'SELECT state, attempts FROM plan_jobs ORDER BY submitted_at',
      );
      expect(rows).toEqual(ids.map(() => ({ state: 'done', attempts: 1 })));
    } finally {
      await queueA.close();
      await queueB.close();
    }
  });
});
