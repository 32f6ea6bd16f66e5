import { lockstepVersion, type PlanJobs, type Workbench } from '@lockstep/app';
import { Health } from '@lockstep/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** How long the database may take to answer `SELECT 1` before the server says it is degraded. */
export const healthCheckTimeoutMs = 3_000;

/** `SELECT 1` on the database, timed, with a bound on the wait. */
async function pingDatabase(
  workbench: Workbench,
): Promise<{ reachable: boolean; latencyMs: number; reason?: string }> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      workbench.db.query('SELECT 1'),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${healthCheckTimeoutMs / 1000} s`)),
          healthCheckTimeoutMs,
        );
      }),
    ]);
    return { reachable: true, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? 'unknown error';
    return {
      reachable: false,
      latencyMs: Math.round(performance.now() - started),
      reason: `the database at ${workbench.db.location} does not answer: ${message}`,
    };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/**
 * `GET /api/health`, for a load balancer's checks: what this server does (`roles`: it serves the API, and is
 * a worker while it solves plan jobs), its id, and whether it reaches its database (`SELECT 1` and its
 * latency). 200 while it does; 503 with `status: "degraded"` and the reason while it does not, so a balancer
 * sends no more requests to it. Never cached.
 */
export function healthRoute(workbench: Workbench, planJobs: PlanJobs): FastifyPluginAsyncZod {
  // The queue's solving loops in this process (`lockstep serve --workers N`, default 1; 0: API only).
  const workers = planJobs.workers;
  const worker = workers > 0;
  return async (api) => {
    api.get(
      '/health',
      {
        schema: {
          tags: ['system'],
          summary:
            'What this server does (API, plan job worker), its id, and whether it reaches its database: 503 when it does not',
          response: { 200: Health, 503: Health },
        },
      },
      async (_request, reply) => {
        const database = await pingDatabase(workbench);
        const health: Health = {
          status: database.reachable ? 'ok' : 'degraded',
          ...(database.reason ? { reason: database.reason } : {}),
          version: lockstepVersion,
          serverId: planJobs.serverId,
          roles: worker ? ['api', 'worker'] : ['api'],
          worker,
          planJobWorkers: workers,
          store: { kind: workbench.db.kind, schemaVersion: workbench.schemaVersion },
          database: {
            reachable: database.reachable,
            latencyMs: database.latencyMs,
            readReplica: workbench.readDb !== undefined,
          },
        };
        reply.header('cache-control', 'no-store');
        return reply.status(database.reachable ? 200 : 503).send(health);
      },
    );
  };
}
