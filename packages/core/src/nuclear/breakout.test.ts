import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BreakoutEstimate, breakoutTime } from './breakout.ts';
import type { UraniumStock } from './feed-plan.ts';
import { assayFromPercent, kgU, months, type SwuPerYear, swuPerYear } from './units.ts';

function capacity(value: number) {
  return { kind: 'swu-per-year' as const, swuPerYear: swuPerYear(value), basis: 'test figure' };
}

function exactMonths(estimate: BreakoutEstimate): number {
  if (estimate.months?.kind !== 'exact') throw new Error('expected an exact estimate');
  return estimate.months.value;
}

/** Unreachable counts as never: an infinite time. */
function monthsOrInfinity(estimate: BreakoutEstimate): number {
  return estimate.months?.kind === 'exact' ? estimate.months.value : Number.POSITIVE_INFINITY;
}

const latestIaeaStock: UraniumStock[] = [
  { label: 'IAEA 2025-05-17: up to 60 %', assay: assayFromPercent(60), kgU: kgU(408.6) },
];

describe('breakoutTime', () => {
  it('from the latest IAEA figures (408.6 kg at 60 %) at 20,000 SWU/yr takes about two days', () => {
    const estimate = breakoutTime({ stocks: latestIaeaStock, capacity: capacity(20_000) });
    // By hand, 0.3 % tails: feed per kg of 90 % from 60 % = (90 − 0.3) / (60 − 0.3) = 1.5025;
    // V(0.9) = 0.8 ln 9 = 1.758, V(0.6) = 0.2 ln 1.5 = 0.081, V(0.003) = −0.994 ln(0.003/0.997) = 5.771;
    // SWU per kg = 1.758 + 0.5025 × 5.771 − 1.5025 × 0.081 = 4.54; one IAEA SQ is 27.78 kg, so about 126 SWU
    // and 41.7 kg of the 408.6 kg; 126 / 20,000 SWU/yr = 0.0063 yr = 0.076 months, 2.3 days.
    expect(estimate.sq.convention).toBe('u235');
    expect(estimate.swu).toBeGreaterThan(120);
    expect(estimate.swu).toBeLessThan(132);
    expect(exactMonths(estimate)).toBeGreaterThan(0.06);
    expect(exactMonths(estimate)).toBeLessThan(0.09);
    const used = estimate.feedPlan.uses.find((u) => u.label.includes('60 %'));
    expect(used?.feedKgU).toBeCloseTo(27.78 * 1.5025, 1);
    expect(estimate.feedPlan.uses.find((u) => u.label.startsWith('natural'))?.role).toBe('not-needed');
  });

  it('names the SQ convention and needs less work for the think tanks’ 25 kg of 90 %', () => {
    const iaea = breakoutTime({ stocks: latestIaeaStock, capacity: capacity(20_000) });
    const wgu = breakoutTime({
      stocks: latestIaeaStock,
      capacity: capacity(20_000),
      significantQuantity: 'wgu',
    });
    expect(wgu.sq.convention).toBe('wgu');
    expect(wgu.swu! / iaea.swu!).toBeCloseTo(25 / (25 / 0.9), 9);
  });

  it('lists every assumption with its unit and basis', () => {
    const estimate = breakoutTime({
      stocks: latestIaeaStock,
      capacity: capacity(20_000),
      setUpTime: months(0.5),
    });
    const names = estimate.assumptions.map((a) => a.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'significant quantity',
        'tails assay',
        'feed choice',
        'set-up time',
        'enrichment capacity',
      ]),
    );
    for (const assumption of estimate.assumptions) expect(assumption.basis.length).toBeGreaterThan(5);
    expect(exactMonths(estimate)).toBeCloseTo(0.5 + (estimate.swu! / 20_000) * 12, 12);
  });

  it('counts 90 % stock directly: only the set-up time remains', () => {
    const estimate = breakoutTime({
      stocks: [{ label: 'HEU', assay: assayFromPercent(90), kgU: kgU(30) }],
      capacity: capacity(0),
      setUpTime: months(1),
    });
    expect(estimate.swu).toBe(0);
    expect(exactMonths(estimate)).toBe(1);
  });

  it('says why one SQ cannot be made', () => {
    const noCapacity = breakoutTime({ stocks: latestIaeaStock, capacity: capacity(0) });
    expect(noCapacity).toMatchObject({ reachable: false, months: null });
    expect(noCapacity.unreachableReason).toMatch(/no enrichment capacity/);
    const noMaterial = breakoutTime({ stocks: [], capacity: capacity(1000), naturalUranium: kgU(100) });
    expect(noMaterial.reachable).toBe(false);
    expect(noMaterial.unreachableReason).toMatch(/kg short/);
  });

  it('gives p5 ≤ p50 ≤ p95 from machine ranges, the same for the same seed', () => {
    const input = {
      stocks: latestIaeaStock,
      capacity: {
        kind: 'machines' as const,
        machines: [
          { machineType: 'IR-1', count: 5060 },
          { machineType: 'IR-6', count: 506 },
        ],
      },
      uncertainty: { seed: 2025, samples: 20_000 },
    };
    const first = breakoutTime(input);
    const again = breakoutTime(input);
    expect(again.months).toEqual(first.months);
    if (first.months?.kind !== 'monte-carlo') throw new Error('expected a Monte Carlo');
    expect(first.months.p5).toBeLessThanOrEqual(first.months.p50);
    expect(first.months.p50).toBeLessThanOrEqual(first.months.p95);
    // the spread lies between all-high and all-low capacity
    const lowMonths = (first.swu! / first.capacity.high) * 12;
    const highMonths = (first.swu! / first.capacity.low) * 12;
    expect(first.months.p5).toBeGreaterThanOrEqual(lowMonths);
    expect(first.months.p95).toBeLessThanOrEqual(highMonths);
    expect(first.assumptions.find((a) => a.name === 'Monte Carlo')?.basis).toMatch(/seed 2025/);
    const other = breakoutTime({ ...input, uncertainty: { seed: 7, samples: 20_000 } });
    expect(other.months).not.toEqual(first.months);
  });

  it('asks for a seed when a capacity is a range, and gives one number when every value is single', () => {
    const machines = { kind: 'machines' as const, machines: [{ machineType: 'IR-1', count: 1000 }] };
    expect(() => breakoutTime({ stocks: latestIaeaStock, capacity: machines })).toThrow(
      /^uncertainty: .*seed/,
    );
    const single = {
      'IR-1': {
        machineType: 'IR-1',
        low: 0.9 as SwuPerYear,
        high: 0.9 as SwuPerYear,
        source: 'test',
        note: 'test',
      },
    };
    const estimate = breakoutTime({
      stocks: latestIaeaStock,
      capacity: { ...machines, machineCapacities: single },
    });
    expect(estimate.months?.kind).toBe('exact');
    expect(exactMonths(estimate)).toBeCloseTo((estimate.swu! / 900) * 12, 12);
  });

  const stock = fc.record({
    percent: fc.double({ min: 0.1, max: 95, noNaN: true }),
    kg: fc.double({ min: 0, max: 5000, noNaN: true }),
  });
  const toStocks = (list: readonly { percent: number; kg: number }[]): UraniumStock[] =>
    list.map((s, i) => ({ label: `stock ${i}`, assay: assayFromPercent(s.percent), kgU: kgU(s.kg) }));

  it('never takes longer when stock is added', () => {
    fc.assert(
      fc.property(
        fc.array(stock, { maxLength: 5 }),
        stock,
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.boolean(),
        (stocks, extra, swuYear, limitedNatural) => {
          const naturalUranium = limitedNatural ? kgU(2000) : 'unlimited';
          const before = breakoutTime({
            stocks: toStocks(stocks),
            capacity: capacity(swuYear),
            naturalUranium,
          });
          const after = breakoutTime({
            stocks: toStocks([...stocks, extra]),
            capacity: capacity(swuYear),
            naturalUranium,
          });
          expect(monthsOrInfinity(after)).toBeLessThanOrEqual(monthsOrInfinity(before) * (1 + 1e-12));
        },
      ),
    );
  });

  it('never takes longer when capacity is added', () => {
    fc.assert(
      fc.property(
        fc.array(stock, { maxLength: 5 }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        (stocks, swuYear, added) => {
          const before = breakoutTime({ stocks: toStocks(stocks), capacity: capacity(swuYear) });
          const after = breakoutTime({ stocks: toStocks(stocks), capacity: capacity(swuYear + added) });
          expect(monthsOrInfinity(after)).toBeLessThanOrEqual(monthsOrInfinity(before));
        },
      ),
    );
  });

  it('never takes longer when machines are added, in every Monte Carlo percentile', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (ir1, ir6, seed) => {
          const run = (machines: { machineType: string; count: number }[]) =>
            breakoutTime({
              stocks: latestIaeaStock,
              capacity: { kind: 'machines', machines },
              uncertainty: { seed, samples: 200 },
            }).months;
          const before = run([{ machineType: 'IR-1', count: ir1 }]);
          const after = run([
            { machineType: 'IR-1', count: ir1 },
            { machineType: 'IR-6', count: ir6 },
          ]);
          if (before?.kind !== 'monte-carlo' || after?.kind !== 'monte-carlo')
            throw new Error('expected Monte Carlo');
          expect(after.p5).toBeLessThanOrEqual(before.p5 * (1 + 1e-12));
          expect(after.p50).toBeLessThanOrEqual(before.p50 * (1 + 1e-12));
          expect(after.p95).toBeLessThanOrEqual(before.p95 * (1 + 1e-12));
        },
      ),
      { numRuns: 50 },
    );
  });
});
