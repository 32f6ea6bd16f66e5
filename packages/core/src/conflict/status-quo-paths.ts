import { analyzeConflict } from './analyze-conflict.ts';
import type { CompiledConflict } from './compile-conflict.ts';
import { ConflictInputError } from './conflict-input-error.ts';
import type { CoalitionChainRule, StabilityDefinition } from './conflict-model.ts';
import { describeMove, type MoveStep, moveStep } from './move-description.ts';
import { improvingMoves } from './stability-flags.ts';

/** Joint (coalition) improvements are looked for only up to this many options: 2^options changes per state. */
export const maxOptionsForCoalitionImprovements = 14;

/** Options of `statusQuoPaths`. */
export interface StatusQuoPathOptions {
  /** Coalition rule for the equilibria; default `standard`. */
  readonly chain?: CoalitionChainRule | undefined;
  /** Which equilibria the paths lead to; default `seq`. */
  readonly definition?: StabilityDefinition | undefined;
  /** At most this many paths per equilibrium; default 3. */
  readonly maxPaths?: number | undefined;
  /** Paths at most this many steps longer than the shortest one to the same equilibrium; default 2. */
  readonly slack?: number | undefined;
  /** Whether joint improvements by several DMs count as steps; default true. */
  readonly coalitions?: boolean | undefined;
}

/** One step of an evolution: a unilateral improvement by one DM or a joint improvement by several. */
export interface EvolutionStep extends MoveStep {
  readonly kind: 'unilateral' | 'coalition';
}

/** One way from the status quo to an equilibrium. */
export interface StatusQuoPath {
  /** Number of steps. */
  readonly length: number;
  readonly steps: EvolutionStep[];
  /** The path in words. */
  readonly sentence: string;
}

/** The paths to one equilibrium. */
export interface EquilibriumPaths {
  readonly equilibrium: number;
  readonly reachable: boolean;
  /** Steps of the shortest path, when reachable. */
  readonly shortest?: number | undefined;
  /** Shortest first; at most `maxPaths`. */
  readonly paths: StatusQuoPath[];
}

/** The result of `statusQuoPaths`: plain JSON. */
export interface StatusQuoPaths {
  readonly from: number;
  readonly definition: StabilityDefinition;
  readonly chain: CoalitionChainRule;
  /** The equilibria under `definition`. */
  readonly equilibria: number[];
  /** Whether joint improvements were counted, and if not, why. */
  readonly coalitionImprovements: boolean;
  readonly note?: string | undefined;
  readonly toEquilibria: EquilibriumPaths[];
}

interface Edge {
  readonly movers: number[];
  readonly to: number;
}

/**
 * How the conflict can evolve from the status quo (state `fromStateId`) to each equilibrium under `definition`:
 * paths whose steps are unilateral improvements (one DM moves to a state it strictly prefers) or coalition
 * improvements (several DMs change their options at once, each in a permitted direction, to a state every one of
 * them strictly prefers). A path may leave the status quo even when it is an equilibrium itself (it then also
 * appears with length 0), ends at the first other equilibrium it reaches and visits no state twice. Per
 * equilibrium: whether it is reachable, the shortest length, and up to `maxPaths` paths, shortest first, at
 * most `slack` steps longer than the shortest. Throws ConflictInputError for an unknown state.
 */
