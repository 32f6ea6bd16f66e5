import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainScenario } from './explain-scenario.ts';
import type { SequencingMeasure, SequencingRelation, SequencingScenario } from './scenario.ts';
import { anchorOffset } from './schedule.ts';
import { smallScenario } from './testing/small-scenario.ts';

/** A scenario of `measures` with `relations` and one phase (the critical path ignores phases). */
function withRelations(
  measures: readonly SequencingMeasure[],
  relations: readonly SequencingRelation[],
): SequencingScenario {
  return { ...smallScenario, phaseCount: 1, measures, relations, redLines: [] };
}

function measure(id: string, durationDays: number, verificationDays = 0): SequencingMeasure {
  return {
    id,
    party: 'us',
    kind: 'legal-step',
    text: id,
    durationDays,
    value: 1,
    reversalDays: 0,
    verificationDays,
  };
}

/** The shortest plan's length as the critical path was computed before: Bellman-Ford rounds over the relations. */
function relaxedDays(scenario: SequencingScenario): number {
  const byId = new Map(scenario.measures.map((m) => [m.id, m]));
  const start = new Map(scenario.measures.map((m) => [m.id, 0]));
  for (let round = 0; round < scenario.measures.length; round++) {
    for (const r of scenario.relations) {
      const day = start.get(r.before)! + anchorOffset(byId.get(r.before)!, r.anchor) + r.lagDays;
      if (day > start.get(r.after)!) start.set(r.after, day);
    }
  }
  return Math.max(0, ...scenario.measures.map((m) => start.get(m.id)! + m.durationDays));
}

describe('explainScenario', () => {
  const explained = explainScenario(smallScenario);

  it('totals each party and resolves a share red line to a value', () => {
    expect(explained.parties.map((p) => [p.id, p.measures, p.totalValue])).toEqual([
      ['us', 2, 45],
      ['iran', 2, 50],
    ]);
    const iran = explained.redLines.find((r) => r.id === 'iran-exposure')!;
    expect(iran.rule).toBe(
      'Iran never has delivered more than 30 points (60 % of the 50 points it delivers) beyond what it has received, after any phase',
    );
  });

  it('labels the value basis when the scenario gives one, and leads its assumptions with it', () => {
    expect(explained.valueBasis).toBeUndefined();
    const label = 'US relief valued by sourced economics: oil exports restored, assets released';
    const withBasis = explainScenario({
      ...smallScenario,
      assumptions: ['Points.'],
      valueBasis: { id: 'economics', party: 'us', label },
    });
    expect(withBasis.valueBasis).toBe(label);
    expect(withBasis.assumptions).toEqual([`Value basis: ${label}.`, 'Points.']);
  });

  it('finds the critical path through the verification lag', () => {
    // ship-out (60 days) + 14 days to verify, then the 30-day oil waivers.
    expect(explained.criticalPath).toEqual({ days: 104, measures: ['ship-out', 'oil'] });
    expect(explained.relations[0]).toBe('oil starts once ship-out is verified (74 days after it starts)');
  });

  it('reports the size of the model the solver is given', () => {
    expect(explained.model.binaries).toBe(smallScenario.measures.length * smallScenario.phaseCount);
    expect(explained.model.constraints).toBeGreaterThan(0);
  });

  it('finds the critical path of a 5,000-long chain listed backwards', () => {
    const measures = Array.from({ length: 5000 }, (_, i) => measure(`m${i}`, 1));
    const relations = measures.slice(1).map((m, i) => ({
      before: measures[i]!.id,
      after: m.id,
      anchor: 'complete' as const,
      lagDays: 0,
    }));
    const explained = explainScenario(withRelations([...measures].reverse(), [...relations].reverse()));
    expect(explained.criticalPath.days).toBe(5000);
    expect(explained.criticalPath.measures).toEqual(measures.map((m) => m.id));
  });

  it('gives the days the relaxation over every relation gave, with a chain that takes them, on random DAGs', () => {
    const scenarios = fc.integer({ min: 1, max: 15 }).chain((n) =>
      fc.record({
        durations: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: n, maxLength: n }),
        verifications: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: n, maxLength: n }),
        relations: fc.array(
          fc.record({
            a: fc.nat(n - 1),
            b: fc.nat(n - 1),
            anchor: fc.constantFrom('start', 'complete', 'verified'),
            lagDays: fc.integer({ min: 0, max: 20 }),
          }),
          { maxLength: 2 * n },
        ),
      }),
    );
    fc.assert(
      fc.property(scenarios, (raw) => {
        const measures = raw.durations.map((d, i) => measure(`m${i}`, d, raw.verifications[i]));
        const relations: SequencingRelation[] = raw.relations.flatMap(({ a, b, anchor, lagDays }) =>
          a === b ? [] : [{ before: `m${Math.min(a, b)}`, after: `m${Math.max(a, b)}`, anchor, lagDays }],
        );
        const scenario = withRelations(measures, relations);
        const { days, measures: chain } = explainScenario(scenario).criticalPath;
        expect(days).toBe(relaxedDays(scenario));
        // The chain named is made of relations and takes exactly those days.
        const byId = new Map(measures.map((m) => [m.id, m]));
        let day = 0;
        for (const [k, id] of chain.entries()) {
          if (k === 0) continue;
          const before = chain[k - 1]!;
          const offsets = relations
            .filter((r) => r.before === before && r.after === id)
            .map((r) => anchorOffset(byId.get(before)!, r.anchor) + r.lagDays);
          expect(offsets.length).toBeGreaterThan(0);
          day += Math.max(...offsets);
        }
        expect(day + byId.get(chain.at(-1)!)!.durationDays).toBe(days);
      }),
      { numRuns: 300 },
    );
  });
});
