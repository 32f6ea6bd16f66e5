import { ConflictInputError } from './conflict-input-error.ts';
import type { ConflictModel, ConflictPreference, OptionReversibility } from './conflict-model.ts';
import { conditionTest, parseCondition } from './parse-condition.ts';

/** The most options a model may have: 2^20 combinations are enumerated when states are numbered. */
export const maxConflictOptions = 20;

/** A feasible state as GMCR+ numbers it. */
export interface ConflictState {
  /** 1-based state number: feasible states sorted by `decimal`. */
  readonly id: number;
  /** Y/N per option in numbering order, option 0 first (`YNNY`). */
  readonly yn: string;
  /** Sum of 2^k over the taken options k (numbering order). */
  readonly decimal: number;
}

/** An option in numbering order (grouped by DM in DM order, file order within a DM). */
export interface CompiledOption {
  readonly id: string;
  readonly name: string;
  /** The owner's DM id and its index in `decisionMakers`. */
  readonly dm: string;
  readonly dmIndex: number;
  /** Its place k in numbering order: the option is worth 2^k in a state's decimal. */
  readonly bit: number;
  readonly reversibility: OptionReversibility;
}

/** A DM with the options it owns. */
export interface CompiledDecisionMaker {
  readonly id: string;
  readonly name: string;
  readonly index: number;
  /** Bits (numbering order) of the options it owns. */
  readonly optionBits: readonly number[];
  /** The same as a mask: the sum of 2^bit. */
  readonly optionMask: number;
}

/**
 * A DM's unilateral moves in compressed form: the moves from state index s (0-based, state id − 1) are
 * `targets[offsets[s] .. offsets[s + 1])`, as state indices in ascending order.
 */
export interface MoveGraph {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

/**
 * A conflict ready for analysis: numbered feasible states, each DM's ranking as a rank value per state (higher
 * preferred, equal values tie, dense from 0) and each DM's unilateral moves. Arrays indexed by state are 0-based
 * (state id − 1).
 */
export interface CompiledConflict {
  readonly model: ConflictModel;
  readonly decisionMakers: readonly CompiledDecisionMaker[];
  /** In numbering order. */
  readonly options: readonly CompiledOption[];
  readonly states: readonly ConflictState[];
  /** For every combination of options (2^options entries), the state index, or −1 when infeasible. */
  readonly indexOfDecimal: Int32Array;
  /** Per DM (DM order), per state index: the rank value, higher preferred. */
  readonly ranks: readonly Int32Array[];
  /** Per DM (DM order): its unilateral moves. */
  readonly moves: readonly MoveGraph[];
}

/** The Y/N string of a combination of `count` options, option 0 first. */
export function ynOf(decimal: number, count: number): string {
  let yn = '';
  for (let k = 0; k < count; k++) yn += (decimal & (1 << k)) !== 0 ? 'Y' : 'N';
  return yn;
}

/** Replaces scores by dense ranks: the lowest score gets 0, equal scores the same rank. */
function denseRanks(scores: ArrayLike<number>): Int32Array {
  const distinct = [...new Set(Array.from(scores))].sort((a, b) => a - b);
  const rankOf = new Map(distinct.map((score, rank) => [score, rank]));
  const ranks = new Int32Array(scores.length);
  for (let s = 0; s < scores.length; s++) ranks[s] = rankOf.get(scores[s]!)!;
  return ranks;
}

function stateLabel(state: ConflictState): string {
  return `state ${state.id} (${state.yn})`;
}

/**
 * A DM's rank value per state from any of the three preference forms. `path` is the preference's field path
 * (`preferences.iran`).
 */
export function rankStates(
  preference: ConflictPreference,
  states: readonly ConflictState[],
  bitOf: ReadonlyMap<string, number>,
  path: string,
): Int32Array {
  const count = states.length;
  switch (preference.kind) {
    case 'ranking': {
      const group = new Int32Array(count).fill(-1);
      preference.ranking.forEach((members, g) => {
        if (!Array.isArray(members)) {
          throw new ConflictInputError(`${path}.ranking[${g}]`, 'expected a list of state numbers');
        }
        for (const id of members) {
          if (!Number.isInteger(id) || id < 1 || id > count) {
            throw new ConflictInputError(
              `${path}.ranking[${g}]`,
              `state ${String(id)} is not a feasible state; accepted are 1 to ${count}`,
            );
          }
          if (group[id - 1] !== -1) {
            throw new ConflictInputError(
              `${path}.ranking[${g}]`,
              `${stateLabel(states[id - 1]!)} is ranked twice (also in group ${group[id - 1]}); every feasible state appears exactly once`,
            );
          }
          group[id - 1] = g;
        }
      });
      const missing = states.filter((_, s) => group[s] === -1);
      if (missing.length > 0) {
        throw new ConflictInputError(
          `${path}.ranking`,
          `the ranking misses ${missing.map(stateLabel).join(', ')}; every feasible state appears exactly once`,
        );
      }
      // Group 0 is most preferred: a higher rank value for an earlier group.
      return denseRanks(Array.from(group, (g) => -g));
    }
    case 'statements': {
      const m = preference.statements.length;
      if (m > 52) {
        throw new ConflictInputError(`${path}.statements`, `${m} statements; at most 52 are accepted`);
      }
      const scores = new Float64Array(count);
      preference.statements.forEach((statement, j) => {
        const statementPath = `${path}.statements[${j}]`;
        const test = conditionTest(
          parseCondition(statement.text, statementPath),
          bitOf,
          statementPath,
          statement.text,
        );
        const worth = 2 ** (m - 1 - j);
        for (let s = 0; s < count; s++) if (test(states[s]!.decimal)) scores[s]! += worth;
      });
      return denseRanks(scores);
    }
    case 'payoffs': {
      const scores = new Float64Array(count);
      for (const key of Object.keys(preference.payoffs)) {
        const id = Number(key);
        if (!Number.isInteger(id) || id < 1 || id > count) {
          throw new ConflictInputError(
            `${path}.payoffs.${key}`,
            `'${key}' is not a feasible state number; accepted are 1 to ${count}`,
          );
        }
        const value = preference.payoffs[key]!;
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          throw new ConflictInputError(`${path}.payoffs.${key}`, 'expected a finite number');
        }
        scores[id - 1] = value;
      }
      const missing = states.filter((state) => !Object.hasOwn(preference.payoffs, String(state.id)));
      if (missing.length > 0) {
        throw new ConflictInputError(
          `${path}.payoffs`,
          `no payoff for ${missing.map(stateLabel).join(', ')}; every feasible state needs one`,
        );
      }
      return denseRanks(scores);
    }
    default:
      throw new ConflictInputError(
        path,
        "expected a preference of kind 'ranking', 'statements' or 'payoffs'",
      );
  }
}

