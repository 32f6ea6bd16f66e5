import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEntityIndex, searchEntities } from './entity-search.ts';
import { maxNameChars } from './name-length-limit.ts';
import type { OfacEntry } from './ofac-entry.ts';
import { SearchBudgetSpent } from './search-budget.ts';

const entry = (
  entryNumber: number,
  name: string,
  aliases: string[] = [],
  weak: string[] = [],
): OfacEntry => ({
  entryNumber,
  name,
  type: 'individual',
  programs: ['IRAN'],
  list: { kind: 'sdn' },
  aliases: [
    ...aliases.map((a) => ({ type: 'a.k.a.' as const, name: a, strength: 'strong' as const })),
    ...weak.map((a) => ({ type: 'a.k.a.' as const, name: a, strength: 'weak' as const })),
  ],
  addresses: [],
});

const index = buildEntityIndex([
  entry(1, 'ZARIF, Mohammad Javad'),
  entry(2, 'HOSSEINI, Seyed Ali', ['HUSAYNI, Sayyid Ali']),
  entry(3, 'BANK SEPAH', [], ['SEPAH BANK']),
  entry(4, 'ZARRABI, Reza'),
  entry(5, 'ROUHANI, Hassan'),
  entry(6, 'KHATAM OL ANBIA GHARARGAH SAZANDEGI NOOH'),
]);

describe('entity search', () => {
  it('finds a Persian name whatever the transliteration and word order, saying why', () => {
    const [hit] = searchEntities(index, 'Muhammad Jawad Zareef');
    expect(hit!.entry.entryNumber).toBe(1);
    expect(hit!.matchedAs).toBe('primary name');
    expect(hit!.why).toHaveLength(3);
    expect(hit!.why.join(' ')).toMatch(/same consonants/);
  });

  it('folds the spellings of the Arabic article', () => {
    expect(searchEntities(index, 'Khatam al-Anbiya')[0]!.entry.entryNumber).toBe(6);
  });

  it('matches on an alias, naming it and its strength', () => {
    const hits = searchEntities(index, 'Husayni Ali');
    expect(hits[0]).toMatchObject({
      matchedName: expect.stringMatching(/HUS|HOSS/),
      entry: { entryNumber: 2 },
    });
    const weak = searchEntities(index, 'Sepah Bank');
    expect(weak[0]!.entry.entryNumber).toBe(3);
  });

  it('ranks an exact name above a near one and leaves out unrelated names', () => {
    const hits = searchEntities(index, 'Rohani');
    expect(hits.map((h) => h.entry.entryNumber)).toEqual([5]);
    expect(searchEntities(index, 'Zarif').map((h) => h.entry.entryNumber)).toEqual([1]);
  });

  it('returns every entry at most once, with scores between the threshold and 1, best first', () => {
    fc.assert(
      fc.property(fc.constantFrom('zarif', 'ali', 'bank', 'hassan rouhani', 'sepah', 'x'), (query) => {
        const hits = searchEntities(index, query, { minScore: 0.5 });
        const numbers = hits.map((h) => h.entry.entryNumber);
        expect(new Set(numbers).size).toBe(numbers.length);
        for (const hit of hits) expect(hit.score).toBeGreaterThanOrEqual(0.5);
        for (const hit of hits) expect(hit.score).toBeLessThanOrEqual(1);
        expect([...hits].sort((a, b) => b.score - a.score).map((h) => h.score)).toEqual(
          hits.map((h) => h.score),
        );
      }),
    );
  });
});

describe('the bounds of a search', () => {
  it('indexes names up to the name limit and refuses a longer one, naming its entry', () => {
    expect(() => buildEntityIndex([entry(7, 'A'.repeat(maxNameChars))])).not.toThrow();
    expect(() => buildEntityIndex([entry(7, 'A'.repeat(maxNameChars + 1))])).toThrow(
      new RangeError(
        'entry 7 has a primary name of 1001 characters; the search index takes names of at most 1000 (the importers refuse longer ones): import the list again',
      ),
    );
    expect(() => buildEntityIndex([entry(8, 'B', ['B'.repeat(maxNameChars + 1)])])).toThrow(
      'entry 8 has a strong alias of 1001 characters',
    );
  });

  it('stops when its budget is spent rather than answer from part of the index', () => {
    // Names at the limit, one long token each, all starting like the query: the costliest to compare.
    const long = buildEntityIndex(
      Array.from({ length: 3000 }, (_, i) => entry(i, `a${i.toString(36).padStart(4, '0').repeat(249)}`)),
    );
    let checks = 0;
    const budget = { spent: () => ++checks > 2 };
    expect(() => searchEntities(long, `a${'0'.repeat(199)}`, { budget })).toThrow(SearchBudgetSpent);
    expect(checks).toBe(3);
    // A budget spent from the start stops even a search with nothing to compare.
    expect(() => searchEntities(index, 'qqq', { budget: { spent: () => true } })).toThrow(SearchBudgetSpent);
  });

  it('gives the same answer with a budget that is never spent', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Muhammad Jawad Zareef', 'Sepah Bank', 'Husayni Ali', 'Hassan', 'x'),
        (q) => {
          expect(searchEntities(index, q, { budget: { spent: () => false } })).toEqual(
            searchEntities(index, q),
          );
        },
      ),
    );
  });
});
