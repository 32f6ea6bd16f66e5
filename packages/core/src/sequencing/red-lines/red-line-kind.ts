import type { LinearTerm, LinearVariable } from '../linear-model.ts';
import type { Add } from '../model-terms.ts';
import type { PlanViolation } from '../plan-violation.ts';
import type { RedLine, SequencingMeasure, SequencingScenario } from '../scenario.ts';
import type { ScheduledMeasure } from '../schedule.ts';

/** The red line of one kind. */
export type RedLineOf<K extends RedLine['kind']> = Extract<RedLine, { readonly kind: K }>;

/** The fields every red line has, read before its kind's own. */
export type RedLineBase = Pick<RedLine, 'id' | 'party' | 'text' | 'source'>;

/** The unit a red line's slack is counted in. */
export type ConcessionUnit = 'value' | 'days' | 'phases' | 'given-up';

/**
 * The fields of one red line entry of a scenario file, read for its kind: each reader throws a
 * `SequencingInputError` naming the field path, held to the scenario's limits. Implemented by
 * `validateScenario`, which owns the limits and the error wording shared with the other fields.
 */
export interface RedLineFields {
  /** The entry's path (`redLines[2]`), for errors about the entry as a whole. */
  readonly at: string;
  /** The field is present. */
  has(field: string): boolean;
  /** A value in the scenario's value unit, within the value limit. */
  value(field: string): number;
  /** A number of days, within the day limit. */
  days(field: string): number;
  /** A finite number from `min` to `max`; `unit` says what it counts, for the error. */
  number(field: string, min: number, max: number, unit: string): number;
  /** One of `accepted`. */
  oneOf<T extends string>(field: string, accepted: readonly T[]): T;
  /** The `measures` list: at least `min` distinct ids of the scenario's measures. */
  measures(min: number): string[];
}

/** What a red line's rows in the sequencing MILP may use and add to. */
export interface RedLineRows {
  readonly scenario: SequencingScenario;
  /** The red line's number in the model, which its rows and variables are named by. */
  readonly number: number;
  /** The slack terms to add to each row it may give on (`-slack`; empty when it is enforced). */
  readonly slack: readonly LinearTerm[];
  /** Each party's number, for the exposure variables `e_j_k`. */
  readonly parties: ReadonlyMap<string, number>;
  /** Each measure's number, for `x_i_p` and `s_i`. */
  readonly measureIndex: ReadonlyMap<string, number>;
  /** The numbers of the red line's party's measures, and of everyone else's. */
  readonly partyMeasures: readonly number[];
  readonly otherMeasures: readonly number[];
  readonly variables: LinearVariable[];
  readonly add: Add;
}

/** A complete plan, as the plan checker gives it to a red line. */
export interface RedLineCheck {
  readonly scenario: SequencingScenario;
  /** Every measure's place and days. */
  readonly at: ReadonlyMap<string, ScheduledMeasure>;
  readonly phaseOf: ReadonlyMap<string, number>;
  /** The measures of the red line's party, and everyone else's. */
  readonly own: readonly SequencingMeasure[];
  readonly others: readonly SequencingMeasure[];
  /** A violation of this red line, its message prefixed with the red line and its party. */
  crossed(measures: readonly string[], message: string): PlanViolation;
}

/** One step of the greedy baseline: `added` about to be placed in `phase`. */
export interface GreedyStep {
  readonly scenario: SequencingScenario;
  readonly phase: number;
  readonly added: readonly SequencingMeasure[];
  /** The measures placed before `added`, with their phases. */
  readonly phaseOf: ReadonlyMap<string, number>;
  /** Value delivered by each party, `added` included. */
  readonly delivered: ReadonlyMap<string, number>;
  /** A party's exposure once `added` is placed. */
  exposure(party: string): number;
}

/** How a red line's rule reads in words. */
export interface RuleWords {
  readonly scenario: SequencingScenario;
  /** The party's name. */
  readonly name: string;
  /** A value with the scenario's unit, rounded for reading. */
  format(value: number): string;
}

/**
 * Everything that depends on a red line's kind, side by side, so that a kind is one file: the generic code
 * (validation, model, plan checker, greedy baseline, diagnosis, explanation) dispatches through
 * `redLineModules` and never asks which kind it holds.
 */
export interface RedLineKind<K extends RedLine['kind']> {
  readonly kind: K;
  /**
   * Validates the kind's own fields of a scenario file's red line and returns the red line with defaults
   * filled in; throws a `SequencingInputError` naming the field.
   */
  validate(fields: RedLineFields, base: RedLineBase): RedLineOf<K>;
  /**
   * The measures whose start day the kind's rows bound from above: the model gives each a start day variable
   * held no earlier than its phase's first day, so that bounding it bounds the phase.
   */
  startDayMeasures(redLine: RedLineOf<K>): readonly string[];
  /** Adds the red line's rows (and any variables of its own) to the MILP. */
  modelRows(redLine: RedLineOf<K>, rows: RedLineRows): void;
  /** Every way a complete plan crosses the red line; empty when it holds. */
  check(redLine: RedLineOf<K>, plan: RedLineCheck): PlanViolation[];
  /**
   * Whether the red line still holds once a greedy step is taken. Only what a phase-by-phase fill can judge
   * as it goes; the greedy's plan is checked whole afterwards by `check`.
   */
  holdsWhileFilling(redLine: RedLineOf<K>, step: GreedyStep): boolean;
  /** The limit drawn against the party's exposure curve, in the value unit, when the kind has one. */
  exposureLimit(redLine: RedLineOf<K>, scenario: SequencingScenario): number | undefined;
  /** What the model enforces, in one sentence with the numbers. */
  explain(redLine: RedLineOf<K>, words: RuleWords): string;
  /** The unit its slack (the concession a diagnosis reports) is counted in. */
  readonly concessionUnit: ConcessionUnit;
  /** The most slack the red line can usefully take when elastic, in its concession unit. */
  maxSlack(scenario: SequencingScenario): number;
}
