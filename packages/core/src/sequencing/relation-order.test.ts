import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relationOrder, relationsFrom } from './relation-order.ts';
import type { SequencingRelation } from './scenario.ts';

const relation = (before: string, after: string): SequencingRelation => ({
  before,
  after,
  anchor: 'complete',
  lagDays: 0,
});

/** Random acyclic relations: only from a lower to a higher measure number, listed in any order. */
const dags = fc.integer({ min: 1, max: 30 }).chain((n) =>
  fc.record({
    ids: fc.constant(Array.from({ length: n }, (_, i) => `m${i}`)),
    relations: fc
      .array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n })
      .map((pairs) =>
        pairs.flatMap(([a, b]) =>
          a < b ? [relation(`m${a}`, `m${b}`)] : b < a ? [relation(`m${b}`, `m${a}`)] : [],
        ),
      ),
  }),
);

describe('relationOrder', () => {
  it('puts every measure after those it waits on, on random acyclic relations', () => {
    fc.assert(
      fc.property(dags, ({ ids, relations }) => {
        const order = relationOrder(ids, relations);
        expect([...order].sort()).toEqual([...ids].sort());
        const place = new Map(order.map((id, k) => [id, k]));
        for (const r of relations) expect(place.get(r.before)!).toBeLessThan(place.get(r.after)!);
      }),
    );
  });

  it('orders a 50,000-long chain listed backwards, in linear time', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => `m${i}`);
    const relations = ids.slice(1).map((id, i) => relation(ids[i]!, id));
    expect(relationOrder([...ids].reverse(), [...relations].reverse())).toEqual(ids);
  });

  it('leaves out measures on a cycle and those waiting on one', () => {
    const relations = [relation('a', 'b'), relation('b', 'a'), relation('b', 'c')];
    expect(relationOrder(['a', 'b', 'c', 'd'], relations)).toEqual(['d']);
  });

  it('groups relations by the measure they count from, in the order given', () => {
    const relations = [relation('a', 'b'), relation('c', 'b'), relation('a', 'c')];
    expect(relationsFrom(relations).get('a')).toEqual([relations[0], relations[2]]);
  });
});
