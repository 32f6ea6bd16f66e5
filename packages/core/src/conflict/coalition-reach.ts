import type { MoveGraph } from './compile-conflict.ts';
import type { CoalitionChainRule } from './conflict-model.ts';

/** No state reached: larger than any rank value. */
export const unreached = 0x7fffffff;

/**
 * What a coalition of movers may do, for `coalitionMinimum`: each mover's unilateral moves and, when only
 * improvements count, which of those moves improve things for their mover (`improving[m][e]` is 1 when the
 * move `moves[m].targets[e]` is a strict improvement for mover m from the state where it moves).
 */
export interface Coalition {
  readonly moves: readonly MoveGraph[];
  readonly improving?: readonly Uint8Array[] | undefined;
}

/**
 * For every state s1 (by index), the least of `weight` over the states the coalition reaches from s1 in one
 * or more moves, or `unreached` when it cannot move at all; one result per weight, all from one traversal.
 *
 * `standard`: legal sequences of the movers' unilateral moves in which no mover moves twice in a row (a mover
 * may move again after another has). The sequences are the paths of a graph over (state, last mover) pairs; its
 * strongly connected components (Tarjan's algorithm, with an explicit stack) are finished sinks first, so each
 * component's least weight is its members' least and its successors', computed once: linear in the pairs and
 * their moves, however long the sequences.
 *
 * `gmcr-plus`: each mover moves at most once, in any order; a dynamic programme over (state, movers who have
 * moved) pairs, the larger sets first.
 */
export function coalitionMinimum(
  coalition: Coalition,
  weights: readonly Int32Array[],
  chain: CoalitionChainRule,
): Int32Array[] {
  return chain === 'standard' ? standardMinimum(coalition, weights) : oncePerMoverMinimum(coalition, weights);
}

function standardMinimum(coalition: Coalition, weights: readonly Int32Array[]): Int32Array[] {
  const { moves, improving } = coalition;
  const movers = moves.length;
  const stateCount = weights[0]!.length;
  const results = weights.map(() => new Int32Array(stateCount).fill(unreached));
  if (movers === 0) return results;
  const nodes = stateCount * movers;
  const index = new Int32Array(nodes).fill(-1);
  const low = new Int32Array(nodes);
  const component = new Int32Array(nodes).fill(-1);
  const onStack = new Uint8Array(nodes);
  const stack = new Int32Array(nodes);
  let stackSize = 0;
  const callNode = new Int32Array(nodes);
  const callMover = new Int32Array(nodes);
  const callEdge = new Int32Array(nodes);
  let callSize = 0;
  const values = weights.map(() => new Int32Array(nodes));
  let counter = 0;
  let components = 0;

  const enter = (node: number) => {
    index[node] = counter;
    low[node] = counter;
    counter++;
    stack[stackSize++] = node;
    onStack[node] = 1;
    callNode[callSize] = node;
    callMover[callSize] = 0;
    callEdge[callSize] = -1;
    callSize++;
  };

  /** Finishes the component rooted at `root`: its members' least weights and those of components it reaches. */
  const finish = (root: number) => {
    const c = components++;
    let bottom = stackSize - 1;
    while (stack[bottom] !== root) bottom--;
    for (let k = bottom; k < stackSize; k++) {
      const member = stack[k]!;
      component[member] = c;
      onStack[member] = 0;
    }
    for (let w = 0; w < weights.length; w++) values[w]![c] = unreached;
    for (let k = bottom; k < stackSize; k++) {
      const member = stack[k]!;
      const state = (member / movers) | 0;
      const last = member - state * movers;
      for (let w = 0; w < weights.length; w++) {
        const own = weights[w]![state]!;
        if (own < values[w]![c]!) values[w]![c] = own;
      }
      for (let m = 0; m < movers; m++) {
        if (m === last) continue;
        const graph = moves[m]!;
        const allowed = improving?.[m];
        const end = graph.offsets[state + 1]!;
        for (let e = graph.offsets[state]!; e < end; e++) {
          if (allowed !== undefined && allowed[e] === 0) continue;
          const next = component[graph.targets[e]! * movers + m]!;
          if (next === c) continue;
          for (let w = 0; w < weights.length; w++) {
            const reached = values[w]![next]!;
            if (reached < values[w]![c]!) values[w]![c] = reached;
          }
        }
      }
    }
    stackSize = bottom;
  };

  for (let root = 0; root < nodes; root++) {
    if (index[root] !== -1) continue;
    enter(root);
    while (callSize > 0) {
      const top = callSize - 1;
      const node = callNode[top]!;
      const state = (node / movers) | 0;
      const last = node - state * movers;
      let descend = -1;
      while (callMover[top]! < movers) {
        const m = callMover[top]!;
        if (m === last) {
          callMover[top] = m + 1;
          callEdge[top] = -1;
          continue;
        }
        const graph = moves[m]!;
        const allowed = improving?.[m];
        let e = callEdge[top] === -1 ? graph.offsets[state]! : callEdge[top]!;
        const end = graph.offsets[state + 1]!;
        while (e < end && allowed !== undefined && allowed[e] === 0) e++;
        if (e >= end) {
          callMover[top] = m + 1;
          callEdge[top] = -1;
          continue;
        }
        callEdge[top] = e + 1;
        const next = graph.targets[e]! * movers + m;
        if (index[next] === -1) {
          descend = next;
          break;
        }
        if (onStack[next] === 1 && index[next]! < low[node]!) low[node] = index[next]!;
      }
      if (descend !== -1) {
        enter(descend);
        continue;
      }
      if (low[node] === index[node]) finish(node);
      callSize--;
      if (callSize > 0) {
        const parent = callNode[callSize - 1]!;
        if (low[node]! < low[parent]!) low[parent] = low[node]!;
      }
    }
  }

  for (let s = 0; s < stateCount; s++) {
    for (let m = 0; m < movers; m++) {
      const graph = moves[m]!;
      const allowed = improving?.[m];
      const end = graph.offsets[s + 1]!;
      for (let e = graph.offsets[s]!; e < end; e++) {
        if (allowed !== undefined && allowed[e] === 0) continue;
        const c = component[graph.targets[e]! * movers + m]!;
        for (let w = 0; w < weights.length; w++) {
          const reached = values[w]![c]!;
          if (reached < results[w]![s]!) results[w]![s] = reached;
        }
      }
    }
  }
  return results;
}

