import {
  checkedPlan,
  exhaustiveSearch,
  mergePhases,
  phasesNeeded,
  type SequencingScenario,
} from '@lockstep/core';
import { generateScenario } from '@lockstep/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallScenarios } from './small-scenarios.testing.ts';

/** The best objective exhaustive search finds, or undefined when no plan exists. */
const best = (scenario: SequencingScenario) => exhaustiveSearch(scenario)?.score.objective;

describe('phasesNeeded', () => {
  it('never cuts off the optimum: with only the phases it allows, exhaustive search finds as good a plan, or none when none exists', () => {
    let applied = 0;
    fc.assert(
      fc.property(smallScenarios, fc.boolean(), (small, staggered) => {
        // Every measure may have a phase of its own, so the bound has phases to take away.
        const scenario: SequencingScenario = {
          ...small,
          phaseCount: small.measures.length,
          ...(staggered && { starts: 'staggered' }),
        };
        const needed = phasesNeeded(scenario);
        if (!needed) return;
        applied++;
        expect(needed.phases).toBeLessThan(scenario.phaseCount);
        const full = best(scenario);
        const reduced = best({ ...scenario, phaseCount: needed.phases });
        if (full === undefined) {
          expect(reduced).toBeUndefined();
          return;
        }
        expect(reduced).toBeDefined();
        expect(reduced!).toBeCloseTo(full, 6);
      }),
      { numRuns: 400, seed: 2021 },
    );
    // Not vacuous: the bound applied often (one phase fewer, or no room for an all-after-theirs party to
    // start, and this fails).
    expect(applied).toBeGreaterThan(100);
  });

  it('counts the measures that wait and the all-after-theirs red lines, and says so', () => {
    const scenario = generateScenario({ measures: 20, phases: 20 });
    const needed = phasesNeeded(scenario);
    // Seven measures wait (six reliefs and one chained nuclear step): 1 + 7 phases.
    expect(new Set(scenario.relations.map((r) => r.after)).size).toBe(7);
    expect(needed?.phases).toBe(8);
    expect(needed?.reason).toContain('only 7 measures wait for another');
    const opened = phasesNeeded({
      ...scenario,
      redLines: [...scenario.redLines, { id: 'iran-after', party: 'iran', kind: 'all-after-theirs' }],
    });
    expect(opened?.phases).toBe(9);
    expect(opened?.reason).toContain('all-after-theirs');
  });

  it('says nothing when the imbalance weighs more than exposure, or when the bound is no fewer phases', () => {
    const scenario = generateScenario({ measures: 20, phases: 20 });
    expect(
      phasesNeeded({ ...scenario, objective: { durationWeight: 1, exposureWeight: 1, imbalanceWeight: 2 } }),
    ).toBeUndefined();
    expect(phasesNeeded({ ...scenario, phaseCount: 8 })).toBeUndefined();
    expect(phasesNeeded({ ...scenario, phaseCount: 9 })?.phases).toBe(8);
  });
});

describe('mergePhases', () => {
  it('turns any sound plan into one no worse, just as sound, within the phases phasesNeeded allows', () => {
    let merged = 0;
    fc.assert(
      fc.property(
        smallScenarios,
        fc.array(fc.nat({ max: 4 }), { minLength: 5, maxLength: 5 }),
        fc.boolean(),
        (small, phases, staggered) => {
          const scenario: SequencingScenario = {
            ...small,
            phaseCount: 5,
            ...(staggered && { starts: 'staggered' }),
          };
          const plan = new Map(scenario.measures.map((m, i) => [m.id, phases[i]!]));
          const before = checkedPlan(scenario, plan);
          const needed = phasesNeeded(scenario);
          if (!before || before.violations.length > 0 || !needed) return;
          const after = checkedPlan(scenario, mergePhases(scenario, plan));
          expect(after?.violations).toEqual([]);
          expect(after!.score.objective).toBeLessThanOrEqual(before.score.objective + 1e-9);
          expect(after!.plan.phases.length).toBeLessThanOrEqual(needed.phases);
          if (after!.plan.phases.length < before.plan.phases.length) merged++;
        },
      ),
      { numRuns: 600, seed: 2021 },
    );
    expect(merged).toBeGreaterThan(20);
  });
});
