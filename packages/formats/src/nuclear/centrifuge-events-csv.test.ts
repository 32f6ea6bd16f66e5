import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCentrifugeEvents } from './centrifuge-events-csv.ts';

const shipped = new URL('../../../../data/nuclear/centrifuge-events.csv', import.meta.url);
const header = 'date,site,event,machines,type,source';

describe('parseCentrifugeEvents', () => {
  const events = parseCentrifugeEvents(readFileSync(shipped, 'utf8'), 'centrifuge-events.csv');

  it('reads every shipped event with its line; an empty machine count is unknown', () => {
    expect(events).toHaveLength(11);
    expect(events[0]).toEqual({
      date: '2015-07-14',
      site: 'Natanz FEP',
      event: 'JCPOA cap on installed enrichment capacity',
      machines: 5060,
      machineType: 'IR-1',
      sourceRow: {
        dataset: 'centrifuge-events',
        file: 'centrifuge-events.csv',
        line: 2,
        source: 'JCPOA main text para 2',
        note: null,
      },
    });
    expect(events.at(-1)).toMatchObject({ machines: null, machineType: 'IR-2m', sourceRow: { line: 12 } });
  });

  it('resolves a source of "same" to the previous row’s', () => {
    expect(events.filter((e) => e.date === '2021-03-15').map((e) => e.sourceRow.source)).toEqual([
      'IAEA report quoted by Reuters (en.mehrnews.com/amp/171197)',
      'IAEA report quoted by Reuters (en.mehrnews.com/amp/171197)',
      'IAEA report quoted by Reuters (en.mehrnews.com/amp/171197)',
    ]);
    expect(() => parseCentrifugeEvents(`${header}\n2021-01-01,Natanz FEP,x,1,IR-1,same\n`, 'ev.csv')).toThrow(
      /^ev\.csv, line 2, column source: "same" on the first row/,
    );
  });

  it('names the line and column of a bad count or date', () => {
    const bad = (row: string) => () => parseCentrifugeEvents(`${header}\n${row}\n`, 'ev.csv');
    expect(bad('2021-01-01,Natanz FEP,x,12.5,IR-1,src')).toThrow(
      'ev.csv, line 2, column machines: "12.5" is not accepted: expected a whole number ≥ 0 (leave the cell empty when unknown)',
    );
    expect(bad('2021-1-1,Natanz FEP,x,1,IR-1,src')).toThrow(/line 2, column date: date must be YYYY-MM-DD/);
    expect(bad('2021-01-01,,x,1,IR-1,src')).toThrow(/line 2, column site: is empty/);
  });
});
