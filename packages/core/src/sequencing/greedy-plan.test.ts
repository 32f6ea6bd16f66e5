import { describe, expect, it } from 'vitest';
import { checkPlan } from './check-plan.ts';
import { exhaustiveSearch } from './exhaustive-search.ts';
import { greedyPlan } from './greedy-plan.ts';
import { scorePlan } from './plan-objective.ts';
import type { SequencingScenario } from './scenario.ts';
import { generateScenario } from './testing/generated-scenario.ts';
import { roomyScenarioLimits } from './testing/roomy-limits.ts';
import { smallScenario } from './testing/small-scenario.ts';
import { validateScenario } from './validate-scenario.ts';

describe('generateScenario', () => {
  it('is deterministic for a seed, splits the measures between the two parties and validates', () => {
    const scenario = generateScenario({ measures: 50, phases: 20, seed: 7 });
    expect(generateScenario({ measures: 50, phases: 20, seed: 7 })).toEqual(scenario);
    expect(generateScenario({ measures: 50, phases: 20, seed: 8 })).not.toEqual(scenario);
    expect(scenario.measures).toHaveLength(50);
    expect(scenario.phaseCount).toBe(20);
    expect(scenario.measures.filter((m) => m.party === 'iran')).toHaveLength(25);
    expect(validateScenario(JSON.parse(JSON.stringify(scenario)), roomyScenarioLimits)).toEqual(scenario);
  });

  it('makes every US relief measure wait for an Iranian step to be verified', () => {
    const scenario = generateScenario({ measures: 40, seed: 3 });
    const relief = scenario.measures.filter((m) => m.kind === 'sanctions-relief');
    expect(relief.length).toBeGreaterThan(0);
    const party = new Map(scenario.measures.map((m) => [m.id, m.party]));
    for (const m of relief) {
      const waits = scenario.relations.filter((r) => r.after === m.id && r.anchor === 'verified');
      expect(waits.length).toBeGreaterThan(0);
      for (const r of waits) expect(party.get(r.before)).toBe('iran');
    }
  });
});

describe('greedyPlan', () => {
  it('returns plans checkPlan accepts, scored by scorePlan, on generated scenarios', () => {
    for (const [measures, seed] of [
      [20, 2],
      [50, 2021],
      [100, 1],
    ] as const) {
      const scenario = generateScenario({ measures, phases: 20, seed });
      const plan = greedyPlan(scenario);
      expect(plan).toBeDefined();
      expect(plan!.schedule).toHaveLength(measures);
      expect(checkPlan(scenario, plan!.schedule)).toEqual([]);
      expect(plan!.score).toEqual(scorePlan(scenario, plan!.schedule));
    }
  });

  it('is never better than the exhaustive optimum, and finds nothing when no plan exists', () => {
    const scenarios: SequencingScenario[] = [smallScenario];
    // Looser red lines than the benchmark's, so that a few measures admit plans at all.
    const loose = { usExposureShare: 0.6, iranExposureShare: 0.6, iranAllowanceShare: 0.3 };
    for (let seed = 1; seed <= 12; seed++) {
      for (const phases of [3, 4]) {
        scenarios.push(generateScenario({ ...loose, measures: 5 + (seed % 2), phases, seed }));
      }
    }
    let found = 0;
    for (const scenario of scenarios) {
      const best = exhaustiveSearch(scenario);
      const plan = greedyPlan(scenario);
      if (!best) {
        expect(plan).toBeUndefined();
        continue;
      }
      if (!plan) continue;
      found++;
      expect(checkPlan(scenario, plan.schedule)).toEqual([]);
      expect(plan.score.objective).toBeGreaterThanOrEqual(best.score.objective - 1e-9);
    }
    // The comparison means something only if the greedy does find plans.
    expect(found).toBeGreaterThanOrEqual(8);
  });

  it('returns undefined when the red lines rule every plan out', () => {
    const impossible: SequencingScenario = {
      ...smallScenario,
      redLines: [
        { id: 'us-none', party: 'us', kind: 'max-exposure', limit: 0 },
        { id: 'iran-none', party: 'iran', kind: 'max-exposure', limit: 0 },
      ],
    };
    expect(exhaustiveSearch(impossible)).toBeUndefined();
    expect(greedyPlan(impossible)).toBeUndefined();
  });

  it('puts a measure after the measure it waits for when the relation has a lag', () => {
    const plan = greedyPlan(smallScenario)!;
    const phase = new Map(plan.schedule.map((s) => [s.measure, s.phase]));
    expect(phase.get('oil')!).toBeGreaterThan(phase.get('ship-out')!);
    expect(phase.get('oil')!).toBeGreaterThan(phase.get('notify')!);
  });
});
