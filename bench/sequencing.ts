/**
 * Sequencing cases for `npm run bench`: the seeded scenarios of 20, 50, 100 and 200 generated measures over 20
 * phases, one line per size with, side by side in the same run: HiGHS solving the full model directly (time
 * limit 30 s; 60 s for 200 measures), HiGHS with phase deepening (`solveByPhaseDeepening`, time limit 10 s:
 * the target is a plan with a proven gap <= 5 % in 10 s, or "optimal among plans with <= K phases" stated;
 * one worker per core as the product runs it, beside a one-worker run as the baseline),
 * CBC on the same model written as LP text (Debian's `cbc` command, a peer run as a process, not a
 * dependency; same time limit as HiGHS direct, in CPU seconds, CBC's default: with `timeMode elapsed` on a
 * loaded machine its preprocessing, cut short by the limit, reported the 20-measure model infeasible; the
 * line says so when `cbc` is missing), HiGHS direct on the assignment formulation (the measurement behind
 * `planFormulation`: plan solves use the step formulation) and the greedy
 * baseline (`greedyPlan`). Each gives seconds, status, objective and gap (deepening: the largest K proved
 * optimal among plans with <= K phases, and the gap to the best bound for the full phase count). The
 * scenarios come from `generateScenario` with the parameters printed on every line.
 *
 * glpk.js is not a peer here: glpk.js 5.0.0, tried on the same model outside the repository, did not prove
 * even the 20-measure scenario optimal in 60 s (it stopped with a feasible plan of objective 428), so it was
 * not added as a dependency; every line says so.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildSequencingModel,
  greedyPlan,
  lpText,
  planFormulation,
  type SequencingModelOptions,
  type SequencingScenario,
  solveByPhaseDeepening,
  solveSequencing,
} from '@lockstep/core';
import { defaultGeneratorParameters, generateScenario } from '@lockstep/core/testing';
import { HighsSolver } from '@lockstep/solver';
import type { Emit } from './emit.ts';

/** Measure counts benchmarked, each with the time limit in seconds of the direct solves (HiGHS and CBC). */
const cases: readonly { measures: number; limitSeconds: number }[] = [
  { measures: 20, limitSeconds: 30 },
  { measures: 50, limitSeconds: 30 },
  { measures: 100, limitSeconds: 30 },
  { measures: 200, limitSeconds: 60 },
];
const phases = 20;
/** Time limit of the whole phase deepening, in seconds (the target). */
const deepeningSeconds = 10;
/** Time limit of the 20-measure proof, in seconds. */
const proofSeconds = 120;
/** The model options of the direct solves (no formulation asked for: `planFormulation` chooses). */
const modelOptions: SequencingModelOptions = {};

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const roundOrNull = (value: number | null | undefined, digits: number) =>
  value === null || value === undefined ? null : round(value, digits);

/** The greedy baseline's objective (null when it finds no plan) and its wall-clock seconds. */
function greedy(scenario: SequencingScenario): { objective: number | null; seconds: number } {
  const started = performance.now();
  const plan = greedyPlan(scenario);
  return { objective: plan ? plan.score.objective : null, seconds: (performance.now() - started) / 1000 };
}

/** What CBC reported for one model, or why it did not run. */
type CbcOutcome =
  | {
      readonly status: 'optimal' | 'time-limit' | 'infeasible' | 'other';
      readonly objective: number | null;
      readonly bound: number | null;
      readonly gap: number | null;
      readonly seconds: number;
    }
  | { readonly notRun: string };

