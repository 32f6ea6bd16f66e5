import {
  type PhaseDeepeningJson,
  type PlanSolveInput,
  type PlanSolveResult,
  planDefaults,
  scenarioLimits,
} from '@lockstep/contract';
import {
  checkedPlan,
  type DeepeningStep,
  diagnoseConflicts,
  exposureLinesOf,
  greedyPlan,
  type LinearModel,
  mergePhases,
  objectiveLowerBound,
  phasesNeeded,
  relativeGap,
  SequencingInputError,
  type SequencingResult,
  type SequencingScenario,
  type SequencingSolver,
  type SolveOptions,
  type SolveResult,
  solveByPhaseDeepening,
  solveSequencing,
} from '@lockstep/core';
import { FormatError, parseScenarioJson } from '@lockstep/formats';
import { HighsSolver } from '@lockstep/solver';
import { InputError } from '../input-error.ts';
import { readBoundedText } from './read-bounded-text.ts';
import {
  type ScenarioUnderWhatIf,
  scenarioUnderWhatIf,
  whatIfFlags,
  withWhatIfChanges,
} from './scenario-what-if.ts';
import { solveScenarioInWorker } from './solve-in-worker.ts';
import type { PlanSolveProgress, ScenarioSolveOptions } from './solve-options.ts';

export type { PlanSolveProgress, ScenarioSolveOptions } from './solve-options.ts';

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

/**
 * A solver that gives every solve only the time left before a deadline (epoch milliseconds), so a conflict
 * diagnosis (many solves) keeps to one time limit overall; past the deadline a solve ends at once as
 * `time-limit`. `onSolving` is told when a solver call starts and ends.
 */
class DeadlineSolver implements SequencingSolver {
  private active = 0;

  constructor(
    private readonly solver: SequencingSolver,
    private readonly deadline: number,
    private readonly signal: AbortSignal | undefined,
    private readonly onSolving: (solving: boolean) => void,
  ) {}

  get parallelism(): number | undefined {
    return this.solver.parallelism;
  }

  async solve(model: LinearModel, options: SolveOptions): Promise<SolveResult> {
    const left = (this.deadline - Date.now()) / 1000;
    if (this.signal?.aborted) return { status: 'cancelled', gap: null, seconds: 0, message: 'cancelled' };
    if (left <= 0.05) {
      return { status: 'time-limit', gap: null, seconds: 0, message: 'the time limit ran out' };
    }
    this.active++;
    this.onSolving(true);
    try {
      return await this.solver.solve(model, {
        ...options,
        timeLimitSeconds: Math.min(options.timeLimitSeconds, left),
        ...(this.signal && { signal: this.signal }),
      });
    } finally {
      // Solving while any solve runs (phase deepening may run two at once).
      this.active--;
      this.onSolving(this.active > 0);
    }
  }
}

/**
 * The optimal phased plan of a scenario (checked constraint by constraint), or, when its red lines cannot
 * all hold, the smallest sets that conflict and what relaxing each would cost. A first look with every phase
 * (a few seconds) settles many scenarios; otherwise phase deepening (`solveByPhaseDeepening`) starts from its
 * plan and says what the answer is proved to be. HiGHS starts from the greedy
 * baseline's plan and runs in its own worker thread, closed when the answer is in; the solver calls keep
 * to the time limit (see `solveScenarioInWorker` for a limit on the whole answer, wall clock).
 */
