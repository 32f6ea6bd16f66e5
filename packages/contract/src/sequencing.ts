import { z } from 'zod';

/** `lockstep plan solve FILE`: a scenario file solved, or the account of why no plan exists. */
export const PlanSolveInput = z.object({
  path: z.string().min(1).describe('Scenario file (JSON, see scenario.schema.json)'),
  timeLimitSeconds: z.number().positive().max(3600).optional().describe('Solver time limit (default 60 s)'),
});
export type PlanSolveInput = z.infer<typeof PlanSolveInput>;

export const PlanSolveResult = z
  .looseObject({
    status: z.enum(['optimal', 'feasible', 'infeasible', 'error']),
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
