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
  it('keeps a relation’s wait inside one phase instead of failing it', () => {
    // oil waits for ship-out to be verified (day 74) and for notify to be complete (day 30).
    const together = new Map([
      ['ship-out', 0],
      ['notify', 0],
      ['oil', 0],
      ['protocol', 1],
    ]);
    expect(earliestSchedule(phased, together)).toBeUndefined();
    const schedule = earliestSchedule(staggered, together)!;
    const day = new Map(schedule.map((s) => [s.measure, s]));
    expect(day.get('ship-out')!.startDay).toBe(0);
    expect(day.get('notify')!.startDay).toBe(0);
    expect(day.get('oil')!.startDay).toBe(74);
    // The next phase waits for the last of phase 0 to be complete: oil on day 74 + 30.
    expect(day.get('protocol')!.startDay).toBe(104);
    expect(checkPlan(staggered, schedule)).toEqual([]);
  });

  it('refuses under phase starts the same days it accepts under staggered starts', () => {
    const phaseOf = new Map([
      ['ship-out', 0],
      ['notify', 0],
      ['oil', 0],
      ['protocol', 1],
    ]);
    const schedule = earliestSchedule(staggered, phaseOf)!;
    expect(checkPlan(phased, schedule).map((v) => v.constraint)).toContain('phase-order');
    expect(checkPlan(staggered, schedule)).toEqual([]);
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