export async function solveScenario(
  scenario: SequencingScenario,
  options: ScenarioSolveOptions,
): Promise<PlanSolveResult> {
  const { timeLimitSeconds, signal, onProgress, onPartial } = options;
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  let stage: PlanSolveProgress['stage'] = 'solving';
  let solves = 0;
  let activity = 'finding the greedy start plan';
  const steps: DeepeningStep[] = [];
  // Fewer phases than the scenario has may be enough for an optimal plan: then every solve uses that many.
  const needed = phasesNeeded(scenario);
  const solvedScenario = needed ? { ...scenario, phaseCount: needed.phases } : scenario;
  const deepeningSoFar = (): PhaseDeepeningJson => ({
    // In order of K (the full count's solve, run beside the steps, may end before them).
    steps: [...steps].sort((a, b) => a.phases - b.phases),
    fullPhases: scenario.phaseCount,
    ...(needed && { phasesNeeded: needed }),
    ...provedUpTo(steps),
    fullBound: null,
    fullGap: null,
  });
  const report = () =>
    onProgress?.({ stage, solves, activity, ...(steps.length > 0 && { deepening: deepeningSoFar() }) });
  const highs = new HighsSolver();
  const solver = new DeadlineSolver(
    highs,
    options.deadline ?? Date.now() + timeLimitSeconds * 1000,
    signal,
    (solving) => {
      if (stage === 'diagnosing') return;
      const phases =
        steps.length > 0 ? `at most ${steps[steps.length - 1]!.phases + 1} phases` : 'the fewest phases';
      activity = solving ? `solving with HiGHS among plans with ${phases}` : 'checking the plan';
      report();
    },
  );
  const solveOptions = { timeLimitSeconds };
  const cancelled = (): PlanSolveResult => ({
    status: 'cancelled',
    gap: null,
    solveSeconds: seconds(),
    violations: [],
    message: 'the solve was cancelled',
  });
  try {
    report();
    const greedy = greedyPlan(scenario);
    // The greedy plan with its phases merged down to those needed (no worse), so it fits every solve's model.
    const start = greedy && mergePhases(scenario, new Map(greedy.schedule.map((s) => [s.measure, s.phase])));
    const baseline = start && checkedPlan(scenario, start);
    if (baseline) {
      // Without the solver's bound, the gap is to what no plan can beat: the critical path's days.
      const gap = relativeGap(baseline.score.objective, objectiveLowerBound(scenario));
      onPartial?.({
        status: gap === 0 ? 'optimal' : 'feasible',
        gap,
        solveSeconds: seconds(),
        exposureLines: exposureLinesOf(scenario),
        ...baseline,
      });
    }
    activity = 'building the model';
    report();
    // A first look with every phase: many scenarios are proved optimal or infeasible in a second or two,
    // and phase deepening would only repeat the work; otherwise its plan is where deepening starts.
    const probeSeconds = Math.max(1, Math.min(probeMostSeconds, timeLimitSeconds * probeShare));
    const probeStarted = performance.now();
    const probe = await solveSequencing(
      solvedScenario,
      solver,
      { timeLimitSeconds: probeSeconds },
      {},
      start,
    );
    const settled =
      probe.status === 'optimal' || probe.status === 'infeasible' || probe.status === 'cancelled';
    if (settled) {
      steps.push({
        phases: solvedScenario.phaseCount,
        status: probe.status,
        objective: probe.score?.objective ?? null,
        provedAmongPhases: probe.status === 'optimal',
        seconds: (performance.now() - probeStarted) / 1000,
      });
    }
    if (!settled && probe.plan && probe.violations.length === 0) {
      const partial = deepenedAnswer(scenario, probe, deepeningSoFar());
      if (partial) onPartial?.(partial);
    }
    const probePlan =
      probe.plan && probe.violations.length === 0
        ? new Map(probe.plan.measures.map((m) => [m.measure, m.phase]))
        : start;
    const { deepening, ...result } = settled
      ? {
          ...probe,
          deepening: {
            steps,
            ...provedUpTo(steps),
            fullBound: probe.status === 'optimal' ? (probe.score?.objective ?? null) : null,
            fullGap: probe.status === 'optimal' ? 0 : null,
            ...(needed && { phasesNeeded: needed }),
          },
        }
      : await solveByPhaseDeepening(
          scenario,
          solver,
          {
            ...solveOptions,
            timeLimitSeconds: Math.max(0, timeLimitSeconds - seconds()),
            onStep: (step, best) => {
              steps.push(step);
              solves = steps.length;
              report();
              const partial = deepenedAnswer(scenario, best, deepeningSoFar());
              if (partial) onPartial?.(partial);
            },
          },
          probePlan,
        );
    solves = Math.max(solves, deepening.steps.length);
    report();
    if (result.status === 'cancelled' || signal?.aborted) return cancelled();
    const answer = deepenedAnswer(scenario, result, { ...deepening, fullPhases: scenario.phaseCount });
    if (answer) return answer;
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
    const unfinished = (why: string): PlanSolveResult => ({
      status: 'infeasible',
      gap: null,
      solveSeconds: seconds(),
      violations: [],
      message: `no plan satisfies every red line; the diagnosis of which conflict did not finish within the time limit of ${timeLimitSeconds} s (${why})`,
    });
    onPartial?.(unfinished('the time limit was reached while diagnosing'));
    stage = 'diagnosing';
    solves = 0;
    activity = 'diagnosing which red lines conflict';
    report();
    let diagnosis: Awaited<ReturnType<typeof diagnoseConflicts>>;
    try {
      diagnosis = await diagnoseConflicts(scenario, solver, {
        ...solveOptions,
        onSolve: (count) => {
          solves = count;
          report();
        },
      });
    } catch (error) {
      if (signal?.aborted) return cancelled();
      return unfinished(error instanceof Error ? error.message : String(error));
    }
    // Cancelled during the relaxations: their solves ended at once, so the account is not one to give.
    if (signal?.aborted) return cancelled();
    return {
      status: 'infeasible',
      gap: null,
      solveSeconds: seconds(),
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

/** The share of the time limit, and the most seconds, the first look with every phase may take. */
const probeShare = 0.15;
const probeMostSeconds = 5;

/** The largest K whose step proved its plan optimal among plans with at most K phases, when one did. */
function provedUpTo(steps: readonly DeepeningStep[]): { provedOptimalUpTo?: number } {
  const proved = steps.filter((s) => s.provedAmongPhases).map((s) => s.phases);
  return proved.length > 0 ? { provedOptimalUpTo: Math.max(...proved) } : {};
}

/**
 * A deepening's best plan as an answer: `optimal` when the full phase count is proved, else `feasible` with
 * the gap to the full count's best bound (or, with no bound yet, the loose one: no plan is shorter than the
 * critical path); `undefined` when there is no plan.
 */
function deepenedAnswer(
  scenario: SequencingScenario,
  result: SequencingResult,
  deepening: PhaseDeepeningJson,
): PlanSolveResult | undefined {
  if (result.status === 'optimal') return { ...result, status: 'optimal', gap: 0, deepening };
  if (!result.score) return undefined;
  const gap = deepening.fullGap ?? relativeGap(result.score.objective, objectiveLowerBound(scenario));
  return { ...result, status: gap === 0 ? 'optimal' : 'feasible', gap, deepening };
}

/**
 * A scenario file read and checked, with the command's what-if applied (`--without`, `--set`, `--starts`): the input of
 * plan solve, check and explain.
 */
export function readScenarioUnderWhatIf(input: {
  readonly path: string;
  readonly without?: readonly string[] | undefined;
  readonly set?: Readonly<Record<string, number>> | undefined;
  readonly starts?: 'phase' | 'staggered' | undefined;
}): ScenarioUnderWhatIf {
  const scenario = readScenarioFile(input.path);
  return scenarioUnderWhatIf(
    scenario,
    {
      ...(input.without && { without: input.without }),
      ...(input.set && { set: input.set }),
      ...(input.starts && { starts: input.starts }),
    },
    whatIfFlags,
  );
}

/**
 * `plan.solve`: a scenario file solved (see `solveScenario`) in a thread of its own, the time limit
 * (default 60 s) bounding the whole answer, wall clock, from the moment the file has been read; under a
 * what-if, the answer names what was changed.
 */
export async function solvePlan(input: PlanSolveInput): Promise<PlanSolveResult> {
  const { scenario, changes } = readScenarioUnderWhatIf(input);
  const result = await solveScenarioInWorker(scenario, {
    timeLimitSeconds: input.timeLimitSeconds ?? planDefaults.solveTimeLimitSeconds,
  });
  return withWhatIfChanges(result, changes);
}
