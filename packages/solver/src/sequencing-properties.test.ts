import {
  checkPlan,
  exhaustiveSearch,
  type RedLine,
  type SequencingMeasure,
  type SequencingRelation,
  type SequencingScenario,
  solveSequencing,
} from '@lockstep/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { HighsSolver } from './highs-solver.ts';

const solver = new HighsSolver();
afterAll(() => solver.close());

const parties = ['us', 'iran'] as const;

/** Random small scenarios: up to 5 measures and 4 phases, so exhaustive search (<= 1,024 plans) is quick. */
const scenarios: fc.Arbitrary<SequencingScenario> = fc
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

describe('the sequencing MILP on HiGHS', () => {
  it('returns plans the checker accepts, as good as exhaustive search, and infeasible only when no plan exists', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const result = await solveSequencing(scenario, solver, { timeLimitSeconds: 10 });
        const best = exhaustiveSearch(scenario);
        if (best === undefined) {
          expect(result.status).toBe('infeasible');
          return;
        }
        expect(result.status).toBe('optimal');
        expect(result.violations).toEqual([]);
        const tolerance = 1e-4 * Math.max(1, Math.abs(best.score.objective));
        expect(Math.abs(result.score!.objective - best.score.objective)).toBeLessThanOrEqual(tolerance);
        expect(result.score!.objective).toBeLessThanOrEqual(result.objectiveValue! + tolerance);
      }),
      { numRuns: 150, seed: 2021 },
    );
  });

  it('elastic solves always find a plan when the relations allow one, and keep every red line given no slack', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const result = await solveSequencing(
          scenario,
          solver,
          { timeLimitSeconds: 10 },
          { elastic: { penaltyPerUnit: 1000 } },
        );
        if (exhaustiveSearch(scenario, []) === undefined) {
          expect(result.status).toBe('infeasible');
          return;
        }
        expect(result.status).toBe('optimal');
        const kept = scenario.redLines.filter((r) => (result.slacks?.[r.id] ?? 0) < 1e-6);
        expect(checkPlan(scenario, result.plan!.measures, kept)).toEqual([]);
      }),
      { numRuns: 80, seed: 2021 },
    );
  });

  it('under staggered starts, finds the plan exhaustive search finds, never worse than with phase starts', async () => {
    let shorter = 0;
    await fc.assert(
      fc.asyncProperty(scenarios, async (phased) => {
        const scenario: SequencingScenario = { ...phased, starts: 'staggered' };
        const result = await solveSequencing(scenario, solver, { timeLimitSeconds: 10 });
        const best = exhaustiveSearch(scenario);
        if (best === undefined) {
          expect(result.status).toBe('infeasible');
          expect(exhaustiveSearch(phased)).toBeUndefined();
          return;
        }
        expect(result.status).toBe('optimal');
        expect(result.violations).toEqual([]);
        const tolerance = 1e-4 * Math.max(1, Math.abs(best.score.objective));
        expect(Math.abs(result.score!.objective - best.score.objective)).toBeLessThanOrEqual(tolerance);
        const phaseBest = exhaustiveSearch(phased);
        if (!phaseBest || best.score.objective < phaseBest.score.objective - tolerance) shorter++;
        if (phaseBest)
          expect(best.score.objective).toBeLessThanOrEqual(phaseBest.score.objective + tolerance);
      }),
      { numRuns: 150, seed: 2021 },
    );
    // Not vacuous: some scenarios have a better plan (or a plan at all) only with staggered starts.
    expect(shorter).toBeGreaterThan(0);
  });
});
