import { describe, expect, it } from 'vitest';
import { isoDate } from '../units.ts';
import { assessCompliance } from './compliance.ts';
import { pointBreakoutModel } from './point-breakout.ts';
import { stepsBack } from './steps-back.ts';
import { shippedCentrifugeEvents, shippedLimits, shippedStockpile } from './testing/shipped-nuclear-rows.ts';
import { assayFromPercent, kgU } from './units.ts';

const input = { limits: shippedLimits, stockpile: shippedStockpile, centrifuges: shippedCentrifugeEvents };
const may2025 = assessCompliance(input, isoDate('2025-06-01'));

describe('stepsBack', () => {
  it('lists a concrete step for every limit that is not within, each with a stable id', () => {
    const result = stepsBack(may2025);
    expect(result.steps.map((s) => s.id)).toEqual([
      'ship-out-60pct',
      'ship-out-unreported-level',
      'down-blend-kept-stock-to-3-67pct',
      'stop-enrichment-above-3-67pct',
      'remove-ir-6-fordow-ffep',
      'remove-ir-6-natanz-fep',
      'remove-ir-2m-natanz-fep',
      'remove-ir-4-natanz-fep',
      'stop-enrichment-fordow-ffep',
      'verify-heavy-water',
      'stop-uranium-metal-work',
      'restore-monitoring-and-additional-protocol',
    ]);
    const byId = new Map(result.steps.map((s) => [s.id, s]));
    expect(byId.get('ship-out-60pct')).toMatchObject({
      kind: 'ship-out',
      restores: ['stockpile', 'enrichment-level'],
      because: 'breach',
      quantity: { value: 408.6, unit: 'kg U' },
    });
    // everything but the 202.8 kg the cap allows goes: 9247.6 − 408.6 − 202.8
    expect(byId.get('ship-out-unreported-level')?.quantity?.value).toBeCloseTo(8636.2, 6);
    expect(byId.get('remove-ir-6-fordow-ffep')).toMatchObject({
      restores: ['advanced-centrifuges', 'fordow-enrichment'],
      quantity: { value: 332, unit: 'IR-6 machines' },
    });
    expect(byId.get('stop-enrichment-fordow-ffep')?.action).toBe(
      'Stop enrichment at Fordow FFEP: take the 1044 IR-1 centrifuges still enriching there off uranium',
    );
    expect(byId.get('restore-monitoring-and-additional-protocol')).toMatchObject({
      kind: 'restore-monitoring',
      because: 'unknown',
    });
    expect(byId.get('ship-out-60pct')?.sources[0]?.line).toBe(24);
  });

  it('gives the same steps whatever the order of the input rows', () => {
    const reversed = assessCompliance(
      {
        limits: [...shippedLimits].reverse(),
        stockpile: [...shippedStockpile].reverse(),
        centrifuges: [...shippedCentrifugeEvents].reverse(),
      },
      isoDate('2025-06-01'),
    );
    const ids = (state: typeof may2025) =>
      stepsBack(state)
        .steps.map((s) => `${s.id} ${s.breakoutAlone?.toFixed(9)} ${s.marginalInFullSet?.toFixed(9)}`)
        .sort();
    expect(ids(reversed)).toEqual(ids(may2025));
  });

  it('never shortens breakout: each step alone and the full set restore time', () => {
    const result = stepsBack(may2025);
    const now = result.breakoutNow!;
    const full = result.breakoutFullSet!;
    // 408.6 kg at 60 % and about 11,400 SWU/yr at the midpoints: a few days
    expect(now).toBeGreaterThan(0.05);
    expect(now).toBeLessThan(0.3);
    for (const step of result.steps) {
      expect(step.breakoutAlone!).toBeGreaterThanOrEqual(now - 1e-12);
      expect(step.breakoutAlone!).toBeLessThanOrEqual(full + 1e-12);
      expect(step.marginalInFullSet!).toBeGreaterThanOrEqual(-1e-12);
    }
    const shipOut = result.steps.find((s) => s.id === 'ship-out-60pct')!;
    expect(shipOut.gainAlone!).toBeGreaterThan(1);
    expect(result.steps.find((s) => s.id === 'restore-monitoring-and-additional-protocol')?.gainAlone).toBe(
      0,
    );
  });

  it('restores, with the full set, the breakout of 202.8 kg at 3.67 % and the 5060 IR-1 at Natanz', () => {
    const result = stepsBack(may2025);
    const model = pointBreakoutModel();
    const expected = model.months(
      [{ label: 'kept', assay: assayFromPercent(3.67), kgU: kgU(202.8) }],
      [{ machineType: 'IR-1', count: 5060 }],
    );
    expect(result.breakoutFullSet).toBeCloseTo(expected!, 9);
    // at the IR-1 midpoint (0.875 SWU/yr) this lands just under the 12-month goal; at 0.75 SWU/yr above it
    expect(result.goal).toEqual({ months: 12, metByFullSet: false });
    expect(stepsBack(may2025, { capacityPoint: 'low' }).goal.metByFullSet).toBe(true);
    expect(result.assumptions.map((a) => a.name)).toContain('stock kept within the cap');
    expect(result.notes[0]).toMatch(/knowledge gained cannot be undone/);
  });

  it('asks for verification where the data cannot tell', () => {
    const early = stepsBack(assessCompliance(input, isoDate('2017-03-01')));
    expect(early.steps.map((s) => s.id)).toContain('verify-natanz-ir1');
    expect(early.steps.every((s) => s.because === 'unknown')).toBe(true);
    expect(early.steps.find((s) => s.id === 'down-blend-kept-stock-to-3-67pct')?.quantity?.value).toBe(101.7);
    expect(early.breakoutNow).toBeNull();
  });
});
