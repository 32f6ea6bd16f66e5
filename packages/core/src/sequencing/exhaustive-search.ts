import { checkPlan } from './check-plan.ts';
import { type PlanScore, scorePlan } from './plan-objective.ts';
import type { RedLine, SequencingScenario } from './scenario.ts';
import { earliestSchedule, type ScheduledMeasure } from './schedule.ts';
import { SequencingInputError } from './sequencing-input-error.ts';

/** The most phase assignments `exhaustiveSearch` will try. */
export const exhaustiveSearchLimit = 1_000_000;

/** The best plan exhaustive search found, if any plan satisfies every constraint. */
export interface ExhaustiveOptimum {
  readonly schedule: readonly ScheduledMeasure[];
  readonly score: PlanScore;
}

/**
 * Tries every phase for every measure (phaseCount^measures assignments, with the earliest days each allows),
 * keeps those `checkPlan` accepts, and returns the one with the lowest objective, or `undefined` when none
 * is valid. The reference the MILP is tested against; only for small scenarios (`exhaustiveSearchLimit`).
 */
export function exhaustiveSearch(
  scenario: SequencingScenario,
  redLines: readonly RedLine[] = scenario.redLines,
): ExhaustiveOptimum | undefined {
  const { measures, phaseCount } = scenario;
  if (phaseCount ** measures.length > exhaustiveSearchLimit) {
    throw new SequencingInputError(
      'measures',
      `${phaseCount}^${measures.length} phase assignments is too many to search; at most ${exhaustiveSearchLimit}`,
    );
  }
  let best: ExhaustiveOptimum | undefined;
  const phases = new Array<number>(measures.length).fill(0);
  for (;;) {
    const phaseOf = new Map(measures.map((m, i) => [m.id, phases[i]!]));
    const schedule = earliestSchedule(scenario, phaseOf);
    if (schedule && checkPlan(scenario, schedule, redLines).length === 0) {
      const score = scorePlan(scenario, schedule);
      if (!best || score.objective < best.score.objective - 1e-9) best = { schedule, score };
    }
    let digit = 0;
    while (digit < phases.length && phases[digit] === phaseCount - 1) phases[digit++] = 0;
    if (digit === phases.length) return best;
    phases[digit]! += 1;
  }
}
