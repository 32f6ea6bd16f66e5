import type { OfacListChange } from '@lockstep/core';
import { describe, expect, it } from 'vitest';
import { readOfacDailyChanges } from './daily-changes.ts';
import { readLegacyPrimaryRecords } from './legacy-records.ts';
import { chunked, collect, sanctionsFile } from './testing/sanctions-data.ts';

const changeLog = 'ofac/daily-changes-2021-08_2024-05.csv';

let shipped: Promise<OfacListChange[]> | undefined;
function changes(): Promise<OfacListChange[]> {
  const { file, chunks } = sanctionsFile(changeLog);
  shipped ??= collect(readOfacDailyChanges(chunks, file));
  return shipped;
}

async function programsByEntry(path: string): Promise<Map<number, string[]>> {
  const { file, chunks } = sanctionsFile(path);
  const result = new Map<number, string[]>();
  for await (const record of readLegacyPrimaryRecords(chunks, { file })) {
    result.set(record.entryNumber, [...record.programs].sort());
  }
  return result;
}

function read(text: string) {
  return collect(readOfacDailyChanges(chunked(text, 6), 'changes.csv'));
}

describe('readOfacDailyChanges on the shipped change log (2021-08 to 2024-05)', () => {
  it('reads 8,016 changes: 6,809 additions, 927 removals, 280 program changes, in date order', async () => {
    const all = await changes();
    expect(all).toHaveLength(8016);
    const count = (kind: string) => all.filter((change) => change.kind === kind).length;
    expect([count('added'), count('removed'), count('programs-changed')]).toEqual([6809, 927, 280]);
    const dates = all.map((change) => change.date);
    expect(dates).toEqual([...dates].sort());
    expect([dates[0], dates.at(-1)]).toEqual(['2021-08-20', '2024-05-03']);
  });

  it('reads a program change with the tags before and after', async () => {
    expect((await changes()).find((change) => change.kind === 'programs-changed')).toEqual({
      kind: 'programs-changed',
      date: '2021-08-20',
      entryNumber: 20290,
      name: 'LLC KOKSOKHIMTRANS',
      previousPrograms: ['UKRAINE-EO13685', 'PEESA'],
      programs: ['UKRAINE-EO13685', 'PEESA-EO'],
    });
  });

  it('replayed on the 2021-08-18 sdn.csv, gives exactly the entries and programs of the 2024-05-03 sdn.csv', async () => {
    const [state, target, log] = await Promise.all([
      programsByEntry('ofac/2021-08-18/sdn.csv'),
      programsByEntry('ofac/2024-05-03/sdn.csv'),
      changes(),
    ]);
    for (const change of log) {
      const before = state.get(change.entryNumber);
      if (change.kind === 'added') {
        expect(before, `entry ${change.entryNumber} added twice`).toBeUndefined();
        state.set(change.entryNumber, [...change.programs].sort());
      } else if (change.kind === 'removed') {
        expect(before).toEqual([...change.programs].sort());
        state.delete(change.entryNumber);
      } else {
        expect(before).toEqual([...change.previousPrograms!].sort());
        state.set(change.entryNumber, [...change.programs].sort());
      }
    }
    expect(state.size).toBe(14965);
    expect(state).toEqual(target);
  });
});

describe('readOfacDailyChanges errors', () => {
  const header = 'date,op,ent_num,name,programs\r\n';

  it('names the line and field of an unknown op, a bad date and a malformed program change', async () => {
    await expect(
      read(`${header}2021-08-20,ADD,1,"A, B",SDGT\r\n2021-08-20,MOVE,2,C,SDGT\r\n`),
    ).rejects.toThrow(
      'changes.csv, line 3, op (field 2): "MOVE" is not a change (expected ADD, DEL or PROG)',
    );
    await expect(read(`${header}2021-02-30,DEL,1,A,SDGT\r\n`)).rejects.toThrow(
      'changes.csv, line 2, date (field 1): "2021-02-30" is not a date as YYYY-MM-DD',
    );
    await expect(read(`${header}2021-08-20,PROG,1,A,SDGT|IRGC\r\n`)).rejects.toThrow(
      'changes.csv, line 2, programs (field 5): "SDGT|IRGC" is not a program change as OLD|TAGS -> NEW|TAGS',
    );
  });

  it('requires the header and five fields', async () => {
    await expect(read('date,op,id\r\n')).rejects.toThrow(
      'changes.csv, line 1, date (field 1): the header is',
    );
    await expect(read(`${header}2021-08-20,ADD,1\r\n`)).rejects.toThrow(
      'changes.csv, line 2, name (field 4): the row has 3 fields where the header names 5',
    );
  });

  it('refuses a file with only its header, and a name over the name limit', async () => {
    await expect(read(header)).rejects.toThrow(
      'changes.csv, line 2: the file holds only its header; expected one change a line after it',
    );
    await expect(read(`${header}2021-08-20,ADD,1,${'A'.repeat(1001)},SDGT\r\n`)).rejects.toThrow(
      'changes.csv, line 2, name (field 4): a name of 1,001 characters',
    );
  });

  it('reads a log saved as UTF-8 with a byte order mark', async () => {
    const changes = await read(`\ufeff${header}2021-08-20,ADD,1,"MÜLLER, Zoë",SDGT\r\n`);
    expect(changes[0]).toMatchObject({ name: 'MÜLLER, Zoë', entryNumber: 1 });
  });
});
