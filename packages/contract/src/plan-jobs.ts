import { z } from 'zod';
import { ScenarioJson } from './scenario-json.ts';
import { PhaseDeepeningJson, PlanSolveResult } from './sequencing.ts';
import { WhatIf } from './what-if.ts';

/** The longest time limit a solve job may ask for (seconds). */
export const planJobMaxTimeLimitSeconds = 300;
/** The time limit of a solve job that names none (seconds). */
export const planJobDefaultTimeLimitSeconds = 30;
/** The largest request body `POST /api/plans/jobs` accepts (bytes). */
export const planJobBodyLimitBytes = 1_048_576;
/** The most solve jobs one owner may have waiting or running at once (more: 429 with Retry-After). */
export const planJobsPerOwner = 2;
/** The most solve jobs one client address may have waiting or running at once (more: 429 with Retry-After). */
export const planJobsPerAddress = 4;
/**
 * The cookie that carries a solve job owner's secret: set HttpOnly, SameSite=Strict on the first submit from
 * a browser that has none. Only the secret's SHA-256 is kept by the server.
 */
export const planJobOwnerCookie = 'lockstep_plans_owner';
/**
 * The request header a script may carry its own owner secret in instead of the cookie: 32 to 128 letters,
 * digits, `-` or `_`, for example from `openssl rand -hex 32`. Jobs are listed, read and cancelled only with
 * the secret that submitted them.
 */
export const planJobOwnerHeader = 'lockstep-plans-owner';
/** What an owner secret must look like. */
export const planJobOwnerSecretPattern = /^[A-Za-z0-9_-]{32,128}$/;

/** One scenario shipped in `scenarios/`, summarised. */
export const ShippedScenarioSummary = z
  .object({
    id: z
      .string()
      .describe('The file name without `.json`; `GET /api/plans/scenarios/{id}` gives the scenario'),
    file: z.string().describe('The file, relative to the repository root (`scenarios/sample-small.json`)'),
    title: z.string(),
    description: z.string().optional(),
    valueUnit: z.string().describe('The unit measure values and exposure are in'),
    phaseCount: z.number().int(),
    parties: z
      .array(z.object({ id: z.string(), name: z.string(), measures: z.number().int() }))
      .readonly()
      .describe('Each party with the number of measures it delivers'),
    measures: z.number().int().describe('Number of measures'),
    relations: z.number().int().describe('Number of relations between measures'),
    redLines: z.number().int().describe('Number of red lines'),
    problem: z
      .string()
      .optional()
      .describe(
        'Why the file is not a valid scenario (path: problem), when it is not; it cannot be solved then',
      ),
  })
  .meta({ id: 'ShippedScenarioSummary' });
export type ShippedScenarioSummary = z.infer<typeof ShippedScenarioSummary>;

export const ShippedScenarioList = z
  .object({ scenarios: z.array(ShippedScenarioSummary).readonly() })
  .meta({ id: 'ShippedScenarioList' });
export type ShippedScenarioList = z.infer<typeof ShippedScenarioList>;

/** A shipped scenario: its summary and the scenario file's content, as written (optional fields kept). */
export const ShippedScenario = z
  .object({ summary: ShippedScenarioSummary, scenario: ScenarioJson })
  .meta({ id: 'ShippedScenario' });
export type ShippedScenario = z.infer<typeof ShippedScenario>;

export const ShippedScenarioParams = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a scenario id: letters, digits, `.`, `_`, `-`')
    .describe('Scenario id (file name without `.json`)'),
});
export type ShippedScenarioParams = z.infer<typeof ShippedScenarioParams>;

/** `POST /api/plans/jobs`: a scenario to solve in the background. */
export const PlanJobInput = z.object({
  scenario: ScenarioJson.describe(
    'The scenario (see scenario.schema.json), within the limits stated here; checked before the job is queued',
  ),
  timeLimitSeconds: z
    .number()
    .positive()
    .max(planJobMaxTimeLimitSeconds)
    .optional()
    .describe(
      `Time limit of the whole solve, conflict diagnosis included (default ${planJobDefaultTimeLimitSeconds} s, at most ${planJobMaxTimeLimitSeconds} s)`,
    ),
  whatIf: WhatIf.optional().describe(
    'Changes to the scenario before it is solved: `{"without": ["us-exposure-half"], "set": {"us-not-everything-first": 80, "MEASURE_ID.durationDays": 10}}`; the result names each in `whatIf`. An unknown id or a value out of range is a 400 naming `whatIf.without` or `whatIf.set`',
  ),
});
export type PlanJobInput = z.infer<typeof PlanJobInput>;

/** A solve job's answer: the same as `lockstep plan solve --json` gives. */
export const PlanJobResult = PlanSolveResult;
export type PlanJobResult = PlanSolveResult;

export const PlanJobState = z.enum(['queued', 'running', 'done', 'cancelled', 'failed']);
export type PlanJobState = z.infer<typeof PlanJobState>;

/** A solve job: where it is, and its answer once done. */
export const PlanJob = z
  .object({
    id: z.string().describe('Random and unguessable; only its owner can read or cancel the job'),
    title: z.string().describe('The scenario’s title'),
    state: PlanJobState.describe(
      '`done` has a result (whose status may still be infeasible or error); `cancelled` was stopped before or while solving; `failed` broke',
    ),
    stage: z
      .enum(['queued', 'solving', 'diagnosing', 'finished'])
      .describe('`diagnosing`: no plan satisfies every red line, and the conflicts are being found'),
    solves: z.number().int().describe('Solver calls finished in the current stage'),
    activity: z.string().optional().describe('What the solve is doing now, in words'),
    deepening: PhaseDeepeningJson.optional().describe(
      'Phase deepening so far: the steps finished, each optimal among plans with ≤ K phases or stopped',
    ),
    queuePosition: z.number().int().optional().describe('Jobs ahead of this one (queued jobs only)'),
    elapsedSeconds: z.number().describe('Seconds spent solving so far (0 while queued)'),
    timeLimitSeconds: z.number(),
    progress: z.number().min(0).max(1).describe('Elapsed time over the time limit (1 when finished)'),
    submittedAt: z.iso.datetime(),
    startedAt: z.iso.datetime().optional(),
    finishedAt: z.iso.datetime().optional(),
    result: PlanJobResult.optional().describe('The answer, once finished (also for a cancelled running job)'),
    error: z.string().optional().describe('What broke, for a failed job'),
  })
  .meta({ id: 'PlanJob' });
export type PlanJob = z.infer<typeof PlanJob>;

export const PlanJobParams = z.object({ id: z.string().min(1).describe('Job id') });
export type PlanJobParams = z.infer<typeof PlanJobParams>;

/**
 * `GET /api/plans/jobs`: the caller's running and queued jobs, then their most recent finished ones (results
 * left out).
 */
export const PlanJobList = z
  .object({
    jobs: z.array(PlanJob).readonly(),
    queueLimit: z.number().int().describe('Most jobs that may wait in the queue'),
    perOwnerLimit: z.number().int().optional().describe('Most jobs one owner may have waiting or running'),
    perAddressLimit: z
      .number()
      .int()
      .optional()
      .describe('Most jobs one client address may have waiting or running'),
  })
  .meta({ id: 'PlanJobList' });
export type PlanJobList = z.infer<typeof PlanJobList>;
