// The screening query set (bench/screening-queries.csv, built as bench/screening-queries.md says) held to the
// shipped 2023-12-28 SDN list: every expected entry exists and has the query's type, enough queries have an
// expected entry, and every kind of variant is present.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readScreeningQueries } from '../bench/screening-queries.ts';

const root = new URL('..', import.meta.url).pathname;
const sdnCsv = `${root}data/sanctions/ofac/2023-12-28/sdn.csv`;
const kinds = [
  'exact',
  'legal-form',
  'near-word',
  'word-order',
  'acronym',
  'particle-honorific',
  'transliteration',
  'diacritics',
  'typo',
  'alias-only',
  'vessel',
  'aircraft',
  'none',
];

/** ent_num -> SDN_Type as the query file names it (`-0-` is an entity). */
function sdnTypes(): Map<number, string> {
  const rows = parse(readFileSync(sdnCsv, 'latin1'), {
    relax_quotes: true,
    relax_column_count: true,
  }) as string[][];
  return new Map(
    rows
      .filter((row) => row.length > 3)
      .map((row) => {
        const type = row[2]!.trim();
        return [Number(row[0]), type === '-0-' ? 'entity' : type];
      }),
  );
}

describe('bench/screening-queries.csv', () => {
  const queries = readScreeningQueries();
  const types = sdnTypes();

  it('names entries of the 2023-12-28 list, each with its SDN type', () => {
    expect(types.size).toBeGreaterThan(13_000);
    const wrong = queries
      .filter((q) => q.expected !== undefined)
      .flatMap((q) => {
        const type = types.get(q.expected!);
        if (type === undefined) return [`"${q.query}": entry ${q.expected} is not in sdn.csv`];
        return type === q.type ? [] : [`"${q.query}": entry ${q.expected} is ${type}, not ${q.type}`];
      });
    expect(wrong).toEqual([]);
  });

  it('has at least 60 queries with an expected entry, and none for the made-up names', () => {
    expect(queries.filter((q) => q.expected !== undefined).length).toBeGreaterThanOrEqual(60);
    for (const q of queries) expect(q.expected === undefined, q.query).toBe(q.kind === 'none');
  });

  it('exercises every kind of variant, and only those', () => {
    expect(new Set(queries.map((q) => q.kind))).toEqual(new Set(kinds));
  });

  it('gives each query once, with a reason', () => {
    expect(new Set(queries.map((q) => q.query)).size).toBe(queries.length);
    expect(queries.filter((q) => q.note.trim() === '').map((q) => q.query)).toEqual([]);
  });

  it('includes the Central Bank of Iran, listed as BANK MARKAZI JOMHOURI ISLAMI IRAN (4632)', () => {
    expect(queries.find((q) => q.query === 'Central Bank of Iran')?.expected).toBe(4632);
  });
});
