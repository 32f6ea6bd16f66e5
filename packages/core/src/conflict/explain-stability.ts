import type { CompiledConflict, ConflictState } from './compile-conflict.ts';
import { ConflictInputError } from './conflict-input-error.ts';
import type { CoalitionChainRule, StabilityDefinition } from './conflict-model.ts';
import { describeMove, describeState, listInWords, type MoveStep, moveStep } from './move-description.ts';
import { shortestCoalitionPath } from './sanction-search.ts';
import {
  counterMoveWeight,
  improvingMoves,
  stabilityDefinitionNames,
  stabilityDefinitions,
} from './stability-flags.ts';

/** The definitions that weigh sanctions. */
export type SanctionDefinition = Exclude<StabilityDefinition, 'nash'>;

/** Whether one improvement is deterred under one definition, and by what. */
export interface SanctionVerdict {
  readonly deterred: boolean;
  /** A shortest sanction: the opponents' moves from the improvement's target; empty when not deterred. */
  readonly sanction: MoveStep[];
  /** Where the sanction ends (state id), when deterred. */
  readonly endsAt?: number | undefined;
  /** SMR only, when deterred: the DM's best counter-move from where the sanction ends (state id), if any. */
  readonly bestCounterMove?: number | undefined;
  /** The verdict in words. */
  readonly reason: string;
}

/** One unilateral improvement of the DM from the state, and how each definition judges it. */
export interface ImprovementExplanation {
  /** The DM's own move: target state and option changes. */
  readonly move: MoveStep;
  readonly gmr: SanctionVerdict;
  readonly smr: SanctionVerdict;
  readonly seq: SanctionVerdict;
}

/** A DM's verdicts on the state, with its improvements and their sanctions. */
export interface DecisionMakerExplanation {
  readonly dm: string;
  readonly name: string;
  /** Per definition: is the state stable for this DM? */
  readonly stable: Record<StabilityDefinition, boolean>;
  readonly improvements: ImprovementExplanation[];
  /** One sentence per definition, for a negotiator. */
  readonly sentences: string[];
}

/** The result of `explainState`: plain JSON. */
export interface StateExplanation {
  readonly state: ConflictState;
  /** The state in words: which options are taken. */
  readonly description: string;
  readonly chain: CoalitionChainRule;
  /** Per definition, whether the state is stable for every DM explained (all DMs unless one was asked). */
  readonly stable: Record<StabilityDefinition, boolean>;
  readonly decisionMakers: DecisionMakerExplanation[];
}

/** Options of `explainState`. */
export interface ExplainStateOptions {
  /** Explain for this DM id only; default every DM. */
  readonly dm?: string | undefined;
  /** Coalition rule for sanctions; default `standard`. */
  readonly chain?: CoalitionChainRule | undefined;
}

/**
 * Why a state is or is not stable for each DM (or the one asked), under Nash, GMR, SMR and SEQ: every unilateral
 * improvement the DM has from the state (target and option changes) and, per definition, a shortest sanction
 * that deters it (the opponents' moves, in option terms) or why none does; with sentences a negotiator reads.
 * Throws ConflictInputError for an unknown state or DM.
 */
export function explainState(
  compiled: CompiledConflict,
  stateId: number,
  options: ExplainStateOptions = {},
): StateExplanation {
  const chain = options.chain ?? 'standard';
  const count = compiled.states.length;
  if (!Number.isInteger(stateId) || stateId < 1 || stateId > count) {
    throw new ConflictInputError('state', `state ${stateId} does not exist; accepted are 1 to ${count}`);
  }
  const dms = compiled.decisionMakers.filter((dm) => options.dm === undefined || dm.id === options.dm);
  if (dms.length === 0) {
    throw new ConflictInputError(
      'dm',
      `unknown DM '${options.dm}'; known DMs: ${compiled.decisionMakers.map((dm) => dm.id).join(', ')}`,
    );
  }
  const improving = improvingMoves(compiled);
  const s = stateId - 1;
  const state = compiled.states[s]!;
  const decisionMakers = dms.map((dm) => explainForDm(compiled, s, dm.index, chain, improving));
  const all = (definition: StabilityDefinition) =>
    decisionMakers.every((explanation) => explanation.stable[definition]);
  const stable = { nash: all('nash'), gmr: all('gmr'), smr: all('smr'), seq: all('seq') };
  return {
    state: { ...state },
    description: describeState(compiled, state),
    chain,
    stable,
    decisionMakers,
  };
}

