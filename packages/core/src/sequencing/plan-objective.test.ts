import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exhaustiveSearch } from './exhaustive-search.ts';
import { objectiveLowerBound, relativeGap } from './plan-objective.ts';
import { generateScenario } from './testing/generated-scenario.ts';

describe('objectiveLowerBound', () => {
  it('is never above the best plan, on generated scenarios', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 2, max: 4 }),
        (seed, measures, phases) => {
          const scenario = { ...generateScenario({ seed, measures, phases }), redLines: [] };
          const best = exhaustiveSearch(scenario);
          if (best) expect(objectiveLowerBound(scenario)).toBeLessThanOrEqual(best.score.objective + 1e-9);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives a relative gap as solvers do: 0 when the plan meets the bound', () => {
    expect(relativeGap(100, 75)).toBe(0.25);
    expect(relativeGap(40, 40)).toBe(0);
    expect(relativeGap(0, 0)).toBe(0);
  });
});
