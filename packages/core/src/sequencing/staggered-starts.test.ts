import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from './check-plan.ts';
import { scorePlan } from './plan-objective.ts';
import type { SequencingScenario } from './scenario.ts';
import { earliestSchedule } from './schedule.ts';
import { generateScenario } from './testing/generated-scenario.ts';
import { smallScenario } from './testing/small-scenario.ts';

const staggered: SequencingScenario = { ...smallScenario, starts: 'staggered', redLines: [] };
const phased: SequencingScenario = { ...smallScenario, redLines: [] };

describe('staggered starts', () => {
  it('delays only the measure a relation makes wait, not the rest of its phase', () => {
    // oil waits for ship-out to be verified (day 74); protocol, in the same phase, need not.
    const phaseOf = new Map([
      ['ship-out', 0],
      ['notify', 0],
      ['oil', 1],
      ['protocol', 1],
    ]);
    const day = (scenario: SequencingScenario) =>
      new Map(earliestSchedule(scenario, phaseOf)!.map((s) => [s.measure, s.startDay]));
    expect(day(phased).get('protocol')).toBe(74);
    expect(day(phased).get('oil')).toBe(74);
    expect(day(staggered).get('protocol')).toBe(60);
    expect(day(staggered).get('oil')).toBe(74);
    expect(checkPlan(staggered, earliestSchedule(staggered, phaseOf)!)).toEqual([]);
    // The same days break phase starts: one phase, two start days.
    expect(checkPlan(phased, earliestSchedule(staggered, phaseOf)!).map((v) => v.constraint)).toEqual([
      'phase-order',
    ]);
  });

  it('keeps a measure that waits for another in a later phase', () => {
    const together = new Map([
      ['ship-out', 0],
      ['notify', 0],
      ['oil', 0],
      ['protocol', 1],
    ]);
    expect(earliestSchedule(phased, together)).toBeUndefined();
    expect(earliestSchedule(staggered, together)).toBeUndefined();
    const days = earliestSchedule(staggered, new Map([...together, ['oil', 1]]))!.map((s) =>
      s.measure === 'oil' ? { ...s, phase: 0 } : s,
    );
    expect(checkPlan(staggered, days).find((v) => v.constraint === 'relation')?.message).toBe(
      '"oil" (phase 0) waits for "ship-out" (phase 0); a measure that waits for another must be in a later phase',
    );
  });

  it('still refuses a measure that starts before an earlier phase is complete', () => {
    const phaseOf = new Map([
      ['ship-out', 0],
      ['notify', 0],
      ['oil', 1],
      ['protocol', 1],
    ]);
    const schedule = earliestSchedule(staggered, phaseOf)!.map((s) =>
      s.measure === 'protocol' ? { ...s, startDay: 10, completeDay: 40, verifiedDay: 40 } : s,
    );
    expect(checkPlan(staggered, schedule).map((v) => [v.constraint, v.measures])).toEqual([
      ['phase-order', ['ship-out', 'protocol']],
      ['phase-order', ['notify', 'protocol']],
    ]);
  });

  it('never makes a plan longer, and its earliest days always pass the checker (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 4, max: 10 }),
        fc.integer({ min: 2, max: 5 }),
        fc.infiniteStream(fc.nat()),
        (seed, measures, phases, picks) => {
          const scenario = { ...generateScenario({ seed, measures, phases }), redLines: [] };
          const phaseOf = new Map(scenario.measures.map((m) => [m.id, picks.next().value % phases]));
          const loose = { ...scenario, starts: 'staggered' as const };
          const phaseDays = earliestSchedule(scenario, phaseOf);
          const staggeredDays = earliestSchedule(loose, phaseOf);
          if (staggeredDays) expect(checkPlan(loose, staggeredDays)).toEqual([]);
          if (phaseDays) {
            // Whatever phase starts allow, staggered starts allow, no later.
            expect(staggeredDays).toBeDefined();
            expect(scorePlan(loose, staggeredDays!).durationDays).toBeLessThanOrEqual(
              scorePlan(scenario, phaseDays).durationDays + 1e-9,
            );
            expect(checkPlan(scenario, phaseDays)).toEqual([]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
