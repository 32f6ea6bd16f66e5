import type { LinearConstraint, LinearModel, LinearTerm, LinearVariable } from './linear-model.ts';
import { type Add, exposure, peak, range, s, t, term, x, y } from './model-terms.ts';
import { redLineModule } from './red-lines/index.ts';
import type { RedLine, SequencingScenario } from './scenario.ts';
import { anchorOffset } from './schedule.ts';

/**
 * How a measure's phase is written in the MILP: `assignment`, binaries x_i_p (i in phase p, one per measure
 * equal to 1), or `step`, binaries y_i_p (i in phase p or earlier, non-decreasing in p; y_i_{last} = 1 is a
 * constant). The two have the same plans and the same LP relaxation (x_i_p = y_i_p - y_i_{p-1}); they differ
 * in what the solver branches on. See `defaultFormulation` for the one used when none is asked for.
 */
export type SequencingFormulation = 'assignment' | 'step';

/**
 * The formulation `buildSequencingModel` writes when none is asked for: `assignment` (the model the LP export,
 * the explanation and the conflict account's feasibility checks read). `solveSequencing` asks for `step`,
 * where it was measured faster (see `planFormulation`).
 */
export const defaultFormulation: SequencingFormulation = 'assignment';

/** How the sequencing model treats red lines, and how it is written. */
export interface SequencingModelOptions {
  /** How phases are written (default `defaultFormulation`). */
  readonly formulation?: SequencingFormulation;
  /** The red lines to enforce; defaults to all of the scenario's. */
  readonly redLines?: readonly RedLine[];
  /**
   * When given, red lines are elastic: each gets a slack variable (in its own unit: value for exposure and
   * allowance, days for deadlines, phases for all-after-theirs, 0-1 for same-phase) penalised by
   * `penaltyPerUnit` in the objective, so the model is always feasible and the slacks say what to concede.
   */
  readonly elastic?: {
    readonly penaltyPerUnit: number;
    /** Ids of the red lines made elastic; defaults to every enforced red line. */
    readonly only?: readonly string[];
    /** The most slack each elastic red line may take, by id (a concession already found to suffice). */
    readonly maxSlack?: Readonly<Record<string, number>>;
  };
}

/** The sequencing MILP and the names of its variables, to read a solution back. */
export interface SequencingModel {
  readonly model: LinearModel;
  /**
   * Name of the binary "measure i is in phase p" (i indexes `scenario.measures`) of the assignment
   * formulation; in the step formulation it is not a variable of the model: read phases with `phaseOf`.
   */
  readonly phaseVariable: (measureIndex: number, phase: number) => string;
  /** The formulation the model is written in. */
  readonly formulation: SequencingFormulation;
  /** Measure i's phase in a solution (values by variable name), in either formulation. */
  readonly phaseOf: (values: Readonly<Record<string, number>>, measureIndex: number) => number;
  /** The values of the phase binaries that put each measure in the phase given (a solver's start). */
  readonly phaseValues: (
    phaseOfMeasure: (measureIndex: number) => number | undefined,
  ) => Record<string, number>;
  /** Name of each enforced red line's slack variable (elastic models only), by red line id. */
  readonly slackVariables: ReadonlyMap<string, string>;
  /** The red lines enforced. */
  readonly redLines: readonly RedLine[];
}

/**
 * Builds the time-indexed MILP of a scenario. Variables: `x_i_p` (measure i in phase p, binary), `t_p` (first
 * day of phase p, t_0 = 0), `s_i` (start day of measure i, only for measures in relations or deadlines), `T` (last completion, days), `e_j_k` (party j's exposure after phase k, value),
 * `peak_j` (party j's peak exposure), `imb` (largest difference between peaks), `z_j_k` (which phase sets
 * party j's peak; only when the imbalance weight exceeds the exposure weight), `slack_r` (elastic only),
 * `aat_first_r`/`aat_last_r` (an all-after-theirs red line's bounds on phases) and
 * `osf_delivered_r_k`/`osf_started_r_k` (an other-starts-first red line's running sums). No red line adds
 * more than measures x phases terms, so the model grows as measures x phases^2 (start days and relation
 * order) and never with the square of the measures.
 *
 * Constraints: each measure in one phase; a phase starts when the earlier phases' measures are complete; T
 * after every measure's completion (t_p + d_i when i is in phase p or later); s_i on its phase's day, linked
 * to t by cumulative assignments (s_i >= t_p unless i is before p, s_i <= t_p unless i is after p) with
 * big-Ms bounded by the longest day a phase can start on; relations' lags on s, and, where a relation forces
 * it, the phase order of its two measures; exposure rows; the red lines. The objective is the scenario's.
 * Under staggered starts (`scenario.starts`) every measure that takes time gets s_i, linked from below to its
 * phase's day and with t_{p+1} >= s_i + d_i when it is in phase p or before: a relation's wait delays only the
 * measure that waits (still in a later phase), not everything in its phase. (Breaking the symmetry of empty
 * phases, "phase p + 1 used only if p is", was tried and left out: on generated scenarios HiGHS found worse
 * plans with it and its bound did not move.)
 */
