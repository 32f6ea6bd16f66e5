import { describe, expect, it } from 'vitest';
import { isoDate } from '../units.ts';
import { centrifugeEventKind } from './centrifuge-event.ts';
import { machinesAt, stockpileAt } from './programme-picture.ts';
import { shippedCentrifugeEvents, shippedStockpile } from './testing/shipped-nuclear-rows.ts';

describe('stockpileAt', () => {
  it('takes the total and its bands from one report, naming newer reports without a total', () => {
    const picture = stockpileAt(shippedStockpile, isoDate('2021-11-10'));
    expect(picture).toMatchObject({ asOf: '2021-08-30', totalKgU: 2441.3 });
    expect(picture?.sourceRow.line).toBe(9);
    expect(picture?.unspecifiedKgU).toBeCloseTo(2441.3 - 2372.9, 9);
    expect(picture?.caveats[0]).toBe(
      'the report as of 2021-11-06 (iaea-enriched-uranium-stockpile.csv line 10) gives no total; the figures here are from the report as of 2021-08-30',
    );
  });

  it('keeps the note of a row whose sub-totals are doubtful', () => {
    const picture = stockpileAt(shippedStockpile, isoDate('2020-09-01'));
    expect(picture?.caveats.join(' ')).toMatch(/sub-totals .* do not add up/);
  });

  it('is null before the first report', () => {
    expect(stockpileAt(shippedStockpile, isoDate('2016-01-01'))).toBeNull();
  });
});

describe('machinesAt', () => {
  it('reads each event as a snapshot by site and type, not counting the JCPOA’s own figures or plans', () => {
    expect(centrifugeEventKind('JCPOA cap on installed enrichment capacity')).toBe('jcpoa-baseline');
    expect(centrifugeEventKind('declared plan: 36 cascades in total')).toBe('declared-plan');
    expect(centrifugeEventKind('10 of 18 planned IR-2m cascades installed')).toBe('installed');
    expect(centrifugeEventKind('two interconnected cascades producing 60% from 5% feed')).toBe('enriching');
    expect(machinesAt(shippedCentrifugeEvents, isoDate('2020-12-31'))).toEqual([]);

    const figures = machinesAt(shippedCentrifugeEvents, isoDate('2025-05-17'));
    expect(figures.map((f) => `${f.site} ${f.machineType} ${f.machines} ${f.state}`)).toEqual([
      'Fordow FFEP IR-1 1044 enriching',
      'Fordow FFEP IR-6 332 enriching',
      'Natanz FEP IR-1 5060 enriching',
      'Natanz FEP IR-2m 522 enriching',
      'Natanz FEP IR-4 174 enriching',
      'Natanz FEP IR-6 174 enriching',
    ]);
    const ir2m = figures.find((f) => f.machineType === 'IR-2m');
    expect(ir2m?.caveats[0]).toMatch(/2024-08-17 \(centrifuge-events\.csv line 12\).*gives no machine count/);
    const natanzIr1 = figures.find((f) => f.site === 'Natanz FEP' && f.machineType === 'IR-1');
    expect(natanzIr1?.caveats[0]).toMatch(/declared plan for 6084, not counted as installed/);
    expect(ir2m?.sourceRow.source).toBe('IAEA report quoted by Reuters (en.mehrnews.com/amp/171197)');
  });
});
