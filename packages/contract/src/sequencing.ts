import { z } from 'zod';
import { planDefaults } from './defaults.ts';
import { planReliefBases } from './scenario-json.ts';
import { scenarioMaxNameLength, scenarioMaxPhaseCount } from './scenario-limits.ts';
import { WhatIf, WhatIfChange } from './what-if.ts';

/**
 * The what-if fields of a plan command's input: `--without RED_LINE_ID`, `--set ID=VALUE`, `--starts staggered`
 * (see `WhatIf`).
 */
const whatIfFields = { without: WhatIf.shape.without, set: WhatIf.shape.set, starts: WhatIf.shape.starts };

/** What a what-if changed, in each answer given under one. */
const whatIfChanges = z
  .array(WhatIfChange)
  .readonly()
  .optional()
  .describe('What the what-if changed in the scenario (red lines switched off, values set), in order');

/** `lockstep plan solve FILE`: a scenario file solved, or the account of why no plan exists. */
export const PlanSolveInput = z.object({
  path: z.string().min(1).describe('Scenario file (JSON, see scenario.schema.json)'),
  timeLimitSeconds: z
    .number()
    .positive()
    .max(3600)
    .optional()
    .describe(`Solver time limit (default ${planDefaults.solveTimeLimitSeconds} s)`),
  ...whatIfFields,
});
export type PlanSolveInput = z.infer<typeof PlanSolveInput>;

/** One measure of a plan, in days from the plan's start (day 0). */
export const ScheduledMeasureJson = z.object({
  measure: z.string(),
  phase: z.number().int().describe('Phase index, 0-based'),
  startDay: z.number(),
  completeDay: z.number(),
  verifiedDay: z.number(),
});
export type ScheduledMeasureJson = z.infer<typeof ScheduledMeasureJson>;

export const SequencingPlanJson = z.object({
  phases: z
    .array(
      z.object({
        phase: z.number().int(),
        startDay: z.number(),
        measures: z.array(z.string()).readonly(),
      }),
    )
    .readonly(),
  measures: z.array(ScheduledMeasureJson).readonly(),
});
export type SequencingPlanJson = z.infer<typeof SequencingPlanJson>;

