import type { SequencingRelation } from './scenario.ts';

/**
 * The measure ids in an order in which every relation's `before` comes ahead of its `after` (Kahn's
 * algorithm: measures nothing waits on first, ties in the order given). Iterative and linear in measures
 * plus relations, so a chain of any length is fine. Measures on a cycle, and those waiting on one, are left
 * out; a validated scenario has no cycle (`relationCycle`).
 */
export function relationOrder(
  measureIds: readonly string[],
  relations: readonly SequencingRelation[],
): string[] {
  const waiting = new Map<string, number>(measureIds.map((id) => [id, 0]));
  const next = new Map<string, string[]>(measureIds.map((id) => [id, []]));
  for (const relation of relations) {
    const from = next.get(relation.before);
    const count = waiting.get(relation.after);
    if (from === undefined || count === undefined) continue;
    from.push(relation.after);
    waiting.set(relation.after, count + 1);
  }
  const order = measureIds.filter((id) => waiting.get(id) === 0);
  for (let k = 0; k < order.length; k++) {
    for (const to of next.get(order[k]!)!) {
      const left = waiting.get(to)! - 1;
      waiting.set(to, left);
      if (left === 0) order.push(to);
    }
  }
  return order;
}

/** The relations grouped by the measure they count from, each group in the order given. */
export function relationsFrom(
  relations: readonly SequencingRelation[],
): ReadonlyMap<string, readonly SequencingRelation[]> {
  const from = new Map<string, SequencingRelation[]>();
  for (const relation of relations) {
    const list = from.get(relation.before);
    if (list) list.push(relation);
    else from.set(relation.before, [relation]);
  }
  return from;
}
