import { checkPlan } from './check-plan.ts';
import { greedyPlan } from './greedy-plan.ts';
import { type PlanScore, scorePlan } from './plan-objective.ts';
import type { PlanViolation } from './plan-violation.ts';
import { redLineModule } from './red-lines/index.ts';
import type { RedLine, SequencingScenario } from './scenario.ts';
import { earliestSchedule, type ScheduledMeasure } from './schedule.ts';
import {
  buildSequencingModel,
  type SequencingFormulation,
  type SequencingModelOptions,
} from './sequencing-model.ts';
import type { SequencingSolver, SolveOptions, SolveStatus } from './sequencing-solver.ts';

/** One phase of a plan: its first day and the measures in it (under staggered starts, some start later). */
export interface PlanPhase {
  readonly phase: number;
  readonly startDay: number;
  readonly measures: readonly string[];
}

/** A sequence: the phases, and the days of every measure. */
export interface SequencingPlan {
  /** The phases that hold measures, in order, numbered from 0 (phases the solver left empty are dropped). */
  readonly phases: readonly PlanPhase[];
  readonly measures: readonly ScheduledMeasure[];
}

/** A max-exposure red line with its limit resolved in the scenario's value unit, to draw against the curve. */
export interface ExposureLine {
  readonly redLine: string;
  readonly party: string;
  readonly limit: number;
}

/** The answer to a sequencing question. */
export interface SequencingResult {
  /** How the solve ended (`time-limit` may still carry a plan). */
  readonly status: SolveStatus;
  readonly plan?: SequencingPlan;
  /** Duration, cumulative value delivered and received, exposure per party, imbalance and objective. */
  readonly score?: PlanScore;
  /** The exposure limits, one per max-exposure red line. */
  readonly exposureLines: readonly ExposureLine[];
  /** The solver's objective value (includes elastic penalties when relaxed). */
  readonly objectiveValue?: number;
  readonly gap: number | null;
  readonly solveSeconds: number;
  /** What the independent plan checker found wrong with the solver's plan; empty for a sound plan. */
  readonly violations: readonly PlanViolation[];
  /** Slack used by each elastic red line, by id (elastic solves only). */
  readonly slacks?: Readonly<Record<string, number>>;
  readonly message?: string;
}

/**
 * Builds the scenario's MILP, solves it with `solver` (starting from `startPhases` when given, else from the
 * greedy plan), turns the phases chosen into a plan with the earliest
 * days those phases allow, scores it and checks it with `checkPlan` (against the red lines enforced as hard
 * constraints). `modelOptions` selects red lines or makes them elastic.
 */
export async function solveSequencing(
  scenario: SequencingScenario,
  solver: SequencingSolver,
  options: SolveOptions,
  modelOptions: SequencingModelOptions = {},
  startPhases?: ReadonlyMap<string, number>,
): Promise<SequencingResult> {
  const built = buildSequencingModel(scenario, {
    ...modelOptions,
    formulation: modelOptions.formulation ?? planFormulation,
  });
  const start = startFrom(scenario, modelOptions, startPhases);
  const result = await solver.solve(built.model, {
    ...options,
    ...(start && { start: startValues(scenario, built, start) }),
  });
  const exposureLines = exposureLinesOf(scenario);
  const base = {
    status: result.status,
    exposureLines,
    gap: result.gap,
    solveSeconds: result.seconds,
    ...(result.message === undefined ? {} : { message: result.message }),
    ...(result.objectiveValue === undefined ? {} : { objectiveValue: result.objectiveValue }),
  };
  const values = result.values;
  const hard = hardRedLines(built.redLines, modelOptions);
  if (!values) {
    // Stopped before it gave any plan back (still reading the model, say): the start stands, checked.
    const fallback = result.status === 'time-limit' && start && checkedPlan(scenario, start, hard);
    if (!fallback) return { ...base, violations: [] };
    return {
      ...base,
      ...fallback,
      message:
        'the solver stopped at its time limit before it gave a plan back; this is the plan it started from',
    };
  }
  const chosen = new Map<string, number>();
  scenario.measures.forEach((m, i) => {
    const phase = built.phaseOf(values, i);
    if (phase >= 0) chosen.set(m.id, phase);
  });
  const slacks =
    built.slackVariables.size > 0
      ? Object.fromEntries([...built.slackVariables].map(([id, name]) => [id, values[name] ?? 0]))
      : undefined;
  const checked = checkedPlan(scenario, chosen, hard);
  if (!checked) {
    return {
      ...base,
      violations: [
        {
          constraint: 'assignment',
          measures: scenario.measures.filter((m) => !chosen.has(m.id)).map((m) => m.id),
          message: 'the solver returned phases for which no days satisfy the relations',
        },
      ],
      ...(slacks ? { slacks } : {}),
    };
  }
  return { ...base, ...checked, ...(slacks ? { slacks } : {}) };
}

