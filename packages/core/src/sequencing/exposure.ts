import type { MaxExposureRedLine, SequencingScenario } from './scenario.ts';

/** One party's position after one phase, in the scenario's value unit. */
export interface ExposurePoint {
  /** Phase index (0-based). */
  readonly phase: number;
  /** Value the party has delivered, cumulated over phases 0..phase. */
  readonly delivered: number;
  /** Value the other parties have delivered to it over phases 0..phase. */
  readonly received: number;
  /** `delivered - received`: how far the party is ahead of what it got back. */
  readonly exposure: number;
}

/** One party's cumulative value and exposure over the phases, with its peak. */
export interface ExposureCurve {
  readonly party: string;
  readonly points: readonly ExposurePoint[];
  /** The largest exposure after any phase, and never below 0 (before anything happens it is 0). */
  readonly peak: number;
}

/**
 * Cumulative value delivered and received by each party after each phase, given the phase of every measure.
 * A measure's value counts in the phase it is placed in, for both sides: measures in the same phase are
 * exchanged simultaneously, so they offset each other.
 */
export function exposureCurves(
  scenario: SequencingScenario,
  phaseOf: ReadonlyMap<string, number>,
): ExposureCurve[] {
  return scenario.parties.map((party) => {
    const points: ExposurePoint[] = [];
    let delivered = 0;
    let received = 0;
    for (let phase = 0; phase < scenario.phaseCount; phase++) {
      for (const measure of scenario.measures) {
        if (phaseOf.get(measure.id) !== phase) continue;
        if (measure.party === party.id) delivered += measure.value;
        else received += measure.value;
      }
      points.push({ phase, delivered, received, exposure: delivered - received });
    }
    return { party: party.id, points, peak: points.reduce((most, p) => Math.max(most, p.exposure), 0) };
  });
}

/** Everything a party delivers over the whole plan, in the scenario's value unit. */
export function totalDelivered(scenario: SequencingScenario, party: string): number {
  return scenario.measures.filter((m) => m.party === party).reduce((sum, m) => sum + m.value, 0);
}

/** A max-exposure red line's limit in the scenario's value unit (a `share` resolved against the party's total). */
export function exposureLimit(scenario: SequencingScenario, redLine: MaxExposureRedLine): number {
  return redLine.limit ?? (redLine.share ?? 0) * totalDelivered(scenario, redLine.party);
}
