import { s, term } from '../model-terms.ts';
import { planTolerance } from '../plan-tolerance.ts';
import { anchorOffset } from '../schedule.ts';
import type { RedLineKind } from './red-line-kind.ts';

/** The listed measures complete (or verified) by day `byDay`. */
export const deadline: RedLineKind<'deadline'> = {
  kind: 'deadline',

  validate: (fields, base) => ({
    ...base,
    kind: 'deadline',
    measures: fields.measures(1),
    byDay: fields.days('byDay'),
    anchor: fields.has('anchor') ? fields.oneOf('anchor', ['complete', 'verified'] as const) : 'complete',
  }),

  startDayMeasures: (redLine) => redLine.measures,

  modelRows(redLine, { scenario, number: r, slack, measureIndex, add }) {
    for (const id of redLine.measures) {
      const i = measureIndex.get(id)!;
      add(
        `red_${r}_${i}`,
        [term(s(i), 1), ...slack],
        '<=',
        redLine.byDay - anchorOffset(scenario.measures[i]!, redLine.anchor),
      );
    }
  },

  check(redLine, { scenario, at, crossed }) {
    const byId = new Map(scenario.measures.map((m) => [m.id, m]));
    return redLine.measures.flatMap((id) => {
      const day = at.get(id)!.startDay + anchorOffset(byId.get(id)!, redLine.anchor);
      return day > redLine.byDay + planTolerance
        ? [crossed([id], `"${id}" is ${redLine.anchor} on day ${day}, after day ${redLine.byDay}`)]
        : [];
    });
  },

  // Days are only known once every phase is filled: the greedy's plan is checked whole.
  holdsWhileFilling: () => true,

  exposureLimit: () => undefined,

  explain: (redLine) =>
    `${redLine.measures.join(', ')} ${redLine.measures.length === 1 ? 'is' : 'are'} ${redLine.anchor} by day ${redLine.byDay}`,

  concessionUnit: 'days',
  maxSlack: () => Number.POSITIVE_INFINITY,
};
