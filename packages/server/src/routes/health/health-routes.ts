import { ApiError, Health } from '@lockstep/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../route-deps.ts';

/** `GET /api/health`. */
export function healthRoutes({ workbench }: RouteDeps): FastifyPluginAsyncZod {
  return async (server) => {
    server.get(
      '/health',
      {
        schema: {
          tags: ['system'],
          summary: 'Whether the workbench is up, and which store it runs on',
          response: { 200: Health, 500: ApiError },
        },
      },
      () => workbench.call('health', {}),
    );
  };
}
