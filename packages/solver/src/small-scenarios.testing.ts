import type { RedLine, SequencingMeasure, SequencingRelation, SequencingScenario } from '@lockstep/core';
import fc from 'fast-check';

/*
 * Random small sequencing scenarios for the solver's property tests (the MILP, phase deepening): small enough
 * that exhaustive search over every phase assignment is quick.
 */

const parties = ['us', 'iran'] as const;

/** Random small scenarios: up to 5 measures and 4 phases, so exhaustive search (<= 1,024 plans) is quick. */
export const smallScenarios: fc.Arbitrary<SequencingScenario> = fc
  .record({
    phaseCount: fc.integer({ min: 1, max: 4 }),
    measures: fc.array(
      fc.record({
        party: fc.constantFrom(...parties),
        durationDays: fc.integer({ min: 0, max: 60 }),
        value: fc.integer({ min: 0, max: 50 }),
        verificationDays: fc.integer({ min: 0, max: 30 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    relations: fc.array(
      fc.record({
        a: fc.nat(),
        b: fc.nat(),
        anchor: fc.constantFrom('start', 'complete', 'verified'),
        lagDays: fc.integer({ min: 0, max: 30 }),
      }),
      { maxLength: 3 },
    ),
    redLines: fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('max-exposure'), limit: fc.integer({ min: 0, max: 80 }) }),
        fc.record({
          kind: fc.constant('max-exposure-share'),
          share: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        fc.record({ kind: fc.constant('other-starts-first'), allowance: fc.integer({ min: 0, max: 60 }) }),
        fc.record({ kind: fc.constant('all-after-theirs') }),
        fc.record({
          kind: fc.constant('deadline'),
          measure: fc.nat(),
          byDay: fc.integer({ min: 0, max: 200 }),
        }),
        fc.record({ kind: fc.constant('same-phase'), a: fc.nat(), b: fc.nat() }),
      ),
      { maxLength: 3 },
    ),
    redLineParties: fc.array(fc.constantFrom(...parties), { minLength: 3, maxLength: 3 }),
    objective: fc.record({
      durationWeight: fc.integer({ min: 0, max: 3 }),
      exposureWeight: fc.integer({ min: 0, max: 3 }),
      imbalanceWeight: fc.integer({ min: 0, max: 3 }),
    }),
  })
  .map((raw) => {
    const measures: SequencingMeasure[] = raw.measures.map((m, i) => ({
      id: `m${i}`,
      kind: m.party === 'us' ? 'sanctions-relief' : 'nuclear-step',
      text: `measure ${i}`,
      reversalDays: 0,
      ...m,
    }));
    const n = measures.length;
    // Relations only from a lower to a higher index, so they never form a cycle.
    const relations: SequencingRelation[] = raw.relations.flatMap((r) => {
      const a = r.a % n;
      const b = r.b % n;
      return a < b
        ? [
            {
              before: `m${a}`,
              after: `m${b}`,
              anchor: r.anchor,
              lagDays: r.lagDays,
            } satisfies SequencingRelation,
          ]
        : [];
    });
    const redLines: RedLine[] = raw.redLines.flatMap((r, i): RedLine[] => {
      const base = { id: `r${i}`, party: raw.redLineParties[i] ?? 'us' };
      switch (r.kind) {
        case 'max-exposure':
          return [{ ...base, kind: 'max-exposure', limit: r.limit }];
        case 'max-exposure-share':
          return [{ ...base, kind: 'max-exposure', share: r.share }];
        case 'other-starts-first':
          return [{ ...base, kind: 'other-starts-first', allowance: r.allowance }];
        case 'all-after-theirs':
          return [{ ...base, kind: 'all-after-theirs' }];
        case 'deadline':
          return [
            {
              ...base,
              kind: 'deadline',
              measures: [`m${r.measure % n}`],
              byDay: r.byDay,
              anchor: 'complete',
            },
          ];
        default:
          return r.a % n === r.b % n
            ? []
            : [{ ...base, kind: 'same-phase', measures: [`m${r.a % n}`, `m${r.b % n}`] }];
      }
    });
    return {
      title: 'random',
      valueUnit: 'points',
      phaseCount: raw.phaseCount,
      parties: parties.map((id) => ({ id, name: id })),
      measures,
      relations,
      redLines,
      objective: raw.objective,
    };
  });
