import type { RedLine, SequencingMeasure, SequencingRelation, SequencingScenario } from '../scenario.ts';
import type { ScenarioLimits } from '../scenario-limits.ts';

/**
 * A scenario with every count at its limit (phases, parties, measures, relations, red lines), for tests and
 * measurements of what the limits allow: relations form a seeded random chain-rich DAG (verified anchors,
 * lags), and the red lines cycle through the kinds that make the largest models (same-phase and deadline
 * over every measure, other-starts-first, all-after-theirs, max-exposure). Figures are plausible, not sourced.
 */
export function scenarioAtLimits(limits: ScenarioLimits, seed = 11): SequencingScenario {
  let state = seed;
  const random = () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const parties = Array.from({ length: limits.parties }, (_, j) => ({
    id: `party-${j}`,
    name: `Party ${j}`,
  }));
  const measures: SequencingMeasure[] = Array.from({ length: limits.measures }, (_, i) => ({
    id: `measure-${i}`,
    party: parties[i % parties.length]!.id,
    kind: 'legal-step',
    text: `Measure ${i}`,
    durationDays: between(1, Math.min(120, limits.days)),
    value: between(1, Math.min(40, limits.value)),
    reversalDays: 0,
    verificationDays: between(0, Math.min(30, limits.days)),
  }));
  const relations: SequencingRelation[] = Array.from({ length: limits.relations }, (_, k) => {
    const before = k < measures.length - 1 ? k : between(0, measures.length - 2);
    const after = k < measures.length - 1 ? k + 1 : between(before + 1, measures.length - 1);
    return {
      before: measures[before]!.id,
      after: measures[after]!.id,
      anchor: 'verified',
      lagDays: between(0, Math.min(14, limits.days)),
    };
  });
  const ids = measures.map((m) => m.id);
  const redLineOfKind = {
    'same-phase': (base) => ({ ...base, kind: 'same-phase', measures: ids }),
    deadline: (base) => ({
      ...base,
      kind: 'deadline',
      measures: ids,
      byDay: limits.days,
      anchor: 'complete',
    }),
    'other-starts-first': (base) => ({ ...base, kind: 'other-starts-first', allowance: 10 }),
    'all-after-theirs': (base) => ({ ...base, kind: 'all-after-theirs' }),
    'max-exposure': (base) => ({ ...base, kind: 'max-exposure', share: 0.5 }),
  } satisfies Record<RedLine['kind'], (base: { id: string; party: string }) => RedLine>;
  const kinds = ['same-phase', 'deadline', 'other-starts-first', 'all-after-theirs', 'max-exposure'] as const;
  const redLines = Array.from({ length: limits.redLines }, (_, r) =>
    redLineOfKind[kinds[r % kinds.length]!]({ id: `red-line-${r}`, party: parties[r % parties.length]!.id }),
  );
  return {
    title: `${limits.measures} measures, ${limits.phaseCount} phases`,
    valueUnit: 'points',
    phaseCount: limits.phaseCount,
    parties,
    measures,
    relations,
    redLines,
    objective: { durationWeight: 1, exposureWeight: 1, imbalanceWeight: 2 },
  };
}
