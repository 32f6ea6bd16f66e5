import {
  listShippedScenarios,
  PlanJobLimitError,
  type PlanJobs,
  PlanQueueFullError,
  readShippedScenario,
} from '@lockstep/app';
import {
  ApiError,
  PlanJob,
  PlanJobInput,
  PlanJobList,
  PlanJobParams,
  planJobBodyLimitBytes,
  planJobOwnerCookie,
  planJobOwnerHeader,
  ShippedScenario,
  ShippedScenarioList,
  ShippedScenarioParams,
} from '@lockstep/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badOwnerHeader, requestOwner, submitOwner } from './plan-job-owner.ts';

const tags = ['plans'];

/** The owner header a script may send (documented on every job route). */
const ownerHeaders = z.looseObject({
  [planJobOwnerHeader]: z
    .string()
    .optional()
    .describe('Your owner secret, for scripts (browsers use the cookie): 32 to 128 letters, digits, - or _'),
});

/** What the plan routes are given: the queue of solve jobs. */
export interface PlanRouteDeps {
  readonly planJobs: PlanJobs;
}

function notFound(message: string): ApiError {
  return { error: { code: 'not_found', message } };
}

/** The same answer for a job that never was, finished long ago, or is another owner's: no oracle. */
function unknownJob(id: string): ApiError {
  return notFound(
    `no solve job ${id} of yours: it never existed, finished long ago, or was submitted with another owner secret (GET /api/plans/jobs lists yours)`,
  );
}

const ownership = `Jobs belong to whoever submitted them: a browser gets an owner secret in an HttpOnly, SameSite=Strict cookie (${planJobOwnerCookie}) on its first submit; a script may send its own in the ${planJobOwnerHeader} header (32 to 128 letters, digits, - or _), the same with every request. Another owner's job is answered 404, exactly like an unknown id.`;

/**
 * `/api/plans/...`: the shipped scenarios, and sequencing solves as background jobs. Submitting answers at
 * once (202) with the job; the job is polled for progress and its answer, and may be cancelled, by its owner
 * only (see `plan-job-owner.ts`). Every job answer is `Cache-Control: no-store`.
 */
export function planRoutes({ planJobs }: PlanRouteDeps): FastifyPluginAsyncZod {
  return async (server) => {
    server.get(
      '/plans/scenarios',
      {
        schema: {
          tags,
          summary: 'The scenarios shipped in scenarios/, with their parties and counts',
          response: { 200: ShippedScenarioList },
        },
      },
      () => ({ scenarios: listShippedScenarios() }),
    );
    server.get(
      '/plans/scenarios/:id',
      {
        schema: {
          tags,
          summary: 'One shipped scenario, as written in its file',
          params: ShippedScenarioParams,
          response: { 200: ShippedScenario, 400: ApiError, 404: ApiError },
        },
      },
      async (request, reply) => {
        const found = readShippedScenario(request.params.id);
        if (!found) {
          const known = listShippedScenarios().map((s) => s.id);
          return reply
            .status(404)
            .send(
              notFound(
                `no shipped scenario ${request.params.id}; the shipped ones are ${known.join(', ') || 'none'}`,
              ),
            );
        }
        return reply.send(found);
      },
    );
    server.post(
      '/plans/jobs',
      {
        bodyLimit: planJobBodyLimitBytes,
        schema: {
          tags,
          summary: `Queue a solve of a scenario; answers at once (202) with the job to poll. Bodies up to ${planJobBodyLimitBytes} bytes.`,
          description: `The scenario is checked before it is queued: a bad one, or one beyond the limits, is a 400 naming the field (\`body.scenario.measures[3].durationDays\`, or the cycle among the relations). ${ownership} An owner, and a client address, may have only a few jobs waiting or running: more is a 429 with Retry-After. Jobs run one at a time; when the queue is full the answer is a 503 (code \`busy\`) with Retry-After.`,
          headers: ownerHeaders,
          body: PlanJobInput,
          response: { 202: PlanJob, 400: ApiError, 413: ApiError, 429: ApiError, 503: ApiError },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const owner = submitOwner(request, reply);
        if (owner === 'malformed') return reply.status(400).send(badOwnerHeader());
        let job: PlanJob;
        try {
          job = planJobs.submit(request.body.scenario, request.body.timeLimitSeconds, {
            owner,
            address: request.ip,
          });
        } catch (error) {
          if (error instanceof PlanQueueFullError) {
            const body: ApiError = { error: { code: 'busy', message: error.message } };
            return reply.status(503).header('retry-after', String(error.retryAfterSeconds)).send(body);
          }
          if (error instanceof PlanJobLimitError) {
            const body: ApiError = { error: { code: 'too_many_requests', message: error.message } };
            return reply.status(429).header('retry-after', String(error.retryAfterSeconds)).send(body);
          }
          throw error;
        }
        return reply.status(202).header('location', `/api/plans/jobs/${job.id}`).send(job);
      },
    );
    server.get(
      '/plans/jobs',
      {
        schema: {
          tags,
          summary:
            'Your running and queued solve jobs, then your recent finished ones (without their results)',
          description: ownership,
          headers: ownerHeaders,
          response: { 200: PlanJobList, 400: ApiError },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const owner = requestOwner(request);
        if (owner === 'malformed') return reply.status(400).send(badOwnerHeader());
        return reply.send({
          jobs: planJobs.list(owner),
          queueLimit: planJobs.queueLimit,
          perOwnerLimit: planJobs.perOwnerLimit,
          perAddressLimit: planJobs.perAddressLimit,
        });
      },
    );
    server.get(
      '/plans/jobs/:id',
      {
        schema: {
          tags,
          summary: 'One of your solve jobs: its state, stage and progress, and its answer once finished',
          description: ownership,
          headers: ownerHeaders,
          params: PlanJobParams,
          response: { 200: PlanJob, 400: ApiError, 404: ApiError },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const owner = requestOwner(request);
        if (owner === 'malformed') return reply.status(400).send(badOwnerHeader());
        const job = planJobs.get(request.params.id, owner);
        return job ? reply.send(job) : reply.status(404).send(unknownJob(request.params.id));
      },
    );
    server.delete(
      '/plans/jobs/:id',
      {
        schema: {
          tags,
          summary:
            'Cancel one of your solve jobs (a finished one is left as it is); answers with the job once it has stopped',
          description: ownership,
          headers: ownerHeaders,
          params: PlanJobParams,
          response: { 200: PlanJob, 400: ApiError, 404: ApiError },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const owner = requestOwner(request);
        if (owner === 'malformed') return reply.status(400).send(badOwnerHeader());
        const job = await planJobs.cancel(request.params.id, owner);
        return job ? reply.send(job) : reply.status(404).send(unknownJob(request.params.id));
      },
    );
  };
}
