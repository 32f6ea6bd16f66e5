/**
 * Sequencing cases for `npm run bench`: the sequencing MILP on HiGHS for 20, 50, 100 and 200 generated
 * measures over 20 phases: seconds to a proven optimum, or the gap at the time limit (30 s; 60 s for 200
 * measures), against the greedy baseline (`greedyPlan`) on the same scenario in the same run. The scenarios
 * come from `generateScenario` with the parameters printed on every line.
 *
 * glpk.js is not a peer here: glpk.js 5.0.0, tried on the same model outside the repository, did not prove
 * even the 20-measure scenario optimal in 60 s (it stopped with a feasible plan of objective 428), so it was
 * not added as a dependency; every line says so.
 */
import { greedyPlan, type SequencingScenario, solveSequencing } from '@lockstep/core';
import { defaultGeneratorParameters, generateScenario } from '@lockstep/core/testing';
import { HighsSolver } from '@lockstep/solver';
import type { Emit } from './emit.ts';

/** Measure counts benchmarked, each with its HiGHS time limit in seconds. */
const cases: readonly { measures: number; limitSeconds: number }[] = [
  { measures: 20, limitSeconds: 30 },
  { measures: 50, limitSeconds: 30 },
  { measures: 100, limitSeconds: 30 },
  { measures: 200, limitSeconds: 60 },
];
const phases = 20;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The greedy baseline's objective (null when it finds no plan) and its wall-clock seconds. */
function greedy(scenario: SequencingScenario): { objective: number | null; seconds: number } {
  const started = performance.now();
  const plan = greedyPlan(scenario);
  return { objective: plan ? plan.score.objective : null, seconds: (performance.now() - started) / 1000 };
}

export async function sequencingCases(emit: Emit): Promise<void> {
  const solver = new HighsSolver();
  try {
    // Warm-up: start the worker and load HiGHS's WASM before the first timed solve.
    await solveSequencing(generateScenario({ measures: 4, phases: 2 }), solver, { timeLimitSeconds: 5 });
    for (const { measures, limitSeconds } of cases) {
      const generator = { ...defaultGeneratorParameters, measures, phases };
      const scenario = generateScenario(generator);
      const baseline = greedy(scenario);
      const result = await solveSequencing(scenario, solver, { timeLimitSeconds: limitSeconds });
      const objective = result.score?.objective ?? null;
      emit({
        bench: 'sequencing',
        case: `${measures} measures x ${phases} phases, HiGHS to a proven optimum (time limit ${limitSeconds} s; target: 100 measures optimal in < 10 s)`,
        value: round(result.solveSeconds, 2),
        unit: 's',
        measures,
        phases,
        status: result.status,
        gap: result.gap === null ? null : round(result.gap, 4),
        seconds: round(result.solveSeconds, 2),
        timeLimitSeconds: limitSeconds,
        objective,
        planValid: result.plan ? result.violations.length === 0 : null,
        generator,
        peer: {
          greedy: { objective: baseline.objective, seconds: round(baseline.seconds, 3) },
          glpk: 'not run: glpk.js 5.0.0 did not prove even 20 measures optimal in 60 s (feasible, objective 428)',
        },
      });
    }
  } finally {
    await solver.close();
  }
}
