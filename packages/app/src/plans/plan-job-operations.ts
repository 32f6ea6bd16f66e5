import {
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
import { z } from 'zod';
import { NotFoundError } from '../input-error.ts';
import { type CallContext, operation } from '../operation.ts';
import type { PlanJobs } from './plan-jobs.ts';
import { listShippedScenarios, readShippedScenario } from './shipped-scenarios.ts';

const ownership = `Jobs belong to whoever submitted them: a browser gets an owner secret in an HttpOnly, SameSite=Strict cookie (${planJobOwnerCookie}) on its first submit; a script may send its own in the ${planJobOwnerHeader} header (32 to 128 letters, digits, - or _), the same with every request. Another owner's job is answered 404, exactly like an unknown id.`;

/** The queue and the submitter the surface established; a job operation is never called without them. */
function jobsOf(call: CallContext): NonNullable<CallContext['jobs']> {
  if (!call.jobs) throw new Error('a job operation was called without the queue and its submitter');
  return call.jobs;
}

/** The same answer for a job that never was, finished long ago, or is another owner's: no oracle. */
function unknownJob(id: string): NotFoundError {
  return new NotFoundError(
    `no solve job ${id} of yours: it never existed, finished long ago, or was submitted with another owner secret (GET /api/plans/jobs lists yours)`,
  );
}

/** The queue's limits, as every job list states them. */
function limitsOf(queue: PlanJobs) {
  return {
    queueLimit: queue.queueLimit,
    perOwnerLimit: queue.perOwnerLimit,
    perAddressLimit: queue.perAddressLimit,
  };
}

/** The shipped scenarios, and sequencing solves as background jobs owned by their submitter. */
export const planJobOperations = {
  'plan.scenarios': operation({
    summary: 'The scenarios shipped in scenarios/, with their parties and counts',
    tag: 'plans',
    input: z.object({}),
    output: ShippedScenarioList,
    http: { method: 'GET', path: '/plans/scenarios' },
    cli: { command: 'plan scenarios' },
    async run() {
      return { scenarios: listShippedScenarios() };
    },
  }),
  'plan.scenario': operation({
    summary: 'One shipped scenario, as written in its file',
    tag: 'plans',
    input: ShippedScenarioParams,
    output: ShippedScenario,
    http: { method: 'GET', path: '/plans/scenarios/:id', errors: [404] },
    async run(_context, { id }) {
      const found = readShippedScenario(id);
      if (found) return found;
      const known = listShippedScenarios().map((s) => s.id);
      throw new NotFoundError(
        `no shipped scenario ${id}; the shipped ones are ${known.join(', ') || 'none'}`,
      );
    },
  }),
  'plan.jobs.submit': operation({
    summary: `Queue a solve of a scenario; answers at once (202) with the job to poll. Bodies up to ${planJobBodyLimitBytes} bytes.`,
    tag: 'plans',
    job: true,
    input: PlanJobInput,
    output: PlanJob,
    http: {
      method: 'POST',
      path: '/plans/jobs',
      status: 202,
      bodyLimit: planJobBodyLimitBytes,
      errors: [413, 429, 503],
      location: (job: PlanJob) => `/api/plans/jobs/${job.id}`,
      description: `The scenario is checked before it is queued: a bad one, or one beyond the limits, is a 400 naming the field (\`body.scenario.measures[3].durationDays\`, or the cycle among the relations). An optional \`whatIf\` switches red lines off and sets values before the solve (a 400 names \`whatIf.without\` or \`whatIf.set\`, the id and what is accepted); the result names each change in \`whatIf\`. ${ownership} An owner, and a client address, may have only a few jobs waiting or running: more is a 429 with Retry-After. Each solving worker runs one job at a time (any server on the database may run it); when the queue is full the answer is a 503 (code \`busy\`) with Retry-After.`,
    },
    async run(_context, input, call) {
      const { queue, owner, address } = jobsOf(call);
      if (!owner) throw new Error('a submit needs an owner');
      return queue.submit(input.scenario, input.timeLimitSeconds, { owner, address }, input.whatIf);
    },
  }),
  'plan.jobs.list': operation({
    summary: 'Your running and queued solve jobs, then your recent finished ones (without their results)',
    tag: 'plans',
    job: true,
    input: z.object({}),
    output: PlanJobList,
    http: { method: 'GET', path: '/plans/jobs', description: ownership, errors: [400] },
    async run(_context, _input, call) {
      const { queue, owner } = jobsOf(call);
      return { jobs: await queue.list(owner), ...limitsOf(queue) };
    },
  }),
  'plan.jobs.get': operation({
    summary: 'One of your solve jobs: its state, stage and progress, and its answer once finished',
    tag: 'plans',
    job: true,
    input: PlanJobParams,
    output: PlanJob,
    http: { method: 'GET', path: '/plans/jobs/:id', description: ownership, errors: [404] },
    async run(_context, { id }, call) {
      const { queue, owner } = jobsOf(call);
      const job = await queue.get(id, owner);
      if (!job) throw unknownJob(id);
      return job;
    },
  }),
  'plan.jobs.cancel': operation({
    summary:
      'Cancel one of your solve jobs (a finished one is left as it is); answers with the job once it has stopped',
    tag: 'plans',
    job: true,
    input: PlanJobParams,
    output: PlanJob,
    http: { method: 'DELETE', path: '/plans/jobs/:id', description: ownership, errors: [404] },
    async run(_context, { id }, call) {
      const { queue, owner } = jobsOf(call);
      const job = await queue.cancel(id, owner);
      if (!job) throw unknownJob(id);
      return job;
    },
  }),
};
