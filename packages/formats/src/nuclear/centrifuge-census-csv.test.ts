import { describe, expect, it } from 'vitest';
import { parseCentrifugeCensus } from './centrifuge-census-csv.ts';

const header = 'as_of,report,site,type,installed,enriching,cascades,status,source,note';
const parse = (...rows: string[]) => parseCentrifugeCensus(`${header}\n${rows.join('\n')}\n`, 'census.csv');

describe('parseCentrifugeCensus', () => {
  it('reads a row with its line, empty cells as unknown, and "same as above" as the previous source', () => {
    const rows = parse(
      '2021-04-21,GOV/INF/2021/23,Natanz FEP,IR-2m,1044,,6,reported,Reuters (example.org/a),"quoted: ""six cascades"""',
      '2021-04-21,GOV/INF/2021/23,Fordow FFEP,IR-1,1044,1044,6,reported,same as above,',
    );
    expect(rows[0]).toEqual({
      asOf: '2021-04-21',
      report: 'GOV/INF/2021/23',
      site: 'Natanz FEP',
      machineType: 'IR-2m',
      installed: 1044,
      enriching: null,
      cascades: 6,
      status: 'reported',
      sourceRow: {
        dataset: 'iaea-centrifuges',
        file: 'census.csv',
        line: 2,
        source: 'Reuters (example.org/a)',
        note: 'quoted: "six cascades"',
      },
    });
    expect(rows[1]!.sourceRow).toMatchObject({ line: 3, source: 'Reuters (example.org/a)', note: null });
  });

  it('names the line and column of a bad status, count or date, and says what is accepted', () => {
    expect(() => parse('2017-02-18,GOV/2017/10,Natanz FEP,IR-1,,,,compliant,src,')).toThrow(
      'census.csv, line 2, column status: "compliant" is not accepted: expected one of reported, within-jcpoa-caps, idle, not-reported',
    );
    expect(() => parse('2021-04-21,r,Natanz FEP,IR-1,100,200,,reported,src,')).toThrow(
      /line 2, column enriching: 200 machines enriching is more than the 100 installed/,
    );
    expect(() => parse('2021-04-21,r,Natanz FEP,IR-1,,,,reported,src,')).toThrow(
      /line 2, column status: "reported" needs a figure in installed, enriching or cascades: use not-reported/,
    );
    expect(() => parse('2021-04-21,r,Natanz FEP,IR-1,1.5,,,reported,src,')).toThrow(
      /line 2, column installed: "1.5" is not accepted: expected a whole number/,
    );
    expect(() => parse('21-04-2021,r,Natanz FEP,IR-1,1,,,reported,src,')).toThrow(/line 2, column as_of/);
    expect(() => parse('2021-04-21,r,Natanz FEP,IR-1,1,,,reported,same,')).toThrow(
      /line 2, column source: "same" on the first row has no previous source/,
    );
  });
});
