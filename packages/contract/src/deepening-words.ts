import type { PhaseDeepeningJson } from './sequencing.ts';

/*
 * Phase deepening in words, the same on the CLI, in the job's progress and on the Sequencing page: what the
 * plan is proved to be (optimal among plans with at most K phases) and how far it may be from the best plan
 * with the scenario's full phase count.
 */

const percent = (gap: number) => `${(gap * 100).toFixed(gap < 0.001 ? 2 : 1)} %`;

/**
 * One sentence on what a plan found by deepening is proved to be, for the scenario's phase count:
 * "proved optimal with all 20 phases", or "optimal among plans with ≤ 4 phases; at most 2.8 % above the best
 * plan with 20 phases", or "no step proved; ...".
 */
export function deepeningSummary(deepening: PhaseDeepeningJson): string {
  const phaseCount = deepening.fullPhases;
  const full =
    deepening.fullGap === null
      ? `no bound known yet for the best plan with ${phaseCount} phases`
      : deepening.fullGap <= 1e-9
        ? `proved optimal with all ${phaseCount} phases`
        : `at most ${percent(deepening.fullGap)} above the best plan with ${phaseCount} phases (bound ${formatObjective(deepening.fullBound)})`;
  const proved = deepening.provedOptimalUpTo;
  if (deepening.fullGap !== null && deepening.fullGap <= 1e-9) return full;
  if (proved === undefined) return `no phase count proved yet; ${full}`;
  return `optimal among plans with ≤ ${proved} ${proved === 1 ? 'phase' : 'phases'}; ${full}`;
}

/**
 * The phases an optimal plan needs, when fewer than the scenario has, in one sentence: "An optimal plan
 * needs at most 8 of the 20 phases...: only 7 measures wait for another; ...". `undefined` otherwise.
 */
export function phasesNeededLine(deepening: PhaseDeepeningJson): string | undefined {
  const needed = deepening.phasesNeeded;
  if (!needed) return undefined;
  return `An optimal plan needs at most ${needed.phases} of the ${deepening.fullPhases} phases, so ≤ ${needed.phases} phases stands for all ${deepening.fullPhases}: ${needed.reason}`;
}

/** One step in words: "≤ 4 phases: 877, proved optimal (9.1 s)" or "≤ 3 phases: no plan exists (0.4 s)". */
export function deepeningStepLine(step: PhaseDeepeningJson['steps'][number]): string {
  const what =
    step.objective === null
      ? step.status === 'infeasible'
        ? 'no plan exists'
        : `no plan found (${step.status})`
      : `${formatObjective(step.objective)}, ${step.provedAmongPhases ? 'proved optimal' : `not proved (${step.status})`}`;
  return `≤ ${step.phases} ${step.phases === 1 ? 'phase' : 'phases'}: ${what} (${step.seconds.toFixed(1)} s)`;
}

function formatObjective(value: number | null): string {
  if (value === null) return 'none';
  // Two decimals at most, without trailing zeros: 84.00000000000001 is 84, 853.25 stays.
  return String(Math.round(value * 100) / 100);
}
