import { z } from 'zod';

/** Every error the API returns: one sentence, and where the problem was when it was in the request. */
export const ApiError = z
  .object({
    error: z.object({
      code: z.enum(['bad_request', 'not_found', 'conflict', 'internal']).describe('Machine-readable kind'),
      message: z.string().describe('What was wrong and what is accepted, in one sentence'),
      field: z.string().optional().describe('The request field at fault, e.g. `query.domain`'),
    }),
  })
  .meta({ id: 'ApiError' });
export type ApiError = z.infer<typeof ApiError>;
