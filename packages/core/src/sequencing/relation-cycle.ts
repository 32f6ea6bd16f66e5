import type { SequencingRelation } from './scenario.ts';

/**
 * The first cycle among the relations, as the measure ids along it with the first repeated at the end
 * (`['a', 'b', 'a']`), or `undefined` when the relations are acyclic. Measures are visited in the order
 * given, so the answer is deterministic.
 */
export function relationCycle(
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