export function buildSequencingModel(
  scenario: SequencingScenario,
  options: SequencingModelOptions = {},
): SequencingModel {
  const redLines = options.redLines ?? scenario.redLines;
  const { measures, phaseCount } = scenario;
  const variables: LinearVariable[] = [];
  const constraints: LinearConstraint[] = [];
  const objective: LinearTerm[] = [];
  const add: Add = (name, terms, sense, rhs) =>
    constraints.push({ name, terms: terms.filter((tm) => tm.coefficient !== 0), sense, rhs });
  const latest = latestPhaseStarts(scenario);
  const horizon = latest[phaseCount - 1]! + measures.reduce((most, m) => Math.max(most, m.durationDays), 0);

  addPhases(scenario, latest, variables, add);
  measures.forEach((m, i) => {
    for (const p of range(0, phaseCount))
      variables.push({ name: x(i, p), lower: 0, upper: 1, type: 'binary' });
    add(
      `assign_${i}`,
      range(0, phaseCount).map((p) => term(x(i, p), 1)),
      '=',
      1,
    );
    for (const p of range(0, phaseCount)) {
      if (m.durationDays <= 0) continue;
      if (p + 1 < phaseCount) {
        add(
          `phase_end_${i}_${p}`,
          [term(t(p + 1), 1), term(t(p), -1), term(x(i, p), -m.durationDays)],
          '>=',
          0,
        );
        // Phase p + 1 starts after i is complete if i is in phase p or before.
        add(
          `phase_after_${i}_${p}`,
          [term(t(p + 1), 1), ...range(0, p + 1).map((k) => term(x(i, k), -m.durationDays))],
          '>=',
          0,
        );
      }
    }
  });
  variables.push({ name: 'T', lower: 0, upper: horizon, type: 'continuous' });
  measures.forEach((m, i) => {
    if (m.durationDays <= 0) return;
    // i in phase p or later completes after t_p + d_i.
    for (const p of range(0, phaseCount)) {
      add(
        `duration_${i}_${p}`,
        [
          term('T', 1),
          ...(p > 0 ? [term(t(p), -1)] : []),
          ...range(p, phaseCount).map((k) => term(x(i, k), -m.durationDays)),
        ],
        '>=',
        0,
      );
    }
  });
  addStartDays(scenario, redLines, latest, horizon, variables, add);
  addRelationOrder(scenario, add);

  const exposureParties = addExposure(scenario, variables, add);
  addPeaks(scenario, exposureParties, variables, add);

  const slackVariables = new Map<string, string>();
  redLines.forEach((redLine, r) => {
    let slack: LinearTerm[] = [];
    if (options.elastic && (options.elastic.only?.includes(redLine.id) ?? true)) {
      const name = `slack_${r}`;
      const upper = redLineModule(redLine.kind).maxSlack(scenario);
      variables.push({
        name,
        lower: 0,
        upper: Math.min(upper, options.elastic.maxSlack?.[redLine.id] ?? Number.POSITIVE_INFINITY),
        type: 'continuous',
      });
      slackVariables.set(redLine.id, name);
      objective.push(term(name, options.elastic.penaltyPerUnit));
      slack = [term(name, -1)];
    }
    addRedLine(scenario, redLine, r, slack, exposureParties, variables, add);
  });

  const { durationWeight, exposureWeight, imbalanceWeight } = scenario.objective;
  objective.push(term('T', durationWeight));
  scenario.parties.forEach((_, j) => {
    objective.push(term(peak(j), exposureWeight));
  });
  objective.push(term('imb', imbalanceWeight));
  const assignment: LinearModel = {
    variables,
    constraints,
    objective: objective.filter((tm) => tm.coefficient !== 0),
  };
  const formulation = options.formulation ?? defaultFormulation;
  const n = measures.length;
  if (formulation === 'step') {
    return {
      model: stepFormulation(assignment, n, phaseCount),
      phaseVariable: x,
      formulation,
      // i's phase: the first p with y_i_p = 1 (the last phase when none is, y_i_{last} being 1).
      phaseOf: (values, i) =>
        range(0, phaseCount - 1).find((p) => (values[y(i, p)] ?? 0) > 0.5) ?? phaseCount - 1,
      phaseValues: (phaseOf) =>
        Object.fromEntries(
          range(0, n).flatMap((i) => {
            const phase = phaseOf(i);
            return phase === undefined
              ? []
              : range(0, phaseCount - 1).map((p) => [y(i, p), phase <= p ? 1 : 0] as const);
          }),
        ),
      slackVariables,
      redLines,
    };
  }
  return {
    model: assignment,
    phaseVariable: x,
    formulation,
    phaseOf: (values, i) => range(0, phaseCount).find((p) => (values[x(i, p)] ?? 0) > 0.5) ?? -1,
    phaseValues: (phaseOf) =>
      Object.fromEntries(
        range(0, n).flatMap((i) => {
          const phase = phaseOf(i);
          return phase === undefined
            ? []
            : range(0, phaseCount).map((p) => [x(i, p), phase === p ? 1 : 0] as const);
        }),
      ),
    slackVariables,
    redLines,
  };
}

