import {
  buildSequencingModel,
  exhaustiveSearch,
  fewestPhases,
  phasesNeeded,
  planFormulation,
  type SequencingSolver,
  solveByPhaseDeepening,
  solveSequencing,
} from '@lockstep/core';
import { generateScenario } from '@lockstep/core/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { HighsSolver } from './highs-solver.ts';
import { smallScenarios } from './small-scenarios.testing.ts';

// Two workers solve the full phase count beside the steps; one solves the steps first, then the full count.
const solvers = [
  {
    name: 'with two workers, the full phase count beside the steps',
    solver: new HighsSolver({ workers: 2 }),
  },
  { name: 'with one worker, the steps then the full phase count', solver: new HighsSolver({ workers: 1 }) },
];
afterAll(() => Promise.all(solvers.map((s) => s.solver.close())));

const tolerance = (objective: number) => 1e-4 * Math.max(1, Math.abs(objective));

describe('phase deepening', () => {
  it('starts from the longest chain of relations that force a later phase', () => {
    const scenario = generateScenario({ measures: 20, phases: 20 });
    const k = fewestPhases(scenario);
    expect(k).toBeGreaterThanOrEqual(2);
    expect(k).toBeLessThanOrEqual(20);
    expect(fewestPhases({ ...scenario, relations: [] })).toBe(1);
    expect(fewestPhases({ ...scenario, phaseCount: 1 })).toBe(1);
  });
});

/** The solver given, watched: each integer solve's phase count and when it ran, by its own clock. */
function watched(solver: SequencingSolver) {
  const solves: { phases: number; from: number; to: number }[] = [];
  const watching: SequencingSolver = {
    ...(solver.parallelism !== undefined && { parallelism: solver.parallelism }),
    async solve(model, options) {
      const from = performance.now();
      const result = await solver.solve(model, options);
      if (model.variables.some((v) => v.type === 'binary'))
        solves.push({
          phases: model.variables.filter((v) => /^t_\d+$/.test(v.name)).length,
          from,
          to: performance.now(),
        });
      return result;
    },
  };
  return { watching, solves };
}

describe.each(solvers)('phase deepening $name', ({ solver }) => {
  it('solves the full phase count beside the steps only when the solver runs two solves at once', async () => {
    const scenario = generateScenario({ measures: 20, phases: 20 });
    const { watching, solves } = watched(solver);
    const result = await solveByPhaseDeepening(scenario, watching, { timeLimitSeconds: 4 });
    const full = phasesNeeded(scenario)?.phases ?? 20;
    const fullSolves = solves.filter((x) => x.phases === full);
    const stepSolves = solves.filter((x) => x.phases < full);
    expect(fullSolves.length).toBe(1);
    expect(stepSolves.length).toBeGreaterThan(0);
    const overlapping = stepSolves.some((x) => x.from < fullSolves[0]!.to && fullSolves[0]!.from < x.to);
    expect(overlapping).toBe(solver.parallelism >= 2);
    expect(result.deepening.steps.at(-1)!.phases).toBe(full);
  }, 60_000);

  it('ends with the optimum a direct solve proves, each step no worse than the last, no plan over its K', async () => {
    for (const seed of [2021, 7]) {
      const scenario = generateScenario({ seed, measures: 12, phases: 6 });
      const direct = await solveSequencing(scenario, solver, { timeLimitSeconds: 60 });
      expect(direct.status).toBe('optimal');
      const seen: { phases: number; objective: number | null; planPhases: number }[] = [];
      const result = await solveByPhaseDeepening(scenario, solver, {
        timeLimitSeconds: 120,
        onStep: (step, best) =>
          seen.push({ phases: step.phases, objective: step.objective, planPhases: best.plan!.phases.length }),
      });
      expect(result.status).toBe('optimal');
      expect(result.violations).toEqual([]);
      const optimum = direct.score!.objective;
      expect(Math.abs(result.score!.objective - optimum)).toBeLessThanOrEqual(tolerance(optimum));
      const { steps, fullBound, fullGap, provedOptimalUpTo } = result.deepening;
      // The last step is the full count, or the fewer phases an optimal plan is shown to need.
      const full = phasesNeeded(scenario)?.phases ?? 6;
      expect(result.deepening.phasesNeeded?.phases ?? 6).toBe(full);
      expect(steps.at(-1)!.phases).toBe(full);
      expect(steps[0]!.phases).toBe(fewestPhases(scenario));
      expect(provedOptimalUpTo).toBe(full);
      // Steps in order of K, each once, none cut short (the full count is proved only when they are done or moot).
      expect(steps.map((st) => st.phases)).toEqual(
        [...new Set(steps.map((st) => st.phases))].sort((x, y) => x - y),
      );
      expect(steps.every((st) => st.status !== 'cancelled')).toBe(true);
      expect(fullBound).not.toBeNull();
      expect(fullBound!).toBeLessThanOrEqual(optimum + tolerance(optimum));
      expect(fullGap).toBe(0);
      const objectives = steps.flatMap((s) => (s.objective === null ? [] : [s.objective]));
      objectives.slice(1).forEach((o, k) => {
        expect(o).toBeLessThanOrEqual(objectives[k]! + 1e-9);
      });
      for (const s of seen) {
        if (s.objective !== null) expect(s.planPhases).toBeLessThanOrEqual(s.phases);
      }
    }
  }, 240_000);

  it('reports a full bound never above the true optimum, and the optimum when it proves it', async () => {
    await fc.assert(
      fc.asyncProperty(smallScenarios, async (scenario) => {
        const result = await solveByPhaseDeepening(scenario, solver, { timeLimitSeconds: 20 });
        const best = exhaustiveSearch(scenario);
        if (best === undefined) {
          expect(result.status).toBe('infeasible');
          expect(result.plan).toBeUndefined();
          return;
        }
        const optimum = best.score.objective;
        const { fullBound } = result.deepening;
        if (fullBound !== null) expect(fullBound).toBeLessThanOrEqual(optimum + tolerance(optimum));
        expect(result.status).toBe('optimal');
        expect(result.violations).toEqual([]);
        expect(Math.abs(result.score!.objective - optimum)).toBeLessThanOrEqual(tolerance(optimum));
        for (const step of result.deepening.steps) {
          if (step.provedAmongPhases) expect(step.objective).not.toBeNull();
        }
      }),
      { numRuns: 60, seed: 16 },
    );
  }, 120_000);

  it('reports at least the LP relaxation bound for the full phase count when its solve is cut short', async () => {
    // At 200 measures the full-count solve's share of 5 s ends before HiGHS has finished its root: on its own
    // it reported no bound (or one of 220, against the LP's 1,062).
    const scenario = generateScenario({ measures: 200, phases: 20 });
    const { model } = buildSequencingModel(scenario, { formulation: planFormulation });
    const relaxed = await solver.solve(
      { ...model, variables: model.variables.map((v) => ({ ...v, type: 'continuous' as const })) },
      { timeLimitSeconds: 60 },
    );
    expect(relaxed.status).toBe('optimal');
    const lp = relaxed.objectiveValue!;
    const result = await solveByPhaseDeepening(scenario, solver, { timeLimitSeconds: 5 });
    const { fullBound, fullGap } = result.deepening;
    const objective = result.score!.objective;
    expect(fullBound).not.toBeNull();
    expect(fullBound!).toBeGreaterThanOrEqual(lp - tolerance(lp));
    expect(fullBound!).toBeLessThanOrEqual(objective + tolerance(objective));
    expect(fullGap).toBeCloseTo((objective - fullBound!) / objective, 6);
  }, 120_000);
});
