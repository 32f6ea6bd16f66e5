import {
  ApiError,
  EntitySearchQuery,
  EntitySearchResult,
  SanctionsExportQuery,
  SanctionsSnapshotList,
} from '@lockstep/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../route-deps.ts';
import { sendJson } from '../send-json.ts';

const tags = ['sanctions'];

/** `/api/sanctions/...`: the stored OFAC snapshots and entity search. */
export function sanctionsRoutes({ workbench }: RouteDeps): FastifyPluginAsyncZod {
  return async (server) => {
    server.get(
      '/sanctions/snapshots',
      {
        schema: {
          tags,
          summary: 'The stored OFAC list snapshots, oldest first, with their entry counts',
          response: { 200: SanctionsSnapshotList },
        },
      },
      async (_request, reply) => sendJson(reply, await workbench.call('sanctions.snapshots', {})),
    );
    server.get(
      '/sanctions/search',
      {
        schema: {
          tags,
          summary:
            'Entries whose name or alias matches, tolerant of transliteration and word order, with reasons',
          querystring: EntitySearchQuery,
          response: { 200: EntitySearchResult, 400: ApiError },
        },
      },
      async (request, reply) => sendJson(reply, await workbench.call('sanctions.search', request.query)),
    );
    server.get(
      '/sanctions/export',
      {
        schema: {
          tags,
          summary:
            'One snapshot’s entries as a CSV (a row per entry) or JSON download (400 ApiError on bad input)',
          querystring: SanctionsExportQuery,
        },
      },
      async (request, reply) => {
        const result = await workbench.call('sanctions.export', request.query);
        return reply
          .type(result.contentType)
          .header('content-disposition', `attachment; filename="${result.fileName}"`)
          .send(result.body);
      },
    );
  };
}
