import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relationCycle } from './relation-cycle.ts';
import type { SequencingRelation } from './scenario.ts';

/** The depth-first search as it was written before, recursively: the reference the iterative one must equal. */
function recursiveCycle(
  measureIds: readonly string[],
  relations: readonly SequencingRelation[],
): string[] | undefined {
  const next = new Map<string, string[]>(measureIds.map((id) => [id, []]));
  for (const relation of relations) next.get(relation.before)?.push(relation.after);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 'open');
    stack.push(id);
    for (const to of next.get(id) ?? []) {
      const seen = state.get(to);
      if (seen === 'open') return [...stack.slice(stack.indexOf(to)), to];
      if (seen === undefined) {
        const cycle = visit(to);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of measureIds) {
    if (state.has(id)) continue;
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

const relation = (before: string, after: string): SequencingRelation => ({
  before,
  after,
  anchor: 'complete',
  lagDays: 0,
});

/** `m0 -> m1 -> ... -> m(n-1)`. */
function chain(n: number): { ids: string[]; relations: SequencingRelation[] } {
  const ids = Array.from({ length: n }, (_, i) => `m${i}`);
  return { ids, relations: ids.slice(1).map((id, i) => relation(ids[i]!, id)) };
}

describe('relationCycle', () => {
  it('follows a 50,000-long chain without overflowing the stack', () => {
    const { ids, relations } = chain(50_000);
    expect(relationCycle(ids, relations)).toBeUndefined();
    // Listed from the far end first, every measure is entered from the last one.
    expect(relationCycle([...ids].reverse(), relations)).toBeUndefined();
    const closed = [...relations, relation('m49999', 'm0')];
    const cycle = relationCycle(ids, closed);
    expect(cycle).toHaveLength(50_001);
    expect(cycle?.slice(0, 3)).toEqual(['m0', 'm1', 'm2']);
    expect(cycle?.at(-1)).toBe('m0');
  });

  it('names the same cycle as the recursive search did, on random graphs', () => {
    const graphs = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
        order: fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i),
          { minLength: n, maxLength: n },
        ),
      }),
    );
    fc.assert(
      fc.property(graphs, ({ edges, order }) => {
        const ids = order.map((i) => `m${i}`);
        const relations = edges.map(([a, b]) => relation(`m${a}`, `m${b}`));
        expect(relationCycle(ids, relations)).toEqual(recursiveCycle(ids, relations));
      }),
      { numRuns: 500 },
    );
  });
});
