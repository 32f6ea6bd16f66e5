import { checkPlan } from './check-plan.ts';
import { type PlanScore, scorePlan } from './plan-objective.ts';
import type { PlanViolation } from './plan-violation.ts';
import type { SequencingScenario } from './scenario.ts';
import { earliestSchedule, type ScheduledMeasure } from './schedule.ts';

/** Where a plan puts one measure: its phase, and its start day when the plan gives days. */
export interface MeasurePlacement {
  readonly measure: string;
  readonly phase: number;
  readonly startDay?: number;
}

/** A plan someone wrote or a solver returned, checked against a scenario. */
export interface PlacementCheck {
  /** `given`: the plan's own days were checked; `earliest`: the plan gives phases only, days were derived. */
  readonly days: 'given' | 'earliest';
  readonly schedule: readonly ScheduledMeasure[];
  readonly score: PlanScore;
  /** Every constraint the plan breaks; empty when it is valid. */
  readonly violations: readonly PlanViolation[];
}

/**
 * Checks a plan given as phases (and perhaps days) with `checkPlan`. When every measure has a start day,
 * those days are checked as given; otherwise each phase starts on the earliest day its relations allow, or,
 * when no days satisfy them, as soon as the phase before is complete (and the relation violations say why).
 */
export function checkPlacement(
  scenario: SequencingScenario,
  placements: readonly MeasurePlacement[],
): PlacementCheck {
  const byId = new Map(scenario.measures.map((m) => [m.id, m]));
  const given = placements.length > 0 && placements.every((p) => p.startDay !== undefined);
  let schedule: ScheduledMeasure[];
  if (given) {
    schedule = placements.map((p) => scheduled(p, p.startDay!, byId));
  } else {
    const phaseOf = new Map(placements.map((p) => [p.measure, p.phase]));
    const complete =
      scenario.measures.every((m) => phaseOf.has(m.id)) &&
      placements.every((p) => byId.has(p.measure) && Number.isInteger(p.phase) && p.phase >= 0);
    const earliest =
      complete && placements.every((p) => p.phase < scenario.phaseCount)
        ? earliestSchedule(scenario, phaseOf)
        : undefined;
    schedule = earliest ?? backToBack(placements, byId);
  }
  return {
    days: given ? 'given' : 'earliest',
    schedule,
    score: scorePlan(
      scenario,
      schedule.filter((s) => byId.has(s.measure)),
    ),
    violations: checkPlan(scenario, schedule),
  };
}

type Measures = ReadonlyMap<string, SequencingScenario['measures'][number]>;

function scheduled(p: MeasurePlacement, startDay: number, byId: Measures): ScheduledMeasure {
  const m = byId.get(p.measure);
  const duration = m?.durationDays ?? 0;
  return {
    measure: p.measure,
    phase: p.phase,
    startDay,
    completeDay: startDay + duration,
    verifiedDay: startDay + duration + (m?.verificationDays ?? 0),
  };
}

/** Days when relations cannot be met: each phase starts when the one before it is complete. */
function backToBack(placements: readonly MeasurePlacement[], byId: Measures): ScheduledMeasure[] {
  const phases = [...new Set(placements.map((p) => p.phase))].sort((a, b) => a - b);
  const startOf = new Map<number, number>();
  let day = 0;
  for (const phase of phases) {
    startOf.set(phase, day);
    const inPhase = placements.filter((p) => p.phase === phase);
    day += inPhase.reduce((most, p) => Math.max(most, byId.get(p.measure)?.durationDays ?? 0), 0);
  }
  return placements.map((p) => scheduled(p, startOf.get(p.phase)!, byId));
}
