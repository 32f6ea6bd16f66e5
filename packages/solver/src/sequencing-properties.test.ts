import { checkPlan, exhaustiveSearch, type SequencingScenario, solveSequencing } from '@lockstep/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { HighsSolver } from './highs-solver.ts';
import { smallScenarios } from './small-scenarios.testing.ts';

const solver = new HighsSolver();
afterAll(() => solver.close());

describe('the sequencing MILP on HiGHS', () => {
  it('returns plans the checker accepts, as good as exhaustive search, and infeasible only when no plan exists', async () => {
    await fc.assert(
      fc.asyncProperty(smallScenarios, async (scenario) => {
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
      fc.asyncProperty(smallScenarios, async (scenario) => {
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
      fc.asyncProperty(smallScenarios, async (phased) => {
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
