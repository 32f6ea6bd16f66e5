import { type ConcessionUnit, redLineModule } from './red-lines/index.ts';
import type { RedLine, SequencingScenario } from './scenario.ts';
import { buildSequencingModel } from './sequencing-model.ts';
import type { SequencingSolver, SolveOptions } from './sequencing-solver.ts';
import { type SequencingResult, solveSequencing } from './solve-sequencing.ts';

export type { ConcessionUnit } from './red-lines/index.ts';

/**
 * What giving ground on one red line of a conflict would take: the other red lines of the conflict, and
 * those in no conflict, are held; red lines that only appear in other conflicts are set aside.
 */
export interface RedLineRelaxation {
  /** Index of the conflict in `ConflictDiagnosis.conflicts`. */
  readonly conflict: number;
  readonly redLine: string;
  readonly party: string;
  readonly kind: RedLine['kind'];
  /**
   * The least the party must concede: extra exposure or allowance (`value`, in the scenario's value unit),
   * days past a deadline (`days`), phases of overlap (`phases`), or 1 when a same-phase red line must go
   * (`given-up`). `null` when relaxing this red line alone does not make a plan possible.
   */
  readonly concession: number | null;
  readonly unit: ConcessionUnit;
  /** The plan's duration and each party's peak exposure once the concession is made. */
  readonly durationDays?: number;
  readonly peakExposure?: Readonly<Record<string, number>>;
  /**
   * How far that plan may be from the best plan with this concession (relative gap; 0 when proved within
   * the 2 % tolerance, `null` when unknown): the plan is searched for a few seconds only.
   */
  readonly planGap?: number | null;
}

/** Why no plan satisfies every red line, and what it would cost to get one. */
export interface ConflictDiagnosis {
  /** True when even without any red line the relations and phases admit no plan. */
  readonly infeasibleWithoutRedLines: boolean;
  /** Minimal sets of red lines that cannot all hold (each set's ids), smallest first. */
  readonly conflicts: readonly (readonly string[])[];
  /** One entry per red line of each conflict: the concession on it that alone resolves that conflict. */
  readonly relaxations: readonly RedLineRelaxation[];
  /**
   * The plan that concedes least over all red lines at once (elastic solve with `penaltyPerUnit`, started
   * from the first relaxation's plan, which it never does worse than).
   */
  readonly leastConcession?: SequencingResult;
  /** Solver calls made. */
  readonly solves: number;
}

/** Options of a conflict diagnosis. */
export interface DiagnosisOptions extends SolveOptions {
  /** Objective penalty per unit of slack in the elastic solves (default 1000). */
  readonly penaltyPerUnit?: number;
  /** Stop looking for more conflict sets after this many (default 5). */
  readonly maxConflicts?: number;
  /** Told after every solver call, with the number made so far (for progress reports). */
  readonly onSolve?: (solves: number) => void;
  /**
   * Whether feasibility answers are reused within the diagnosis (default true): each set of red lines solved
   * once, subsets of feasible and supersets of infeasible sets known without a solve, and the single removals
   * asked for at once. `false` solves every check in the deletion filter's order, one after the other: the
   * serial account, a baseline for the bench and the tests (same answer, more solves).
   */
  readonly cache?: boolean;
}

/**
 * Diagnoses conflicting red lines with `solver`: minimal conflicting sets by a deletion filter over the red
 * lines (each set irreducible: drop any one and a plan exists), explored by excluding one member of each set
 * found to reach the others; then, for every red line of each set, an elastic solve where only that one may
 * give way (see `RedLineRelaxation`), and an elastic solve over all red lines at once. Returns no conflicts
 * when a plan satisfies every red line.
 *
 * Solves that do not depend on each other are asked for at once (a solver with several workers runs them in
 * parallel): the two first feasibility checks, every single removal from a conflicting candidate before the
 * deletion filter reads them, every relaxation, and the least-concession solve beside them (asked for as
 * soon as the first relaxation's least concession gives it a start, ahead of the plan solves). The answer
 * never depends on which finishes first: each is awaited where the serial order would read it. A set of red
 * lines is solved for feasibility once per diagnosis, and a subset of a feasible set (a superset of an
 * infeasible one) is known without a solve (unless `cache` is false).
 */
