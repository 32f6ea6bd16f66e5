import { describe, expect, it } from 'vitest';
import { checkPlan } from './check-plan.ts';
import type { RedLine, SequencingScenario } from './scenario.ts';
import { earliestSchedule, type ScheduledMeasure } from './schedule.ts';
import { smallScenario } from './testing/small-scenario.ts';

function schedule(scenario: SequencingScenario, phases: Record<string, number>): ScheduledMeasure[] {
  const plan = earliestSchedule(scenario, new Map(Object.entries(phases)));
  if (!plan) throw new Error('no days fit these phases');
  return plan;
}

const good = { 'ship-out': 0, notify: 0, protocol: 1, oil: 1 };

describe('checkPlan', () => {
  it('accepts a plan that respects every constraint', () => {
    expect(checkPlan(smallScenario, schedule(smallScenario, good))).toEqual([]);
  });

  it('names the relation and its measures when a lag is not respected', () => {
    const plan = schedule(smallScenario, good).map((s) =>
      s.measure === 'oil' ? { ...s, startDay: 60, completeDay: 90, verifiedDay: 90 } : s,
    );
    const violations = checkPlan(smallScenario, plan);
    expect(violations.map((v) => [v.constraint, v.measures])).toEqual([
      ['phase-order', ['oil', 'protocol']],
      ['relation', ['ship-out', 'oil']],
    ]);
    expect(violations[1]!.message).toBe(
      '"oil" starts on day 60; it must wait 0 days after "ship-out" is verified (day 74)',
    );
  });

  it('names the red line crossed and the measures behind it', () => {
    const violations = checkPlan(smallScenario, schedule(smallScenario, { ...good, protocol: 0 }));
    expect(violations).toEqual([
      {
        constraint: 'red-line',
        redLine: 'iran-exposure',
        measures: ['ship-out', 'protocol'],
        message: 'red line "iran-exposure" of iran: exposure 45 after phase 0 exceeds 30',
      },
    ]);
  });

  it('checks ordering, deadline and same-phase red lines', () => {
    const redLines: RedLine[] = [
      { id: 'iran-us-first', party: 'iran', kind: 'all-after-theirs' },
      { id: 'us-not-alone', party: 'us', kind: 'other-starts-first', allowance: 4 },
      { id: 'oil-by-90', party: 'iran', kind: 'deadline', measures: ['oil'], byDay: 90, anchor: 'complete' },
      { id: 'together', party: 'us', kind: 'same-phase', measures: ['protocol', 'oil'] },
    ];
    const scenario = { ...smallScenario, redLines };
    const violations = checkPlan(
      scenario,
      schedule(scenario, { 'ship-out': 1, notify: 0, protocol: 2, oil: 2 }),
    );
    expect(violations.map((v) => [v.redLine, v.measures])).toEqual([
      ['iran-us-first', ['ship-out', 'oil']],
      ['iran-us-first', ['protocol', 'oil']],
      ['us-not-alone', ['notify']],
      ['oil-by-90', ['oil']],
    ]);
  });

  it('reports measures missing, repeated, unknown or outside the phases', () => {
    const plan = schedule(smallScenario, good);
    const broken = [
      ...plan.filter((s) => s.measure !== 'notify'),
      { ...plan[0]!, measure: 'gas' },
      { ...plan[1]!, phase: 7 },
    ];
    expect(checkPlan(smallScenario, broken).map((v) => [v.constraint, v.measures])).toEqual([
      ['assignment', ['gas']],
      ['assignment', ['protocol']],
      ['assignment', ['notify']],
    ]);
  });
});