/**
 * The step formulation of an assignment model: every x_i_p replaced by y_i_p - y_i_{p-1} (y_i_{-1} = 0,
 * y_i_{last} = 1, constants moved to the right-hand side), terms of a row merged, rows left with no term
 * dropped (the assignment rows become 1 = 1), and y_i_{p-1} <= y_i_p added.
 */
function stepFormulation(model: LinearModel, measures: number, phaseCount: number): LinearModel {
  const last = phaseCount - 1;
  const cell = new Map<string, readonly [number, number]>();
  for (const i of range(0, measures)) for (const p of range(0, phaseCount)) cell.set(x(i, p), [i, p]);
  const substitute = (terms: readonly LinearTerm[]): { terms: LinearTerm[]; constant: number } => {
    const merged = new Map<string, number>();
    let constant = 0;
    const addTerm = (variable: string, coefficient: number) =>
      merged.set(variable, (merged.get(variable) ?? 0) + coefficient);
    for (const tm of terms) {
      const at = cell.get(tm.variable);
      if (!at) {
        addTerm(tm.variable, tm.coefficient);
        continue;
      }
      const [i, p] = at;
      if (p === last) constant += tm.coefficient;
      else addTerm(y(i, p), tm.coefficient);
      if (p > 0) addTerm(y(i, p - 1), -tm.coefficient);
    }
    return {
      terms: [...merged].filter(([, c]) => Math.abs(c) > 1e-12).map(([variable, c]) => term(variable, c)),
      constant,
    };
  };
  const objective = substitute(model.objective);
  if (objective.constant !== 0)
    throw new Error('the step formulation takes no phase binary in the objective');
  const constraints: LinearConstraint[] = [];
  for (const c of model.constraints) {
    const { terms, constant } = substitute(c.terms);
    const rhs = c.rhs - constant;
    if (terms.length === 0) {
      const holds = c.sense === '=' ? Math.abs(rhs) < 1e-9 : c.sense === '<=' ? rhs >= -1e-9 : rhs <= 1e-9;
      if (holds) continue;
    }
    constraints.push({ ...c, terms, rhs });
  }
  for (const i of range(0, measures)) {
    for (const p of range(1, last))
      constraints.push({
        name: `step_${i}_${p}`,
        terms: [term(y(i, p), 1), term(y(i, p - 1), -1)],
        sense: '>=',
        rhs: 0,
      });
  }
  const variables: LinearVariable[] = model.variables.flatMap((v) => {
    const at = cell.get(v.name);
    if (!at) return [v];
    return at[1] === last ? [] : [{ ...v, name: y(at[0], at[1]) }];
  });
  return { variables, constraints, objective: objective.terms };
}

/**
 * The latest day each phase can start on in an earliest schedule, in days: a phase's start is a longest
 * path from phase 0 whose positive edges each move at least one phase on and are distinct measure durations
 * or relation offsets, so phase p starts by the sum of the p largest of them. (Under staggered starts too: a
 * relation with a wait still moves a phase on, so a measure of phase p starts by the same day.)
 */
function latestPhaseStarts(scenario: SequencingScenario): number[] {
  const weights = positiveWeights(scenario);
  const latest = [0];
  for (let p = 1; p < scenario.phaseCount; p++) latest.push(latest[p - 1]! + (weights[p - 1] ?? 0));
  return latest;
}

/** The positive measure durations and relation offsets (the edges of an earliest schedule), largest first. */
function positiveWeights(scenario: SequencingScenario): number[] {
  const index = new Map(scenario.measures.map((m, i) => [m.id, i]));
  return [
    ...scenario.measures.map((m) => m.durationDays),
    ...scenario.relations.map(
      (r) => anchorOffset(scenario.measures[index.get(r.before)!]!, r.anchor) + r.lagDays,
    ),
  ]
    .filter((w) => w > 0)
    .sort((a, b) => b - a);
}

