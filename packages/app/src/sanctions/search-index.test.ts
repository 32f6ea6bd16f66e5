import type { OfacEntry } from '@lockstep/core';
import { describe, expect, it } from 'vitest';
import { carriedNames } from './search-index.ts';

const entry = (
  entryNumber: number,
  name: string,
  aliases: string[] = [],
  extra: Partial<OfacEntry> = {},
): OfacEntry => ({
  entryNumber,
  name,
  type: 'vessel',
  programs: ['IRAN'],
  list: { kind: 'sdn' },
  aliases: aliases.map((a) => ({ type: 'a.k.a.' as const, name: a, strength: 'strong' as const })),
  addresses: [],
  ...extra,
});

const imo = (value: string) => ({ identifiers: [{ type: 'Vessel Registration Identification', value }] });

describe('names carried from older lists', () => {
  it('carries an entry’s names by number, the newest older list first, each saying where it comes from', () => {
    const carried = carriedNames({ entries: [entry(1, 'SHINE')] }, [
      { date: '2019-01', entries: [entry(1, 'SHINE', ['SUNRISE'])] },
      { date: '2021-04-25', entries: [entry(1, 'SHINE', ['SUN RISE 1'])] },
    ]);
    expect(carried.get(1)!.map((n) => [n.text, n.source])).toEqual([
      ['SHINE', 'primary name on the 2021-04-25 list'],
      ['SUN RISE 1', 'alias on the 2021-04-25 list'],
      ['SHINE', 'primary name on the 2019-01 list'],
      ['SUNRISE', 'alias on the 2019-01 list'],
    ]);
  });

  it('carries the names of a party re-listed under a new number, naming the old entry and the evidence', () => {
    const carried = carriedNames({ entries: [entry(20, 'GLORY STAR', [], imo('IMO 9187629'))] }, [
      { date: '2019-01', entries: [entry(10, 'HAPPINESS I', ['SEA GLORY'], imo('IMO 9187629'))] },
    ]);
    const names = carried.get(20)!;
    expect(names.map((n) => n.text)).toEqual(['HAPPINESS I', 'SEA GLORY']);
    expect(names[0]!.source).toMatch(
      /^primary name on the 2019-01 list under entry 10 \(re-listed: .*9187629/,
    );
  });

  it('carries nothing to an entry no older list knows', () => {
    const carried = carriedNames({ entries: [entry(30, 'NEW PARTY')] }, [
      { date: '2019-01', entries: [entry(31, 'SOMEONE ELSE')] },
    ]);
    expect(carried.get(30)).toBeUndefined();
  });
});
