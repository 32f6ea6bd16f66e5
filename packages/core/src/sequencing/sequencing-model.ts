import { exposureLimit, totalDelivered } from './exposure.ts';
import type { LinearConstraint, LinearModel, LinearTerm, LinearVariable } from './linear-model.ts';
import type { RedLine, SequencingScenario } from './scenario.ts';
import { anchorOffset } from './schedule.ts';

/** How the sequencing model treats red lines. */
export interface SequencingModelOptions {
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
  };
}

/** The sequencing MILP and the names of its variables, to read a solution back. */
export interface SequencingModel {
  readonly model: LinearModel;
  /** Name of the binary "measure i is in phase p" (i indexes `scenario.measures`). */
  readonly phaseVariable: (measureIndex: number, phase: number) => string;
  /** Name of each enforced red line's slack variable (elastic models only), by red line id. */
  readonly slackVariables: ReadonlyMap<string, string>;
  /** The red lines enforced. */
  readonly redLines: readonly RedLine[];
}

/**
 * Builds the time-indexed MILP of a scenario. Variables: `x_i_p` (measure i in phase p, binary), `t_p` (first
 * day of phase p, t_0 = 0), `s_i` (start day of measure i), `T` (last completion), `peak_j` (party j's peak
 * exposure), `imb` (largest difference between peaks), `z_j_k` (which phase sets party j's peak; only with an
 * imbalance weight), `slack_r` (elastic only). Constraints: each measure in
 * one phase; a phase starts when the earlier phases' measures are complete; a measure starts on its phase's day
 * (big-M links s_i to t_p); relations' lags; exposure rows; the red lines. The objective is the scenario's.
 */
