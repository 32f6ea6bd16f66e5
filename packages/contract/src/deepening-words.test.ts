import { describe, expect, it } from 'vitest';
import { deepeningStepLine, deepeningSummary } from './deepening-words.ts';

const steps = [
  { phases: 3, status: 'infeasible', objective: null, provedAmongPhases: false, seconds: 0.4 },
  { phases: 4, status: 'optimal', objective: 877, provedAmongPhases: true, seconds: 9.12 },
  { phases: 5, status: 'time-limit', objective: 877, provedAmongPhases: false, seconds: 20 },
];

describe('deepening in words', () => {
  it('says the largest phase count proved and the gap to the full count', () => {
    expect(
      deepeningSummary({ steps, provedOptimalUpTo: 4, fullBound: 853, fullGap: 0.0281, fullPhases: 20 }),
    ).toBe(
      'optimal among plans with ≤ 4 phases; at most 2.8 % above the best plan with 20 phases (bound 853)',
    );
  });

  it('says a plan is proved optimal only when the full count is closed', () => {
    expect(
      deepeningSummary({ steps, provedOptimalUpTo: 20, fullBound: 877, fullGap: 0, fullPhases: 20 }),
    ).toBe('proved optimal with all 20 phases');
    expect(deepeningSummary({ steps: [], fullBound: null, fullGap: null, fullPhases: 20 })).toBe(
      'no phase count proved yet; no bound known yet for the best plan with 20 phases',
    );
  });

  it('tells an infeasible step from an unproved one', () => {
    expect(steps.map(deepeningStepLine)).toEqual([
      '≤ 3 phases: no plan exists (0.4 s)',
      '≤ 4 phases: 877, proved optimal (9.1 s)',
      '≤ 5 phases: 877, not proved (time-limit) (20.0 s)',
    ]);
  });
});
