import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slowPlanScenario } from '@lockstep/app/testing';
import type { PlanJob } from '@lockstep/contract';
import { createTestDatabase } from '@lockstep/store/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ServerProcess, startServer } from './server-process.ts';

// Real `lockstep serve` processes on one PostgreSQL database, each solving plan jobs. One stopped on purpose
// (SIGTERM) puts the job it runs back in the queue, and another runs it. The one running a job is killed with
// SIGKILL (no shutdown, no last write): the other takes the job over when its lease runs out (2 s here) and
// runs it from the start. The job is never left "running" on a dead server.
const leaseSeconds = 2;
const asMe = { 'lockstep-plans-owner': 'owner-of-the-killed-server-job-0123456789' };
const servers: ServerProcess[] = [];
const cleanUps: (() => Promise<unknown> | unknown)[] = [];
let a: ServerProcess;
let b: ServerProcess;
let c: ServerProcess;

async function api(
  server: ServerProcess,
  method: string,
  path: string,
  body?: unknown,
  owner: Record<string, string> = asMe,
) {
  const response = await fetch(new URL(`/api/plans/jobs${path}`, server.url), {
    method,
    headers: { ...owner, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, job: (await response.json()) as PlanJob };
}

async function until(
  server: ServerProcess,
  id: string,
  done: (job: PlanJob) => boolean,
  seconds: number,
  owner: Record<string, string> = asMe,
) {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const { job } = await api(server, 'GET', `/${id}`, undefined, owner);
    if (done(job)) return job;
    if (Date.now() > end) throw new Error(`after ${seconds} s the job is ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  const database = await createTestDatabase(inject('postgresUrl'), inject('postgresSetupError'));
  cleanUps.push(() => database.drop());
  // The first server loads the shipped data; the others start on the loaded database.
  for (let i = 0; i < 3; i++) {
    const stateDir = mkdtempSync(join(tmpdir(), 'lockstep-plan-jobs-kill-'));
    cleanUps.push(() => rmSync(stateDir, { recursive: true, force: true }));
    servers.push(
      await startServer(stateDir, {
        DATABASE_URL: database.url,
        LOCKSTEP_PLAN_JOB_LEASE_SECONDS: String(leaseSeconds),
      }),
    );
  }
  [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
}, 300_000);

afterAll(async () => {
  for (const server of servers) if (server.child.exitCode === null) await server.stop('SIGKILL');
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

describe('a plan job whose server is stopped on purpose', () => {
  it('goes back to the queue and is run by another server, not cancelled', { timeout: 120_000 }, async () => {
    const owner = { 'lockstep-plans-owner': 'owner-of-the-stopped-server-job-0123456789' };
    const submitted = await api(c, 'POST', '', { scenario: slowPlanScenario(), timeLimitSeconds: 60 }, owner);
    expect(submitted.status).toBe(202);
    expect(submitted.job.state).toBe('running'); // C's idle worker took it
    const first = await until(a, submitted.job.id, (job) => job.elapsedSeconds > 1, 30, owner);
    expect(first.state).toBe('running');

    const stopped = await c.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain('1 running plan solve put back in the queue');
    // A or B (both idle) runs it again from the start; it was never cancelled.
    const seen: string[] = [];
    const again = await until(
      a,
      submitted.job.id,
      (job) => {
        seen.push(job.state);
        return job.state === 'running' && job.startedAt !== first.startedAt;
      },
      15,
      owner,
    );
    expect(seen).not.toContain('cancelled');
    expect(again.elapsedSeconds).toBeLessThan(10);
    const cancelled = await api(b, 'DELETE', `/${submitted.job.id}`, undefined, owner);
    expect(cancelled.job).toMatchObject({ state: 'cancelled' });
  });
});

describe('a plan job whose server is killed', () => {
  it('is taken over by the other server within its lease and run again from the start', {
    timeout: 120_000,
  }, async () => {
    expect(a.stdout()).toContain('1 plan solve at once');
    const submitted = await api(a, 'POST', '', { scenario: slowPlanScenario(), timeLimitSeconds: 60 });
    expect(submitted.status).toBe(202);
    expect(submitted.job.state).toBe('running'); // A's idle worker took it
    const first = await until(b, submitted.job.id, (job) => job.elapsedSeconds > 1 && job.solves >= 0, 30);
    expect(first).toMatchObject({ state: 'running' });

    await a.stop('SIGKILL');
    const killedAt = Date.now();
    // B answers for it at once: still running (nobody knows A died until its lease runs out), then B's worker
    // takes it over and starts it again.
    const again = await until(
      b,
      submitted.job.id,
      (job) => job.state === 'running' && job.startedAt !== first.startedAt,
      leaseSeconds + 15,
    );
    expect(Date.now() - killedAt).toBeLessThan((leaseSeconds + 10) * 1000);
    expect(Date.parse(again.startedAt!)).toBeGreaterThan(killedAt);
    expect(again.elapsedSeconds).toBeLessThan(leaseSeconds + 10); // from the start, not A's time

    const cancelled = await api(b, 'DELETE', `/${submitted.job.id}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.job).toMatchObject({ state: 'cancelled', result: { status: 'cancelled' } });
    const listed = await fetch(new URL('/api/plans/jobs', b.url), { headers: asMe });
    expect(((await listed.json()) as { jobs: PlanJob[] }).jobs.map((j) => j.state)).toEqual(['cancelled']);
  });
});
