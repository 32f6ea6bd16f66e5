import { ApiError, DatasetList, DatasetListQuery } from '@lockstep/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../route-deps.ts';
import { sendJson } from '../send-json.ts';

/** `GET /api/datasets`: the data catalogue. */
export function datasetRoutes({ workbench }: RouteDeps): FastifyPluginAsyncZod {
  return async (server) => {
    server.get(
      '/datasets',
      {
        schema: {
          tags: ['data'],
          summary: 'The loaded datasets with their sources, dates, file hashes and record counts',
          querystring: DatasetListQuery,
          response: { 200: DatasetList, 400: ApiError },
        },
      },
      async (request, reply) => sendJson(reply, await workbench.call('datasets.list', request.query)),
    );
  };
}
