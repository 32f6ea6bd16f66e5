import { z } from 'zod';

/** `GET /api/health`: the server is up and its store is open. */
export const Health = z
  .object({
    status: z.literal('ok'),
    version: z.string().describe('Lockstep version'),
    store: z.object({
      kind: z.enum(['pglite', 'postgres']).describe('Embedded PGlite or a PostgreSQL server'),
      schemaVersion: z.number().int().describe('Newest applied migration'),
    }),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;
