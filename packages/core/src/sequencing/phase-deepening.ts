import { mergePhases, type PhasesNeeded, phasesNeeded } from './phases-needed.ts';
import { relationOrder } from './relation-order.ts';
import type { SequencingScenario } from './scenario.ts';
import { anchorOffset } from './schedule.ts';
import { buildSequencingModel } from './sequencing-model.ts';
import type { SequencingSolver, SolveOptions, SolveStatus } from './sequencing-solver.ts';
import { checkedPlan, planFormulation, type SequencingResult, solveSequencing } from './solve-sequencing.ts';

/** One step of phase deepening: the best plan among those with at most `phases` phases. */
export interface DeepeningStep {
  /** K: the plans considered have at most K phases. */
  readonly phases: number;
  /** How this step's solve ended. */
  readonly status: SolveStatus;
  /** The best plan's objective among plans with <= K phases (null if none is known). */
  readonly objective: number | null;
  /** True when the plan is proved optimal among plans with <= K phases. */
  readonly provedAmongPhases: boolean;
  readonly seconds: number;
}

/** What phase deepening proved on the way. */
export interface PhaseDeepening {
  readonly steps: readonly DeepeningStep[];
  /** The largest K proved optimal among plans with <= K phases, if any. */
  readonly provedOptimalUpTo?: number;
  /**
   * Best lower bound known for the scenario's full phase count (null when none): the full-count solve's
   * bound, or the LP relaxation's when that is higher (a solve stopped early may not have finished its root);
   * and the gap of the returned plan to it.
   */
  readonly fullBound: number | null;
  readonly fullGap: number | null;
  /**
   * When an optimal plan is known to need fewer phases than the scenario has (`phasesNeeded`): how many,
   * and why. The last step then stands for the full phase count: its optimum is the full count's.
   */
  readonly phasesNeeded?: PhasesNeeded;
}

/** Share of the time limit kept for the final solve with the scenario's full phase count. */
const fullShare = 1 / 3;

/**
 * The fewest phases a plan can have as far as the relations tell: the longest chain of strict relations
 * (those whose `after` must be in a later phase than its `before`: a positive offset from the anchor) + 1,
 * never more than the scenario's phase count.
 */
export function fewestPhases(scenario: SequencingScenario): number {
  const byId = new Map(scenario.measures.map((m) => [m.id, m]));
  const strict = scenario.relations.filter((r) => {
    const before = byId.get(r.before);
    return before !== undefined && byId.has(r.after) && anchorOffset(before, r.anchor) + r.lagDays > 0;
  });
  const order = relationOrder(
    scenario.measures.map((m) => m.id),
    strict,
  );
  const depth = new Map<string, number>(order.map((id) => [id, 0]));
  const next = new Map<string, string[]>();
  for (const r of strict) next.set(r.before, [...(next.get(r.before) ?? []), r.after]);
  let longest = 0;
  for (const id of order) {
    const d = depth.get(id)!;
    longest = Math.max(longest, d);
    for (const to of next.get(id) ?? []) depth.set(to, Math.max(depth.get(to) ?? 0, d + 1));
  }
  return Math.max(1, Math.min(scenario.phaseCount, longest + 1));
}

/**
 * Solves the scenario with few phases first: K from `fewestPhases` upwards, each step the scenario with at
 * most K phases (a plan with K phases is a plan with more, so each step starts from the best plan so far and
 * its optimum never rises), until the full phase count or the time limit; a step stopped by its limit ends
 * the deepening. The full phase count gets a solve of its own, whose bound is the `fullBound` reported (a
 * true lower bound for the full count; `null` when that solve found none): with a solver that runs two solves
 * at once (`parallelism`), beside the steps for the whole time limit, started from the start plan (the steps
 * then have the whole limit too, and are stopped when it proves the full count); with one, after the steps,
 * which share two thirds of the limit, started from their best plan. When `phasesNeeded` shows that an
 * optimal plan needs fewer phases than the scenario has, that many stand for the full count. The result is `optimal` only when
 * the full phase count is proved, else `time-limit` with the best plan found (or `infeasible` when the full
 * count is proved to have no plan).
 */
