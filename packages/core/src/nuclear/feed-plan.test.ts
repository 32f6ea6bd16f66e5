import { describe, expect, it } from 'vitest';
import { naturalUraniumLabel, planFeeds } from './feed-plan.ts';
import { weaponGradeAssay } from './reference-assays.ts';
import { assayFromPercent, kgU } from './units.ts';

const request = {
  productKgU: kgU(27.78),
  productAssay: weaponGradeAssay,
  tailsAssay: assayFromPercent(0.3),
  naturalUranium: 'unlimited' as const,
};

describe('planFeeds', () => {
  it('uses the highest assay first and natural uranium only for what is left', () => {
    const plan = planFeeds(
      [
        { label: '20 %', assay: assayFromPercent(20), kgU: kgU(100) },
        { label: '60 %', assay: assayFromPercent(60), kgU: kgU(20) },
      ],
      request,
    );
    expect(plan.uses.map((u) => [u.label, u.role])).toEqual([
      ['60 %', 'enriched'],
      ['20 %', 'enriched'],
      [naturalUraniumLabel, 'not-needed'],
    ]);
    expect(plan.uses[0]!.feedKgU).toBe(20);
    expect(plan.uses[0]!.productKgU + plan.uses[1]!.productKgU).toBeCloseTo(27.78, 9);
    expect(plan.shortfallKgU).toBe(0);
  });

  it('counts stock at 90 % or above kg for kg and cannot use stock at or below the tails', () => {
    const plan = planFeeds(
      [
        { label: 'HEU', assay: assayFromPercent(93), kgU: kgU(10) },
        { label: 'depleted', assay: assayFromPercent(0.2), kgU: kgU(1000) },
      ],
      request,
    );
    expect(plan.uses.find((u) => u.label === 'HEU')).toMatchObject({
      role: 'counted-directly',
      productKgU: 10,
      swu: 0,
    });
    expect(plan.uses.find((u) => u.label === 'depleted')).toMatchObject({ role: 'unusable', feedKgU: 0 });
    expect(plan.uses.find((u) => u.label === naturalUraniumLabel)?.productKgU).toBeCloseTo(17.78, 9);
  });

  it('reports the shortfall when natural uranium is limited', () => {
    const plan = planFeeds([], { ...request, naturalUranium: kgU(1000) });
    // 1000 kg at 0.711 % with 0.3 % tails makes 1000 × 0.411 / 89.7 = 4.58 kg of 90 %
    expect(plan.productKgU).toBeCloseTo(4.582, 3);
    expect(plan.shortfallKgU).toBeCloseTo(27.78 - 4.582, 3);
  });

  it('names the stock whose mass is invalid', () => {
    expect(() => planFeeds([{ label: 'x', assay: assayFromPercent(5), kgU: -3 as never }], request)).toThrow(
      /^stocks\[0\]\.kgU: -3 is not accepted/,
    );
  });
});
