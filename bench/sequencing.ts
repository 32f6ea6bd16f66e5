/**
 * Sequencing cases for `npm run bench`: the sequencing MILP on HiGHS for 20, 50, 100 and 200 generated
 * measures over 20 phases: seconds to a proven optimum, or the gap at the time limit (30 s; 60 s for 200
 * measures), against the greedy baseline (`greedyPlan`) on the same scenario in the same run. The scenarios
 * come from `generateScenario` with the parameters printed on every line.
 *
 * glpk.js is not a peer here: glpk.js 5.0.0, tried on the same model outside the repository, did not prove
 * even the 20-measure scenario optimal in 60 s (it stopped with a feasible plan of objective 428), so it was
 * not added as a dependency; every line says so.
 *
 * One more case: the full conflict account of scenarios/jcpoa-2021.json (`diagnoseConflicts`, what `plan solve`
 * adds when its red lines conflict), wall clock, on one HiGHS worker per core against the same diagnosis on one
 * worker, in the same run; the old diagnosis (serial, the concession plans' slack only capped) can no longer be
 * selected, so its figure is stated in the line.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import {
  diagnoseConflicts,
  greedyPlan,
  type SequencingScenario,
  solveSequencing,
  validateScenario,
} from '@lockstep/core';
import { defaultGeneratorParameters, generateScenario, roomyScenarioLimits } from '@lockstep/core/testing';
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

/**
 * The conflict account of jcpoa-2021 on a fresh solver of `workers` threads, one of them warmed by a first
 * solve as `plan solve`'s own solve would have (the others start within the account): seconds, solves and
 * whether every concession plan was proved.
 */
async function conflictAccount(
  scenario: SequencingScenario,
  workers: number,
): Promise<{ seconds: number; solves: number; conflicts: number; plansProved: boolean }> {
  const solver = new HighsSolver({ workers });
  try {
    await solveSequencing(scenario, solver, { timeLimitSeconds: 60 });
    const started = performance.now();
    const diagnosis = await diagnoseConflicts(scenario, solver, { timeLimitSeconds: 60 });
    return {
      seconds: (performance.now() - started) / 1000,
      solves: diagnosis.solves,
      conflicts: diagnosis.conflicts.length,
      plansProved: diagnosis.relaxations.every((r) => r.planGap === 0),
    };
  } finally {
    await solver.close();
  }
}

/** The full conflict account of scenarios/jcpoa-2021.json, parallel against serial (issue 16, item 4). */
export async function conflictAccountCase(emit: Emit): Promise<void> {
  const scenario = validateScenario(
    JSON.parse(readFileSync(new URL('../scenarios/jcpoa-2021.json', import.meta.url), 'utf8')),
    roomyScenarioLimits,
  );
  const workers = availableParallelism();
  const parallel = await conflictAccount(scenario, workers);
  const serial = await conflictAccount(scenario, 1);
  emit({
    bench: 'sequencing',
    case: `jcpoa-2021 full conflict account (diagnoseConflicts), wall clock, ${workers} HiGHS workers (target: < 3 s)`,
    value: round(parallel.seconds, 2),
    unit: 's',
    workers,
    solves: parallel.solves,
    conflicts: parallel.conflicts,
    plansProved: parallel.plansProved,
    peer: {
      oneWorker: {
        seconds: round(serial.seconds, 2),
        solves: serial.solves,
        plansProved: serial.plansProved,
      },
      before:
        '12–13 s (measured 2026-12-05): serial, 22 solves, the concession plans’ slack only capped, one plan cut at 3 s with an 85 % gap',
    },
  });
}

export async function sequencingCases(emit: Emit): Promise<void> {
  await conflictAccountCase(emit);
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
