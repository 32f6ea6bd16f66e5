import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDate } from '../units.ts';
import {
  type CensusRow,
  type CensusStatus,
  censusAt,
  enrichmentSites,
  jcpoaEnrichingCap,
} from './centrifuge-census.ts';

let line = 1;
function row(
  asOf: string,
  site: string,
  status: CensusStatus,
  enriching: number | null = null,
  machineType = 'IR-1',
): CensusRow {
  line += 1;
  return {
    asOf: isoDate(asOf),
    report: `report of ${asOf}`,
    site,
    machineType,
    installed: enriching,
    enriching,
    cascades: null,
    status,
    sourceRow: {
      dataset: 'iaea-centrifuges',
      file: 'iaea-centrifuges.csv',
      line,
      source: 'test',
      note: null,
    },
  };
}

const jcpoaYears = [
  row('2017-02-18', 'Natanz FEP', 'within-jcpoa-caps'),
  row('2017-02-18', 'Natanz PFEP', 'within-jcpoa-caps'),
  row('2017-02-18', 'Fordow FFEP', 'within-jcpoa-caps'),
];

describe('the enrichment plant at a date, from the per-site counts', () => {
  it('counts Natanz FEP at its JCPOA cap, an upper bound, while the reports state the caps were kept', () => {
    const census = censusAt(jcpoaYears, isoDate('2017-06-01'));
    expect(census.coverage.verdict).toBe('complete');
    expect(census.machines).toEqual([
      expect.objectContaining({
        site: 'Natanz FEP',
        machineType: 'IR-1',
        enriching: jcpoaEnrichingCap,
        bound: 'upper',
      }),
    ]);
  });

  it('is complete only when the latest report counts every site, or states it idle', () => {
    const rows = [
      ...jcpoaYears,
      row('2020-11-11', 'Natanz FEP', 'reported', 5060),
      row('2020-11-11', 'Natanz FEP', 'reported', 174, 'IR-2m'),
      row('2020-11-12', 'Fordow FFEP', 'reported', 1044),
      row('2020-11-12', 'Natanz PFEP', 'idle'),
    ];
    const census = censusAt(rows, isoDate('2020-12-01'));
    expect(census.coverage).toMatchObject({ verdict: 'complete', latestReport: '2020-11-12', missing: [] });
    expect(census.machines.reduce((sum, m) => sum + m.enriching, 0)).toBe(5060 + 174 + 1044);
  });

  it('carries a site a later report says nothing of, and calls the count partial since that report', () => {
    const rows = [
      row('2021-02-20', 'Natanz FEP', 'reported', 5000),
      row('2021-02-20', 'Fordow FFEP', 'reported', 1000),
      row('2021-02-20', 'Natanz PFEP', 'idle'),
      row('2021-04-21', 'Natanz FEP', 'reported', 5500),
      row('2021-04-21', 'Fordow FFEP', 'not-reported'),
    ];
    const census = censusAt(rows, isoDate('2021-05-01'));
    expect(census.coverage.verdict).toBe('partial');
    const fordow = census.sites.find((s) => s.site === 'Fordow FFEP')!;
    expect(fordow).toMatchObject({ state: 'carried', asOf: '2021-02-20', missingSince: '2021-04-21' });
    expect(census.coverage.missing).toHaveLength(2);
    expect(census.coverage.missing[0]).toContain('Natanz PFEP');
    expect(census.coverage.missing[1]).toMatch(/Fordow FFEP: not counted by the reports since 2021-04-21/);
    // Carried, not dropped: the partial figure is never smaller than the last full one's sites.
    expect(census.machines.map((m) => m.enriching)).toEqual([5500, 1000]);
  });

  it('keeps a type counted enriching when a later report gives only its installed machines, and says so', () => {
    const rows = [
      row('2021-03-31', 'Natanz FEP', 'reported', 5060),
      row('2021-03-31', 'Natanz FEP', 'reported', 696, 'IR-2m'),
      { ...row('2021-04-21', 'Natanz FEP', 'reported', null, 'IR-2m'), installed: 1044 },
    ];
    const census = censusAt(rows, isoDate('2021-05-01'));
    expect(census.machines.map((m) => `${m.machineType}=${m.enriching}`)).toEqual(['IR-1=5060', 'IR-2m=696']);
    expect(census.coverage.missing.join(' ')).toMatch(
      /the report of 2021-04-21 gives 1044 IR-2m installed but no count enriching .*the last count enriching, 696 on 2021-03-31/,
    );
    // An interim report counting only the new machines carries the others' count, named as carried.
    const interim = [...rows, row('2021-05-10', 'Natanz FEP', 'reported', 174, 'IR-4')];
    const later = censusAt(interim, isoDate('2021-05-20'));
    expect(later.machines.map((m) => m.machineType)).toEqual(['IR-1', 'IR-2m', 'IR-4']);
    expect(later.coverage.missing.join(' ')).toMatch(/its IR-1 machines were last counted on 2021-03-31/);
  });

  it('has no verdict but none before any report, and finds nothing enriching when every site is idle', () => {
    expect(censusAt(jcpoaYears, isoDate('2016-01-01')).coverage.verdict).toBe('none');
    const idle = enrichmentSites.map((site) => row('2018-01-01', site, 'idle'));
    const census = censusAt(idle, isoDate('2018-02-01'));
    expect(census.coverage.verdict).toBe('complete');
    expect(census.machines).toEqual([]);
  });

  it('names, and does not count, machines the source places at no plant', () => {
    const rows = [...jcpoaYears, row('2017-02-20', 'not named in source', 'reported', 30, 'IR-6')];
    const census = censusAt(rows, isoDate('2017-03-01'));
    expect(census.coverage.missing.join(' ')).toMatch(
      /30 IR-6 enriching at "not named in source" are not counted/,
    );
    expect(census.machines.map((m) => m.machineType)).toEqual(['IR-1']);
  });

  it('never counts fewer machines at a site when a later report adds machines and nothing else changes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 8 }),
        (increments) => {
          let total = 1000;
          const rows = [row('2019-01-01', 'Natanz FEP', 'reported', total)];
          let day = Date.parse('2019-01-01');
          let previous = censusAt(rows, isoDate('2019-01-01')).machines[0]!.enriching;
          for (const increment of increments) {
            day += 60 * 86_400_000;
            total += increment;
            const date = new Date(day).toISOString().slice(0, 10);
            rows.push(row(date, 'Natanz FEP', 'reported', total));
            const now = censusAt(rows, isoDate(date)).machines[0]!.enriching;
            if (now < previous) return false;
            previous = now;
          }
          return true;
        },
      ),
    );
  });
});
