import { type PlanJobs, Workbench } from '@lockstep/app';
import { Health } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../build-server.ts';

async function serve(planJobs?: PlanJobs) {
  const workbench = await Workbench.open({ inMemory: true, withoutShippedData: true });
  const server = await buildServer({ workbench, ...(planJobs ? { planJobs } : {}) });
  return { workbench, server };
}

describe('GET /api/health', () => {
  it('says what the server does, its id, and that it reaches its database, with the latency', async () => {
    const { workbench, server } = await serve();
    try {
      const response = await server.inject('/api/health');
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const health = Health.parse(response.json());
      expect(health).toMatchObject({
        status: 'ok',
        roles: expect.arrayContaining(['api']),
        store: { kind: 'pglite', schemaVersion: workbench.schemaVersion },
        database: { reachable: true },
      });
      // One solving loop by default (`lockstep serve --workers N` sets it): an API server and a worker.
      expect(health).toMatchObject({ roles: ['api', 'worker'], worker: true, planJobWorkers: 1 });
      expect(health.serverId).toMatch(/\S/);
      expect(health.database.latencyMs).toBeGreaterThanOrEqual(0);
      // The same id on every answer of this server.
      expect((await server.inject('/api/health')).json().serverId).toBe(health.serverId);
    } finally {
      await server.close();
      await workbench.close();
    }
  }, 120_000);

  it("reports the plan job queue's id and workers: an API-only server (no workers) is no worker", async () => {
    const queue = { serverId: 'server-a', workers: 0, close: async () => undefined };
    const { workbench, server } = await serve(queue as unknown as PlanJobs);
    try {
      expect((await server.inject('/api/health')).json()).toMatchObject({
        serverId: 'server-a',
        roles: ['api'],
        worker: false,
        planJobWorkers: 0,
      });
    } finally {
      await server.close();
      await workbench.close();
    }
  }, 120_000);

  it('answers 503, degraded, with the reason when the database cannot be reached', async () => {
    // A queue of its own, which uses no database, so that closing the server does not touch the closed one.
    const queue = { serverId: 'server-b', workers: 1, close: async () => undefined };
    const { workbench, server } = await serve(queue as unknown as PlanJobs);
    try {
      await workbench.db.close();
      const response = await server.inject('/api/health');
      expect(response.statusCode).toBe(503);
      const health = Health.parse(response.json());
      expect(health).toMatchObject({ status: 'degraded', database: { reachable: false } });
      expect(health.reason).toMatch(/^the database at .* does not answer: /);
    } finally {
      workbench.talks.events.close();
      await server.close();
    }
  }, 120_000);
});
