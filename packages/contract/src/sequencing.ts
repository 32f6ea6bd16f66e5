import { z } from 'zod';

/** `lockstep plan solve FILE`: a scenario file solved, or the account of why no plan exists. */
export const PlanSolveInput = z.object({
  path: z.string().min(1).describe('Scenario file (JSON, see scenario.schema.json)'),
  timeLimitSeconds: z.number().positive().max(3600).optional().describe('Solver time limit (default 60 s)'),
});
export type PlanSolveInput = z.infer<typeof PlanSolveInput>;

export const PlanSolveResult = z
  .looseObject({
    status: z.enum(['optimal', 'feasible', 'infeasible', 'cancelled', 'error']),
    gap: z.number().nullable(),
    solveSeconds: z.number(),
    plan: z.unknown().optional(),
    score: z.unknown().optional(),
    violations: z.array(z.unknown()).readonly(),
    conflicts: z.array(z.array(z.string()).readonly()).readonly().optional(),
    relaxations: z.array(z.unknown()).readonly().optional(),
    message: z.string().optional(),
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
    .describe('OFAC snapshot the US relief is classified on (default: the newest SDN list)'),
  phaseCount: z.number().int().min(1).max(30).optional().describe('Most phases a plan may use (default 6)'),
  title: z.string().min(1).optional().describe('Scenario title'),
});
export type PlanInitInput = z.infer<typeof PlanInitInput>;

/** A scenario (see scenario.schema.json). */
export const ScenarioJson = z
  .looseObject({
    title: z.string(),
    valueUnit: z.string(),
    phaseCount: z.number(),
    parties: z.array(z.unknown()).readonly(),
    measures: z.array(z.unknown()).readonly(),
    relations: z.array(z.unknown()).readonly(),
    redLines: z.array(z.unknown()).readonly(),
  })
  .meta({ id: 'ScenarioJson' });
export type ScenarioJson = z.infer<typeof ScenarioJson>;

/** `lockstep plan check FILE PLAN`: a plan checked against a scenario. */
export const PlanCheckInput = z.object({
  path: z.string().min(1).describe('Scenario file'),
  planPath: z.string().min(1).describe('Plan file: plan solve --json output, {measures} or {phases}'),
});
export type PlanCheckInput = z.infer<typeof PlanCheckInput>;

export const PlanCheckResult = z
  .looseObject({
    valid: z.boolean(),
    days: z.enum(['given', 'earliest']),
    schedule: z.array(z.unknown()).readonly(),
    score: z.unknown(),
    violations: z
      .array(
        z.object({
          constraint: z.string(),
          redLine: z.string().optional(),
          measures: z.array(z.string()).readonly(),
          message: z.string(),
        }),
      )
      .readonly(),
  })
  .meta({ id: 'PlanCheckResult' });
export type PlanCheckResult = z.infer<typeof PlanCheckResult>;

/** `lockstep plan explain FILE`: a scenario in words. */
export const PlanExplainInput = z.object({
  path: z.string().min(1).describe('Scenario file'),
  includeLp: z.boolean().optional().describe('Also return the MILP in LP format, as HiGHS is given it'),
});
export type PlanExplainInput = z.infer<typeof PlanExplainInput>;

export const PlanExplanation = z
  .object({
    title: z.string(),
    valueUnit: z.string(),
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
  })
  .meta({ id: 'PlanExplanation' });
export type PlanExplanation = z.infer<typeof PlanExplanation>;