export function buildSequencingModel(
  scenario: SequencingScenario,
  options: SequencingModelOptions = {},
): SequencingModel {
  const redLines = options.redLines ?? scenario.redLines;
  const { measures, phaseCount } = scenario;
  const index = new Map(measures.map((m, i) => [m.id, i]));
  const variables: LinearVariable[] = [];
  const constraints: LinearConstraint[] = [];
  const objective: LinearTerm[] = [];
  const x = (i: number, p: number) => `x_${i}_${p}`;
  const t = (p: number) => `t_${p}`;
  const s = (i: number) => `s_${i}`;
  const peak = (j: number) => `peak_${j}`;
  // No earliest schedule is longer than every duration plus every relation's offset: the big-M of the links.
  const horizon =
    1 +
    measures.reduce((sum, m) => sum + m.durationDays, 0) +
    scenario.relations.reduce(
      (sum, r) => sum + anchorOffset(measures[index.get(r.before)!]!, r.anchor) + r.lagDays,
      0,
    );
  const term = (variable: string, coefficient: number): LinearTerm => ({ variable, coefficient });
  const add = (name: string, terms: LinearTerm[], sense: LinearConstraint['sense'], rhs: number) =>
    constraints.push({ name, terms: terms.filter((tm) => tm.coefficient !== 0), sense, rhs });

  for (let p = 0; p < phaseCount; p++) {
    variables.push({ name: t(p), lower: 0, upper: p === 0 ? 0 : horizon, type: 'continuous' });
  }
  measures.forEach((m, i) => {
    for (let p = 0; p < phaseCount; p++)
      variables.push({ name: x(i, p), lower: 0, upper: 1, type: 'binary' });
    variables.push({ name: s(i), lower: 0, upper: horizon, type: 'continuous' });
    add(
      `assign_${i}`,
      Array.from({ length: phaseCount }, (_, p) => term(x(i, p), 1)),
      '=',
      1,
    );
    for (let p = 0; p < phaseCount; p++) {
      add(`start_lo_${i}_${p}`, [term(s(i), 1), term(t(p), -1), term(x(i, p), -horizon)], '>=', -horizon);
      add(`start_hi_${i}_${p}`, [term(s(i), 1), term(t(p), -1), term(x(i, p), horizon)], '<=', horizon);
      if (p + 1 < phaseCount && m.durationDays > 0) {
        add(
          `phase_end_${i}_${p}`,
          [term(t(p + 1), 1), term(t(p), -1), term(x(i, p), -m.durationDays)],
          '>=',
          0,
        );
      }
    }
  });
  for (let p = 0; p + 1 < phaseCount; p++) {
    add(`phase_order_${p}`, [term(t(p + 1), 1), term(t(p), -1)], '>=', 0);
  }
  scenario.relations.forEach((r, k) => {
    const a = index.get(r.before)!;
    const b = index.get(r.after)!;
    add(
      `relation_${k}`,
      [term(s(b), 1), term(s(a), -1)],
      '>=',
      anchorOffset(measures[a]!, r.anchor) + r.lagDays,
    );
  });
  variables.push({ name: 'T', lower: 0, upper: horizon, type: 'continuous' });
  measures.forEach((m, i) => {
    add(`duration_${i}`, [term('T', 1), term(s(i), -1)], '>=', m.durationDays);
  });

  // Delivered minus received by party j through phase k, as terms over x.
  const exposureTerms = (party: string, k: number): LinearTerm[] =>
    measures.flatMap((m, i) =>
      Array.from({ length: k + 1 }, (_, p) => term(x(i, p), m.party === party ? m.value : -m.value)),
    );
  scenario.parties.forEach((party, j) => {
    variables.push({ name: peak(j), lower: 0, upper: Number.POSITIVE_INFINITY, type: 'continuous' });
    for (let k = 0; k < phaseCount; k++) {
      add(`peak_${j}_${k}`, [...exposureTerms(party.id, k), term(peak(j), -1)], '<=', 0);
    }
  });
  if (scenario.objective.imbalanceWeight > 0) {
    // Minimising the imbalance could otherwise raise the lower peak above the true one: pin each peak to
    // the exposure of one chosen phase (or to 0) with binaries z_j_k (k = phaseCount stands for "0").
    const bound = measures.reduce((sum, m) => sum + m.value, 0);
    scenario.parties.forEach((party, j) => {
      const z = (k: number) => `z_${j}_${k}`;
      for (let k = 0; k <= phaseCount; k++) {
        variables.push({ name: z(k), lower: 0, upper: 1, type: 'binary' });
        const exposure =
          k < phaseCount ? exposureTerms(party.id, k).map((tm) => term(tm.variable, -tm.coefficient)) : [];
        add(`peak_pin_${j}_${k}`, [term(peak(j), 1), ...exposure, term(z(k), 2 * bound)], '<=', 2 * bound);
      }
      add(
        `peak_choice_${j}`,
        Array.from({ length: phaseCount + 1 }, (_, k) => term(z(k), 1)),
        '=',
        1,
      );
    });
  }
  variables.push({ name: 'imb', lower: 0, upper: Number.POSITIVE_INFINITY, type: 'continuous' });
  scenario.parties.forEach((_, j) => {
    scenario.parties.forEach((__, l) => {
      if (j !== l) add(`imbalance_${j}_${l}`, [term('imb', 1), term(peak(j), -1), term(peak(l), 1)], '>=', 0);
    });
  });

  const slackVariables = new Map<string, string>();
  redLines.forEach((redLine, r) => {
    let slack: LinearTerm[] = [];
    if (options.elastic && (options.elastic.only?.includes(redLine.id) ?? true)) {
      const name = `slack_${r}`;
      const upper =
        redLine.kind === 'same-phase'
          ? 1
          : redLine.kind === 'all-after-theirs'
            ? phaseCount
            : Number.POSITIVE_INFINITY;
      variables.push({ name, lower: 0, upper, type: 'continuous' });
      slackVariables.set(redLine.id, name);
      objective.push(term(name, options.elastic.penaltyPerUnit));
      slack = [term(name, -1)];
    }
    const partyMeasures = measures.flatMap((m, i) => (m.party === redLine.party ? [i] : []));
    const otherMeasures = measures.flatMap((m, i) => (m.party !== redLine.party ? [i] : []));
    const phaseNumber = (i: number, sign: number) =>
      Array.from({ length: phaseCount }, (_, p) => term(x(i, p), sign * p));
    switch (redLine.kind) {
      case 'max-exposure': {
        const limit = exposureLimit(scenario, redLine);
        for (let k = 0; k < phaseCount; k++) {
          add(`red_${r}_${k}`, [...exposureTerms(redLine.party, k), ...slack], '<=', limit);
        }
        break;
      }
      case 'other-starts-first': {
        const own = totalDelivered(scenario, redLine.party);
        if (own <= redLine.allowance) break;
        for (let k = 0; k < phaseCount; k++) {
          const delivered = partyMeasures.flatMap((i) =>
            Array.from({ length: k + 1 }, (_, p) => term(x(i, p), measures[i]!.value)),
          );
          const started = otherMeasures.flatMap((i) =>
            Array.from({ length: k + 1 }, (_, p) => term(x(i, p), -own)),
          );
          add(`red_${r}_${k}`, [...delivered, ...started, ...slack], '<=', redLine.allowance);
        }
        break;
      }
      case 'all-after-theirs':
        for (const i of partyMeasures) {
          for (const n of otherMeasures) {
            add(
              `red_${r}_${i}_${n}`,
              [...phaseNumber(i, 1), ...phaseNumber(n, -1), ...slack.map((tm) => term(tm.variable, 1))],
              '>=',
              1,
            );
          }
        }
        break;
      case 'deadline':
        for (const id of redLine.measures) {
          const i = index.get(id)!;
          add(
            `red_${r}_${i}`,
            [term(s(i), 1), ...slack],
            '<=',
            redLine.byDay - anchorOffset(measures[i]!, redLine.anchor),
          );
        }
        break;
      case 'same-phase': {
        const [first, ...rest] = redLine.measures.map((id) => index.get(id)!);
        for (const i of rest) {
          for (let p = 0; p < phaseCount; p++) {
            add(`red_${r}_${i}_${p}_a`, [term(x(first!, p), 1), term(x(i, p), -1), ...slack], '<=', 0);
            add(`red_${r}_${i}_${p}_b`, [term(x(i, p), 1), term(x(first!, p), -1), ...slack], '<=', 0);
          }
        }
        break;
      }
    }
  });

  const { durationWeight, exposureWeight, imbalanceWeight } = scenario.objective;
  objective.push(term('T', durationWeight));
  scenario.parties.forEach((_, j) => {
    objective.push(term(peak(j), exposureWeight));
  });
  objective.push(term('imb', imbalanceWeight));
  return {
    model: { variables, constraints, objective: objective.filter((tm) => tm.coefficient !== 0) },
    phaseVariable: x,
    slackVariables,
    redLines,
  };
}
