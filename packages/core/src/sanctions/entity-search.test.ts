import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEntityIndex, findByIdentifier, searchEntities } from './entity-search.ts';
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
    // A query token as long as theirs, so every one of them is compared by spelling.
    expect(() => searchEntities(long, `a${'0'.repeat(996)}`, { budget })).toThrow(SearchBudgetSpent);
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

const party = (
  entryNumber: number,
  name: string,
  type: OfacEntry['type'],
  aliases: string[] = [],
  extra: Partial<OfacEntry> = {},
): OfacEntry => ({
  ...entry(entryNumber, name, aliases),
  type,
  ...extra,
});

/** Parties as OFAC prints them (names from the 2023-12-28 list), for the variants screening meets. */
const parties = [
  party(4632, 'BANK MARKAZI JOMHOURI ISLAMI IRAN', 'entity', ['CENTRAL BANK OF IRAN']),
  party(25396, 'ISLAMIC REPUBLIC OF IRAN SHIPPING LINES', 'entity', ['IRISL']),
  party(12927, 'MAHAN AIR', 'entity', ['MAHAN AIRLINES']),
  party(11317, 'NATIONAL IRANIAN OIL COMPANY', 'entity', ['NIOC']),
  party(10392, 'MINISTRY OF DEFENSE AND ARMED FORCES LOGISTICS', 'entity', []),
  party(9001, 'TIDEWATER MIDDLE EAST CO.', 'entity', [], { programs: ['IRGC'] }),
  party(9002, 'PARSIAN INTERNATIONAL TRADING ORGANIZATION LTD', 'entity'),
  party(9003, 'AL-HASHIMI, Abdolreza', 'individual'),
  party(9004, 'HOSSEINI, Seyed Mohammad', 'individual', [], { programs: ['SDGT'] }),
  party(9005, 'SHINE', 'vessel', [], {
    identifiers: [{ type: 'Vessel Registration Identification', value: 'IMO 9187629' }],
  }),
  party(9006, 'SHINE STAR TRADING LLC', 'entity'),
  party(9007, 'CHOI, Bu Il', 'individual'),
];
const screening = buildEntityIndex(parties);
const first = (query: string, options = {}) => searchEntities(screening, query, options)[0];

describe('screening variants', () => {
  it('reads legal forms and common abbreviations as the words they stand for', () => {
    expect(first('Tidewater Middle East Company')?.entry.entryNumber).toBe(9001);
    expect(first('Parsian Intl Trading Org Limited')).toMatchObject({
      entry: { entryNumber: 9002 },
      score: 1,
    });
    expect(first('Parsian Intl Trading Org Limited')?.why.join(' ')).toMatch(
      /"intl" = "international" \(same word: both stand for "international"\)/,
    );
    expect(first('National Iranian Oil Co')).toMatchObject({ entry: { entryNumber: 11317 }, score: 1 });
  });

  it('takes near words for one another: Airways for Air, Shipping Line for Shipping Lines', () => {
    expect(first('Mahan Airways')).toMatchObject({ entry: { entryNumber: 12927 }, score: 1 });
    expect(first('Islamic Republic of Iran Shipping Line')?.entry.entryNumber).toBe(25396);
  });

  it('finds an organisation by its acronym, and never a person by initials', () => {
    expect(first('MODAFL')?.entry.entryNumber).toBe(10392);
    expect(first('CBI')?.entry.entryNumber).toBe(4632);
    expect(first('CBI')?.why[0]).toMatch(/initials of "CENTRAL BANK OF IRAN"/);
    expect(first('C.B.I.')?.entry.entryNumber).toBe(4632);
    expect(searchEntities(screening, 'CBI').map((m) => m.entry.entryNumber)).not.toContain(9007);
  });

  it('weighs particles and honorifics lightly, and reads joined words as the words apart', () => {
    expect(first('Mohammad Hosseini')?.entry.entryNumber).toBe(9004);
    expect(first('Sayyid Mohammad Husseini')?.entry.entryNumber).toBe(9004);
    expect(first('Abdol Reza Alhashimi')?.entry.entryNumber).toBe(9003);
    expect(first('Abdolreza el-Hashimi')?.entry.entryNumber).toBe(9003);
  });

  it('forgives a typo of one letter, saying so', () => {
    const hit = first('Tidewatre Midle East');
    expect(hit?.entry.entryNumber).toBe(9001);
    expect(hit!.score).toBeLessThan(1);
  });

  it('filters by type and program', () => {
    expect(first('Shine', { types: ['entity'] })?.entry.entryNumber).toBe(9006);
    expect(first('Shine', { types: ['vessel'] })?.entry.entryNumber).toBe(9005);
    expect(searchEntities(screening, 'Hosseini', { programs: ['IRAN'] })).toEqual([]);
    expect(first('Hosseini', { programs: ['SDGT'] })?.entry.entryNumber).toBe(9004);
  });

  it('finds an identifier by exact value only, with or without its prefix and spacing', () => {
    expect(findByIdentifier(screening, 'IMO 9187629').map((e) => e.entryNumber)).toEqual([9005]);
    expect(findByIdentifier(screening, '9187629').map((e) => e.entryNumber)).toEqual([9005]);
    expect(findByIdentifier(screening, '918762')).toEqual([]);
  });

  it('searches names carried from another list, saying where each comes from', () => {
    const carried = buildEntityIndex([party(4632, 'BANK MARKAZI JOMHOURI ISLAMI IRAN', 'entity')], {
      carried: new Map([
        [
          4632,
          [{ text: 'CENTRAL BANK OF IRAN', kind: 'strong alias', source: 'alias on the 2023-12-28 list' }],
        ],
      ]),
    });
    const [hit] = searchEntities(carried, 'Central Bank of Iran');
    expect(hit).toMatchObject({
      matchedName: 'CENTRAL BANK OF IRAN',
      nameSource: 'alias on the 2023-12-28 list',
    });
    expect(searchEntities(carried, 'Bank Markazi')[0]?.nameSource).toBe('primary name on this list');
  });

  it('answers the best candidates above the floor, and a lower floor shows more', () => {
    const strict = searchEntities(screening, 'Hashimi Trading', { minScore: 0.9 });
    const loose = searchEntities(screening, 'Hashimi Trading', { minScore: 0.3 });
    expect(strict).toEqual([]);
    expect(loose.length).toBeGreaterThan(0);
    expect(loose.map((m) => m.entry.entryNumber)).toContain(9003);
  });

  it('gives the same top matches as scoring every candidate (the early stop is exact)', () => {
    const words = parties.flatMap((p) =>
      [p.name, ...p.aliases.map((a) => a.name)].flatMap((n) => n.split(/[ ,.-]+/)),
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...words.filter(Boolean)), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 4 }),
        (picked, limit) => {
          const q = picked.join(' ');
          const all = searchEntities(screening, q, { limit: 1000, minScore: 0.3 });
          const top = searchEntities(screening, q, { limit, minScore: 0.3 });
          expect(top.map((m) => m.score)).toEqual(all.slice(0, limit).map((m) => m.score));
          for (const m of top) expect(m.score).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