export const PlanScoreJson = z.object({
  durationDays: z.number(),
  exposure: z
    .array(
      z.object({
        party: z.string(),
        points: z
          .array(
            z.object({
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

export const ExposureLineJson = z.object({
  redLine: z.string(),
  party: z.string(),
  limit: z.number().describe('The max-exposure limit in the value unit (a share resolved)'),
});
export type ExposureLineJson = z.infer<typeof ExposureLineJson>;

export const PlanViolationJson = z.object({
  constraint: z.string(),
  redLine: z.string().optional(),
  measures: z.array(z.string()).readonly(),
  message: z.string(),
});
export type PlanViolationJson = z.infer<typeof PlanViolationJson>;

export const RedLineRelaxationJson = z.object({
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
export const LeastConcessionJson = z.object({
  status: z.string(),
  plan: SequencingPlanJson.optional(),
  score: PlanScoreJson.optional(),
  exposureLines: z.array(ExposureLineJson).readonly().optional(),
  objectiveValue: z.number().optional(),
  gap: z.number().nullable(),
  solveSeconds: z.number(),
  violations: z.array(PlanViolationJson).readonly(),
  slacks: z.record(z.string(), z.number()).optional().describe('Slack each red line needed, by id'),
  message: z.string().optional(),
});
export type LeastConcessionJson = z.infer<typeof LeastConcessionJson>;

/** One step of phase deepening: the best plan among plans with at most `phases` phases. */
export const DeepeningStepJson = z.object({
  phases: z.number().int().describe('K: the plans this step considered have at most K phases'),
  status: z
    .string()
    .describe('How this step’s solve ended (optimal = proved optimal among plans with ≤ K phases)'),
  objective: z
    .number()
    .nullable()
    .describe('The best objective among plans with ≤ K phases (null: none found)'),
  provedAmongPhases: z
    .boolean()
    .describe('Whether that objective is proved optimal among plans with ≤ K phases'),
  seconds: z.number(),
});
export type DeepeningStepJson = z.infer<typeof DeepeningStepJson>;

/**
 * How a plan was found by phase deepening: the fewest phases first, each step's optimum the start of the next,
 * and how far the plan may be from the best plan with the scenario's full phase count.
 */
export const PhaseDeepeningJson = z.object({
  steps: z.array(DeepeningStepJson).readonly(),
  fullPhases: z.number().int().describe('The scenario’s phase count, which the bound and gap are for'),
  provedOptimalUpTo: z
    .number()
    .int()
    .optional()
    .describe('The largest K for which the plan is proved optimal among plans with ≤ K phases'),
  fullBound: z
    .number()
    .nullable()
    .describe(
      'The best lower bound known on the objective with the scenario’s full phase count (null: none)',
    ),
  fullGap: z
    .number()
    .nullable()
    .describe('Relative gap of the plan to that bound (0 = proved optimal with the full phase count)'),
  phasesNeeded: z
    .object({
      phases: z.number().int().describe('Some optimal plan has at most this many phases'),
      reason: z.string().describe('Why, with the scenario’s own figures'),
    })
    .optional()
    .describe(
      'When an optimal plan needs fewer phases than the scenario has: every solve used that many, and the last step stands for the full count',
    ),
});
export type PhaseDeepeningJson = z.infer<typeof PhaseDeepeningJson>;

/** A solve's answer, with the plan, score and conflict account spelled out. */
export const PlanSolveResult = z
  .looseObject({
    status: z.enum(['optimal', 'feasible', 'infeasible', 'cancelled', 'error']),
    gap: z.number().nullable(),
    solveSeconds: z.number(),
    plan: SequencingPlanJson.optional(),
    score: PlanScoreJson.optional(),
    exposureLines: z.array(ExposureLineJson).readonly().optional(),
    violations: z.array(PlanViolationJson).readonly().describe('The plan checker’s findings; empty = sound'),
    conflicts: z.array(z.array(z.string()).readonly()).readonly().optional(),
    relaxations: z.array(RedLineRelaxationJson).readonly().optional(),
    leastConcession: LeastConcessionJson.optional(),
    deepening: PhaseDeepeningJson.optional().describe(
      'The phase deepening that found the plan: optimal among plans with ≤ K phases, and the gap to the full count',
    ),
    message: z.string().optional(),
    whatIf: whatIfChanges,
  })
  .meta({ id: 'PlanSolveResult' });
export type PlanSolveResult = z.infer<typeof PlanSolveResult>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/** `lockstep plan init`: a scenario built from the stored data. */
export const PlanInitInput = z.object({
  nuclearAsOf: isoDate
    .optional()
    .describe('Date of the IAEA figures Iran’s steps start from (default: the latest report)'),
  snapshot: z
    .string()
    .min(1)
    .optional()
    .describe(
      `OFAC snapshot the US relief is classified on (default ${planDefaults.reliefSnapshot}, the list of the Vienna talks)`,
    ),
  phaseCount: z
    .number()
    .int()
    .min(1)
    .max(scenarioMaxPhaseCount)
    .optional()
    .describe(`Most phases a plan may use (default ${planDefaults.phaseCount})`),
  title: z
    .string()
    .min(1)
    .max(scenarioMaxNameLength)
    .optional()
    .describe(`Scenario title (at most ${scenarioMaxNameLength} characters)`),
  reliefBasis: z
    .enum(planReliefBases, {
      error: (issue) =>
        `reliefBasis (--relief-basis): ${JSON.stringify(issue.input)} is not accepted: expected designations or economics`,
    })
    .optional()
    .describe(
      'What the US measures are valued on: designations (each measure’s share of the points follows the designations it lifts; the default) or economics (sourced figures: oil exports restored, assets released)',
    ),
});
export type PlanInitInput = z.infer<typeof PlanInitInput>;

/** `lockstep plan check FILE PLAN`: a plan checked against a scenario. */
export const PlanCheckInput = z.object({
  path: z.string().min(1).describe('Scenario file'),
  planPath: z.string().min(1).describe('Plan file: plan solve --json output, {measures} or {phases}'),
  ...whatIfFields,
});
export type PlanCheckInput = z.infer<typeof PlanCheckInput>;

export const PlanCheckResult = z
  .looseObject({
    valid: z.boolean(),
    days: z.enum(['given', 'earliest']),
    schedule: z.array(ScheduledMeasureJson).readonly(),
    score: PlanScoreJson,
    violations: z.array(PlanViolationJson).readonly(),
    whatIf: whatIfChanges,
  })
  .meta({ id: 'PlanCheckResult' });
export type PlanCheckResult = z.infer<typeof PlanCheckResult>;

/** `lockstep plan explain FILE`: a scenario in words. */
export const PlanExplainInput = z.object({
  path: z.string().min(1).describe('Scenario file'),
  includeLp: z.boolean().optional().describe('Also return the MILP in LP format, as HiGHS is given it'),
  ...whatIfFields,
});
export type PlanExplainInput = z.infer<typeof PlanExplainInput>;

export const PlanExplanation = z
  .object({
    title: z.string(),
    valueUnit: z.string(),
    valueBasis: z
      .string()
      .optional()
      .describe(
        'What a party’s values rest on, when the scenario says (designations lifted, sourced economics)',
      ),
    phaseCount: z.number(),
    parties: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          measures: z.number(),
          totalValue: z.number(),
          measuresWithAssumptions: z.number(),
        }),
      )
      .readonly(),
    relations: z.array(z.string()).readonly(),
    redLines: z
      .array(
        z.object({
          id: z.string(),
          party: z.string(),
          kind: z.string(),
          rule: z.string(),
          text: z.string().optional(),
          source: z.string().optional(),
        }),
      )
      .readonly(),
    criticalPath: z.object({ days: z.number(), measures: z.array(z.string()).readonly() }),
    model: z.object({ variables: z.number(), binaries: z.number(), constraints: z.number() }),
    assumptions: z.array(z.string()).readonly(),
    sources: z.array(z.string()).readonly(),
    lp: z.string().optional(),
    whatIf: whatIfChanges,
  })
  .meta({ id: 'PlanExplanation' });
export type PlanExplanation = z.infer<typeof PlanExplanation>;
