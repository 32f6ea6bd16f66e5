import { z } from 'zod';

/**
 * `GET /api/health`: what this server does and whether it reaches its database, for a load balancer's checks
 * (200 while it does; 503 with `status: "degraded"` and the reason while it does not).
 */
export const Health = z
  .object({
    status: z
      .enum(['ok', 'degraded'])
      .describe('ok: the server reaches its database; degraded: it does not (answered with 503)'),
    reason: z.string().optional().describe('Why the server is degraded, in one sentence'),
    version: z.string().describe('Lockstep version'),
    serverId: z.string().describe('This server process, as its plan jobs and logs name it'),
    roles: z
      .array(z.enum(['api', 'worker']))
      .describe('What this process does: serves the API, and/or solves plan jobs (worker)'),
    worker: z.boolean().describe('Whether this process solves plan jobs'),
    planJobWorkers: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('How many plan jobs this process solves at once (`lockstep serve --workers N`), when known'),
    store: z.object({
      kind: z.enum(['pglite', 'postgres']).describe('Embedded PGlite or a PostgreSQL server'),
      schemaVersion: z.number().int().describe('Newest applied migration'),
    }),
    database: z
      .object({
        reachable: z.boolean().describe('Whether `SELECT 1` answered'),
        latencyMs: z
          .number()
          .min(0)
          .describe('How long `SELECT 1` took (or was waited for), in milliseconds'),
        readReplica: z
          .boolean()
          .optional()
          .describe('Whether read-only operations go to a read replica (DATABASE_READ_URL)'),
      })
      .describe('The primary database as this server sees it'),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;
