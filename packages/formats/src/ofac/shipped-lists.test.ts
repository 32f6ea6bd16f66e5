import { isSubjectToSecondarySanctions, type OfacEntry, parseOfacRemarks } from '@lockstep/core';
import { describe, expect, it } from 'vitest';
import { readOfacDailyChanges } from './daily-changes.ts';
import { readLegacyOfacList } from './legacy-list.ts';
import { collect, sanctionsFile } from './testing/sanctions-data.ts';

/** The shipped snapshots, read with every file each one has. */
const snapshots: Readonly<Record<string, () => Promise<OfacEntry[]>>> = {
  '2015-01': () => collect(readLegacyOfacList({ primary: sanctionsFile('ofac/2015-01/sdn.csv') })),
  '2018-04-consolidated': () =>
    collect(
      readLegacyOfacList({
        primary: sanctionsFile('ofac/2018-04-consolidated/cons_prim.csv'),
        aliases: sanctionsFile('ofac/2018-04-consolidated/cons_alt.csv'),
        addresses: sanctionsFile('ofac/2018-04-consolidated/cons_add.csv'),
      }),
    ),
  '2019-01': () =>
    collect(
      readLegacyOfacList({
        primary: sanctionsFile('ofac/2019-01/sdn.csv'),
        aliases: sanctionsFile('ofac/2019-01/alt.csv'),
        addresses: sanctionsFile('ofac/2019-01/add.csv'),
        comments: sanctionsFile('ofac/2019-01/sdn_comments.csv'),
      }),
    ),
  '2021-08-18': () => collect(readLegacyOfacList({ primary: sanctionsFile('ofac/2021-08-18/sdn.csv') })),
  '2024-05-03': () => collect(readLegacyOfacList({ primary: sanctionsFile('ofac/2024-05-03/sdn.csv') })),
};

const loaded = new Map<string, Promise<OfacEntry[]>>();
function snapshot(name: string): Promise<OfacEntry[]> {
  let entries = loaded.get(name);
  if (!entries) {
    entries = snapshots[name]!();
    loaded.set(name, entries);
  }
  return entries;
}

const tagged = (entries: readonly OfacEntry[], tag: string) =>
  entries.filter((entry) => entry.programs.includes(tag)).length;

describe('facts of the shipped OFAC lists', () => {
  it.each([
    ['2015-01', 5876],
    ['2018-04-consolidated', 639],
    ['2019-01', 7379],
    ['2021-08-18', 9083],
    ['2024-05-03', 14965],
  ])('the %s list holds %i entries', async (name, count) => {
    expect(await snapshot(name)).toHaveLength(count);
  });

  it('program tags EO13622 and EO13645 appear in 2015 only: revoked on Implementation Day (16 Jan 2016)', async () => {
    const counts = await Promise.all(
      Object.keys(snapshots).map(async (name) => {
        const entries = await snapshot(name);
        return [name, tagged(entries, 'EO13622'), tagged(entries, 'EO13645')];
      }),
    );
    expect(counts).toEqual([
      ['2015-01', 10, 22],
      ['2018-04-consolidated', 0, 0],
      ['2019-01', 0, 0],
      ['2021-08-18', 0, 0],
      ['2024-05-03', 0, 0],
    ]);
    const { file, chunks } = sanctionsFile('ofac/daily-changes-2021-08_2024-05.csv');
    for await (const change of readOfacDailyChanges(chunks, file)) {
      expect([...change.programs, ...(change.previousPrograms ?? [])]).not.toContain('EO13622');
      expect([...change.programs, ...(change.previousPrograms ?? [])]).not.toContain('EO13645');
    }
  });

  it('264 Consolidated List entries of 2018 are the E.O. 13599 List, none subject to secondary sanctions', async () => {
    const entries = await snapshot('2018-04-consolidated');
    const eo13599 = entries.filter(
      (entry) => entry.list.kind === 'consolidated' && entry.list.subList === 'eo13599',
    );
    expect(eo13599).toHaveLength(264);
    expect(eo13599.every((entry) => entry.programs.join() === 'IRAN')).toBe(true);
    expect(
      eo13599.some((entry) => isSubjectToSecondarySanctions(parseOfacRemarks(entry.remarks).identifiers)),
    ).toBe(false);
  });

  it('remarks cut at 1,000 characters stay cut where the snapshot has no comments file', async () => {
    const cut = await Promise.all(
      Object.keys(snapshots).map(async (name) => [
        name,
        (await snapshot(name)).filter((entry) => parseOfacRemarks(entry.remarks).cutShort).length,
      ]),
    );
    expect(cut).toEqual([
      ['2015-01', 3],
      ['2018-04-consolidated', 0],
      ['2019-01', 0],
      ['2021-08-18', 5],
      ['2024-05-03', 18],
    ]);
  });

  it('the 2021 and 2024 snapshots, without alt.csv, have their aliases only in the remarks', async () => {
    for (const name of ['2021-08-18', '2024-05-03']) {
      const aliases = (await snapshot(name)).flatMap((entry) => entry.aliases);
      expect(aliases.length).toBeGreaterThan(2000);
      expect(aliases.every((alias) => alias.strength === 'weak' && alias.id === undefined)).toBe(true);
    }
  });
});

describe('the complete sets of 2021-04-25 and 2023-12-28 (sdn, alt, add)', () => {
  const complete = (date: string) =>
    collect(
      readLegacyOfacList({
        primary: sanctionsFile(`ofac/${date}/sdn.csv`),
        aliases: sanctionsFile(`ofac/${date}/alt.csv`),
        addresses: sanctionsFile(`ofac/${date}/add.csv`),
      }),
    );

  // add.csv rows whose every field is the empty marker (2,403 and 2,652) hold no address and are not kept.
  it.each([
    ['2021-04-25', 8890, 11_742, 4067, 13_761 - 2403],
    ['2023-12-28', 13_821, 17_091, 6667, 18_990 - 2652],
  ])(
    '%s: %i entries; alt.csv %i names for %i entries; %i addresses',
    async (date, entries, names, named, addresses) => {
      const list = await complete(date);
      expect(list).toHaveLength(entries);
      const strong = list.map((entry) => entry.aliases.filter((alias) => alias.strength === 'strong'));
      expect(strong.flat()).toHaveLength(names);
      expect(strong.filter((aliases) => aliases.length > 0)).toHaveLength(named);
      expect(list.flatMap((entry) => entry.addresses)).toHaveLength(addresses);
    },
  );

  it('no a.k.a. name in the remarks is also an alt.csv name of the same entry: remarks cannot stand in for alt.csv', async () => {
    for (const date of ['2021-04-25', '2023-12-28']) {
      let remarkNames = 0;
      for (const entry of await complete(date)) {
        const fromAlt = new Set(entry.aliases.filter((a) => a.strength === 'strong').map((a) => a.name));
        const fromRemarks = entry.aliases.filter((a) => a.strength === 'weak');
        remarkNames += fromRemarks.length;
        expect(
          fromRemarks.filter((a) => fromAlt.has(a.name)),
          `${date} entry ${entry.entryNumber}`,
        ).toEqual([]);
      }
      expect(remarkNames).toBeGreaterThan(2000);
    }
  });
});