/** Phase days t_p: non-decreasing, t_0 = 0, each within the latest day it can start on (`latest`). */
function addPhases(
  scenario: SequencingScenario,
  latest: readonly number[],
  variables: LinearVariable[],
  add: Add,
): void {
  for (const p of range(0, scenario.phaseCount)) {
    variables.push({ name: t(p), lower: 0, upper: latest[p]!, type: 'continuous' });
    if (p + 1 < scenario.phaseCount) add(`phase_order_${p}`, [term(t(p + 1), 1), term(t(p), -1)], '>=', 0);
  }
}

/**
 * Start days s_i for the measures relations and deadlines count from or to, with the relations' lags. A
 * measure counted from (before a relation, or with a deadline) needs s_i >= its phase's day; one that waits
 * needs s_i <= its phase's day; each link is relaxed by the cumulative assignment on the other side.
 */
function addStartDays(
  scenario: SequencingScenario,
  redLines: readonly RedLine[],
  latest: readonly number[],
  horizon: number,
  variables: LinearVariable[],
  add: Add,
): void {
  const { measures, phaseCount, relations } = scenario;
  const index = new Map(measures.map((m, i) => [m.id, i]));
  const lower = new Set<number>();
  const upper = new Set<number>();
  for (const r of relations) {
    lower.add(index.get(r.before)!);
    upper.add(index.get(r.after)!);
  }
  for (const redLine of redLines) {
    for (const id of redLineModule(redLine.kind).startDayMeasures(redLine)) lower.add(index.get(id)!);
  }
  const staggered = scenario.starts === 'staggered';
  const latestStart = latest[phaseCount - 1]!;
  if (staggered) {
    // Every measure that takes time has its own start day, on or after its phase's first day, and the next
    // phase waits for it to be complete; nothing holds it to its phase's first day.
    measures.forEach((m, i) => {
      if (m.durationDays > 0 || upper.has(i)) lower.add(i);
    });
    upper.clear();
  }
  const starts = [...new Set([...lower, ...upper])].sort((a, b) => a - b);
  for (const i of starts) {
    variables.push({ name: s(i), lower: 0, upper: latestStart, type: 'continuous' });
    // Valid on either side: s_i is at most i's true start day when only linked from above.
    add(`duration_s_${i}`, [term('T', 1), term(s(i), -1)], '>=', measures[i]!.durationDays);
    if (lower.has(i)) {
      // i in phase p or later: s_i >= t_p; otherwise t_p - s_i <= latest[p].
      for (const p of range(1, phaseCount)) {
        add(
          `start_lo_${i}_${p}`,
          [term(s(i), 1), term(t(p), -1), ...range(0, p).map((k) => term(x(i, k), latest[p]!))],
          '>=',
          0,
        );
      }
    }
    if (staggered) {
      // i in phase p or earlier: t_{p+1} >= s_i + d_i; otherwise the row is slack by its big-M.
      const d = measures[i]!.durationDays;
      const bigM = latestStart + d;
      for (const p of range(0, phaseCount - 1)) {
        add(
          `start_end_${i}_${p}`,
          [term(t(p + 1), 1), term(s(i), -1), ...range(0, p + 1).map((k) => term(x(i, k), -bigM))],
          '>=',
          d - bigM,
        );
      }
    }
    if (upper.has(i)) {
      // i in phase p or earlier: s_i <= t_p; otherwise s_i - t_p <= horizon.
      for (const p of range(0, phaseCount)) {
        const later = range(p + 1, phaseCount).map((k) => term(x(i, k), -horizon));
        add(`start_hi_${i}_${p}`, [term(s(i), 1), term(t(p), -1), ...later], '<=', 0);
      }
    }
  }
  relations.forEach((r, k) => {
    const a = index.get(r.before)!;
    const b = index.get(r.after)!;
    add(
      `relation_${k}`,
      [term(s(b), 1), term(s(a), -1)],
      '>=',
      anchorOffset(measures[a]!, r.anchor) + r.lagDays,
    );
  });
}

/**
 * Phase order implied by a relation: with a positive offset, `after` is in a later phase than `before`; with
 * none, when `after` takes time, not in an earlier one (its phase would end before `before`'s starts).
 * Written on cumulative assignments: after in phase <= q implies before in phase < q (or <= q).
 */