export async function diagnoseConflicts(
  scenario: SequencingScenario,
  solver: SequencingSolver,
  options: DiagnosisOptions,
): Promise<ConflictDiagnosis> {
  const penaltyPerUnit = options.penaltyPerUnit ?? 1000;
  const maxConflicts = options.maxConflicts ?? 5;
  const feasibilityOnly = {
    ...scenario,
    objective: { durationWeight: 0, exposureWeight: 0, imbalanceWeight: 0 },
  };
  let solves = 0;
  const solved = () => {
    solves++;
    options.onSolve?.(solves);
  };
  const cache = options.cache ?? true;
  const subsets = new SubsetFeasibility(cache, async (redLines) => {
    const result = await solver.solve(buildSequencingModel(feasibilityOnly, { redLines }).model, {
      ...options,
      smallCutPool: true,
    });
    solved();
    if (result.status === 'infeasible') return false;
    if (result.values) return true;
    throw new Error(`conflict diagnosis: the solver ended with ${result.status}; ${result.message ?? ''}`);
  });
  const all = scenario.redLines;
  // Both first checks at once: without red lines (is any plan possible?) and with all (is there a conflict?).
  const withoutRedLines = cache
    ? (await Promise.all([subsets.feasible([]), subsets.feasible(all)]))[0]
    : await subsets.feasible([]);
  if (!withoutRedLines) {
    return { infeasibleWithoutRedLines: true, conflicts: [], relaxations: [], solves };
  }
  const conflicts: RedLine[][] = [];
  const explored = new Set<string>();
  // Depth first over the sets of red lines set aside, on a stack of our own (children pushed in reverse, so
  // they are explored in order): the depth grows with the red lines, and must not be the call stack's.
  const toExplore: ReadonlySet<string>[] = [new Set()];
  while (toExplore.length > 0 && conflicts.length < maxConflicts) {
    const excluded = toExplore.pop()!;
    const key = [...excluded].sort().join('\u0000');
    if (explored.has(key)) continue;
    explored.add(key);
    const candidate = all.filter((r) => !excluded.has(r.id));
    if (await subsets.feasible(candidate)) continue;
    // Every single removal at once, in parallel: the filter's first test is one of them, and a red line
    // whose removal leaves a plan possible stays in every smaller set without another solve.
    if (cache) {
      await Promise.all(candidate.map((redLine) => subsets.feasible(candidate.filter((r) => r !== redLine))));
    }
    let kept = candidate;
    for (const redLine of candidate) {
      const without = kept.filter((r) => r !== redLine);
      if (!(await subsets.feasible(without))) kept = without;
    }
    const ids = kept.map((r) => r.id).join('\u0000');
    if (!conflicts.some((c) => c.map((r) => r.id).join('\u0000') === ids)) conflicts.push(kept);
    for (const redLine of [...kept].reverse()) toExplore.push(new Set([...excluded, redLine.id]));
  }
  conflicts.sort((a, b) => a.length - b.length);
  const relaxing = conflicts.flatMap((members, conflict) => {
    const elsewhere = new Set(
      conflicts.flatMap((other) => (other === members ? [] : other)).filter((r) => !members.includes(r)),
    );
    const redLines = all.filter((r) => !elsewhere.has(r));
    return members.map((redLine) => ({ conflict, redLine, redLines }));
  });
  // Every relaxation's least concession at once (see `leastOn`).
  const leasts = relaxing.map(({ redLine, redLines }) =>
    leastOn(feasibilityOnly, solver, options, redLine, redLines, solved),
  );
  // Read in order below: a failure is rethrown there, and must not count as unhandled while an earlier one
  // is awaited.
  for (const least of leasts) least.catch(() => undefined);
  // The least-concession solve, the longest of the account, is asked for as soon as the first relaxation (in
  // their order) with a plan has its least concession, before that relaxation's plan solve, and starts from
  // that plan: every red line is elastic, so it fits, and a solve the time limit stops still has a plan.
  const leastConcession =
    conflicts.length > 0
      ? (async () => {
          let start: ReadonlyMap<string, number> | undefined;
          for (const least of leasts) {
            const { plan } = await least;
            if (plan) {
              start = new Map(plan.measures.map((m) => [m.measure, m.phase]));
              break;
            }
          }
          const result = await solveSequencing(
            scenario,
            solver,
            options,
            { elastic: { penaltyPerUnit } },
            start,
          );
          solved();
          return result;
        })()
      : undefined;
  leastConcession?.catch(() => undefined);
  // Each relaxation's plan as soon as its least concession is known (see `planWith`).
  const results = relaxing.map(({ redLine, redLines }, index) =>
    leasts[index]!.then((least) => planWith(scenario, solver, options, redLine, redLines, least, solved)),
  );
  for (const result of results) result.catch(() => undefined);
  const relaxations: RedLineRelaxation[] = [];
  for (const [index, { conflict, redLine }] of relaxing.entries()) {
    const { result, concession } = await results[index]!;
    relaxations.push(relaxation(conflict, redLine, result, concession));
  }
  const least = await leastConcession;
  return {
    infeasibleWithoutRedLines: false,
    conflicts: conflicts.map((c) => c.map((r) => r.id)),
    relaxations,
    ...(least ? { leastConcession: least } : {}),
    solves,
  };
}

/**
 * The least concession on `redLine` alone: a feasibility-sized solve minimising that slack. `planWith` then
 * finds the best plan that concedes exactly that: one solve with the penalty in the objective proves both
 * at once but takes far longer.
 */
async function leastOn(
  feasibilityOnly: SequencingScenario,
  solver: SequencingSolver,
  options: DiagnosisOptions,
  redLine: RedLine,
  redLines: readonly RedLine[],
  solved: () => void,
): Promise<SequencingResult> {
  const least = await solveSequencing(
    feasibilityOnly,
    solver,
    { ...options, smallCutPool: true },
    {
      redLines,
      elastic: { penaltyPerUnit: 1, only: [redLine.id] },
    },
  );
  solved();
  return least;
}

