import {
  ApiError,
  AsOfQuery,
  BreakoutQuery,
  BreakoutResult,
  ComplianceResult,
  NuclearOverview,
  NuclearOverviewQuery,
  ProjectionQuery,
  ProjectionResult,
  StepsQuery,
  StepsResult,
  SwuQuery,
  SwuResult,
} from '@lockstep/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../route-deps.ts';
import { sendJson } from '../send-json.ts';

const errors = { 400: ApiError };
const tags = ['nuclear'];

/** `/api/nuclear/...`: compliance, separative work, breakout, steps back, projection, the page's data. */
export function nuclearRoutes({ workbench }: RouteDeps): FastifyPluginAsyncZod {
  return async (server) => {
    server.get(
      '/nuclear/compliance',
      {
        schema: {
          tags,
          summary: 'Every JCPOA limit on a date: latest figure, limit, excess, status and source row',
          querystring: AsOfQuery,
          response: { 200: ComplianceResult, ...errors },
        },
      },
      (request) => workbench.call('nuclear.compliance', request.query),
    );
    server.post(
      '/nuclear/swu',
      {
        schema: {
          tags,
          summary: 'Separative work, feed and tails for one enrichment job',
          body: SwuQuery,
          response: { 200: SwuResult, ...errors },
        },
      },
      (request) => workbench.call('nuclear.swu', request.body),
    );
    server.post(
      '/nuclear/breakout',
      {
        schema: {
          tags,
          summary:
            'Time to one significant quantity, on the stored data (asOf) or on explicit stock and capacity',
          body: BreakoutQuery,
          response: { 200: BreakoutResult, ...errors },
        },
      },
      (request) => workbench.call('nuclear.breakout', request.body),
    );
    server.post(
      '/nuclear/steps',
      {
        schema: {
          tags,
          summary: 'The steps back to each limit, with stable ids and the breakout time each restores',
          body: StepsQuery,
          response: { 200: StepsResult, ...errors },
        },
      },
      (request) => workbench.call('nuclear.steps', request.body),
    );
    server.post(
      '/nuclear/projection',
      {
        schema: {
          tags,
          summary: 'Stockpile and breakout by month, and when a full return stops restoring the goal',
          body: ProjectionQuery,
          response: { 200: ProjectionResult, ...errors },
        },
      },
      (request) => workbench.call('nuclear.project', request.body),
    );
    server.get(
      '/nuclear/overview',
      {
        schema: {
          tags,
          summary: 'Everything the Nuclear page shows, under the default assumptions',
          querystring: AsOfQuery,
          response: { 200: NuclearOverview, ...errors },
        },
      },
      async (request, reply) => sendJson(reply, await workbench.call('nuclear.overview', request.query)),
    );
    server.post(
      '/nuclear/overview',
      {
        schema: {
          tags,
          summary: 'Everything the Nuclear page shows, under the assumptions in the body (what-if)',
          body: NuclearOverviewQuery,
          response: { 200: NuclearOverview, ...errors },
        },
      },
      (request) => workbench.call('nuclear.overview', request.body),
    );
  };
}