export async function solveByPhaseDeepening(
  scenario: SequencingScenario,
  solver: SequencingSolver,
  options: SolveOptions & { onStep?: (step: DeepeningStep, best: SequencingResult) => void },
  startPhases?: ReadonlyMap<string, number>,
): Promise<SequencingResult & { readonly deepening: PhaseDeepening }> {
  const { onStep, ...solveOptions } = options;
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  // The phases an optimal plan needs at most: solving with that many is solving with the full count.
  const needed = phasesNeeded(scenario);
  const full = needed?.phases ?? scenario.phaseCount;
  const steps: DeepeningStep[] = [];
  let provedOptimalUpTo: number | undefined;
  // A start with more phases than needed, merged down to them (no worse), can start every step up to them.
  let best: SequencingResult | undefined =
    startPhases && startResult(scenario, mergePhases(scenario, startPhases));
  let fullResult: SequencingResult | undefined;

  // Aborted when the full phase count is proved while steps still run beside it (concurrent deepening).
  const fullProved = new AbortController();
  const stepSignal = solveOptions.signal
    ? AbortSignal.any([solveOptions.signal, fullProved.signal])
    : fullProved.signal;
  const stepAt = async (phases: number, seconds: number): Promise<SequencingResult> => {
    const start = best && phasesUsed(best) <= phases ? phaseMap(best) : undefined;
    const result = await solveSequencing(
      phases === scenario.phaseCount ? scenario : { ...scenario, phaseCount: phases },
      solver,
      { ...solveOptions, timeLimitSeconds: seconds, ...(phases < full && { signal: stepSignal }) },
      {},
      start,
    );
    // A step cut short because the full count was proved beside it says nothing: leave it out.
    if (phases < full && fullProved.signal.aborted && result.status === 'cancelled') return result;
    const sound = result.plan !== undefined && result.violations.length === 0 && result.score !== undefined;
    if (sound && (!best?.score || result.score!.objective < best.score.objective - 1e-9)) best = result;
    const proved = result.status === 'optimal' && sound;
    if (proved) provedOptimalUpTo = phases;
    const step: DeepeningStep = {
      phases,
      status: result.status,
      // The best plan known with <= K phases: the best so far when it fits, else this step's own.
      objective:
        best?.score && phasesUsed(best) <= phases
          ? best.score.objective
          : sound
            ? result.score!.objective
            : null,
      provedAmongPhases: proved,
      seconds: result.solveSeconds,
    };
    steps.push(step);
    if (best) onStep?.(step, best);
    return result;
  };

  const stopped = () => solveOptions.signal?.aborted === true;
  const limit = solveOptions.timeLimitSeconds;
  // The LP relaxation of the full phase count, asked for at once (a solver with a second worker runs it
  // beside the steps; it takes under a second at 200 measures): a lower bound that holds whatever the final
  // solve reaches in its share of the time.
  const relaxation = relaxationBound({ ...scenario, phaseCount: full }, solver, solveOptions);
  // With two workers or more, the full phase count is solved beside the steps (after the relaxation, on the
  // same worker) for the whole time limit, and the steps have the whole limit too; with one, the steps share
  // two thirds of it and the full count has what is left.
  const concurrent = (solver.parallelism ?? 1) >= 2;
  const fullSolve = concurrent
    ? relaxation.then(async () => {
        const left = limit - elapsed();
        if (stopped() || left <= 0) return undefined;
        const result = await stepAt(full, left);
        if (result.status === 'optimal' || result.status === 'infeasible') fullProved.abort();
        return result;
      })
    : undefined;
  const stepShare = concurrent ? 1 : 1 - fullShare;
  for (let phases = fewestPhases(scenario); phases < full; phases++) {
    const left = limit * stepShare - elapsed();
    if (left <= 0 || stopped() || fullProved.signal.aborted) break;
    const result = await stepAt(phases, left);
    if (result.status !== 'optimal' && result.status !== 'infeasible') break;
  }
  if (fullSolve) fullResult = await fullSolve;
  else {
    const left = limit - elapsed();
    if (!stopped() && left > 0) fullResult = await stepAt(full, left);
  }
  steps.sort((a, b) => a.phases - b.phases);

  const bounds = [boundOf(fullResult), await relaxation].filter((b): b is number => b !== null);
  const fullBound = bounds.length === 0 ? null : Math.max(...bounds);
  const objective = best?.score?.objective;
  // A full-count solve proved optimal leaves no gap (its bound is its objective, within the solver's tolerance).
  const fullGap =
    fullBound === null || objective === undefined
      ? null
      : fullResult?.status === 'optimal'
        ? 0
        : Math.max(0, (objective - fullBound) / Math.max(1e-9, Math.abs(objective)));
  const deepening: PhaseDeepening = {
    steps,
    ...(provedOptimalUpTo === undefined ? {} : { provedOptimalUpTo }),
    fullBound,
    fullGap,
    ...(needed && { phasesNeeded: needed }),
  };
  const solveSeconds = elapsed();
  if (!best) {
    const status: SolveStatus = stopped()
      ? 'cancelled'
      : (fullResult?.status ?? (steps.length > 0 ? 'time-limit' : 'time-limit'));
    return {
      status: status === 'optimal' ? 'time-limit' : status,
      exposureLines: fullResult?.exposureLines ?? [],
      gap: null,
      solveSeconds,
      violations: [],
      ...(fullResult?.message === undefined ? {} : { message: fullResult.message }),
      deepening,
    };
  }
  const provedFull = fullResult?.status === 'optimal' || (fullGap !== null && fullGap <= 1e-6);
  return {
    ...best,
    ...(fullResult && { exposureLines: fullResult.exposureLines }),
    status: provedFull ? 'optimal' : stopped() ? 'cancelled' : 'time-limit',
    gap: provedFull ? 0 : fullGap,
    solveSeconds,
    deepening,
  };
}

