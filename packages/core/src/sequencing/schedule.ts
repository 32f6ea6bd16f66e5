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
 * The earliest days for a given phase of every measure. A phase starts when every measure of the phases before
 * it is complete. With phase starts (the default), all measures of a phase start on the phase's first day and
 * relations push whole phases later; with staggered starts (`scenario.starts`), each measure starts on the
 * phase's first day or, when a relation makes it wait, on the first day the relation allows (only that measure
 * waits, not its phase), and the next phase waits for it. Returns `undefined` when no days satisfy the
 * relations with these phases (a relation with a wait inside one phase, or one pointing to an earlier phase).
 */
export function earliestSchedule(
  scenario: SequencingScenario,
  phaseOf: ReadonlyMap<string, number>,
): ScheduledMeasure[] | undefined {
  const count = scenario.phaseCount;
  const staggered = scenario.starts === 'staggered';
  const byId = new Map(scenario.measures.map((m) => [m.id, m]));
  // Difference constraints day(to) >= day(from) + days, solved as longest paths from phase 0. Nodes 0 to
  // count - 1 are the phases' first days; under staggered starts, node count + i is measure i's start day.
  const measureNode = new Map(
    scenario.measures.map((m, i) => [m.id, staggered ? count + i : phaseOf.get(m.id)!]),
  );
  const edges: { from: number; to: number; days: number }[] = [];
  for (let p = 0; p + 1 < count; p++) edges.push({ from: p, to: p + 1, days: 0 });
  for (const m of scenario.measures) {
    const p = phaseOf.get(m.id)!;
    const node = measureNode.get(m.id)!;
    if (staggered) edges.push({ from: p, to: node, days: 0 });
    if (p + 1 < count) edges.push({ from: node, to: p + 1, days: m.durationDays });
  }
  for (const r of scenario.relations) {
    const before = byId.get(r.before)!;
    // A measure that waits for another is in a later phase: under phase starts the lag itself says so;
    // under staggered starts it must be said, or the wait would hide inside one phase's exposure.
    const waits = anchorOffset(before, r.anchor) + r.lagDays > 0;
    if (staggered && waits && phaseOf.get(r.after)! <= phaseOf.get(r.before)!) return undefined;
    edges.push({
      from: measureNode.get(r.before)!,
      to: measureNode.get(r.after)!,
      days: anchorOffset(before, r.anchor) + r.lagDays,
    });
  }
  const nodes = staggered ? count + scenario.measures.length : count;
  const day = new Array<number>(nodes).fill(Number.NEGATIVE_INFINITY);
  day[0] = 0;
  for (let round = 0; round <= nodes; round++) {
    let changed = false;
    for (const edge of edges) {
      const from = day[edge.from]!;
      if (from === Number.NEGATIVE_INFINITY) continue;
      if (from + edge.days > day[edge.to]! + 1e-9) {
        day[edge.to] = from + edge.days;
        changed = true;
      }
    }
    if (!changed) break;
    if (round === nodes) return undefined;
  }
  return scenario.measures.map((m) => {
    const phase = phaseOf.get(m.id)!;
    const startDay = day[measureNode.get(m.id)!]!;
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
