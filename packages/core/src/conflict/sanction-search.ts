import type { CompiledConflict } from './compile-conflict.ts';
import type { CoalitionChainRule } from './conflict-model.ts';

/** One move of a coalition path: the mover (DM index) and the states (indices) it moves between. */
export interface CoalitionMove {
  readonly dm: number;
  readonly from: number;
  readonly to: number;
}

/**
 * A shortest sequence of moves by the DMs `movers` from state index `start` to a state `accept` takes, under the
 * coalition rule `chain` (`standard`: no mover twice in a row; `gmcr-plus`: each mover at most once), or
 * `undefined` when there is none. With `improving` (from `improvingMoves`), only moves that improve for their
 * mover count. Breadth first over (state, last mover) or (state, movers so far) pairs.
 */
export function shortestCoalitionPath(
  compiled: CompiledConflict,
  movers: readonly number[],
  start: number,
  accept: (state: number) => boolean,
  chain: CoalitionChainRule,
  improving?: readonly Uint8Array[] | undefined,
): CoalitionMove[] | undefined {
  // A node packs the state and a tag: the last mover's place in `movers` plus 1 (standard), or the set of
  // movers so far as bits (gmcr-plus); tag 0 is the start.
  const tags = chain === 'standard' ? movers.length + 1 : 2 ** movers.length;
  const parent = new Map<number, number>();
  const startNode = start * tags;
  parent.set(startNode, -1);
  let frontier = [startNode];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const node of frontier) {
      const state = Math.floor(node / tags);
      const tag = node - state * tags;
      for (let m = 0; m < movers.length; m++) {
        if (chain === 'standard' ? tag === m + 1 : (tag & (1 << m)) !== 0) continue;
        const dm = movers[m]!;
        const graph = compiled.moves[dm]!;
        const allowed = improving?.[dm];
        const nextTag = chain === 'standard' ? m + 1 : tag | (1 << m);
        for (let e = graph.offsets[state]!; e < graph.offsets[state + 1]!; e++) {
          if (allowed !== undefined && allowed[e] === 0) continue;
          const target = graph.targets[e]!;
          const reached = target * tags + nextTag;
          if (parent.has(reached)) continue;
          parent.set(reached, node);
          if (accept(target)) return unwind(reached);
          next.push(reached);
        }
      }
    }
    frontier = next;
  }
  return undefined;

  function unwind(node: number): CoalitionMove[] {
    const path: CoalitionMove[] = [];
    for (let at = node; parent.get(at)! !== -1; at = parent.get(at)!) {
      const from = parent.get(at)!;
      const state = Math.floor(at / tags);
      const tag = at - state * tags;
      const fromState = Math.floor(from / tags);
      const mover =
        chain === 'standard' ? movers[tag - 1]! : movers[Math.log2(tag ^ (from - fromState * tags))]!;
      path.push({ dm: mover, from: fromState, to: state });
    }
    return path.reverse();
  }
}
