import { range, term, x } from '../model-terms.ts';
import type { PlanViolation } from '../plan-violation.ts';
import type { RedLineKind } from './red-line-kind.ts';

/** "All of ours after all of theirs": every measure of the party in a later phase than every other measure. */
export const allAfterTheirs: RedLineKind<'all-after-theirs'> = {
  kind: 'all-after-theirs',

  validate: (_fields, base) => ({ ...base, kind: 'all-after-theirs' }),

  startDayMeasures: () => [],

  modelRows(_redLine, { scenario, number: r, slack, partyMeasures, otherMeasures, variables, add }) {
    // "Each of ours after each of theirs" through two bounds rather than one row per pair (which grew with
    // the square of the measures): f_r at most the phase of each of ours, l_r at least the phase of each
    // of theirs, f_r >= l_r + 1 (less the slack). Eliminating f_r and l_r gives back exactly the pairs.
    if (partyMeasures.length === 0 || otherMeasures.length === 0) return;
    const { phaseCount } = scenario;
    const phaseNumber = (i: number, sign: number) => range(0, phaseCount).map((p) => term(x(i, p), sign * p));
    const first = `aat_first_${r}`;
    const last = `aat_last_${r}`;
    for (const name of [first, last])
      variables.push({ name, lower: 0, upper: phaseCount - 1, type: 'continuous' });
    for (const i of partyMeasures) add(`red_${r}_own_${i}`, [...phaseNumber(i, 1), term(first, -1)], '>=', 0);
    for (const n of otherMeasures)
      add(`red_${r}_other_${n}`, [term(last, 1), ...phaseNumber(n, -1)], '>=', 0);
    add(`red_${r}`, [term(first, 1), term(last, -1), ...slack.map((tm) => term(tm.variable, 1))], '>=', 1);
  },

  check(_redLine, { phaseOf, own, others, crossed }) {
    const violations: PlanViolation[] = [];
    for (const m of own) {
      for (const n of others) {
        if (phaseOf.get(m.id)! <= phaseOf.get(n.id)!) {
          violations.push(
            crossed(
              [m.id, n.id],
              `"${m.id}" (phase ${phaseOf.get(m.id)}) is not after "${n.id}" (phase ${phaseOf.get(n.id)})`,
            ),
          );
        }
      }
    }
    return violations;
  },

  // Whether ours all come after theirs is only known once every measure is placed: the greedy's plan is
  // checked whole.
  holdsWhileFilling: () => true,

  exposureLimit: () => undefined,

  explain: (_redLine, { name }) =>
    `every measure of ${name} comes in a later phase than every measure of the other parties`,

  concessionUnit: 'phases',
  // Overlapping by every phase is as far as the slack can go.
  maxSlack: (scenario) => scenario.phaseCount,
};