export function statusQuoPaths(
  compiled: CompiledConflict,
  fromStateId: number,
  options: StatusQuoPathOptions = {},
): StatusQuoPaths {
  const chain = options.chain ?? 'standard';
  const definition = options.definition ?? 'seq';
  const maxPaths = options.maxPaths ?? 3;
  const slack = options.slack ?? 2;
  const count = compiled.states.length;
  if (!Number.isInteger(fromStateId) || fromStateId < 1 || fromStateId > count) {
    throw new ConflictInputError('from', `state ${fromStateId} does not exist; accepted are 1 to ${count}`);
  }
  const coalitionsWanted = options.coalitions ?? true;
  const coalitions = coalitionsWanted && compiled.options.length <= maxOptionsForCoalitionImprovements;
  const equilibria = analyzeConflict(compiled, { chain }).equilibria[definition];
  const isEquilibrium = new Uint8Array(count);
  for (const id of equilibria) isEquilibrium[id - 1] = 1;
  const improving = improvingMoves(compiled);

  const edgeCache = new Map<number, Edge[]>();
  const edgesFrom = (x: number): Edge[] => {
    const cached = edgeCache.get(x);
    if (cached) return cached;
    const edges: Edge[] = [];
    compiled.moves.forEach((graph, d) => {
      for (let e = graph.offsets[x]!; e < graph.offsets[x + 1]!; e++) {
        if (improving[d]![e] === 1) edges.push({ movers: [d], to: graph.targets[e]! });
      }
    });
    if (coalitions) edges.push(...coalitionImprovements(compiled, x));
    edgeCache.set(x, edges);
    return edges;
  };

  // Forward: the states reachable from the status quo without passing through an equilibrium.
  const start = fromStateId - 1;
  const reachable = new Set<number>([start]);
  const order = [start];
  for (let k = 0; k < order.length; k++) {
    const x = order[k]!;
    if (x !== start && isEquilibrium[x] === 1) continue;
    for (const edge of edgesFrom(x)) {
      if (!reachable.has(edge.to)) {
        reachable.add(edge.to);
        order.push(edge.to);
      }
    }
  }
  const reverse = new Map<number, number[]>();
  for (const x of order) {
    if (x !== start && isEquilibrium[x] === 1) continue;
    for (const edge of edgesFrom(x)) {
      const into = reverse.get(edge.to);
      if (into) into.push(x);
      else reverse.set(edge.to, [x]);
    }
  }

  const toEquilibria = equilibria.map((id): EquilibriumPaths => {
    const target = id - 1;
    if (!reachable.has(target)) return { equilibrium: id, reachable: false, paths: [] };
    if (target === start) {
      return {
        equilibrium: id,
        reachable: true,
        shortest: 0,
        paths: [{ length: 0, steps: [], sentence: `The status quo, state ${id}, is itself an equilibrium.` }],
      };
    }
    // Steps still needed from each state to the target, through non-equilibrium states.
    const distance = new Map<number, number>([[target, 0]]);
    const queue = [target];
    for (let k = 0; k < queue.length; k++) {
      const y = queue[k]!;
      for (const x of reverse.get(y) ?? []) {
        if (!distance.has(x)) {
          distance.set(x, distance.get(y)! + 1);
          queue.push(x);
        }
      }
    }
    const shortest = distance.get(start)!;
    const found: Edge[][] = [];
    const onPath = new Set<number>([start]);
    const trail: Edge[] = [];
    const walk = (x: number, limit: number): void => {
      if (found.length >= maxPaths) return;
      if (x === target) {
        if (trail.length === limit) found.push([...trail]);
        return;
      }
      if (x !== start && isEquilibrium[x] === 1) return;
      for (const edge of edgesFrom(x)) {
        const rest = distance.get(edge.to);
        if (rest === undefined || onPath.has(edge.to) || trail.length + 1 + rest > limit) continue;
        onPath.add(edge.to);
        trail.push(edge);
        walk(edge.to, limit);
        trail.pop();
        onPath.delete(edge.to);
      }
    };
    for (let limit = shortest; limit <= shortest + slack && found.length < maxPaths; limit++)
      walk(start, limit);
    const paths = found.map((edges): StatusQuoPath => {
      let at = start;
      const steps = edges.map((edge): EvolutionStep => {
        const step: EvolutionStep = {
          ...moveStep(compiled, edge.movers, at, edge.to),
          kind: edge.movers.length > 1 ? 'coalition' : 'unilateral',
        };
        at = edge.to;
        return step;
      });
      return {
        length: steps.length,
        steps,
        sentence: `From state ${fromStateId} to equilibrium ${id} in ${steps.length} step${steps.length === 1 ? '' : 's'}: ${steps.map(describeMove).join('; then ')}.`,
      };
    });
    return { equilibrium: id, reachable: true, shortest, paths };
  });

  return {
    from: fromStateId,
    definition,
    chain,
    equilibria,
    coalitionImprovements: coalitions,
    note:
      coalitionsWanted && !coalitions
        ? `joint improvements are not looked for above ${maxOptionsForCoalitionImprovements} options; the paths use unilateral improvements only`
        : undefined,
    toEquilibria,
  };
}

/**
 * Joint improvements from state index `x`: states reached when two or more DMs change options at once (each in
 * a permitted direction), which every DM that changes something strictly prefers to `x`.
 */
function coalitionImprovements(compiled: CompiledConflict, x: number): Edge[] {
  const decimal = compiled.states[x]!.decimal;
  let changeable = 0;
  for (const option of compiled.options) {
    const flag = 1 << option.bit;
    const taken = (decimal & flag) !== 0;
    if (taken ? option.reversibility !== 'fwd' : option.reversibility !== 'back') changeable |= flag;
  }
  const edges: Edge[] = [];
  for (let change = changeable; change !== 0; change = (change - 1) & changeable) {
    const movers = compiled.decisionMakers
      .filter((dm) => (dm.optionMask & change) !== 0)
      .map((dm) => dm.index);
    if (movers.length < 2) continue;
    const to = compiled.indexOfDecimal[decimal ^ change]!;
    if (to < 0) continue;
    if (movers.every((d) => compiled.ranks[d]![to]! > compiled.ranks[d]![x]!)) edges.push({ movers, to });
  }
  return edges.sort((a, b) => a.to - b.to);
}
