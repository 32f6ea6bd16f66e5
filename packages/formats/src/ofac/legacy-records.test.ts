import { describe, expect, it } from 'vitest';
import {
  readLegacyAddressRecords,
  readLegacyAliasRecords,
  readLegacyCommentRecords,
  readLegacyPrimaryRecords,
} from './legacy-records.ts';
import { chunked, collect, sanctionsFile } from './testing/sanctions-data.ts';

function primary(path: string) {
  const { file, chunks } = sanctionsFile(path);
  return collect(readLegacyPrimaryRecords(chunks, { file }));
}

function fromText(text: string, file = 'sdn.csv') {
  return collect(readLegacyPrimaryRecords(chunked(text, 7), { file }));
}

const row = (fields: string) => `306,"BANCO NACIONAL DE CUBA",${fields}\r\n`;

describe('readLegacyPrimaryRecords on the shipped sdn.csv files', () => {
  it.each([
    ['ofac/2015-01/sdn.csv', 5876],
    ['ofac/2019-01/sdn.csv', 7379],
    ['ofac/2021-04-25/sdn.csv', 8890],
    ['ofac/2021-08-18/sdn.csv', 9083],
    ['ofac/2023-12-28/sdn.csv', 13821],
    ['ofac/2024-05-03/sdn.csv', 14965],
    ['ofac/2018-04-consolidated/cons_prim.csv', 639],
  ])('%s holds %i entries, unique, in ascending order', async (path, count) => {
    const records = await primary(path);
    expect(records).toHaveLength(count);
    const numbers = records.map((record) => record.entryNumber);
    expect(new Set(numbers).size).toBe(count);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('reads the 2024 list of 14,965 entries well under a second', async () => {
    const started = performance.now();
    await primary('ofac/2024-05-03/sdn.csv');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('reads an entry with -0- fields, an empty type meaning entity, and the remarks', async () => {
    const records = await primary('ofac/2019-01/sdn.csv');
    expect(records[2]).toEqual({
      line: 3,
      entryNumber: 306,
      name: 'BANCO NACIONAL DE CUBA',
      type: 'entity',
      programs: ['CUBA'],
      list: { kind: 'sdn' },
      remarks: "a.k.a. 'BNC'.",
    });
  });

  it('splits several programs printed in one field as "] ["', async () => {
    const records = await primary('ofac/2024-05-03/sdn.csv');
    const multi = records.filter((record) => record.programs.length > 1);
    expect(multi.length).toBe(1685);
    expect(Math.max(...records.map((record) => record.programs.length))).toBe(8);
    // Tags with spaces stay whole.
    expect(records.some((record) => record.programs.includes('CAATSA - RUSSIA'))).toBe(true);
    expect(records.flatMap((record) => record.programs).every((tag) => !/[[\]]/.test(tag))).toBe(true);
  });

  it('reads vessel details and keeps thousands separators as printed (cons_prim.csv line 184)', async () => {
    const records = await primary('ofac/2018-04-consolidated/cons_prim.csv');
    expect(records[183]).toMatchObject({
      line: 184,
      entryNumber: 15065,
      name: 'IRAN FAHIM',
      type: 'vessel',
      programs: ['IRAN'],
      list: { kind: 'consolidated', subList: 'eo13599' },
      vesselType: 'Chemical/Products Tanker',
      tonnage: '34,900',
      grossRegisteredTonnage: '26,561',
      vesselFlag: 'Iran',
    });
  });

  it('places each entry of the 2018 Consolidated List on its sub-list by program tag', async () => {
    const records = await primary('ofac/2018-04-consolidated/cons_prim.csv');
    const bySubList = new Map<string, number>();
    for (const { list } of records) {
      const key = list.kind === 'consolidated' ? (list.subList ?? 'none') : 'sdn';
      bySubList.set(key, (bySubList.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(bySubList)).toEqual({
      eo13599: 264,
      'ns-plc': 78,
      'part-561': 1,
      fse: 6,
      ssi: 290,
    });
  });
});

describe('readLegacyPrimaryRecords errors', () => {
  it('names file, line and field for a wrong number of fields', async () => {
    await expect(
      fromText(`${row('-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ')}${row('-0- ,"CUBA"')}`),
    ).rejects.toThrow(
      'sdn.csv, line 2, Title (field 5): missing: the record has 4 fields where this file has 12',
    );
    await expect(fromText(row('-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,extra'))).rejects.toThrow(
      'sdn.csv, line 1, field 13: 13 fields where this file has 12',
    );
  });

  it('names the field of a non-numeric entry number', async () => {
    await expect(fromText('30x,"A",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n')).rejects.toThrow(
      'sdn.csv, line 1, ent_num (field 1): "30x" is not a record number',
    );
  });

  it('names the field of an unknown SDN type and of an empty program tag', async () => {
    await expect(
      fromText('1,"A","person","CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'),
    ).rejects.toThrow('sdn.csv, line 1, SDN_Type (field 3): "person" is not an SDN type');
    await expect(
      fromText('1,"A",-0- ,"SDGT] [",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'),
    ).rejects.toThrow('sdn.csv, line 1, Program (field 4): "SDGT] [" has an empty program tag');
  });

  it('names the line and field of an unclosed quote', async () => {
    await expect(
      fromText('1,"A",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1961\r\n\x1a'),
    ).rejects.toThrow('sdn.csv, line 1, Remarks (field 12): a quoted field opened here is never closed');
  });
});

describe('the other legacy files', () => {
  it('reads add.csv, whose last record ends in a cut "-0" with no line end (2019-01, line 11696)', async () => {
    const { file, chunks } = sanctionsFile('ofac/2019-01/add.csv');
    const records = await collect(readLegacyAddressRecords(chunks, { file }));
    expect(records).toHaveLength(11696);
    expect(records[1]).toEqual({
      line: 2,
      entryNumber: 173,
      id: 129,
      street: 'Ibex House, The Minories',
      locality: 'London EC3N 1DY',
      country: 'United Kingdom',
    });
    expect(records.at(-1)).toEqual({
      line: 11696,
      entryNumber: 26235,
      id: 39824,
      locality: 'St. Petersburg',
      country: 'Russia',
    });
  });

  it('reads alt.csv with its aka, fka and nka types', async () => {
    const { file, chunks } = sanctionsFile('ofac/2019-01/alt.csv');
    const records = await collect(readLegacyAliasRecords(chunks, { file }));
    expect(records).toHaveLength(9682);
    const types = new Map<string, number>();
    for (const record of records) types.set(record.type, (types.get(record.type) ?? 0) + 1);
    expect(Object.fromEntries(types)).toEqual({ 'a.k.a.': 9335, 'f.k.a.': 331, 'n.k.a.': 16 });
    expect(records[0]).toEqual({
      line: 1,
      entryNumber: 36,
      id: 12,
      type: 'a.k.a.',
      name: 'AERO-CARIBBEAN',
      strength: 'strong',
    });
  });

  it('reads sdn_comments.csv: the remarks that did not fit in sdn.csv', async () => {
    const { file, chunks } = sanctionsFile('ofac/2019-01/sdn_comments.csv');
    const records = await collect(readLegacyCommentRecords(chunks, { file }));
    expect(records.map((record) => record.entryNumber)).toEqual([12300, 15599, 15600]);
    expect(records[0]!.remarks.startsWith('Z S.A.S.; Linked To: RED MUNDIAL')).toBe(true);
  });

  it('names the field of an unknown alias type', async () => {
    await expect(
      collect(
        readLegacyAliasRecords(
          chunked('36,12,"aka","AERO-CARIBBEAN",-0- \r\n36,13,"alias","X",-0- \r\n', 5),
          { file: 'alt.csv' },
        ),
      ),
    ).rejects.toThrow(
      'alt.csv, line 2, alt_type (field 3): "alias" is not an alias type (expected aka, fka or nka)',
    );
  });
});
