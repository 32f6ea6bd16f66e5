import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';
import { type NewPlanJobRow, PlanJobsRepository } from './plan-jobs-repository.ts';
import { openPostgresDatabase } from './postgres-database.ts';
import { pgliteEngine, postgresEngine } from './testing/engines.ts';

const engines = [pgliteEngine, postgresEngine(inject('postgresUrl'), inject('postgresSetupError'))];
const owner = 'a'.repeat(64);
let clock = Date.parse('2021-04-06T09:00:00Z');

function newJob(overrides: Partial<NewPlanJobRow> = {}): NewPlanJobRow {
  clock += 1000;
  return {
    id: randomUUID(),
    owner,
    address: '10.0.0.1',
    title: 'A scenario',
    scenario: { title: 'A scenario', measures: [] },
    whatIf: [],
    timeLimitSeconds: 2,
    submittedAt: new Date(clock),
    submittedBy: 'server-a',
    ...overrides,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(engines)('plan jobs as rows ($name)', (engine) => {
  let db: Database;
  let jobs: PlanJobsRepository;
  beforeAll(async () => {
    db = await engine.open();
    await migrate(db);
    jobs = new PlanJobsRepository(db);
  });
  afterAll(async () => {
    await engine.dispose(db);
  });
  beforeEach(async () => {
    await db.query('DELETE FROM plan_jobs');
  });

  it('inserts within the limits the check is given, and refuses by throwing, inserting nothing', async () => {
    const first = newJob();
    await jobs.insertWithinLimits(first, (active) => expect(active).toEqual([]));
    await expect(
      jobs.insertWithinLimits(newJob(), (active) => {
        expect(active.map((j) => [j.id, j.state, j.owner, j.address])).toEqual([
          [first.id, 'queued', owner, '10.0.0.1'],
        ]);
        throw new Error('full');
      }),
    ).rejects.toThrow('full');
    expect((await jobs.active()).map((j) => j.id)).toEqual([first.id]);
    expect(await jobs.get(first.id)).toMatchObject({
      state: 'queued',
      stage: 'queued',
      queuePosition: 0,
      scenario: first.scenario,
      whatIf: [],
      timeLimitSeconds: 2,
      submittedAt: first.submittedAt,
      cancelRequested: false,
      attempts: 0,
    });
  });

  it('claims the oldest queued job under a lease, renews it with progress, and ends it', async () => {
    const [older, newer] = [newJob(), newJob()];
    for (const job of [newer, older]) await jobs.insertWithinLimits(job, () => {});
    expect((await jobs.get(newer.id))?.queuePosition).toBe(1);
    const claimed = await jobs.claim('server-b', 30, new Date());
    expect(claimed).toMatchObject({ id: older.id, state: 'running', serverId: 'server-b', attempts: 1 });
    expect(claimed!.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect((await jobs.get(newer.id))?.queuePosition).toBe(0);

    const progress = {
      stage: 'solving' as const,
      solves: 3,
      activity: 'solving with 2 phases',
      deepening: { steps: [] },
    };
    expect(await jobs.renew(older.id, 'server-b', 30, progress)).toEqual({ cancelRequested: false });
    expect(await jobs.renew(older.id, 'server-c', 30)).toBeUndefined(); // not its job
    expect(await jobs.get(older.id)).toMatchObject({ solves: 3, activity: 'solving with 2 phases' });
    expect(await jobs.requestCancel(older.id, 'b'.repeat(64))).toBe(false); // not the owner's
    expect(await jobs.requestCancel(older.id, owner)).toBe(true);
    expect(await jobs.renew(older.id, 'server-b', 30)).toEqual({ cancelRequested: true });
    expect(await jobs.finish(older.id, 'server-c', { state: 'done', finishedAt: new Date() })).toBe(false);
    expect(
      await jobs.finish(older.id, 'server-b', {
        state: 'cancelled',
        finishedAt: new Date(),
        result: { status: 'cancelled' },
      }),
    ).toBe(true);
    expect(await jobs.get(older.id)).toMatchObject({
      state: 'cancelled',
      stage: 'finished',
      result: { status: 'cancelled' },
      deepening: { steps: [] },
    });
    expect((await jobs.listByOwner(owner)).map((j) => [j.id, j.state])).toEqual([
      [newer.id, 'queued'],
      [older.id, 'cancelled'],
    ]);
    expect(await jobs.cancelQueued(newer.id, owner, new Date())).toBe(true);
  });

  it('queues a job whose lease ran out again once, then fails it; a cancelled one is cancelled', async () => {
    const job = newJob();
    const cancelled = newJob();
    for (const j of [job, cancelled]) await jobs.insertWithinLimits(j, () => {});
    await jobs.claim('dead-1', 0.3, new Date());
    await jobs.claim('dead-1', 0.3, new Date());
    await jobs.requestCancel(cancelled.id, owner);
    expect(await jobs.renew(job.id, 'dead-1', 2)).toBeDefined(); // renewed in time: kept
    await sleep(500);
    expect(await jobs.takeOverExpired(2, new Date(), 'its servers died')).toEqual([
      { id: cancelled.id, state: 'cancelled' },
    ]);
    await sleep(2000);
    expect(await jobs.takeOverExpired(2, new Date(), 'its servers died')).toEqual([
      { id: job.id, state: 'queued' },
    ]);
    expect(await jobs.renew(job.id, 'dead-1', 30)).toBeUndefined(); // the dead server lost it
    expect(await jobs.get(job.id)).toMatchObject({ state: 'queued', solves: 0, attempts: 1 });
    expect((await jobs.get(job.id))?.startedAt).toBeUndefined();
    expect(await jobs.claim('dead-2', 0.2, new Date())).toMatchObject({ id: job.id, attempts: 2 });
    await sleep(400);
    expect(await jobs.takeOverExpired(2, new Date(), 'its servers died')).toEqual([
      { id: job.id, state: 'failed' },
    ]);
    expect(await jobs.get(job.id)).toMatchObject({ state: 'failed', error: 'its servers died' });
    expect(await jobs.get(cancelled.id)).toMatchObject({ state: 'cancelled', stage: 'finished' });
  });

  it('hands a released job back to the queue in its place, and prunes all but the newest finished', async () => {
    const job = newJob();
    await jobs.insertWithinLimits(job, () => {});
    await jobs.claim('server-a', 30, new Date());
    expect(await jobs.release(job.id, 'server-a')).toBe(true);
    expect(await jobs.get(job.id)).toMatchObject({ state: 'queued', attempts: 0, queuePosition: 0 });
    const finished = [newJob(), newJob(), newJob()];
    for (const j of finished) {
      await jobs.insertWithinLimits(j, () => {});
      await jobs.cancelQueued(j.id, owner, new Date());
    }
    await jobs.prune(2);
    expect((await jobs.listByOwner(owner)).map((j) => j.id)).toEqual([
      job.id,
      finished[2]!.id,
      finished[1]!.id,
    ]);
  });
});

describe('claims on PostgreSQL from two servers at once', () => {
  const engine = postgresEngine(inject('postgresUrl'), inject('postgresSetupError'));
  let db: Database;
  let other: Database;
  beforeAll(async () => {
    db = await engine.open();
    await migrate(db);
    other = await openPostgresDatabase(urlOf(db));
  });
  afterAll(async () => {
    await other?.close();
    await engine.dispose(db);
  });

  it('never gives one job to two workers', async () => {
    const a = new PlanJobsRepository(db);
    const b = new PlanJobsRepository(other);
    const submitted = Array.from({ length: 30 }, () => newJob());
    for (const job of submitted) await a.insertWithinLimits(job, () => {});
    // 60 workers, half on each connection pool, all claiming at once: 30 get a job, each job exactly once.
    const claims = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 === 0 ? a : b).claim(`worker-${i}`, 30, new Date()).then((job) => job?.id),
      ),
    );
    const got = claims.filter((id) => id !== undefined);
    expect(got).toHaveLength(30);
    expect(new Set(got).size).toBe(30);
    expect(new Set(got)).toEqual(new Set(submitted.map((j) => j.id)));
    const [{ running }] = (await db.query<{ running: string }>(
      `SELECT count(DISTINCT server_id)::text AS running FROM plan_jobs WHERE state = 'running'`,
    )) as [{ running: string }];
    expect(running).toBe('30');
  });
});

/** The test database's URL (its location names host:port/database; the cluster's URL gives the rest). */
function urlOf(db: Database): string {
  const cluster = new URL(inject('postgresUrl')!);
  cluster.pathname = `/${db.location.split('/').pop()}`;
  return cluster.toString();
}
