import type { CompiledConflict } from '../compile-conflict.ts';
import type { CoalitionChainRule, StabilityDefinition } from '../conflict-model.ts';

/** Stable states per definition (ids, ascending): for all DMs (`equilibria`) and per DM id (`stable`). */
export interface BaselineStability {
  readonly equilibria: Record<StabilityDefinition, number[]>;
  readonly stable: Record<string, Record<StabilityDefinition, number[]>>;
}

/**
 * The unilateral moves of DM `dm` from state index `s`, found by comparing every pair of states: the other DMs'
 * options unchanged, at least one of its own changed, each change in a direction the option permits.
 */
function movesFrom(compiled: CompiledConflict, dm: number, s: number): number[] {
  const from = compiled.states[s]!.decimal;
  const reached: number[] = [];
  compiled.states.forEach((state, t) => {
    if (t === s) return;
    let legal = true;
    let changed = false;
    compiled.options.forEach((option, k) => {
      const before = (from >> k) & 1;
      const after = (state.decimal >> k) & 1;
      if (before === after) return;
      changed = true;
      if (option.dmIndex !== dm) legal = false;
      else if (before === 0 && option.reversibility === 'back') legal = false;
      else if (before === 1 && option.reversibility === 'fwd') legal = false;
    });
    if (legal && changed) reached.push(t);
  });
  return reached;
}

/**
 * The states coalition `movers` reaches from `s1` (indices), as the published definition builds them: R_H(s1)
 * with the set Ω of last movers per reached state, grown until nothing changes: a mover j may move on from a
 * reached state whose last movers are not {j} alone. With `improving`, only moves that improve for their mover.
 */
function standardReach(
  compiled: CompiledConflict,
  movers: readonly number[],
  s1: number,
  improving: boolean,
  moves: readonly (readonly number[])[][],
): Set<number> {
  const lastMovers = new Map<number, Set<number>>();
  const legal = (j: number, x: number, y: number) =>
    !improving || compiled.ranks[j]![y]! > compiled.ranks[j]![x]!;
  for (const j of movers) {
    for (const t of moves[j]![s1]!) {
      if (!legal(j, s1, t)) continue;
      if (!lastMovers.has(t)) lastMovers.set(t, new Set());
      lastMovers.get(t)!.add(j);
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [x, omega] of [...lastMovers.entries()]) {
      for (const j of movers) {
        if (omega.size === 1 && omega.has(j)) continue;
        for (const t of moves[j]![x]!) {
          if (!legal(j, x, t)) continue;
          if (!lastMovers.has(t)) lastMovers.set(t, new Set());
          const set = lastMovers.get(t)!;
          if (!set.has(j)) {
            set.add(j);
            changed = true;
          }
        }
      }
    }
  }
  return new Set(lastMovers.keys());
}

/** GMCR+'s rule: every path of moves in which each mover moves at most once, enumerated one by one. */
function oncePerMoverReach(
  compiled: CompiledConflict,
  movers: readonly number[],
  s1: number,
  improving: boolean,
  moves: readonly (readonly number[])[][],
): Set<number> {
  const reached = new Set<number>();
  const walk = (x: number, used: ReadonlySet<number>) => {
    for (const j of movers) {
      if (used.has(j)) continue;
      for (const t of moves[j]![x]!) {
        if (improving && compiled.ranks[j]![t]! <= compiled.ranks[j]![x]!) continue;
        reached.add(t);
        walk(t, new Set([...used, j]));
      }
    }
  };
  walk(s1, new Set());
  return reached;
}

/**
 * A direct transcription of the definitions, for tests and benchmarks: opponents' reachable sets enumerated per
 * state, then Nash, GMR, SMR and SEQ checked as written (weak preference for sanctions, strict improvements).
 * Quadratic and worse in the number of states: for small conflicts only.
 */
export function baselineStability(
  compiled: CompiledConflict,
  chain: CoalitionChainRule = 'standard',
): BaselineStability {
  const count = compiled.states.length;
  const dms = compiled.decisionMakers.map((_, d) => d);
  const moves = dms.map((d) => Array.from({ length: count }, (_, s) => movesFrom(compiled, d, s)));
  const reach = chain === 'standard' ? standardReach : oncePerMoverReach;
  const stable: Record<string, Record<StabilityDefinition, number[]>> = {};
  const equilibria: Record<StabilityDefinition, number[]> = { nash: [], gmr: [], smr: [], seq: [] };
  const perDm = dms.map((i) => {
    const rank = compiled.ranks[i]!;
    const opponents = dms.filter((d) => d !== i);
    const result: Record<StabilityDefinition, number[]> = { nash: [], gmr: [], smr: [], seq: [] };
    // R_{N-i}(s1) and R+_{N-i}(s1), each built once per s1 and kept (several states may share an s1).
    const reached = new Map<number, number[]>();
    const reachedByImprovements = new Map<number, number[]>();
    const anyReach = (s1: number) => {
      if (!reached.has(s1)) reached.set(s1, [...reach(compiled, opponents, s1, false, moves)]);
      return reached.get(s1)!;
    };
    const improvementReach = (s1: number) => {
      if (!reachedByImprovements.has(s1)) {
        reachedByImprovements.set(s1, [...reach(compiled, opponents, s1, true, moves)]);
      }
      return reachedByImprovements.get(s1)!;
    };
    for (let s = 0; s < count; s++) {
      const improvements = moves[i]![s]!.filter((t) => rank[t]! > rank[s]!);
      const notBetter = (x: number) => rank[x]! <= rank[s]!;
      const nash = improvements.length === 0;
      const gmr = improvements.every((s1) => anyReach(s1).some(notBetter));
      const smr = improvements.every((s1) =>
        anyReach(s1).some((s2) => notBetter(s2) && moves[i]![s2]!.every((s3) => notBetter(s3))),
      );
      const seq = improvements.every((s1) => improvementReach(s1).some(notBetter));
      if (nash) result.nash.push(s + 1);
      if (gmr) result.gmr.push(s + 1);
      if (smr) result.smr.push(s + 1);
      if (seq) result.seq.push(s + 1);
    }
    stable[compiled.decisionMakers[i]!.id] = result;
    return result;
  });
  for (const definition of ['nash', 'gmr', 'smr', 'seq'] as const) {
    for (let s = 1; s <= count; s++) {
      if (perDm.every((result) => result[definition].includes(s))) equilibria[definition].push(s);
    }
  }
  return { equilibria, stable };
}