function oncePerMoverMinimum(coalition: Coalition, weights: readonly Int32Array[]): Int32Array[] {
  const { moves, improving } = coalition;
  const movers = moves.length;
  const stateCount = weights[0]!.length;
  const results = weights.map(() => new Int32Array(stateCount).fill(unreached));
  if (movers === 0) return results;
  const sets = 2 ** movers;
  // value[w][set * stateCount + s]: least weight over s and what the movers outside `set` reach from s.
  const values = weights.map(() => new Int32Array(sets * stateCount));
  for (let set = sets - 1; set >= 1; set--) {
    for (let s = 0; s < stateCount; s++) {
      for (let w = 0; w < weights.length; w++) {
        let least = weights[w]![s]!;
        for (let m = 0; m < movers; m++) {
          if ((set & (1 << m)) !== 0) continue;
          const graph = moves[m]!;
          const allowed = improving?.[m];
          const base = (set | (1 << m)) * stateCount;
          const end = graph.offsets[s + 1]!;
          for (let e = graph.offsets[s]!; e < end; e++) {
            if (allowed !== undefined && allowed[e] === 0) continue;
            const reached = values[w]![base + graph.targets[e]!]!;
            if (reached < least) least = reached;
          }
        }
        values[w]![set * stateCount + s] = least;
      }
    }
  }
  for (let s = 0; s < stateCount; s++) {
    for (let m = 0; m < movers; m++) {
      const graph = moves[m]!;
      const allowed = improving?.[m];
      const base = (1 << m) * stateCount;
      const end = graph.offsets[s + 1]!;
      for (let e = graph.offsets[s]!; e < end; e++) {
        if (allowed !== undefined && allowed[e] === 0) continue;
        for (let w = 0; w < weights.length; w++) {
          const reached = values[w]![base + graph.targets[e]!]!;
          if (reached < results[w]![s]!) results[w]![s] = reached;
        }
      }
    }
  }
  return results;
}
