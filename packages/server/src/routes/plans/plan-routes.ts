import { listShippedScenarios, type PlanJobs, PlanQueueFullError, readShippedScenario } from '@lockstep/app';
import {
  ApiError,
  PlanJob,
  PlanJobInput,
  PlanJobList,
  PlanJobParams,
  planJobBodyLimitBytes,
  ShippedScenario,
  ShippedScenarioList,
  ShippedScenarioParams,
} from '@lockstep/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const tags = ['plans'];

/** What the plan routes are given: the queue of solve jobs. */
export interface PlanRouteDeps {
  readonly planJobs: PlanJobs;
}

function notFound(message: string): ApiError {
  return { error: { code: 'not_found', message } };
}

function unknownJob(id: string): ApiError {
  return notFound(
    `no solve job ${id}: it never existed, or finished long ago (the most recent finished jobs are kept; GET /api/plans/jobs lists them)`,
  );
}

/**
 * `/api/plans/...`: the shipped scenarios, and sequencing solves as background jobs. Submitting answers at
 * once (202) with the job; the job is polled for progress and its answer, and may be cancelled.
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
          description:
            'The scenario is checked before it is queued: a bad one is a 400 naming the field (`body.scenario.measures[3].durationDays`, or the cycle among the relations). Jobs run one at a time; when the queue is full the answer is 429.',
          body: PlanJobInput,
          response: { 202: PlanJob, 400: ApiError, 413: ApiError, 429: ApiError },
        },
      },
      async (request, reply) => {
        let job: PlanJob;
        try {
          job = planJobs.submit(request.body.scenario, request.body.timeLimitSeconds);
        } catch (error) {
          if (!(error instanceof PlanQueueFullError)) throw error;
          const body: ApiError = { error: { code: 'conflict', message: error.message } };
          return reply.status(429).send(body);
        }
        return reply.status(202).header('location', `/api/plans/jobs/${job.id}`).send(job);
      },
    );
    server.get(
      '/plans/jobs',
      {
        schema: {
          tags,
          summary: 'The running and queued solve jobs, then the recent finished ones (without their results)',
          response: { 200: PlanJobList },
        },
      },
      () => ({ jobs: planJobs.list(), queueLimit: planJobs.queueLimit }),
    );
    server.get(
      '/plans/jobs/:id',
      {
        schema: {
          tags,
          summary: 'A solve job: its state, stage and progress, and its answer once finished',
          params: PlanJobParams,
          response: { 200: PlanJob, 404: ApiError },
        },
      },
      async (request, reply) => {
        const job = planJobs.get(request.params.id);
        return job ? reply.send(job) : reply.status(404).send(unknownJob(request.params.id));
      },
    );
    server.delete(
      '/plans/jobs/:id',
      {
        schema: {
          tags,
          summary:
            'Cancel a solve job (a finished one is left as it is); answers with the job once it has stopped',
          params: PlanJobParams,
          response: { 200: PlanJob, 404: ApiError },
        },
      },
      async (request, reply) => {
        const job = await planJobs.cancel(request.params.id);
        return job ? reply.send(job) : reply.status(404).send(unknownJob(request.params.id));
      },
    );
  };
}
