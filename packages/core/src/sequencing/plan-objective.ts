import { criticalPath } from './critical-path.ts';
import { type ExposureCurve, exposureCurves } from './exposure.ts';
import type { SequencingScenario } from './scenario.ts';
import type { ScheduledMeasure } from './schedule.ts';

/** A plan's score under the scenario's objective, with its parts. */
export interface PlanScore {
  /** The day the last measure is complete (0 for no measures). */
  readonly durationDays: number;
  /** Cumulative value and exposure of each party over the phases. */
  readonly exposure: readonly ExposureCurve[];
  /** The largest difference between two parties' peak exposures. */
  readonly imbalance: number;
  /** durationWeight x durationDays + exposureWeight x Σ peaks + imbalanceWeight x imbalance. */
  readonly objective: number;
}

/** Scores a plan (its schedule) under the scenario's objective. */
export function scorePlan(scenario: SequencingScenario, schedule: readonly ScheduledMeasure[]): PlanScore {
  const phaseOf = new Map(schedule.map((s) => [s.measure, s.phase]));
  const exposure = exposureCurves(scenario, phaseOf);
  const durationDays = schedule.reduce((last, s) => Math.max(last, s.completeDay), 0);
  const peaks = exposure.map((c) => c.peak);
  const imbalance =
    peaks.reduce((most, p) => Math.max(most, p), 0) -
    peaks.reduce((least, p) => Math.min(least, p), Number.POSITIVE_INFINITY);
  const { durationWeight, exposureWeight, imbalanceWeight } = scenario.objective;
  return {
    durationDays,
    exposure,
    imbalance,
    objective:
      durationWeight * durationDays +
      exposureWeight * peaks.reduce((a, b) => a + b, 0) +
      imbalanceWeight * imbalance,
  };
}

/**
 * A lower bound on the objective of every plan, proved without a solver: no plan is shorter than the
 * critical path, and peaks and imbalance are never below 0. Loose, but enough to give a plan found without
 * the solver's bound a true (if pessimistic) gap.
 */
export function objectiveLowerBound(scenario: SequencingScenario): number {
  return scenario.objective.durationWeight * criticalPath(scenario).days;
}

/** The relative gap between a plan's objective and a lower bound, as solvers report it (0 when they meet). */
export function relativeGap(objective: number, lowerBound: number): number {
  const gap = objective - lowerBound;
  return gap <= 1e-9 ? 0 : gap / Math.max(Math.abs(objective), 1e-9);
}
