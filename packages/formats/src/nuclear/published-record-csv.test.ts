import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProgrammeEvents, parsePublishedEstimates } from './published-record-csv.ts';

const read = (name: string) =>
  readFileSync(new URL(`../../../../data/nuclear/${name}`, import.meta.url), 'utf8');
const estimatesHeader =
  'date,author,estimate_low,estimate_high,unit,material,sq_convention,stock_counted,source,quote';

describe('the published record files', () => {
  it('reads every shipped estimate and event with its source, and a range low first', () => {
    const estimates = parsePublishedEstimates(read('published-breakout-estimates.csv'), 'estimates.csv');
    expect(estimates).toHaveLength(28);
    expect(estimates.every((e) => e.sourceRow.source.length > 0 && e.quote.length > 0)).toBe(true);
    expect(estimates.every((e) => e.low === null || e.high === null || e.low <= e.high)).toBe(true);
    const events = parseProgrammeEvents(read('events.csv'), 'events.csv');
    expect(events).toHaveLength(34);
    expect(events[0]).toMatchObject({ date: '2015-07-14', kind: 'agreement', sourceRow: { line: 2 } });
  });

  it('names the line and column of a bad unit, range or kind, and says what is accepted', () => {
    const estimate = (cells: string) => () =>
      parsePublishedEstimates(`${estimatesHeader}\n${cells}\n`, 'estimates.csv');
    expect(estimate('2021-02-16,Blinken,3,4,moons,one SQ,not stated,not stated,src,words')).toThrow(
      'estimates.csv, line 2, column unit: "moons" is not accepted: expected one of days, weeks, months',
    );
    expect(estimate('2021-02-16,Blinken,4,3,months,one SQ,not stated,not stated,src,words')).toThrow(
      /line 2, column estimate_high: 3 is less than estimate_low 4/,
    );
    expect(estimate('2021-02-16,Blinken,-1,,months,one SQ,not stated,not stated,src,words')).toThrow(
      /line 2, column estimate_low: "-1" is not accepted/,
    );
    expect(() =>
      parseProgrammeEvents('date,event,kind,source\n2021-01-04,x,rumour,src\n', 'events.csv'),
    ).toThrow(
      'events.csv, line 2, column kind: "rumour" is not accepted: expected one of agreement, iran-step, us-step, iaea, incident',
    );
  });
});
