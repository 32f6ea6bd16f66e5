import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyedLists, listOf } from './keyed-lists.ts';

describe('keyed lists', () => {
  it('answer every key with its list, in order, and an unknown key with an empty list', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ maxLength: 6 }),
          fc.array(fc.integer({ min: 0, max: 1e6 }), { maxLength: 5 }),
        ),
        fc.string({ maxLength: 6 }),
        (record, probe) => {
          const map = new Map(Object.entries(record));
          const lists = keyedLists(map);
          for (const [key, list] of map) expect([...listOf(lists, key)]).toEqual(list);
          if (!map.has(probe)) expect(listOf(lists, probe)).toHaveLength(0);
        },
      ),
    );
  });

  it('find keys beyond ASCII (folded names keep no accents, but typed ones may)', () => {
    const lists = keyedLists(
      new Map([
        ['zarif', [1]],
        ['ẓarīf', [2]],
        ['Zarif', [3]],
        ['ظريف', [4]],
      ]),
    );
    expect([...listOf(lists, 'ẓarīf')]).toEqual([2]);
    expect([...listOf(lists, 'ظريف')]).toEqual([4]);
    expect([...listOf(lists, 'Zarif')]).toEqual([3]);
  });
});
