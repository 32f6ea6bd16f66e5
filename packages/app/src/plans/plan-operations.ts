import { type PlanSolveInput, type PlanSolveResult, scenarioLimits } from '@lockstep/contract';
import {
  diagnoseConflicts,
  type LinearModel,
  SequencingInputError,
  type SequencingScenario,
  type SequencingSolver,
  type SolveOptions,
  type SolveResult,
  solveSequencing,
} from '@lockstep/core';
import { FormatError, parseScenarioJson } from '@lockstep/formats';
import { HighsSolver } from '@lockstep/solver';
import { InputError } from '../input-error.ts';
import { readBoundedText } from './read-bounded-text.ts';

/**
 * Reads and checks a scenario file, held to `scenarioLimits`; every problem is an `InputError` naming the
 * file and the field path.
 */
export function readScenarioFile(path: string, field = 'path'): SequencingScenario {
  const text = readBoundedText(path, scenarioLimits.fileBytes, field, 'scenario');
  try {
    return parseScenarioJson(text, path, scenarioLimits);
  } catch (error) {
    if (error instanceof FormatError || error instanceof SequencingInputError) {
      throw new InputError(error.message, field);
    }
    throw error;
  }
}

/** Where a solve is: the main solve, or the conflict diagnosis with the solver calls made so far. */
export interface PlanSolveProgress {
  readonly stage: 'solving' | 'diagnosing';
  /** Solver calls finished in this stage. */
  readonly solves: number;
}

/** Options of `solveScenario`. */
export interface ScenarioSolveOptions {
  /** The whole answer's time limit, diagnosis included (seconds). */
  readonly timeLimitSeconds: number;
  /** Aborting stops the solve at once; the answer is then `cancelled`. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: PlanSolveProgress) => void;
}

/**
 * A solver that gives every solve only the time left before a deadline, so a conflict diagnosis (many solves)
 * keeps to one time limit overall; past the deadline a solve ends at once as `time-limit`.
 */
class DeadlineSolver implements SequencingSolver {
  constructor(
    private readonly solver: SequencingSolver,
    private readonly deadline: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async solve(model: LinearModel, options: SolveOptions): Promise<SolveResult> {
    const left = (this.deadline - performance.now()) / 1000;
    if (this.signal?.aborted) return { status: 'cancelled', gap: null, seconds: 0, message: 'cancelled' };
    if (left <= 0.05) {
      return { status: 'time-limit', gap: null, seconds: 0, message: 'the time limit ran out' };
    }
    return this.solver.solve(model, {
      ...options,
      timeLimitSeconds: Math.min(options.timeLimitSeconds, left),
      ...(this.signal && { signal: this.signal }),
    });
  }
}

/**
 * The optimal phased plan of a scenario (checked constraint by constraint), or, when its red lines cannot
 * all hold, the smallest sets that conflict and what relaxing each would cost. HiGHS runs in its own worker
 * thread, closed when the answer is in; the time limit covers the whole answer.
 */
export async function solveScenario(
  scenario: SequencingScenario,
  options: ScenarioSolveOptions,
): Promise<PlanSolveResult> {
  const { timeLimitSeconds, signal, onProgress } = options;
  const started = performance.now();
  const highs = new HighsSolver();
  const solver = new DeadlineSolver(highs, started + timeLimitSeconds * 1000, signal);
  const solveOptions = { timeLimitSeconds };
  const cancelled = (): PlanSolveResult => ({
    status: 'cancelled',
    gap: null,
    solveSeconds: (performance.now() - started) / 1000,
    violations: [],
    message: 'the solve was cancelled',
  });
  try {
    onProgress?.({ stage: 'solving', solves: 0 });
    const result = await solveSequencing(scenario, solver, solveOptions);
    onProgress?.({ stage: 'solving', solves: 1 });
    if (result.status === 'cancelled' || signal?.aborted) return cancelled();
    if (result.status === 'optimal' || (result.status === 'time-limit' && result.plan)) {
      return { ...result, status: result.status === 'optimal' ? 'optimal' : 'feasible' };
    }
    if (result.status !== 'infeasible') {
      return {
        ...result,
        status: 'error',
        message:
          result.status === 'time-limit'
            ? `no plan found within the time limit of ${timeLimitSeconds} s`
            : (result.message ?? `the solver stopped: ${result.status}`),
      };
    }
    onProgress?.({ stage: 'diagnosing', solves: 0 });
    let diagnosis: Awaited<ReturnType<typeof diagnoseConflicts>>;
    try {
      diagnosis = await diagnoseConflicts(scenario, solver, {
        ...solveOptions,
        onSolve: (solves) => onProgress?.({ stage: 'diagnosing', solves }),
      });
    } catch (error) {
      if (signal?.aborted) return cancelled();
      return {
        status: 'infeasible',
        gap: null,
        solveSeconds: (performance.now() - started) / 1000,
        violations: [],
        message: `no plan satisfies every red line; the diagnosis of which conflict did not finish within the time limit of ${timeLimitSeconds} s (${error instanceof Error ? error.message : String(error)})`,
      };
    }
    return {
      status: 'infeasible',
      gap: null,
      solveSeconds: (performance.now() - started) / 1000,
      violations: [],
      conflicts: diagnosis.conflicts,
      relaxations: diagnosis.relaxations,
      ...(diagnosis.leastConcession && { leastConcession: diagnosis.leastConcession }),
      message: diagnosis.infeasibleWithoutRedLines
        ? 'no plan exists even without the red lines: the relations and phases alone conflict'
        : `no plan satisfies every red line: ${diagnosis.conflicts.map((c) => c.join(' + ')).join('; ')} cannot all hold`,
    };
  } finally {
    await highs.close();
  }
}

/** `plan.solve`: a scenario file solved (see `solveScenario`). */
export async function solvePlan(input: PlanSolveInput): Promise<PlanSolveResult> {
  const scenario = readScenarioFile(input.path);
  return solveScenario(scenario, { timeLimitSeconds: input.timeLimitSeconds ?? 60 });
}
