import {
  exhaustiveSearch,
  fewestPhases,
  type RedLine,
  type SequencingMeasure,
  type SequencingScenario,
  solveByPhaseDeepening,
  solveSequencing,
} from '@lockstep/core';
import { generateScenario } from '@lockstep/core/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { HighsSolver } from './highs-solver.ts';

const solver = new HighsSolver();
afterAll(() => solver.close());

const parties = ['us', 'iran'] as const;

/** Tiny scenarios (up to 5 measures, 4 phases) whose optimum exhaustive search finds quickly. */
const tinyScenarios: fc.Arbitrary<SequencingScenario> = fc
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
        anchor: fc.constantFrom('start' as const, 'complete' as const, 'verified' as const),
        lagDays: fc.integer({ min: 0, max: 30 }),
      }),
      { maxLength: 3 },
    ),
    exposureLimit: fc.option(fc.integer({ min: 0, max: 80 })),
    allowance: fc.option(fc.integer({ min: 0, max: 60 })),
    objective: fc.record({
      durationWeight: fc.integer({ min: 0, max: 3 }),
      exposureWeight: fc.integer({ min: 0, max: 3 }),
      imbalanceWeight: fc.integer({ min: 0, max: 3 }),
    }),
  })
  .map((raw): SequencingScenario => {
    const measures: SequencingMeasure[] = raw.measures.map((m, i) => ({
      id: `m${i}`,
      kind: m.party === 'us' ? 'sanctions-relief' : 'nuclear-step',
      text: `measure ${i}`,
      reversalDays: 0,
      ...m,
    }));
    const n = measures.length;
    const redLines: RedLine[] = [
      ...(raw.exposureLimit === null
        ? []
        : [{ id: 'exposure', party: 'us', kind: 'max-exposure' as const, limit: raw.exposureLimit }]),
      ...(raw.allowance === null
        ? []
        : [{ id: 'first', party: 'iran', kind: 'other-starts-first' as const, allowance: raw.allowance }]),
    ];
    return {
      title: 'tiny',
      valueUnit: 'points',
      phaseCount: raw.phaseCount,
      parties: parties.map((id) => ({ id, name: id })),
      measures,
      // Relations only from a lower to a higher index, so they never form a cycle.
      relations: raw.relations.flatMap((r) =>
        r.a % n < r.b % n
          ? [{ before: `m${r.a % n}`, after: `m${r.b % n}`, anchor: r.anchor, lagDays: r.lagDays }]
          : [],
      ),
      redLines,
      objective: raw.objective,
    };
  });

const tolerance = (objective: number) => 1e-4 * Math.max(1, Math.abs(objective));

describe('phase deepening', () => {
  it('starts from the longest chain of relations that force a later phase', () => {
    const scenario = generateScenario({ measures: 20, phases: 20 });
    const k = fewestPhases(scenario);
    expect(k).toBeGreaterThanOrEqual(2);
    expect(k).toBeLessThanOrEqual(20);
    expect(fewestPhases({ ...scenario, relations: [] })).toBe(1);
    expect(fewestPhases({ ...scenario, phaseCount: 1 })).toBe(1);
  });

  it('ends with the optimum a direct solve proves, each step no worse than the last, no plan over its K', async () => {
    for (const seed of [2021, 7]) {
      const scenario = generateScenario({ seed, measures: 12, phases: 6 });
      const direct = await solveSequencing(scenario, solver, { timeLimitSeconds: 60 });
      expect(direct.status).toBe('optimal');
      const seen: { phases: number; objective: number | null; planPhases: number }[] = [];
      const result = await solveByPhaseDeepening(scenario, solver, {
        timeLimitSeconds: 120,
        onStep: (step, best) =>
          seen.push({ phases: step.phases, objective: step.objective, planPhases: best.plan!.phases.length }),
      });
      expect(result.status).toBe('optimal');
      expect(result.violations).toEqual([]);
      const optimum = direct.score!.objective;
      expect(Math.abs(result.score!.objective - optimum)).toBeLessThanOrEqual(tolerance(optimum));
      const { steps, fullBound, fullGap, provedOptimalUpTo } = result.deepening;
      expect(steps.at(-1)!.phases).toBe(6);
      expect(steps[0]!.phases).toBe(fewestPhases(scenario));
      expect(provedOptimalUpTo).toBe(6);
      expect(fullBound).not.toBeNull();
      expect(fullBound!).toBeLessThanOrEqual(optimum + tolerance(optimum));
      expect(fullGap).toBe(0);
      const objectives = steps.flatMap((s) => (s.objective === null ? [] : [s.objective]));
      objectives.slice(1).forEach((o, k) => {
        expect(o).toBeLessThanOrEqual(objectives[k]! + 1e-9);
      });
      for (const s of seen) {
        if (s.objective !== null) expect(s.planPhases).toBeLessThanOrEqual(s.phases);
      }
    }
  }, 240_000);

  it('reports a full bound never above the true optimum, and the optimum when it proves it', async () => {
    await fc.assert(
      fc.asyncProperty(tinyScenarios, async (scenario) => {
        const result = await solveByPhaseDeepening(scenario, solver, { timeLimitSeconds: 20 });
        const best = exhaustiveSearch(scenario);
        if (best === undefined) {
          expect(result.status).toBe('infeasible');
          expect(result.plan).toBeUndefined();
          return;
        }
        const optimum = best.score.objective;
        const { fullBound } = result.deepening;
        if (fullBound !== null) expect(fullBound).toBeLessThanOrEqual(optimum + tolerance(optimum));
        expect(result.status).toBe('optimal');
        expect(result.violations).toEqual([]);
        expect(Math.abs(result.score!.objective - optimum)).toBeLessThanOrEqual(tolerance(optimum));
        for (const step of result.deepening.steps) {
          if (step.provedAmongPhases) expect(step.objective).not.toBeNull();
        }
      }),
      { numRuns: 60, seed: 16 },
    );
  }, 120_000);
});
