import { readFileSync } from 'node:fs';
import { checkPlan, exhaustiveSearch, solveSequencing, validateScenario } from '@lockstep/core';
import { roomyScenarioLimits } from '@lockstep/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { HighsSolver } from './highs-solver.ts';

const solver = new HighsSolver();
afterAll(() => solver.close());

const sample = validateScenario(
  JSON.parse(readFileSync(new URL('../../../scenarios/sample-small.json', import.meta.url), 'utf8')),
  roomyScenarioLimits,
);

describe('scenarios/sample-small.json on HiGHS', () => {
  it('solves to the exhaustive optimum with a plan the checker accepts', async () => {
    const result = await solveSequencing(sample, solver, { timeLimitSeconds: 10 });
    const best = exhaustiveSearch(sample);
    expect(result.status).toBe('optimal');
    expect(result.gap).toBe(0);
    expect(result.violations).toEqual([]);
    expect(checkPlan(sample, result.plan!.measures)).toEqual([]);
    expect(result.score!.objective).toBeCloseTo(best!.score.objective, 6);
    // Implementation Day: the Additional Protocol and the oil waivers together, after the verified ship-out.
    const phaseOf = new Map(result.plan!.measures.map((m) => [m.measure, m]));
    expect(phaseOf.get('iran-additional-protocol')!.phase).toBe(phaseOf.get('us-oil-waivers')!.phase);
    expect(phaseOf.get('us-oil-waivers')!.startDay).toBeGreaterThanOrEqual(
      phaseOf.get('iran-ship-out-60pct')!.verifiedDay,
    );
    expect(result.exposureLines).toEqual([
      { redLine: 'us-exposure-half', party: 'us', limit: 35 },
      { redLine: 'iran-exposure-40', party: 'iran', limit: 40 },
    ]);
    expect(result.score!.exposure.map((c) => c.points.length)).toEqual([4, 4]);
  });
});
