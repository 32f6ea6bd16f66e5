import type { SequencingMeasure, SequencingScenario } from './scenario.ts';

/** When one measure happens in a plan, in days from the start of the plan (day 0). */
export interface ScheduledMeasure {
  readonly measure: string;
  /** Phase index (0-based). */
  readonly phase: number;
  readonly startDay: number;
  readonly completeDay: number;
  readonly verifiedDay: number;
}

/**
 * The earliest days for a given phase of every measure: all measures of a phase start on the phase's first
 * day; a phase starts when every measure of the phases before it is complete; relations push phases later.
 * Returns `undefined` when no days satisfy the relations with these phases (a relation inside one phase that
 * needs a lag, or one pointing to an earlier phase).
 */
export function earliestSchedule(
  scenario: SequencingScenario,
  phaseOf: ReadonlyMap<string, number>,
): ScheduledMeasure[] | undefined {
  const count = scenario.phaseCount;
  const byId = new Map(scenario.measures.map((m) => [m.id, m]));
  // Difference constraints start(to) >= start(from) + days, solved as longest paths from phase 0.
  const edges: { from: number; to: number; days: number }[] = [];
  for (let p = 0; p + 1 < count; p++) edges.push({ from: p, to: p + 1, days: 0 });
  for (const m of scenario.measures) {
    const p = phaseOf.get(m.id)!;
    if (p + 1 < count) edges.push({ from: p, to: p + 1, days: m.durationDays });
  }
  for (const r of scenario.relations) {
    const before = byId.get(r.before)!;
    edges.push({
      from: phaseOf.get(r.before)!,
      to: phaseOf.get(r.after)!,
      days: anchorOffset(before, r.anchor) + r.lagDays,
    });
  }
  const start = new Array<number>(count).fill(Number.NEGATIVE_INFINITY);
  start[0] = 0;
  for (let round = 0; round <= count; round++) {
    let changed = false;
    for (const edge of edges) {
      const from = start[edge.from]!;
      if (from === Number.NEGATIVE_INFINITY) continue;
      if (from + edge.days > start[edge.to]! + 1e-9) {
        start[edge.to] = from + edge.days;
        changed = true;
      }
    }
    if (!changed) break;
    if (round === count) return undefined;
  }
  return scenario.measures.map((m) => {
    const phase = phaseOf.get(m.id)!;
    const startDay = start[phase]!;
    return {
      measure: m.id,
      phase,
      startDay,
      completeDay: startDay + m.durationDays,
      verifiedDay: startDay + m.durationDays + m.verificationDays,
    };
  });
}

/** Days from a measure's start to the moment a relation or deadline counts from. */
export function anchorOffset(measure: SequencingMeasure, anchor: 'start' | 'complete' | 'verified'): number {
  if (anchor === 'start') return 0;
  if (anchor === 'complete') return measure.durationDays;
  return measure.durationDays + measure.verificationDays;
}