/** Runs `cbc file.lp sec N solve solu out.txt` on the scenario's model and reads its summary. */
async function cbc(scenario: SequencingScenario, limitSeconds: number): Promise<CbcOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-cbc-'));
  try {
    const lp = join(dir, 'model.lp');
    // The same model HiGHS direct is given (formulation included).
    const model = buildSequencingModel(scenario, {
      ...modelOptions,
      formulation: planFormulation,
    });
    writeFileSync(lp, lpText(model.model));
    const started = performance.now();
    const output = await new Promise<string | Error>((resolve) => {
      execFile(
        'cbc',
        [lp, 'sec', String(limitSeconds), 'solve', 'solu', join(dir, 'out.txt')],
        { timeout: (3 * limitSeconds + 60) * 1000, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout) => resolve(error && !stdout ? error : stdout),
      );
    });
    const seconds = (performance.now() - started) / 1000;
    if (output instanceof Error) {
      const missing = (output as NodeJS.ErrnoException).code === 'ENOENT';
      return { notRun: missing ? 'cbc is not installed (apt-get install coinor-cbc)' : output.message };
    }
    const result = /Result - (.*)/.exec(output)?.[1] ?? '';
    const objective = numberAfter(output, 'Objective value:');
    const bound = numberAfter(output, 'Lower bound:');
    const status = /optimal/i.test(result)
      ? 'optimal'
      : /time limit/i.test(result)
        ? 'time-limit'
        : /infeasible/i.test(result)
          ? 'infeasible'
          : 'other';
    const gap =
      status === 'optimal'
        ? 0
        : objective !== null && bound !== null
          ? (objective - bound) / Math.max(1e-9, Math.abs(objective))
          : null;
    return { status, objective, bound, gap, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function numberAfter(text: string, label: string): number | null {
  const match = new RegExp(`${label}\\s*(-?[0-9.eE+-]+)`).exec(text);
  return match ? Number(match[1]) : null;
}

export async function sequencingCases(emit: Emit): Promise<void> {
  const solver = new HighsSolver({ workers: 1 });
  // Phase deepening as the product runs it: one worker per core, the full phase count beside the steps; the
  // one-worker run beside it is the baseline (steps, then the full count).
  const deepSolver = new HighsSolver();
  try {
    // Warm-up: start the workers and load HiGHS's WASM before the first timed solve.
    for (const warming of [solver, deepSolver])
      await solveSequencing(generateScenario({ measures: 4, phases: 2 }), warming, { timeLimitSeconds: 5 });
    for (const { measures, limitSeconds } of cases) {
      const generator = { ...defaultGeneratorParameters, measures, phases };
      const scenario = generateScenario(generator);
      const baseline = greedy(scenario);
      const direct = await solveSequencing(
        scenario,
        solver,
        { timeLimitSeconds: limitSeconds },
        modelOptions,
      );
      const assignment = await solveSequencing(
        scenario,
        solver,
        { timeLimitSeconds: limitSeconds },
        { formulation: 'assignment' },
      );
      const deep = await solveByPhaseDeepening(scenario, deepSolver, { timeLimitSeconds: deepeningSeconds });
      const deepOne = await solveByPhaseDeepening(scenario, solver, { timeLimitSeconds: deepeningSeconds });
      const peerCbc = await cbc(scenario, limitSeconds);
      const { provedOptimalUpTo, fullBound, fullGap, steps } = deep.deepening;
      emit({
        bench: 'sequencing',
        case: `${measures} measures x ${phases} phases: HiGHS with phase deepening (${deepeningSeconds} s) against HiGHS direct and CBC (${limitSeconds} s) and greedy (target: a plan with a proven gap <= 5 % in 10 s, "optimal among <= K phases" stated)`,
        value: round(deep.solveSeconds, 2),
        unit: 's',
        measures,
        phases,
        deepening: {
          workers: deepSolver.parallelism,
          status: deep.status,
          seconds: round(deep.solveSeconds, 2),
          objective: deep.score?.objective ?? null,
          provedOptimalAmongPhases: provedOptimalUpTo ?? null,
          fullBound: roundOrNull(fullBound, 2),
          fullGap: roundOrNull(fullGap, 4),
          phasesNeeded: deep.deepening.phasesNeeded?.phases ?? null,
          // The target is the proven gap to the bound for the full phase count; "optimal among <= K phases"
          // is stated beside it, and does not meet it alone.
          targetMet: fullGap !== null && fullGap <= 0.05,
          steps: steps.map((s) => ({
            phases: s.phases,
            status: s.status,
            objective: s.objective,
            proved: s.provedAmongPhases,
            seconds: round(s.seconds, 2),
          })),
        },
        deepeningOneWorker: {
          objective: deepOne.score?.objective ?? null,
          provedOptimalAmongPhases: deepOne.deepening.provedOptimalUpTo ?? null,
          fullBound: roundOrNull(deepOne.deepening.fullBound, 2),
          fullGap: roundOrNull(deepOne.deepening.fullGap, 4),
        },
        highsDirect: {
          formulation: planFormulation,
          status: direct.status,
          seconds: round(direct.solveSeconds, 2),
          timeLimitSeconds: limitSeconds,
          objective: direct.score?.objective ?? null,
          gap: roundOrNull(direct.gap, 4),
          planValid: direct.plan ? direct.violations.length === 0 : null,
        },
        highsDirectAssignment: {
          formulation: 'assignment',
          status: assignment.status,
          seconds: round(assignment.solveSeconds, 2),
          objective: assignment.score?.objective ?? null,
          gap: roundOrNull(assignment.gap, 4),
        },
        generator,
        peer: {
          cbc:
            'notRun' in peerCbc
              ? `not run: ${peerCbc.notRun}`
              : {
                  status: peerCbc.status,
                  seconds: round(peerCbc.seconds, 2),
                  timeLimitSeconds: limitSeconds,
                  objective: peerCbc.objective,
                  bound: peerCbc.bound,
                  gap: roundOrNull(peerCbc.gap, 4),
                },
          greedy: { objective: baseline.objective, seconds: round(baseline.seconds, 3) },
          glpk: 'not run: glpk.js 5.0.0 did not prove even 20 measures optimal in 60 s (feasible, objective 428)',
        },
      });
    }
    // How long the proof of the 20-measure scenario takes, given the time (its direct solve, HiGHS or CBC,
    // never closes the gap): phase deepening over the phases an optimal plan needs.
    const small = generateScenario({ ...defaultGeneratorParameters, measures: 20, phases });
    const proof = await solveByPhaseDeepening(small, deepSolver, { timeLimitSeconds: proofSeconds });
    const proofOne = await solveByPhaseDeepening(small, solver, { timeLimitSeconds: proofSeconds });
    emit({
      bench: 'sequencing',
      case: `20 measures x ${phases} phases: phase deepening until proved optimal (limit ${proofSeconds} s; target: optimal < 1 s)`,
      value: round(proof.solveSeconds, 2),
      unit: 's',
      workers: deepSolver.parallelism,
      status: proof.status,
      objective: proof.score?.objective ?? null,
      phasesNeeded: proof.deepening.phasesNeeded?.phases ?? null,
      targetMet: proof.status === 'optimal' && proof.solveSeconds < 1,
      steps: proof.deepening.steps.map((s) => ({
        phases: s.phases,
        objective: s.objective,
        proved: s.provedAmongPhases,
        seconds: round(s.seconds, 2),
      })),
      peer: {
        oneWorker: { status: proofOne.status, seconds: round(proofOne.solveSeconds, 2) },
        highsDirect: 'the direct solve of the same line above (full phase count, not proved)',
      },
    });
  } finally {
    await Promise.all([solver.close(), deepSolver.close()]);
  }
}