function explainForDm(
  compiled: CompiledConflict,
  s: number,
  i: number,
  chain: CoalitionChainRule,
  improving: readonly Uint8Array[],
): DecisionMakerExplanation {
  const dm = compiled.decisionMakers[i]!;
  const rank = compiled.ranks[i]!;
  const start = rank[s]!;
  const opponents = compiled.decisionMakers.filter((d) => d.index !== i).map((d) => d.index);
  const opponentNames = listInWords(opponents.map((d) => compiled.decisionMakers[d]!.name));
  const counter = counterMoveWeight(compiled, i);
  const graph = compiled.moves[i]!;
  const targets: number[] = [];
  for (let e = graph.offsets[s]!; e < graph.offsets[s + 1]!; e++) {
    if (improving[i]![e] === 1) targets.push(graph.targets[e]!);
  }
  const noBetter = (x: number) => rank[x]! <= start;
  const stateWord = `state ${s + 1}`;

  const improvements = targets.map((target): ImprovementExplanation => {
    const verdict = (definition: SanctionDefinition): SanctionVerdict => {
      const accept = definition === 'smr' ? (x: number) => counter[x]! <= start : noBetter;
      const path = shortestCoalitionPath(
        compiled,
        opponents,
        target,
        accept,
        chain,
        definition === 'seq' ? improving : undefined,
      );
      if (path === undefined) {
        const what =
          definition === 'seq'
            ? `no sequence of moves by ${opponentNames} that each improve things for their mover`
            : `no sequence of moves by ${opponentNames}`;
        const goal =
          definition === 'smr'
            ? `a state ${dm.name} likes no better than ${stateWord} and from which it cannot escape to a state it prefers to ${stateWord}`
            : `a state ${dm.name} likes no better than ${stateWord}`;
        return {
          deterred: false,
          sanction: [],
          reason: `Not deterred under ${stabilityDefinitionNames[definition]}: ${what} from state ${target + 1} reaches ${goal}.`,
        };
      }
      const sanction = path.map((move) => moveStep(compiled, [move.dm], move.from, move.to));
      const end = path[path.length - 1]!.to;
      const relation = rank[end]! === start ? 'likes as much as' : 'likes less than';
      let reason = `Deterred under ${stabilityDefinitionNames[definition]}: ${sanction.map(describeMove).join(', then ')}; ${dm.name} ${relation} ${stateWord}`;
      let bestCounterMove: number | undefined;
      if (definition === 'smr') {
        const own = compiled.moves[i]!;
        for (let e = own.offsets[end]!; e < own.offsets[end + 1]!; e++) {
          const t = own.targets[e]!;
          if (bestCounterMove === undefined || rank[t]! > rank[bestCounterMove]!) bestCounterMove = t;
        }
        reason +=
          bestCounterMove === undefined
            ? `, and ${dm.name} cannot move from there`
            : `, and ${dm.name}'s best counter-move from there, to state ${bestCounterMove + 1}, is no better than ${stateWord}`;
        if (bestCounterMove !== undefined) bestCounterMove += 1;
      }
      return { deterred: true, sanction, endsAt: end + 1, bestCounterMove, reason: `${reason}.` };
    };
    return {
      move: moveStep(compiled, [i], s, target),
      gmr: verdict('gmr'),
      smr: verdict('smr'),
      seq: verdict('seq'),
    };
  });

  const stable: Record<StabilityDefinition, boolean> = {
    nash: improvements.length === 0,
    gmr: improvements.every((improvement) => improvement.gmr.deterred),
    smr: improvements.every((improvement) => improvement.smr.deterred),
    seq: improvements.every((improvement) => improvement.seq.deterred),
  };
  const sentences = stabilityDefinitions.map((definition) => {
    const name = stabilityDefinitionNames[definition];
    if (improvements.length === 0) {
      return `${stateWord} is ${name} stable for ${dm.name}: it has no move to a state it prefers.`;
    }
    const moves = improvements.map((improvement) => `state ${improvement.move.to}`);
    if (definition === 'nash') {
      return `${stateWord} is not Nash stable for ${dm.name}: it gains by moving to ${listInWords(moves)}.`;
    }
    const open = improvements.filter((improvement) => !improvement[definition].deterred);
    if (open.length === 0) {
      return `${stateWord} is ${name} stable for ${dm.name}: each move it would gain by (to ${listInWords(moves)}) is deterred by a sanction.`;
    }
    return `${stateWord} is not ${name} stable for ${dm.name}: its move to ${listInWords(open.map((improvement) => `state ${improvement.move.to}`))} is not deterred.`;
  });
  return {
    dm: dm.id,
    name: dm.name,
    stable,
    improvements,
    sentences: sentences.map((sentence) => sentence.charAt(0).toUpperCase() + sentence.slice(1)),
  };
}