/**
 * The formulation of a solve that asks for none: `step`, faster by measurement with HiGHS. Plan solves (same
 * seed, 20 s limit, one run each on a loaded 2-core machine): 20 measures x 4 phases optimal in 0.7 s against
 * 3.7 s with `assignment`, 50 x 4 in 1.6 s against 2.7 s, 100 x 4 proved optimal (877) in 15 s where
 * `assignment` stopped at 886 with a 3.5 % gap, and at 20 x 20 a better plan at the limit (368 against 380);
 * see bench/sequencing.ts. Elastic solves (the conflict account's least concessions and their plans, on warm
 * workers with a small cut pool): jcpoa-2021's least concessions 0.1-0.7 s against 0.2-1.3 s, and the whole
 * account 2.0 s against 2.9 s (bench/sequencing-account.ts).
 */
export const planFormulation: SequencingFormulation = 'step';

/** A plan made from a phase for every measure, with its score and what the plan checker found. */
export interface CheckedPlan {
  readonly plan: SequencingPlan;
  readonly score: PlanScore;
  readonly violations: readonly PlanViolation[];
}

/**
 * The plan that puts each measure in the phase `chosen` gives it (empty phases dropped, the earliest days the
 * phases allow), scored, and checked by `checkPlan` against `redLines`; `undefined` when a measure has no
 * phase or no days satisfy the relations with these phases.
 */
export function checkedPlan(
  scenario: SequencingScenario,
  chosen: ReadonlyMap<string, number>,
  redLines: readonly RedLine[] = scenario.redLines,
): CheckedPlan | undefined {
  const phaseOf = withoutEmptyPhases(chosen);
  const schedule =
    phaseOf.size === scenario.measures.length ? earliestSchedule(scenario, phaseOf) : undefined;
  if (!schedule) return undefined;
  return {
    plan: { phases: phasesOf(schedule), measures: schedule },
    score: scorePlan(scenario, schedule),
    violations: checkPlan(scenario, schedule, redLines),
  };
}

/** The max-exposure red lines of a scenario with their limits resolved, to draw against the exposure curves. */
export function exposureLinesOf(scenario: SequencingScenario): ExposureLine[] {
  return scenario.redLines.flatMap((r) => {
    const limit = redLineModule(r.kind).exposureLimit(r, scenario);
    return limit === undefined ? [] : [{ redLine: r.id, party: r.party, limit }];
  });
}

/**
 * The solver's starting point: the phases given (a plan known to fit the model), or else the greedy
 * baseline's plan when it finds one that keeps every red line the model enforces; the solver then never
 * returns a worse plan at its time limit than the start (and when it stops before giving any plan back,
 * the start is the answer).
 */
function startFrom(
  scenario: SequencingScenario,
  modelOptions: SequencingModelOptions,
  startPhases: ReadonlyMap<string, number> | undefined,
): ReadonlyMap<string, number> | undefined {
  if (startPhases) return startPhases;
  const enforced = { ...scenario, redLines: modelOptions.redLines ?? scenario.redLines };
  const greedy = greedyPlan(enforced);
  return greedy && new Map(greedy.schedule.map((s) => [s.measure, s.phase]));
}

/** The start as values of the model's phase variables. */
function startValues(
  scenario: SequencingScenario,
  built: ReturnType<typeof buildSequencingModel>,
  phaseOf: ReadonlyMap<string, number>,
): Record<string, number> {
  return built.phaseValues((i) => phaseOf.get(scenario.measures[i]!.id));
}

/**
 * The phases renumbered 0, 1, 2... in order, leaving out those the solver left empty: an empty phase lasts no
 * time and changes no exposure, so the plan, its days and its score are the same, and phase 1 is the first
 * in which anything happens.
 */
function withoutEmptyPhases(phaseOf: ReadonlyMap<string, number>): Map<string, number> {
  const used = [...new Set(phaseOf.values())].sort((a, b) => a - b);
  const index = new Map(used.map((phase, i) => [phase, i]));
  return new Map([...phaseOf].map(([measure, phase]) => [measure, index.get(phase)!]));
}

function hardRedLines(redLines: readonly RedLine[], options: SequencingModelOptions): RedLine[] {
  if (!options.elastic) return [...redLines];
  const only = options.elastic.only;
  return only ? redLines.filter((r) => !only.includes(r.id)) : [];
}

function phasesOf(schedule: readonly ScheduledMeasure[]): PlanPhase[] {
  const phases = new Map<number, PlanPhase>();
  for (const entry of [...schedule].sort((a, b) => a.phase - b.phase)) {
    const phase = phases.get(entry.phase);
    phases.set(entry.phase, {
      phase: entry.phase,
      // The phase's first day: under staggered starts, the earliest of its measures' start days.
      startDay: Math.min(phase?.startDay ?? Number.POSITIVE_INFINITY, entry.startDay),
      measures: [...(phase?.measures ?? []), entry.measure],
    });
  }
  return [...phases.values()];
}
