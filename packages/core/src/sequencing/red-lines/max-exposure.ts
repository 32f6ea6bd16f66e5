import { exposureCurves, exposureLimit, totalDelivered } from '../exposure.ts';
import { exposure, range, term, x } from '../model-terms.ts';
import { planTolerance } from '../plan-tolerance.ts';
import { SequencingInputError } from '../sequencing-input-error.ts';
import type { RedLineKind } from './red-line-kind.ts';

/** The most a party will have delivered beyond what it has received, after any phase. */
export const maxExposure: RedLineKind<'max-exposure'> = {
  kind: 'max-exposure',

  validate(fields, base) {
    const hasLimit = fields.has('limit');
    const hasShare = fields.has('share');
    if (hasLimit === hasShare) {
      throw new SequencingInputError(
        fields.at,
        'a max-exposure red line needs exactly one of limit (a value) or share (0-1)',
      );
    }
    if (hasLimit) return { ...base, kind: 'max-exposure', limit: fields.value('limit') };
    const share = fields.number('share', 0, Number.POSITIVE_INFINITY, 'a share');
    if (share > 1)
      throw new SequencingInputError(`${fields.at}.share`, `${share} is not a share between 0 and 1`);
    return { ...base, kind: 'max-exposure', share };
  },

  startDayMeasures: () => [],

  modelRows(redLine, { scenario, number: r, slack, parties, add }) {
    const { measures, phaseCount } = scenario;
    const limit = exposureLimit(scenario, redLine);
    const j = parties.get(redLine.party);
    for (const k of range(0, phaseCount)) {
      const terms =
        j === undefined
          ? measures.flatMap((m, i) =>
              range(0, k + 1).map((p) => term(x(i, p), m.party === redLine.party ? m.value : -m.value)),
            )
          : [term(exposure(j, k), 1)];
      add(`red_${r}_${k}`, [...terms, ...slack], '<=', limit);
    }
  },

  check(redLine, { scenario, phaseOf, own, crossed }) {
    const limit = exposureLimit(scenario, redLine);
    const curve = exposureCurves(scenario, phaseOf).find((c) => c.party === redLine.party)!;
    return curve.points
      .filter((p) => p.exposure > limit + planTolerance)
      .map((p) =>
        crossed(
          own.filter((m) => phaseOf.get(m.id)! <= p.phase).map((m) => m.id),
          `exposure ${p.exposure} after phase ${p.phase} exceeds ${limit}`,
        ),
      );
  },

  holdsWhileFilling: (redLine, step) =>
    step.exposure(redLine.party) <= exposureLimit(step.scenario, redLine) + 1e-9,

  exposureLimit: (redLine, scenario) => exposureLimit(scenario, redLine),

  explain(redLine, { scenario, name, format }) {
    const limit = exposureLimit(scenario, redLine);
    const share =
      redLine.share === undefined
        ? ''
        : ` (${Math.round(redLine.share * 1000) / 10} % of the ${format(totalDelivered(scenario, redLine.party))} it delivers)`;
    return `${name} never has delivered more than ${format(limit)}${share} beyond what it has received, after any phase`;
  },

  concessionUnit: 'value',
  maxSlack: () => Number.POSITIVE_INFINITY,
};
