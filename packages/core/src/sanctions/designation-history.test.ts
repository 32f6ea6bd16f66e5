import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDate, partialDate } from '../units.ts';
import { buildDesignationHistory, entryLineage, type HistoryEvent } from './designation-history.ts';
import { replayListChanges } from './list-change-replay.ts';
import type { OfacListChange } from './ofac-list-change.ts';
import { entry, eo13599List, snapshot } from './testing/sanctions-fixtures.ts';

const brief = (event: HistoryEvent) => [
  event.kind,
  event.program ?? '',
  event.dating.after ?? '',
  event.dating.by,
];

describe('buildDesignationHistory', () => {
  it('follows a Government of Iran bank off the SDN list on Implementation Day and back in 2018', () => {
    const history = buildDesignationHistory([
      snapshot('2015', '2015-01-31', [entry(4635, 'BANK REFAH KARGARAN', ['IRAN', 'NPWMD', 'IFSR'])]),
      snapshot(
        '2018-cons',
        '2018-04-06',
        [entry(4635, 'BANK REFAH KARGARAN', ['IRAN'], { list: eo13599List })],
        ['consolidated'],
      ),
      snapshot('2019', '2019-01-04', [entry(4635, 'BANK REFAH KARGARAN', ['IRAN'])]),
    ]);
    const events = history.entries.get(4635)!.events;
    expect(events.map(brief)).toEqual([
      ['listed', '', '', '2015-01-31'],
      ['moved', '', '2015-01-31', '2018-04-06'],
      ['program-removed', 'NPWMD', '2015-01-31', '2018-04-06'],
      ['program-removed', 'IFSR', '2015-01-31', '2018-04-06'],
      ['moved', '', '2018-04-06', '2019-01-04'],
    ]);
    expect(events[1]!.fromList).toEqual({ kind: 'sdn' });
    expect(events[1]!.list).toEqual(eo13599List);
  });

  it('does not read absence from a Consolidated-only copy as a delisting from the SDN list', () => {
    const history = buildDesignationHistory([
      snapshot('2015', '2015-01-31', [entry(1, 'A', ['SDGT'])]),
      snapshot(
        '2018-cons',
        '2018-04-06',
        [entry(2, 'B', ['UKRAINE-EO13662'], { list: { kind: 'consolidated' } })],
        ['consolidated'],
      ),
      snapshot('2019', '2019-01-04', [entry(1, 'A', ['SDGT'])]),
    ]);
    expect(history.entries.get(1)!.events.map(brief)).toEqual([['listed', '', '', '2015-01-31']]);
    // The consolidated entry is absent from an SDN-only copy: nothing is said about it either.
    expect(history.entries.get(2)!.events.map((event) => event.kind)).toEqual(['listed']);
  });

  it('dates a first listing by the listing date a later advanced list gives, where the snapshots allow that day', () => {
    const plc = { kind: 'consolidated', subList: 'ns-plc' } as const;
    const capta = { kind: 'consolidated', subList: 'part-561' } as const;
    const history = buildDesignationHistory([
      snapshot(
        '2018-cons',
        '2018-04-06',
        [
          entry(9639, 'HANIYA, Ismail Abdul Salah', ['NS-PLC'], { list: plc }),
          entry(15268, 'BANK', ['561List'], { list: capta }),
        ],
        ['consolidated'],
      ),
      snapshot(
        'cons-advanced-2020',
        '2020-03-17',
        [
          entry(9639, 'HANIYA, Ismail Abdul Salah', ['NS-PLC'], {
            list: plc,
            designationDate: partialDate('2006-04-12'),
          }),
          // On the list in April 2018 already: a CAPTA listing of 2019 cannot be its first listing.
          entry(15268, 'BANK', ['561-Related'], { list: capta, designationDate: partialDate('2019-03-14') }),
          entry(28603, 'NEW', ['UKRAINE-EO13662'], {
            list: { kind: 'consolidated', subList: 'ssi' },
            designationDate: partialDate('2020-03-12'),
          }),
        ],
        ['consolidated'],
      ),
    ]);
    const listed = (n: number) =>
      history.entries.get(n)!.events.find((event) => event.kind === 'listed')!.dating;
    expect(listed(9639)).toEqual({
      after: '2006-04-11',
      by: '2006-04-12',
      basis: 'listing-date',
      evidence: 'listed on 2006-04-12 as the cons-advanced-2020 list gives it (its Created EntryEvent)',
    });
    expect(listed(15268)).toMatchObject({ by: '2018-04-06', basis: 'snapshots' });
    expect(listed(28603)).toMatchObject({ after: '2020-03-11', by: '2020-03-12', basis: 'listing-date' });
  });

  it('dates an SDN listing by the SDN List listing an advanced consolidated list gives the same entry', () => {
    const fse = { kind: 'consolidated', subList: 'fse' } as const;
    const history = buildDesignationHistory([
      snapshot('2015', '2015-01-31', [entry(17526, 'Bektas, Halis', ['SYRIA', 'FSE-SY'])]),
      snapshot(
        'cons-advanced-2020',
        '2020-03-17',
        [
          entry(17526, 'Bektas, Halis', ['SYRIA', 'FSE-SY'], {
            list: fse,
            designationDate: partialDate('2014-12-17'),
            listings: [
              { list: 'Consolidated List', date: partialDate('2014-12-17') },
              { list: 'SDN List', date: partialDate('2014-12-17') },
              { list: 'FSE List', date: partialDate('2014-12-17') },
            ],
          }),
        ],
        ['consolidated'],
      ),
    ]);
    const events = history.entries.get(17526)!.events;
    expect(events[0]).toMatchObject({ kind: 'listed', list: { kind: 'sdn' } });
    expect(events[0]!.dating).toMatchObject({ after: '2014-12-16', by: '2014-12-17', basis: 'listing-date' });
  });

  it("narrows a listing by entry numbers: a number above a copy's highest did not exist then", () => {
    const history = buildDesignationHistory([
      snapshot('2015', '2015-01-31', [entry(100, 'OLD', ['SDGT'])]),
      snapshot(
        '2018-cons',
        '2018-04-06',
        [entry(200, 'C', ['ISA'], { list: { kind: 'consolidated' } })],
        ['consolidated'],
      ),
      snapshot('2019', '2019-01-04', [
        entry(100, 'OLD', ['SDGT']),
        entry(150, 'MID', ['SDGT']),
        entry(300, 'NEW', ['IRAN']),
      ]),
    ]);
    expect(history.entries.get(150)!.events[0]!.dating).toMatchObject({
      after: '2015-01-31',
      by: '2019-01-04',
    });
    expect(history.entries.get(300)!.events[0]!.dating).toMatchObject({
      after: '2018-04-06',
      by: '2019-01-04',
    });
    expect(history.entries.get(300)!.events[0]!.dating.evidence).toContain('above 200');
  });

  it('dates events by the change log to the day, and reads a renamed tag as a renaming', () => {
    const changes: OfacListChange[] = [
      { kind: 'added', date: isoDate('2021-09-01'), entryNumber: 3, name: 'C', programs: ['IRAN-EO13846'] },
      {
        kind: 'programs-changed',
        date: isoDate('2021-12-16'),
        entryNumber: 1,
        name: 'A',
        programs: ['ILLICIT-DRUGS-EO'],
        previousPrograms: ['SDNTK'],
      },
      { kind: 'removed', date: isoDate('2022-01-05'), entryNumber: 2, name: 'B', programs: ['SDGT'] },
    ];
    const history = buildDesignationHistory(
      [
        snapshot('2021', '2021-08-18', [entry(1, 'A', ['SDNTK']), entry(2, 'B', ['SDGT'])]),
        snapshot('2024', '2024-05-03', [
          entry(1, 'A', ['ILLICIT-DRUGS-EO14059']),
          entry(3, 'C', ['IRAN-EO13846']),
        ]),
      ],
      {
        changeLog: { from: isoDate('2021-08-18'), to: isoDate('2024-05-03'), changes },
        renames: new Map([['ILLICIT-DRUGS-EO', 'ILLICIT-DRUGS-EO14059']]),
      },
    );
    expect(history.entries.get(3)!.events.map(brief)).toEqual([['listed', '', '2021-08-30', '2021-09-01']]);
    expect(history.entries.get(2)!.events.map(brief).at(-1)).toEqual([
      'delisted',
      '',
      '2022-01-03',
      '2022-01-05',
    ]);
    // The log stops at ILLICIT-DRUGS-EO; the snapshot shows the renamed tag: a discrepancy, dated by snapshots.
    expect(history.entries.get(1)!.events.map(brief).slice(1)).toEqual([
      ['program-removed', 'SDNTK', '2021-12-14', '2021-12-16'],
      ['program-added', 'ILLICIT-DRUGS-EO', '2021-12-14', '2021-12-16'],
      ['program-renamed', 'ILLICIT-DRUGS-EO14059', '2021-08-18', '2024-05-03'],
    ]);
    expect(history.discrepancies).toEqual([
      { entryNumber: 1, snapshot: '2024', replayed: ['ILLICIT-DRUGS-EO'], listed: ['ILLICIT-DRUGS-EO14059'] },
    ]);
  });

  it('links a party re-listed under a new number and follows the lineage back', () => {
    const imo = 'Vessel Registration Identification IMO 9187629.';
    const history = buildDesignationHistory([
      snapshot('2015', '2015-01-31', [
        entry(9000, 'HAMOON', ['NPWMD', 'IFSR'], { type: 'vessel', remarks: imo }),
      ]),
      snapshot('2019', '2019-01-04', [entry(25500, 'HELM', ['IRAN'], { type: 'vessel', remarks: imo })]),
    ]);
    expect(history.links).toEqual([
      expect.objectContaining({
        from: 9000,
        to: 25500,
        snapshot: '2019',
        evidence: expect.arrayContaining(['same Vessel Registration Identification IMO 9187629']),
      }),
    ]);
    expect(entryLineage(history, 25500)).toEqual([9000, 25500]);
  });

  it('refuses snapshots out of date order', () => {
    expect(() =>
      buildDesignationHistory([snapshot('b', '2019-01-04', []), snapshot('a', '2015-01-31', [])]),
    ).toThrow('is not later than');
  });

  it('replaying the change log onto a snapshot reproduces the next snapshot', () => {
    const tags = fc.constantFrom('IRAN', 'SDGT', 'NPWMD', 'IFSR', 'IRGC');
    const programs = fc.uniqueArray(tags, { minLength: 1, maxLength: 3 });
    const change = fc.record({
      entryNumber: fc.integer({ min: 1, max: 12 }),
      op: fc.constantFrom('add', 'del', 'prog'),
      programs,
      day: fc.integer({ min: 1, max: 28 }),
    });
    fc.assert(
      fc.property(
        fc.dictionary(fc.integer({ min: 1, max: 12 }).map(String), programs),
        fc.array(change, { maxLength: 25 }),
        (start, raw) => {
          const initial = new Map(Object.entries(start).map(([n, p]) => [Number(n), p] as const));
          const current = new Map(initial);
          const changes: OfacListChange[] = [];
          for (const { entryNumber, op, programs: tagsAfter, day } of [...raw].sort(
            (a, b) => a.day - b.day,
          )) {
            const date = isoDate(`2022-02-${String(day).padStart(2, '0')}`);
            const before = current.get(entryNumber);
            if (before === undefined && op !== 'add') continue;
            if (before !== undefined && op === 'add') continue;
            const name = `E${entryNumber}`;
            if (op === 'del') changes.push({ kind: 'removed', date, entryNumber, name, programs: before! });
            else if (op === 'add')
              changes.push({ kind: 'added', date, entryNumber, name, programs: tagsAfter });
            else
              changes.push({
                kind: 'programs-changed',
                date,
                entryNumber,
                name,
                programs: tagsAfter,
                previousPrograms: before!,
              });
            if (op === 'del') current.delete(entryNumber);
            else current.set(entryNumber, tagsAfter);
          }
          const next = replayListChanges(initial, changes);
          const toEntries = (map: ReadonlyMap<number, readonly string[]>) =>
            [...map].map(([n, p]) => entry(n, `E${n}`, [...p]));
          const history = buildDesignationHistory(
            [snapshot('a', '2022-01-31', toEntries(initial)), snapshot('b', '2022-03-01', toEntries(next))],
            { changeLog: { from: isoDate('2022-01-31'), to: isoDate('2022-03-01'), changes } },
          );
          expect(history.discrepancies).toEqual([]);
          // Every event after the first copy is dated by the log, to the day.
          for (const h of history.entries.values()) {
            for (const event of h.events.filter((e) => e.dating.by > '2022-01-31'))
              expect(event.dating.basis).toBe('change-log');
          }
        },
      ),
    );
  });
});
