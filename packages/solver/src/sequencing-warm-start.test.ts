import { greedyPlan, solveSequencing } from '@lockstep/core';
import { generateScenario } from '@lockstep/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { HighsSolver } from './highs-solver.ts';

const solver = new HighsSolver();
afterAll(() => solver.close());

describe('solving from the greedy plan', () => {
  it('never returns a worse plan than the greedy baseline, even when the time limit stops it', async () => {
    // 60 measures over 20 phases: HiGHS cannot prove an optimum in 2 s, so it stops at the limit.
    const scenario = generateScenario({ measures: 60, phases: 20 });
    const greedy = greedyPlan(scenario);
    expect(greedy).toBeDefined();
    const result = await solveSequencing(scenario, solver, { timeLimitSeconds: 2 });
    expect(['time-limit', 'optimal']).toContain(result.status);
    expect(result.violations).toEqual([]);
    expect(result.score!.objective).toBeLessThanOrEqual(greedy!.score.objective + 1e-6);
  }, 30_000);
});
