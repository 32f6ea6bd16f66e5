import { describe, expect, it } from 'vitest';
import { isoDate } from '../units.ts';
import { projectWindow, restartMonths } from './projection.ts';
import { shippedCentrifugeEvents, shippedLimits, shippedStockpile } from './testing/shipped-nuclear-rows.ts';
import { months } from './units.ts';

const input = {
  limits: shippedLimits,
  stockpile: shippedStockpile,
  centrifuges: shippedCentrifugeEvents,
  reinstallationTime: months(3),
};

describe('projectWindow', () => {
  it('fits a least-squares trend per band over the last k reports', () => {
    const projection = projectWindow({ ...input, from: isoDate('2025-06-01'), until: isoDate('2026-06-01') });
    const sixty = projection.trends.find((t) => t.series === 'up-to-60pct')!;
    expect(sixty.method).toBe('least-squares');
    expect(sixty.points.map((p) => p.kgU)).toEqual([182.3, 274.8, 408.6]);
    // by hand: x = −203 and −98 days and 0 from 2025-05-17, in months of 30.4375 days
    const xs = [-203 / 30.4375, -98 / 30.4375, 0];
    const ys = [182.3, 274.8, 408.6];
    const mx = (xs[0]! + xs[1]! + xs[2]!) / 3;
    const my = (ys[0]! + ys[1]! + ys[2]!) / 3;
    const slope =
      xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    expect(sixty.slopeKgUPerMonth).toBeCloseTo(slope, 9);
    expect(projection.trends.find((t) => t.series === 'up-to-20pct')).toMatchObject({
      method: 'unknown',
      slopeKgUPerMonth: null,
    });
    expect(projection.months).toHaveLength(13);
    expect(projection.months.at(-1)?.date).toBe('2026-06-01');
    expect(projection.months.every((m) => m.basis === 'projected')).toBe(true);
    const sixties = projection.months.map((m) => m.stockpile.byLevel['up-to-60pct']!);
    expect(sixties.every((v, i) => i === 0 || v > sixties[i - 1]!)).toBe(true);
  });

  it('takes k from the caller', () => {
    const projection = projectWindow({
      ...input,
      from: isoDate('2025-06-01'),
      until: isoDate('2025-07-01'),
      trendReports: 2,
    });
    expect(projection.trends.find((t) => t.series === 'total')?.points.map((p) => p.asOf)).toEqual([
      '2025-02-08',
      '2025-05-17',
    ]);
    expect(projection.assumptions.find((a) => a.name === 'trend')?.value).toBe(2);
  });

  it('shows reported figures up to the last report, then projections, each with its rows', () => {
    const projection = projectWindow({ ...input, from: isoDate('2025-01-01'), until: isoDate('2025-07-01') });
    expect(projection.months.map((m) => m.basis)).toEqual([
      'reported',
      'reported',
      'reported',
      'reported',
      'reported',
      'projected',
      'projected',
    ]);
    expect(projection.months[0]?.stockpile.totalKgU).toBe(6604.4);
    expect(projection.months[0]?.sources[0]?.line).toBe(22);
    expect(projection.months[6]?.sources.map((s) => s.line).sort()).toEqual([22, 23, 24]);
  });

  it('finds when a full return stops restoring the goal: advanced machines stored in March 2021', () => {
    // at the low end of each range the permitted 5060 IR-1 alone give about 14 months; the 696 advanced
    // machines reported on 2021-03-15, re-installed after 3 months, bring it to about 10
    const projection = projectWindow({
      ...input,
      capacityPoint: 'low',
      from: isoDate('2020-01-01'),
      until: isoDate('2022-12-31'),
    });
    expect(projection.window).toMatchObject({
      status: 'closes',
      closesOn: '2021-04-01',
      permittedOnlyMeetsGoal: true,
    });
    expect(projection.window.permittedOnlyMonths).toBeGreaterThan(13);
    expect(projection.window.explanation).toMatch(
      /^From 2021-04-01, a full return gives 10\.\d+ months once the 696 stored/,
    );
    const march = projection.months.find((m) => m.date === '2021-03-01')!;
    expect(march.afterFullReturn.withReinstalled).toBeCloseTo(march.afterFullReturn.permittedOnly!, 12);
  });

  it('keeps the window open when re-installation is slower than the permitted machines alone', () => {
    const projection = projectWindow({
      ...input,
      capacityPoint: 'low',
      reinstallationTime: months(24),
      from: isoDate('2020-01-01'),
      until: isoDate('2025-12-31'),
    });
    expect(projection.window).toMatchObject({ status: 'open-through-horizon', closesOn: null });
  });

  it('says when even the permitted machines fall short of the goal', () => {
    const projection = projectWindow({
      ...input,
      capacityPoint: 'high',
      from: isoDate('2020-01-01'),
      until: isoDate('2020-03-01'),
    });
    expect(projection.window).toMatchObject({ status: 'closed-before-start', permittedOnlyMeetsGoal: false });
    expect(projection.window.explanation).toMatch(/Even with the permitted machines only/);
  });

  it('lists its assumptions, the re-installation time among them', () => {
    const projection = projectWindow({ ...input, from: isoDate('2025-06-01'), until: isoDate('2025-06-01') });
    const names = projection.assumptions.map((a) => a.name);
    expect(names).toEqual(
      expect.arrayContaining(['trend', 're-installation time', 'full return', 'centrifuges', 'tails assay']),
    );
    expect(projection.assumptions.find((a) => a.name === 'full return')?.basis).toMatch(
      /jcpoa-limits\.csv line 3/,
    );
  });

  it('names the option that is wrong', () => {
    expect(() =>
      projectWindow({ ...input, from: isoDate('2025-06-01'), until: isoDate('2025-01-01') }),
    ).toThrow(/^until:/);
    expect(() =>
      projectWindow({ ...input, from: isoDate('2025-06-01'), until: isoDate('2025-07-01'), trendReports: 1 }),
    ).toThrow(/^trendReports: 1 is not accepted/);
    expect(() =>
      projectWindow({ ...input, limits: [], from: isoDate('2025-06-01'), until: isoDate('2025-07-01') }),
    ).toThrow(/^limits: no limit with id "stockpile"/);
    expect(() =>
      projectWindow({
        ...input,
        from: isoDate('2025-06-01'),
        until: isoDate('2025-07-01'),
        advancedMachineGrowth: [{ machineType: 'IR-9', perMonth: 10 }],
      }),
    ).toThrow(/^machineType: "IR-9" has no separative capacity/);
  });
});

describe('restartMonths', () => {
  it('lets the permitted machines work alone until the stored ones are back', () => {
    // 1200 SWU at 1200 SWU/yr (100 a month): done in 12 months, before re-installation at 24
    expect(restartMonths(1200, 1200, 2400, 24, 0)).toBeCloseTo(12, 12);
    // re-installation at 3 months: 300 SWU done, the other 900 at 300 a month take 3 more
    expect(restartMonths(1200, 1200, 2400, 3, 0)).toBeCloseTo(6, 12);
    expect(restartMonths(1200, 0, 1200, 3, 0.5)).toBeCloseTo(15.5, 12);
    expect(restartMonths(1200, 0, 0, 3, 0)).toBeNull();
  });
});
