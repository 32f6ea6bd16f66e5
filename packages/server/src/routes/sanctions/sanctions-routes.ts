import { searchTimeBudgetMs } from '@lockstep/app';
import {
  ApiError,
  ClassifyQuery,
  ClassifyResult,
  EntityQuery,
  EntityResult,
  EntitySearchQuery,
  EntitySearchResult,
  entitySearchQueryMaxChars,
  GapQuery,
  GapResult,
  HistoryResult,
  SanctionsExportQuery,
  SanctionsPositionList,
  SanctionsSnapshotList,
} from '@lockstep/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../route-deps.ts';
import { sendJson } from '../send-json.ts';

const tags = ['sanctions'];

/** What the search routes accept and how long they may take, for their OpenAPI description. */
const searchLimits =
  `\`q\` is one name or alias of 1 to ${entitySearchQueryMaxChars} characters (400 naming \`query.q\` otherwise). ` +
  `The search runs within a ${searchTimeBudgetMs / 1000} s budget; a search that does not finish in it is refused ` +
  'with 503 (code `timeout`) rather than answered in part, since a partial screening answer could miss a match.';

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
      '/sanctions/positions',
      {
        schema: {
          tags,
          summary:
            'The positions of data/sanctions/positions.json: label, holder, categories they assign; category labels; defaults',
          response: { 200: SanctionsPositionList },
        },
      },
      async (_request, reply) => sendJson(reply, await workbench.call('sanctions.positions', {})),
    );
    server.get(
      '/sanctions/search',
      {
        schema: {
          tags,
          summary:
            'Entries whose name or alias matches, tolerant of transliteration and word order, with reasons',
          description: searchLimits,
          querystring: EntitySearchQuery,
          response: { 200: EntitySearchResult, 400: ApiError, 503: ApiError },
        },
      },
      async (request, reply) => sendJson(reply, await workbench.call('sanctions.search', request.query)),
    );
    server.get(
      '/sanctions/entity',
      {
        schema: {
          tags,
          summary:
            'Matches for a name with their designations, history, timeline and category under each position',
          description: searchLimits,
          querystring: EntityQuery,
          response: { 200: EntityResult, 400: ApiError, 503: ApiError },
        },
      },
      async (request, reply) => sendJson(reply, await workbench.call('sanctions.entity', request.query)),
    );
    server.get(
      '/sanctions/history',
      {
        schema: {
          tags,
          summary:
            'The designation history across the stored snapshots: events, re-listing links, replay checks',
          response: { 200: HistoryResult },
        },
      },
      async (_request, reply) => sendJson(reply, await workbench.call('sanctions.history', {})),
    );
    server.get(
      '/sanctions/classify',
      {
        schema: {
          tags,
          summary:
            'A position applied to every designation in its scope: category, rule and evidence; relief totals',
          querystring: ClassifyQuery,
          response: { 200: ClassifyResult, 400: ApiError },
        },
      },
      async (request, reply) => sendJson(reply, await workbench.call('sanctions.classify', request.query)),
    );
    server.get(
      '/sanctions/gap',
      {
        schema: {
          tags,
          summary: 'Where two positions differ, designation by designation, grouped by program and basis',
          querystring: GapQuery,
          response: { 200: GapResult, 400: ApiError },
        },
      },
      async (request, reply) => sendJson(reply, await workbench.call('sanctions.gap', request.query)),
    );
    server.get(
      '/sanctions/export',
      {
        schema: {
          tags,
          summary:
            'One snapshot’s entries as a CSV (a row per entry) or JSON download (400 ApiError on bad input)',
          description:
            'The CSV is formula-safe (OWASP, CSV injection): a text cell that begins with `=`, `+`, `-`, `@`, a tab ' +
            'or a carriage return, and is not wholly a plain number such as `-12.5`, is written with a single quote ' +
            "before it (`'=HYPERLINK(...)`), so a spreadsheet shows it as text and never runs it. The JSON is as stored.",
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
