import { describe, expect, it } from 'vitest';
import { checkPlacement } from './check-placement.ts';
import { smallScenario } from './testing/small-scenario.ts';

describe('checkPlacement', () => {
  it('derives the earliest days from phases alone and finds a sound plan valid', () => {
    const check = checkPlacement(smallScenario, [
      { measure: 'ship-out', phase: 0 },
      { measure: 'notify', phase: 0 },
      { measure: 'protocol', phase: 1 },
      { measure: 'oil', phase: 1 },
    ]);
    expect(check.days).toBe('earliest');
    expect(check.violations).toEqual([]);
    // Phase 1 waits for ship-out to be verified: day 74.
    expect(check.schedule.find((s) => s.measure === 'oil')!.startDay).toBe(74);
    expect(check.score.durationDays).toBe(104);
  });

  it('checks the days a plan gives, and names a relation it breaks', () => {
    const check = checkPlacement(smallScenario, [
      { measure: 'ship-out', phase: 0, startDay: 0 },
      { measure: 'notify', phase: 0, startDay: 0 },
      { measure: 'protocol', phase: 1, startDay: 60 },
      { measure: 'oil', phase: 1, startDay: 60 },
    ]);
    expect(check.days).toBe('given');
    expect(check.violations.map((v) => [v.constraint, v.measures])).toContainEqual([
      'relation',
      ['ship-out', 'oil'],
    ]);
  });

  it('reports a plan whose phases admit no days, and a measure left out', () => {
    const check = checkPlacement(smallScenario, [
      { measure: 'ship-out', phase: 0 },
      { measure: 'notify', phase: 0 },
      { measure: 'oil', phase: 0 },
    ]);
    expect(check.violations.map((v) => v.constraint)).toEqual(
      expect.arrayContaining(['assignment', 'relation']),
    );
    expect(check.violations.find((v) => v.constraint === 'assignment')!.message).toBe(
      '"protocol" is not placed in any phase',
    );
  });
});