function addRelationOrder(scenario: SequencingScenario, add: Add): void {
  const { measures, phaseCount } = scenario;
  const index = new Map(measures.map((m, i) => [m.id, i]));
  scenario.relations.forEach((r, k) => {
    const a = index.get(r.before)!;
    const b = index.get(r.after)!;
    const offset = anchorOffset(measures[a]!, r.anchor) + r.lagDays;
    const strict = offset > 0;
    if (!strict && measures[b]!.durationDays <= 0) return;
    for (const q of range(0, phaseCount)) {
      add(
        `order_${k}_${q}`,
        [
          ...range(0, q + 1).map((p) => term(x(b, p), 1)),
          ...range(0, strict ? q : q + 1).map((p) => term(x(a, p), -1)),
        ],
        '<=',
        0,
      );
    }
  });
}

/** e_j_k = party j's delivered minus received value through phase k, one row per phase. */
function addExposure(
  scenario: SequencingScenario,
  variables: LinearVariable[],
  add: Add,
): Map<string, number> {
  const { measures, phaseCount } = scenario;
  const parties = new Map(scenario.parties.map((party, j) => [party.id, j]));
  scenario.parties.forEach((party, j) => {
    for (const k of range(0, phaseCount)) {
      variables.push({
        name: exposure(j, k),
        lower: Number.NEGATIVE_INFINITY,
        upper: Number.POSITIVE_INFINITY,
        type: 'continuous',
      });
      add(
        `exposure_${j}_${k}`,
        [
          term(exposure(j, k), 1),
          ...(k > 0 ? [term(exposure(j, k - 1), -1)] : []),
          ...measures.map((m, i) => term(x(i, k), m.party === party.id ? -m.value : m.value)),
        ],
        '=',
        0,
      );
    }
  });
  return parties;
}

/**
 * peak_j >= every e_j_k, and imb >= every difference of peaks. While the exposure weight is at least the
 * imbalance weight, raising a peak above its true value never pays (it costs more than it takes off the
 * imbalance), so the peaks need no pinning; otherwise binaries z_j_k pin each peak to one phase (or to 0).
 */
function addPeaks(
  scenario: SequencingScenario,
  parties: ReadonlyMap<string, number>,
  variables: LinearVariable[],
  add: Add,
): void {
  const { measures, phaseCount } = scenario;
  const { exposureWeight, imbalanceWeight } = scenario.objective;
  scenario.parties.forEach((_, j) => {
    variables.push({ name: peak(j), lower: 0, upper: Number.POSITIVE_INFINITY, type: 'continuous' });
    for (const k of range(0, phaseCount))
      add(`peak_${j}_${k}`, [term(exposure(j, k), 1), term(peak(j), -1)], '<=', 0);
  });
  if (imbalanceWeight > 0 && imbalanceWeight > exposureWeight && parties.size > 1) {
    const bound = measures.reduce((sum, m) => sum + m.value, 0);
    scenario.parties.forEach((_, j) => {
      const z = (k: number) => `z_${j}_${k}`;
      for (const k of range(0, phaseCount + 1)) {
        variables.push({ name: z(k), lower: 0, upper: 1, type: 'binary' });
        const at = k < phaseCount ? [term(exposure(j, k), -1)] : [];
        add(`peak_pin_${j}_${k}`, [term(peak(j), 1), ...at, term(z(k), 2 * bound)], '<=', 2 * bound);
      }
      add(
        `peak_choice_${j}`,
        range(0, phaseCount + 1).map((k) => term(z(k), 1)),
        '=',
        1,
      );
    });
  }
  variables.push({ name: 'imb', lower: 0, upper: Number.POSITIVE_INFINITY, type: 'continuous' });
  scenario.parties.forEach((__, j) => {
    scenario.parties.forEach((___, l) => {
      if (j !== l) add(`imbalance_${j}_${l}`, [term('imb', 1), term(peak(j), -1), term(peak(l), 1)], '>=', 0);
    });
  });
}

/** The rows (and any variables) of one red line (number `r`), with its slack terms when elastic. */
function addRedLine(
  scenario: SequencingScenario,
  redLine: RedLine,
  r: number,
  slack: readonly LinearTerm[],
  parties: ReadonlyMap<string, number>,
  variables: LinearVariable[],
  add: Add,
): void {
  const { measures } = scenario;
  redLineModule(redLine.kind).modelRows(redLine, {
    scenario,
    number: r,
    slack,
    parties,
    measureIndex: new Map(measures.map((m, i) => [m.id, i])),
    partyMeasures: measures.flatMap((m, i) => (m.party === redLine.party ? [i] : [])),
    otherMeasures: measures.flatMap((m, i) => (m.party !== redLine.party ? [i] : [])),
    variables,
    add,
  });
}