/**
 * The best plan that concedes exactly `least`'s concession on `redLine`. The slack is fixed at the
 * concession (within `slackTolerance`) and carries no penalty, so the LP bound is not weakened by a slack
 * free to shrink, and the plan's gap is measured on the plan alone.
 */
async function planWith(
  scenario: SequencingScenario,
  solver: SequencingSolver,
  options: DiagnosisOptions,
  redLine: RedLine,
  redLines: readonly RedLine[],
  least: SequencingResult,
  solved: () => void,
): Promise<{ result: SequencingResult; concession: number | undefined }> {
  const concession = least.slacks?.[redLine.id];
  if (concession === undefined || least.status !== 'optimal' || !least.plan)
    return { result: least, concession };
  const planModel = {
    redLines,
    elastic: {
      penaltyPerUnit: 0,
      only: [redLine.id],
      maxSlack: { [redLine.id]: concession + slackTolerance },
    },
  };
  const slack = buildSequencingModel(scenario, planModel).slackVariables.get(redLine.id)!;
  const withPlan = await solveSequencing(
    scenario,
    withLowerBound(solver, slack, Math.max(0, concession - slackTolerance)),
    {
      ...options,
      smallCutPool: true,
      relativeGap: relaxedPlanGap,
      timeLimitSeconds: Math.min(options.timeLimitSeconds, relaxedPlanSeconds),
    },
    planModel,
    new Map(least.plan.measures.map((m) => [m.measure, m.phase])),
  );
  solved();
  // The plan search may stop at its few seconds without a plan; the concession stands on its own solve.
  return { result: withPlan.score ? withPlan : least, concession };
}

/**
 * `solver` with the lower bound of the variable `name` raised to `lower` in every model it is given: with
 * `maxSlack` just above it, a concession already proved least is fixed.
 */
function withLowerBound(solver: SequencingSolver, name: string, lower: number): SequencingSolver {
  return {
    solve: (model, options) =>
      solver.solve(
        { ...model, variables: model.variables.map((v) => (v.name === name ? { ...v, lower } : v)) },
        options,
      ),
  };
}

/**
 * Feasibility of sets of red lines within one diagnosis: each set is solved at most once (sets asked for at
 * once share the solve), and a set is known without a solve when it lies within a set found feasible or
 * contains one found infeasible (removing a red line never removes a plan). The diagnosis awaits every set
 * it asks for at once before it asks for the next, so what is known when a set is asked for, and so which
 * sets are solved, does not depend on timing.
 */
class SubsetFeasibility {
  private readonly solving = new Map<string, Promise<boolean>>();
  private readonly feasibleSets: ReadonlySet<string>[] = [];
  private readonly infeasibleSets: ReadonlySet<string>[] = [];

  /** With `reuse` false, every set asked for is solved (the serial baseline). */
  constructor(
    private readonly reuse: boolean,
    private readonly solve: (redLines: readonly RedLine[]) => Promise<boolean>,
  ) {}

  async feasible(redLines: readonly RedLine[]): Promise<boolean> {
    if (!this.reuse) return this.solve(redLines);
    const ids = new Set(redLines.map((r) => r.id));
    if (this.feasibleSets.some((set) => [...ids].every((id) => set.has(id)))) return true;
    if (this.infeasibleSets.some((set) => [...set].every((id) => ids.has(id)))) return false;
    const key = [...ids].sort().join('\u0000');
    let solving = this.solving.get(key);
    if (!solving) {
      solving = this.solve(redLines);
      this.solving.set(key, solving);
    }
    const feasible = await solving;
    (feasible ? this.feasibleSets : this.infeasibleSets).push(ids);
    return feasible;
  }
}

/**
 * The plan shown with a concession (its duration and peaks) is searched for at most 3 s and need only be
 * proved within 2 % of the best: the concession itself is exact, from its own solve, while proving the plan
 * optimal can take minutes. `planGap` reports how far from proved the plan is.
 */
const relaxedPlanGap = 0.02;
const relaxedPlanSeconds = 3;

/** Slack allowed above the least concession found, for the solver's floating point. */
const slackTolerance = 1e-6;

/**
 * The relaxation of one red line: `concession` is the least solve's slack (exact); the plan solve may take up
 * to `slackTolerance` more, which is not a concession anyone must make.
 */
function relaxation(
  conflict: number,
  redLine: RedLine,
  result: SequencingResult,
  concession: number | undefined,
): RedLineRelaxation {
  const base = {
    conflict,
    redLine: redLine.id,
    party: redLine.party,
    kind: redLine.kind,
    unit: redLineModule(redLine.kind).concessionUnit,
  };
  if (!result.score || concession === undefined || result.violations.length > 0)
    return { ...base, concession: null };
  return {
    ...base,
    concession: Math.round(concession * 1e6) / 1e6,
    durationDays: result.score.durationDays,
    peakExposure: Object.fromEntries(result.score.exposure.map((c) => [c.party, c.peak])),
    planGap: result.status === 'optimal' ? 0 : result.gap,
  };
}