/** Every subset of `mask` other than 0, in no particular order. */
function nonEmptySubsets(mask: number): number[] {
  const subsets: number[] = [];
  for (let sub = mask; sub !== 0; sub = (sub - 1) & mask) subsets.push(sub);
  return subsets;
}

/**
 * The unilateral moves of one DM: from each state, every feasible state reached by changing one or more of the
 * DM's options at once, each in a direction its reversibility allows.
 */
function unilateralMoves(
  states: readonly ConflictState[],
  indexOfDecimal: Int32Array,
  options: readonly CompiledOption[],
  dm: CompiledDecisionMaker,
): MoveGraph {
  let forward = 0;
  let backward = 0;
  for (const bit of dm.optionBits) {
    const reversibility = options[bit]!.reversibility;
    if (reversibility !== 'back') forward |= 1 << bit;
    if (reversibility !== 'fwd') backward |= 1 << bit;
  }
  const offsets = new Int32Array(states.length + 1);
  const targets: number[] = [];
  for (let s = 0; s < states.length; s++) {
    offsets[s] = targets.length;
    const decimal = states[s]!.decimal;
    const changeable = (~decimal & forward) | (decimal & backward);
    const reached: number[] = [];
    for (const change of nonEmptySubsets(changeable)) {
      const target = indexOfDecimal[decimal ^ change]!;
      if (target >= 0) reached.push(target);
    }
    reached.sort((a, b) => a - b);
    for (const target of reached) targets.push(target);
  }
  offsets[states.length] = targets.length;
  return { offsets, targets: Int32Array.from(targets) };
}

/**
 * Checks a conflict model and numbers its states as GMCR+ does: options grouped by DM in DM order (file order
 * within a DM), option k worth 2^k, feasible states sorted by that decimal and numbered from 1. Ranks each DM's
 * preference and builds each DM's unilateral moves. Throws ConflictInputError naming the field when an option's
 * owner is missing or unknown, an id is repeated, a DM has no preference, a statement does not parse, a ranking
 * or payoff table misses or repeats a state, or no state is feasible.
 */
