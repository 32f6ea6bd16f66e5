import { type Coalition, coalitionMinimum } from './coalition-reach.ts';
import type { CompiledConflict } from './compile-conflict.ts';
import type { CoalitionChainRule, StabilityDefinition } from './conflict-model.ts';

/** The four definitions, in the order results list them. */
export const stabilityDefinitions: readonly StabilityDefinition[] = ['nash', 'gmr', 'smr', 'seq'];

/** The definitions as sentences name them. */
export const stabilityDefinitionNames: Readonly<Record<StabilityDefinition, string>> = {
  nash: 'Nash',
  gmr: 'GMR',
  smr: 'SMR',
  seq: 'SEQ',
};

/** Per definition, per state index: 1 when the state is stable for the DM. */
export type StabilityFlags = Record<StabilityDefinition, Uint8Array>;

/**
 * For each DM (DM order), which of its moves are strict improvements: `improving[d][e]` is 1 when the move
 * `moves[d].targets[e]` ranks higher for DM d than the state it leaves.
 */
export function improvingMoves(compiled: CompiledConflict): Uint8Array[] {
  return compiled.moves.map((graph, d) => {
    const rank = compiled.ranks[d]!;
    const flags = new Uint8Array(graph.targets.length);
    for (let s = 0; s < compiled.states.length; s++) {
      const end = graph.offsets[s + 1]!;
      for (let e = graph.offsets[s]!; e < end; e++) flags[e] = rank[graph.targets[e]!]! > rank[s]! ? 1 : 0;
    }
    return flags;
  });
}

/**
 * For DM `dm`, its SMR weight per state: the better for it of the state itself and the best state it can move
 * to from there. A sanction state deters under SMR when this is no better than the start.
 */
export function counterMoveWeight(compiled: CompiledConflict, dm: number): Int32Array {
  const rank = compiled.ranks[dm]!;
  const graph = compiled.moves[dm]!;
  const weight = new Int32Array(compiled.states.length);
  for (let s = 0; s < weight.length; s++) {
    let best = rank[s]!;
    const end = graph.offsets[s + 1]!;
    for (let e = graph.offsets[s]!; e < end; e++) {
      const reached = rank[graph.targets[e]!]!;
      if (reached > best) best = reached;
    }
    weight[s] = best;
  }
  return weight;
}

/**
 * Stability of every state for DM `dm` under Nash, GMR, SMR and SEQ, with weak preference (a sanction deters when
 * the sanctioned state is not more preferred than the start). Opponents' sanctions are coalition moves of all the
 * other DMs under `chain`; SEQ counts only coalition improvements. `improving` is `improvingMoves(compiled)`,
 * passed in so the DMs share it.
 */
export function stabilityFlags(
  compiled: CompiledConflict,
  dm: number,
  chain: CoalitionChainRule,
  improving: readonly Uint8Array[],
): StabilityFlags {
  const stateCount = compiled.states.length;
  const rank = compiled.ranks[dm]!;
  const own = compiled.moves[dm]!;
  const others = compiled.decisionMakers.map((_, d) => d).filter((d) => d !== dm);
  const moves: Coalition = { moves: others.map((d) => compiled.moves[d]!) };
  const improvements: Coalition = { ...moves, improving: others.map((d) => improving[d]!) };
  const [anyMove, counterMove] = coalitionMinimum(moves, [rank, counterMoveWeight(compiled, dm)], chain);
  const [improvement] = coalitionMinimum(improvements, [rank], chain);
  const flags: StabilityFlags = {
    nash: new Uint8Array(stateCount),
    gmr: new Uint8Array(stateCount),
    smr: new Uint8Array(stateCount),
    seq: new Uint8Array(stateCount),
  };
  const ownImproving = improving[dm]!;
  for (let s = 0; s < stateCount; s++) {
    let nash = 1;
    let gmr = 1;
    let smr = 1;
    let seq = 1;
    const start = rank[s]!;
    const end = own.offsets[s + 1]!;
    for (let e = own.offsets[s]!; e < end; e++) {
      if (ownImproving[e] === 0) continue;
      const target = own.targets[e]!;
      nash = 0;
      if (anyMove![target]! > start) gmr = 0;
      if (counterMove![target]! > start) smr = 0;
      if (improvement![target]! > start) seq = 0;
    }
    flags.nash[s] = nash;
    flags.gmr[s] = gmr;
    flags.smr[s] = smr;
    flags.seq[s] = seq;
  }
  return flags;
}
