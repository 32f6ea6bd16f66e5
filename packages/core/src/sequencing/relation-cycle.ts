import type { SequencingRelation } from './scenario.ts';

/**
 * The first cycle among the relations, as the measure ids along it with the first repeated at the end
 * (`['a', 'b', 'a']`), or `undefined` when the relations are acyclic. Measures are visited depth first in
 * the order given, so the answer is deterministic. The search keeps its own stack: a chain of any length
 * is followed without recursion.
 */
export function relationCycle(
  measureIds: readonly string[],
  relations: readonly SequencingRelation[],
): string[] | undefined {
  const next = new Map<string, string[]>(measureIds.map((id) => [id, []]));
  for (const relation of relations) next.get(relation.before)?.push(relation.after);
  const done = new Set<string>();
  /** The measures on the current path, in order, with their place on it. */
  const path: string[] = [];
  const onPath = new Map<string, number>();
  /** For each measure on the path, how many of its successors have been followed. */
  const followed: number[] = [];
  const enter = (id: string) => {
    onPath.set(id, path.length);
    path.push(id);
    followed.push(0);
  };
  for (const root of measureIds) {
    if (done.has(root) || onPath.has(root)) continue;
    enter(root);
    while (path.length > 0) {
      const top = path.length - 1;
      const id = path[top]!;
      const successors = next.get(id) ?? [];
      const k = followed[top]!;
      if (k < successors.length) {
        followed[top] = k + 1;
        const to = successors[k]!;
        const at = onPath.get(to);
        if (at !== undefined) return [...path.slice(at), to];
        if (!done.has(to)) enter(to);
      } else {
        path.pop();
        followed.pop();
        onPath.delete(id);
        done.add(id);
      }
    }
  }
  return undefined;
}
