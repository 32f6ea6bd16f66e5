import { range, term, x } from '../model-terms.ts';
import type { RedLineKind } from './red-line-kind.ts';

/** The listed measures in the same phase ("simultaneously", as on Implementation Day). */
export const samePhase: RedLineKind<'same-phase'> = {
  kind: 'same-phase',

  validate: (fields, base) => ({ ...base, kind: 'same-phase', measures: fields.measures(2) }),

  startDayMeasures: () => [],

  modelRows(redLine, { scenario, number: r, slack, measureIndex, add }) {
    const [first, ...rest] = redLine.measures.map((id) => measureIndex.get(id)!);
    for (const i of rest) {
      for (const p of range(0, scenario.phaseCount)) {
        if (slack.length === 0) {
          // Enforced: one equality per phase, half the rows of the two inequalities the slack needs.
          add(`red_${r}_${i}_${p}`, [term(x(first!, p), 1), term(x(i, p), -1)], '=', 0);
          continue;
        }
        add(`red_${r}_${i}_${p}_a`, [term(x(first!, p), 1), term(x(i, p), -1), ...slack], '<=', 0);
        add(`red_${r}_${i}_${p}_b`, [term(x(i, p), 1), term(x(first!, p), -1), ...slack], '<=', 0);
      }
    }
  },

  check(redLine, { phaseOf, crossed }) {
    const phases = new Set(redLine.measures.map((id) => phaseOf.get(id)));
    return phases.size > 1
      ? [
          crossed(
            redLine.measures,
            `${redLine.measures.map((id) => `"${id}" in phase ${phaseOf.get(id)}`).join(', ')}: not simultaneous`,
          ),
        ]
      : [];
  },

  // Measures still to be placed may yet join the others' phase: the greedy's plan is checked whole.
  holdsWhileFilling: () => true,

  exposureLimit: () => undefined,

  explain: (redLine) => `${redLine.measures.join(', ')} fall in the same phase`,

  concessionUnit: 'given-up',
  // A slack of 1 frees the measures from each other entirely: the red line is given up.
  maxSlack: () => 1,
};
