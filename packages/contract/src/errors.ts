import { z } from 'zod';

/** Every error the API returns: one sentence, and where the problem was when it was in the request. */
export const ApiError = z
  .object({
    error: z.object({
      code: z
        .enum([
          'bad_request',
          'unauthorized',
          'forbidden',
          'not_found',
          'conflict',
          'payload_too_large',
          'unprocessable',
          'too_many_requests',
          'busy',
          'timeout',
          'internal',
        ])
        .describe(
          'Machine-readable kind; `busy` (503, with Retry-After): the server cannot take more work now, try again later',
        ),
      message: z.string().describe('What was wrong and what is accepted, in one sentence'),
      field: z.string().optional().describe('The request field at fault, e.g. `query.domain`'),
      currentVersion: z
        .number()
        .int()
        .optional()
        .describe('On a 409 for a stale write: the version the object is at now, to reload and build on'),
    }),
  })
  .meta({ id: 'ApiError' });
export type ApiError = z.infer<typeof ApiError>;
