import { totalDelivered } from '../exposure.ts';
import { range, term, x } from '../model-terms.ts';
import { planTolerance } from '../plan-tolerance.ts';
import type { PlanViolation } from '../plan-violation.ts';
import type { RedLineKind } from './red-line-kind.ts';

/**
 * "The other side must have started before we complete more than `allowance`": once the party's delivered
 * value exceeds the allowance, some measure of another party is in the same or an earlier phase.
 */
export const otherStartsFirst: RedLineKind<'other-starts-first'> = {
  kind: 'other-starts-first',

  validate: (fields, base) => ({ ...base, kind: 'other-starts-first', allowance: fields.value('allowance') }),

  startDayMeasures: () => [],

  modelRows(redLine, { scenario, number: r, slack, partyMeasures, otherMeasures, variables, add }) {
    const { measures, phaseCount } = scenario;
    const own = totalDelivered(scenario, redLine.party);
    if (own <= redLine.allowance) return;
    // Value delivered and others' measures started through phase k, as running sums (one row per phase,
    // not the k + 1 phases of every measure in each row); substituting them back gives the same rows.
    const delivered = (k: number) => `osf_delivered_${r}_${k}`;
    const started = (k: number) => `osf_started_${r}_${k}`;
    for (const k of range(0, phaseCount)) {
      variables.push(
        { name: delivered(k), lower: 0, upper: own, type: 'continuous' },
        { name: started(k), lower: 0, upper: otherMeasures.length, type: 'continuous' },
      );
      const before = (name: (k: number) => string) => (k > 0 ? [term(name(k - 1), -1)] : []);
      add(
        `red_${r}_delivered_${k}`,
        [
          term(delivered(k), 1),
          ...before(delivered),
          ...partyMeasures.map((i) => term(x(i, k), -measures[i]!.value)),
        ],
        '=',
        0,
      );
      add(
        `red_${r}_started_${k}`,
        [term(started(k), 1), ...before(started), ...otherMeasures.map((i) => term(x(i, k), -1))],
        '=',
        0,
      );
      add(
        `red_${r}_${k}`,
        [term(delivered(k), 1), term(started(k), -own), ...slack],
        '<=',
        redLine.allowance,
      );
    }
  },

  check(redLine, { scenario, phaseOf, own, others, crossed }) {
    const violations: PlanViolation[] = [];
    for (let phase = 0; phase < scenario.phaseCount; phase++) {
      const done = own.filter((m) => phaseOf.get(m.id)! <= phase);
      const delivered = done.reduce((sum, m) => sum + m.value, 0);
      const othersStarted = others.some((m) => phaseOf.get(m.id)! <= phase);
      if (delivered > redLine.allowance + planTolerance && !othersStarted) {
        violations.push(
          crossed(
            done.map((m) => m.id),
            `${delivered} delivered by phase ${phase}, more than ${redLine.allowance}, before any other party has started`,
          ),
        );
      }
    }
    return violations;
  },

  holdsWhileFilling(redLine, { scenario, phase, added, phaseOf, delivered }) {
    if ((delivered.get(redLine.party) ?? 0) <= redLine.allowance + 1e-9) return true;
    const byId = new Map(scenario.measures.map((m) => [m.id, m]));
    return (
      added.some((m) => m.party !== redLine.party) ||
      [...phaseOf].some(([id, p]) => p <= phase && byId.get(id)!.party !== redLine.party)
    );
  },

  exposureLimit: () => undefined,

  explain: (redLine, { name, format }) =>
    `once ${name} has delivered more than ${format(redLine.allowance)}, another party must have started a measure in the same or an earlier phase`,

  concessionUnit: 'value',
  maxSlack: () => Number.POSITIVE_INFINITY,
};
