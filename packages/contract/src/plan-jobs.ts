import { z } from 'zod';
import { PlanSolveResult, ScenarioJson } from './sequencing.ts';

/** The longest time limit a solve job may ask for (seconds). */
export const planJobMaxTimeLimitSeconds = 300;
/** The time limit of a solve job that names none (seconds). */
export const planJobDefaultTimeLimitSeconds = 30;
/** The largest request body `POST /api/plans/jobs` accepts (bytes). */
export const planJobBodyLimitBytes = 1_048_576;

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
  scenario: z
    .record(z.string(), z.unknown())
    .describe('The scenario (see ScenarioJson and scenario.schema.json); checked before the job is queued'),
  timeLimitSeconds: z
    .number()
    .positive()
    .max(planJobMaxTimeLimitSeconds)
    .optional()
    .describe(
      `Time limit of the whole solve, conflict diagnosis included (default ${planJobDefaultTimeLimitSeconds} s, at most ${planJobMaxTimeLimitSeconds} s)`,
    ),
});
export type PlanJobInput = z.infer<typeof PlanJobInput>;

/** One measure of a plan, in days from the plan's start (day 0). */
export const ScheduledMeasureJson = z.looseObject({
  measure: z.string(),
  phase: z.number().int().describe('Phase index, 0-based'),
  startDay: z.number(),
  completeDay: z.number(),
  verifiedDay: z.number(),
});
export type ScheduledMeasureJson = z.infer<typeof ScheduledMeasureJson>;

export const SequencingPlanJson = z.looseObject({
  phases: z
    .array(
      z.looseObject({
        phase: z.number().int(),
        startDay: z.number(),
        measures: z.array(z.string()).readonly(),
      }),
    )
    .readonly(),
  measures: z.array(ScheduledMeasureJson).readonly(),
});
export type SequencingPlanJson = z.infer<typeof SequencingPlanJson>;

export const PlanScoreJson = z.looseObject({
  durationDays: z.number(),
  exposure: z
    .array(
      z.looseObject({
        party: z.string(),
        points: z
          .array(
            z.looseObject({
              phase: z.number().int(),
              delivered: z.number(),
              received: z.number(),
              exposure: z.number(),
            }),
          )
          .readonly(),
        peak: z.number(),
      }),
    )
    .readonly()
    .describe('Each party’s cumulative value delivered and received after each phase, in the value unit'),
  imbalance: z.number(),
  objective: z.number(),
});
export type PlanScoreJson = z.infer<typeof PlanScoreJson>;

export const ExposureLineJson = z.looseObject({
  redLine: z.string(),
  party: z.string(),
  limit: z.number().describe('The max-exposure limit in the value unit (a share resolved)'),
});
export type ExposureLineJson = z.infer<typeof ExposureLineJson>;

export const PlanViolationJson = z.looseObject({
  constraint: z.string(),
  redLine: z.string().optional(),
  measures: z.array(z.string()).readonly(),
  message: z.string(),
});
export type PlanViolationJson = z.infer<typeof PlanViolationJson>;

export const RedLineRelaxationJson = z.looseObject({
  conflict: z.number().int().describe('Index into `conflicts`'),
  redLine: z.string(),
  party: z.string(),
  kind: z.string(),
  concession: z
    .number()
    .nullable()
    .describe('The least concession that alone resolves the conflict; null when relaxing it alone does not'),
  unit: z.enum(['value', 'days', 'phases', 'given-up']),
  durationDays: z.number().optional(),
  peakExposure: z.record(z.string(), z.number()).optional(),
  planGap: z
    .number()
    .nullable()
    .optional()
    .describe(
      'How far the plan with the concession may be from the best such plan (relative; 0 = proved within 2 %); it is searched for a few seconds only',
    ),
});
export type RedLineRelaxationJson = z.infer<typeof RedLineRelaxationJson>;

/** The least-concession plan of an infeasible scenario: a plan with the slack each red line needed. */
export const LeastConcessionJson = z.looseObject({
  status: z.string(),
  plan: SequencingPlanJson.optional(),
  score: PlanScoreJson.optional(),
  exposureLines: z.array(ExposureLineJson).readonly().optional(),
  slacks: z.record(z.string(), z.number()).optional(),
});
export type LeastConcessionJson = z.infer<typeof LeastConcessionJson>;

/** A solve's answer, with the plan, score and conflict account spelled out. */
export const PlanJobResult = PlanSolveResult.extend({
  plan: SequencingPlanJson.optional(),
  score: PlanScoreJson.optional(),
  exposureLines: z.array(ExposureLineJson).readonly().optional(),
  violations: z.array(PlanViolationJson).readonly().describe('The plan checker’s findings; empty = sound'),
  relaxations: z.array(RedLineRelaxationJson).readonly().optional(),
  leastConcession: LeastConcessionJson.optional(),
}).meta({ id: 'PlanJobResult' });
export type PlanJobResult = z.infer<typeof PlanJobResult>;

export const PlanJobState = z.enum(['queued', 'running', 'done', 'cancelled', 'failed']);
export type PlanJobState = z.infer<typeof PlanJobState>;

/** A solve job: where it is, and its answer once done. */
export const PlanJob = z
  .object({
    id: z.string(),
    title: z.string().describe('The scenario’s title'),
    state: PlanJobState.describe(
      '`done` has a result (whose status may still be infeasible or error); `cancelled` was stopped before or while solving; `failed` broke',
    ),
    stage: z
      .enum(['queued', 'solving', 'diagnosing', 'finished'])
      .describe('`diagnosing`: no plan satisfies every red line, and the conflicts are being found'),
    solves: z.number().int().describe('Solver calls finished in the current stage'),
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

/** `GET /api/plans/jobs`: the running and queued jobs, then the most recent finished ones (results left out). */
export const PlanJobList = z
  .object({
    jobs: z.array(PlanJob).readonly(),
    queueLimit: z.number().int().describe('Most jobs that may wait in the queue'),
  })
  .meta({ id: 'PlanJobList' });
export type PlanJobList = z.infer<typeof PlanJobList>;
