import { describe, expect, it } from 'vitest';
import { isoDate } from '../units.ts';
import { highestBandWithStock } from './highest-enrichment-band.ts';
import type { StockpileReport } from './stockpile-report.ts';
import { type KgU, kgU } from './units.ts';

function report(
  total: number | null,
  bands: [number | null, number | null, number | null, number | null],
): StockpileReport {
  const kg = (v: number | null): KgU | null => (v === null ? null : kgU(v));
  return {
    asOf: isoDate('2021-01-01'),
    totalKgU: kg(total),
    byLevel: {
      'up-to-2pct': kg(bands[0]),
      'up-to-5pct': kg(bands[1]),
      'up-to-20pct': kg(bands[2]),
      'up-to-60pct': kg(bands[3]),
    },
    sourceRow: { dataset: 'test', file: 'test.csv', line: 2, source: 'test', note: null },
  };
}

function ids(band: ReturnType<typeof highestBandWithStock>): string[] | string {
  return band.kind === 'band' ? [band.atLeast.id, band.atMost.id] : band.kind;
}

describe('highestBandWithStock', () => {
  it('reads a non-zero top band as the answer', () => {
    expect(ids(highestBandWithStock(report(3241, [1367.9, 1773.2, 62.8, 2.4])))).toEqual([
      'up-to-60pct',
      'up-to-60pct',
    ]);
    // empty lower bands do not matter once a higher one has stock
    expect(ids(highestBandWithStock(report(3197.1, [null, null, null, 33.2])))).toEqual([
      'up-to-60pct',
      'up-to-60pct',
    ]);
  });

  it('places a total the bands do not account for in the empty bands', () => {
    // 2017-02-18: 101.7 kg, 20 % and 60 % zero, lower bands empty: somewhere up to 5 %
    expect(ids(highestBandWithStock(report(101.7, [null, null, 0, 0])))).toEqual([
      'up-to-2pct',
      'up-to-5pct',
    ]);
    // 2020-05-20: 483 kg up to 2 % of 1571.6: the rest must be in the empty 2–5 % band
    expect(ids(highestBandWithStock(report(1571.6, [483, null, 0, 0])))).toEqual([
      'up-to-5pct',
      'up-to-5pct',
    ]);
  });

  it('widens the answer when a higher band is empty', () => {
    expect(ids(highestBandWithStock(report(null, [null, 100, null, 0])))).toEqual([
      'up-to-5pct',
      'up-to-20pct',
    ]);
  });

  it('says when there is no stock, and when the report cannot tell', () => {
    expect(highestBandWithStock(report(0, [0, 0, 0, 0])).kind).toBe('none');
    const unknown = highestBandWithStock(report(null, [null, null, 0, 0]));
    expect(unknown).toMatchObject({ kind: 'unknown' });
  });
});
