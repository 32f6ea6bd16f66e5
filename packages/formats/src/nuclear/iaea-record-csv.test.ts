import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseHeavyWater,
  parseIaeaReports,
  parseProtocolPeriods,
  parseUraniumMetal,
} from './iaea-record-csv.ts';

const read = (name: string) =>
  readFileSync(new URL(`../../../../data/nuclear/${name}`, import.meta.url), 'utf8');

describe('the IAEA record files', () => {
  it('reads every shipped report, heavy water and uranium metal row and protocol period, each with a source', () => {
    const reports = parseIaeaReports(read('iaea-reports.csv'), 'iaea-reports.csv');
    expect(reports).toHaveLength(68);
    expect(reports.find((r) => r.report === 'GOV/2021/10')).toMatchObject({
      date: '2021-02-23',
      kind: 'quarterly',
    });
    const water = parseHeavyWater(read('iaea-heavy-water.csv'), 'iaea-heavy-water.csv');
    expect(water).toHaveLength(42);
    expect(water.find((r) => r.asOf === '2019-11-17')).toMatchObject({ amount: 131.5, status: 'reported' });
    const metal = parseUraniumMetal(read('iaea-uranium-metal.csv'), 'iaea-uranium-metal.csv');
    expect(metal).toHaveLength(22);
    expect(metal[0]).toMatchObject({
      asOf: '2021-02-08',
      amount: 0.0036,
      report: 'IAEA report of 2021-02-10',
    });
    const periods = parseProtocolPeriods(read('additional-protocol.csv'), 'additional-protocol.csv');
    expect(periods.map((p) => p.applied)).toEqual([true, ...Array(9).fill(false)]);
    expect(periods.at(-1)?.to).toBeNull();
    for (const row of [...reports, ...water, ...metal, ...periods]) {
      expect(row.sourceRow.source.length, `${row.sourceRow.file} line ${row.sourceRow.line}`).toBeGreaterThan(
        10,
      );
    }
  });

  it('names the file, line and column of a bad row, and says what is accepted', () => {
    const water = (cells: string) => () =>
      parseHeavyWater(`as_of,report,tonnes,status,source,note\n${cells}\n`, 'hw.csv');
    expect(water('2016-02-17,GOV/2016/8,,reported,src,')).toThrow(
      'hw.csv, line 2, column tonnes: is empty but status is reported',
    );
    expect(water('2016-02-17,GOV/2016/8,12,not-verified,src,')).toThrow(
      /line 2, column tonnes: 12 is given but status is not-verified/,
    );
    expect(water('2016-02,GOV/2016/8,12,reported,src,')).toThrow(
      /line 2, column as_of: as_of must be YYYY-MM-DD/,
    );
    expect(water('2016-02-17,GOV/2016/8,12,guessed,src,')).toThrow(
      /column status: "guessed" is not accepted: expected one of reported, none-produced, not-reported, not-verified/,
    );
    expect(() =>
      parseIaeaReports(
        'report,date,kind,source,note\nA,2020-01-01,quarterly,s,\nA,2020-02-01,interim,s,\n',
        'r.csv',
      ),
    ).toThrow('r.csv, line 3, column report: "A" is already on line 2');
    expect(() =>
      parseProtocolPeriods('from,to,applied,status,source,note\n2021-02-23,2021-01-01,no,x,s,\n', 'ap.csv'),
    ).toThrow('ap.csv, line 2, column to: 2021-01-01 is before from 2021-02-23');
    expect(() =>
      parseProtocolPeriods('from,to,applied,status,source,note\n2021-02-23,,maybe,x,s,\n', 'ap.csv'),
    ).toThrow(/column applied: "maybe" is not accepted: expected one of yes, no/);
  });
});
