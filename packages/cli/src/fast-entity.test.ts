import { describe, expect, it } from 'vitest';
import { plainEntityQuery } from './fast-entity.ts';

describe('the one-shot entity answer takes only plain command lines', () => {
  it('reads the query (words joined, trimmed) and the flags as the command does', () => {
    expect(
      plainEntityQuery([
        '--data-dir',
        '/d',
        'sanctions',
        'entity',
        'Central',
        ' Bank of Iran ',
        '--limit=3',
        '--min-score',
        '.75',
        '--type',
        'entity',
        '--program',
        'IRGC',
        '--json',
      ]),
    ).toEqual({
      query: { q: 'Central  Bank of Iran', limit: 3, minScore: 0.75, type: 'entity', program: 'IRGC' },
      json: true,
    });
    expect(plainEntityQuery(['sanctions', 'entity', 'Zarif', '--snapshot', 'ofac-sdn-2021-04-25'])).toEqual({
      query: { q: 'Zarif', snapshot: 'ofac-sdn-2021-04-25' },
      json: false,
    });
  });

  it('leaves to the command every line it would refuse or treat otherwise', () => {
    const declined = [
      ['sanctions', 'entity'],
      ['sanctions', 'search', 'Zarif'],
      ['sanctions', 'entity', 'Zarif', '--help'],
      ['sanctions', 'entity', 'Zarif', '--limit', '0'],
      ['sanctions', 'entity', 'Zarif', '--limit', '201'],
      ['sanctions', 'entity', 'Zarif', '--limit', '2.5'],
      ['sanctions', 'entity', 'Zarif', '--min-score', '1.5'],
      ['sanctions', 'entity', 'Zarif', '--min-score', 'high'],
      ['sanctions', 'entity', 'Zarif', '--type', 'ship'],
      ['sanctions', 'entity', 'Zarif', '--json', '--json'],
      ['sanctions', 'entity', 'Zarif', '--json=yes'],
      ['sanctions', 'entity', 'Zarif', '--limit'],
      ['sanctions', 'entity', 'Zarif', '--', 'x'],
      ['sanctions', 'entity', 'Zarif', '--program', 'IRGC EO'],
      ['sanctions', 'entity', '   '],
      ['sanctions', 'entity', 'Za\u0007rif'],
      ['sanctions', 'entity', 'x'.repeat(201)],
    ];
    for (const argv of declined) expect(plainEntityQuery(argv), argv.join(' ')).toBeUndefined();
  });
});
