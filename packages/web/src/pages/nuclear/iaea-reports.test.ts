import { describe, expect, it } from 'vitest';
import { type IaeaReport, reportLabel, reportShown } from './iaea-reports.ts';

const source = {
  dataset: 'iaea-reports',
  file: 'nuclear/iaea-reports.csv',
  line: 2,
  source: 's',
  note: null,
};
const report = (name: string, date: string, kind: IaeaReport['kind'] = 'quarterly'): IaeaReport => ({
  report: name,
  date,
  kind,
  source,
  figures: [],
});
const reports = [
  report('GOV/2021/10', '2021-02-23'),
  report('IAEA report of 2021-03-08', '2021-03-08', 'interim'),
  report('IAEA quarterly report of 2021-05-31', '2021-05-31'),
];

describe('the report the Nuclear page shows', () => {
  it('is the report carrying the figures verified on the date, not the one before it', () => {
    // The IAEA verified the stockpile on 22 May 2021; the report of 31 May 2021 published it.
    expect(reportShown(reports, '2021-05-22', undefined, ['2021-05-22'])).toEqual({
      report: reports[2],
      why: 'carries',
    });
  });

  it('is the latest report before a date that is no verification date, and says so', () => {
    expect(reportShown(reports, '2021-04-01', undefined, ['2021-05-22'])).toEqual({
      report: reports[1],
      why: 'latest-before',
    });
    expect(reportShown(reports, '2020-01-01', undefined)).toBeUndefined();
  });

  it('is the report chosen by name, when the page shows its date', () => {
    const twins = [...reports, report('GOV/INF/2021/1', '2021-02-23', 'interim')];
    expect(reportShown(twins, '2021-02-23', 'GOV/INF/2021/1')?.report.report).toBe('GOV/INF/2021/1');
    // A name chosen earlier does not hold once the page shows another date.
    expect(reportShown(twins, '2021-03-08', 'GOV/INF/2021/1')?.report.report).toBe(
      'IAEA report of 2021-03-08',
    );
  });

  it('names a report by its date, GOV number or title, and kind', () => {
    expect(reportLabel(reports[0]!)).toBe('2021-02-23 · GOV/2021/10 (quarterly)');
    expect(reportLabel(reports[2]!)).toBe('2021-05-31 · quarterly report of 2021-05-31');
    expect(reportLabel(reports[1]!)).toBe('2021-03-08 · report of 2021-03-08 (interim)');
  });
});