export function compileConflict(model: ConflictModel): CompiledConflict {
  const dmIndex = new Map<string, number>();
  model.decisionMakers.forEach((dm, d) => {
    if (typeof dm.id !== 'string' || dm.id === '') {
      throw new ConflictInputError(`decisionMakers[${d}].id`, 'expected a non-empty id');
    }
    if (dmIndex.has(dm.id)) {
      throw new ConflictInputError(
        `decisionMakers[${d}].id`,
        `duplicate DM id '${dm.id}' (also decisionMakers[${dmIndex.get(dm.id)}]); DM ids are unique`,
      );
    }
    dmIndex.set(dm.id, d);
  });
  if (model.decisionMakers.length < 2) {
    throw new ConflictInputError(
      'decisionMakers',
      `${model.decisionMakers.length} DM(s); a conflict needs at least 2`,
    );
  }
  const optionIndex = new Map<string, number>();
  model.options.forEach((option, o) => {
    if (typeof option.id !== 'string' || option.id === '') {
      throw new ConflictInputError(`options[${o}].id`, 'expected a non-empty id');
    }
    if (optionIndex.has(option.id)) {
      throw new ConflictInputError(
        `options[${o}].id`,
        `duplicate option id '${option.id}' (also options[${optionIndex.get(option.id)}]); option ids are unique`,
      );
    }
    optionIndex.set(option.id, o);
    if (typeof option.dm !== 'string' || option.dm === '') {
      throw new ConflictInputError(
        `options[${o}].dm`,
        `option '${option.id}' has no owner; expected a DM id`,
      );
    }
    if (!dmIndex.has(option.dm)) {
      throw new ConflictInputError(
        `options[${o}].dm`,
        `unknown DM '${option.dm}'; known DMs: ${[...dmIndex.keys()].join(', ')}`,
      );
    }
    if (!['both', 'fwd', 'back'].includes(option.reversibility)) {
      throw new ConflictInputError(
        `options[${o}].reversibility`,
        `'${String(option.reversibility)}'; accepted are both, fwd (only N→Y) and back (only Y→N)`,
      );
    }
  });
  if (model.options.length === 0)
    throw new ConflictInputError('options', 'no options; a conflict needs at least one');
  if (model.options.length > maxConflictOptions) {
    throw new ConflictInputError(
      'options',
      `${model.options.length} options; at most ${maxConflictOptions} are accepted (2^${maxConflictOptions} combinations)`,
    );
  }

  const options: CompiledOption[] = [];
  const decisionMakers: CompiledDecisionMaker[] = model.decisionMakers.map((dm, d) => {
    const optionBits: number[] = [];
    for (const option of model.options) {
      if (option.dm !== dm.id) continue;
      const bit = options.length;
      optionBits.push(bit);
      options.push({
        id: option.id,
        name: option.name,
        dm: dm.id,
        dmIndex: d,
        bit,
        reversibility: option.reversibility,
      });
    }
    return {
      id: dm.id,
      name: dm.name,
      index: d,
      optionBits,
      optionMask: optionBits.reduce((mask, bit) => mask | (1 << bit), 0),
    };
  });
  const bitOf = new Map(options.map((option) => [option.id, option.bit]));

  const infeasibleTests = model.infeasible.map((statement, i) =>
    conditionTest(
      parseCondition(statement.text, `infeasible[${i}]`),
      bitOf,
      `infeasible[${i}]`,
      statement.text,
    ),
  );
  const combinations = 2 ** options.length;
  const indexOfDecimal = new Int32Array(combinations).fill(-1);
  const states: ConflictState[] = [];
  for (let decimal = 0; decimal < combinations; decimal++) {
    if (infeasibleTests.some((test) => test(decimal))) continue;
    indexOfDecimal[decimal] = states.length;
    states.push({ id: states.length + 1, yn: ynOf(decimal, options.length), decimal });
  }
  if (states.length === 0) {
    throw new ConflictInputError(
      'infeasible',
      'every state is infeasible; at least one state must be feasible',
    );
  }

  for (const key of Object.keys(model.preferences)) {
    if (!dmIndex.has(key)) {
      throw new ConflictInputError(
        `preferences.${key}`,
        `unknown DM '${key}'; known DMs: ${[...dmIndex.keys()].join(', ')}`,
      );
    }
  }
  const ranks = decisionMakers.map((dm) => {
    const preference = model.preferences[dm.id];
    if (preference === undefined) {
      throw new ConflictInputError(
        `preferences.${dm.id}`,
        `DM '${dm.id}' has no preference; give a ranking, statements or payoffs`,
      );
    }
    return rankStates(preference, states, bitOf, `preferences.${dm.id}`);
  });
  const moves = decisionMakers.map((dm) => unilateralMoves(states, indexOfDecimal, options, dm));
  return { model, decisionMakers, options, states, indexOfDecimal, ranks, moves };
}
