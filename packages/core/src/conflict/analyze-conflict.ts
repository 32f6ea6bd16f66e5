import type { CompiledConflict, ConflictState } from './compile-conflict.ts';
import type { CoalitionChainRule, StabilityDefinition } from './conflict-model.ts';
import { improvingMoves, stabilityDefinitions, stabilityFlags } from './stability-flags.ts';

/** Options of an analysis. */
export interface ConflictAnalysisOptions {
  /** How opponents' coalition sanctions are built; default `standard` (the published definition). */
  readonly chain?: CoalitionChainRule | undefined;
}

/** State ids (ascending) per stability definition. */
export type StatesByDefinition = Record<StabilityDefinition, number[]>;

/** What an analysis says about one DM. */
export interface DecisionMakerStability {
  readonly id: string;
  readonly name: string;
  /** The states stable for this DM, per definition. */
  readonly stable: StatesByDefinition;
  /** The DM's ranking, most preferred first; each entry lists the state ids preferred equally (ascending). */
  readonly ranking: number[][];
}

/** The result of `analyzeConflict`; plain JSON. */
export interface ConflictAnalysis {
  /** The coalition rule used for sanctions by more than one opponent. */
  readonly chain: CoalitionChainRule;
  readonly states: ConflictState[];
  /** States stable for every DM, per definition. */
  readonly equilibria: StatesByDefinition;
  /** Per DM id: the states stable for it, per definition. */
  readonly stable: Record<string, StatesByDefinition>;
  /** Per DM id: its ranking, most preferred first, ties as one inner list. */
  readonly rankings: Record<string, number[][]>;
  /** The DMs in model order, with the same facts. */
  readonly decisionMakers: DecisionMakerStability[];
}

/** A DM's ranking as lists of state ids, most preferred first, ties together. */
export function rankingOf(compiled: CompiledConflict, dm: number): number[][] {
  const rank = compiled.ranks[dm]!;
  const groups = new Map<number, number[]>();
  for (let s = 0; s < rank.length; s++) {
    const group = groups.get(rank[s]!);
    if (group) group.push(s + 1);
    else groups.set(rank[s]!, [s + 1]);
  }
  return [...groups.entries()].sort((a, b) => b[0] - a[0]).map(([, ids]) => ids);
}

const idsOf = (flags: Uint8Array): number[] => {
  const ids: number[] = [];
  for (let s = 0; s < flags.length; s++) if (flags[s] === 1) ids.push(s + 1);
  return ids;
};

/**
 * Stability of every state for every DM under Nash, GMR, SMR and SEQ, and the equilibria (states stable for all
 * DMs). Weak preference: a sanction deters when the sanctioned state is not more preferred than the start;
 * unilateral improvements are strict. With more than two DMs, a DM's opponents sanction together by coalition
 * moves under `options.chain`: `standard` (default), any legal sequence of their unilateral moves in which no DM
 * moves twice in a row; `gmcr-plus`, each opponent at most once. SEQ counts only sequences in which every move
 * improves things for its mover.
 */
export function analyzeConflict(
  compiled: CompiledConflict,
  options: ConflictAnalysisOptions = {},
): ConflictAnalysis {
  const chain = options.chain ?? 'standard';
  const improving = improvingMoves(compiled);
  const stateCount = compiled.states.length;
  const all: Record<StabilityDefinition, Uint8Array> = {
    nash: new Uint8Array(stateCount).fill(1),
    gmr: new Uint8Array(stateCount).fill(1),
    smr: new Uint8Array(stateCount).fill(1),
    seq: new Uint8Array(stateCount).fill(1),
  };
  const decisionMakers = compiled.decisionMakers.map((dm, d): DecisionMakerStability => {
    const flags = stabilityFlags(compiled, d, chain, improving);
    for (const definition of stabilityDefinitions) {
      const both = all[definition];
      const own = flags[definition];
      for (let s = 0; s < stateCount; s++) both[s]! &= own[s]!;
    }
    return {
      id: dm.id,
      name: dm.name,
      stable: {
        nash: idsOf(flags.nash),
        gmr: idsOf(flags.gmr),
        smr: idsOf(flags.smr),
        seq: idsOf(flags.seq),
      },
      ranking: rankingOf(compiled, d),
    };
  });
  return {
    chain,
    states: compiled.states.map((state) => ({ ...state })),
    equilibria: { nash: idsOf(all.nash), gmr: idsOf(all.gmr), smr: idsOf(all.smr), seq: idsOf(all.seq) },
    stable: Object.fromEntries(decisionMakers.map((dm) => [dm.id, dm.stable])),
    rankings: Object.fromEntries(decisionMakers.map((dm) => [dm.id, dm.ranking])),
    decisionMakers,
  };
}