/**
 * The optimum of the LP relaxation of the scenario's model (every binary continuous), in the formulation plan
 * solves use: a lower bound for every plan with the full phase count. `null` when the solve does not end
 * optimal (cancelled, stopped by the time limit, or infeasible: the steps' own solves say so).
 */
async function relaxationBound(
  scenario: SequencingScenario,
  solver: SequencingSolver,
  options: SolveOptions,
): Promise<number | null> {
  const { model } = buildSequencingModel(scenario, { formulation: planFormulation });
  try {
    const result = await solver.solve(
      { ...model, variables: model.variables.map((v) => ({ ...v, type: 'continuous' })) },
      { timeLimitSeconds: options.timeLimitSeconds, ...(options.signal && { signal: options.signal }) },
    );
    return result.status === 'optimal' && result.objectiveValue !== undefined ? result.objectiveValue : null;
  } catch {
    return null;
  }
}

/** The lower bound a solve with the full phase count proved: its objective less its gap, or none. */
function boundOf(result: SequencingResult | undefined): number | null {
  if (!result || result.objectiveValue === undefined) return null;
  if (result.status === 'optimal') return result.objectiveValue;
  if (result.status !== 'time-limit' || result.gap === null) return null;
  return result.objectiveValue - result.gap * Math.abs(result.objectiveValue);
}

/** The number of phases a result's plan uses. */
function phasesUsed(result: SequencingResult): number {
  return result.plan?.phases.length ?? Number.POSITIVE_INFINITY;
}

/** The phase of every measure of a result's plan (phases numbered from 0 without gaps). */
function phaseMap(result: SequencingResult): Map<string, number> {
  return new Map(result.plan!.measures.map((m) => [m.measure, m.phase]));
}

/** The start given, as a result to improve on, when it is a sound plan of the scenario. */
function startResult(
  scenario: SequencingScenario,
  startPhases: ReadonlyMap<string, number>,
): SequencingResult | undefined {
  const checked = checkedPlan(scenario, startPhases);
  if (!checked || checked.violations.length > 0) return undefined;
  return { status: 'time-limit', exposureLines: [], gap: null, solveSeconds: 0, ...checked };
}
