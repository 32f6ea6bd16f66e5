import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leastSquaresLine } from './trend.ts';

describe('leastSquaresLine', () => {
  it('fits the line through points that lie on one', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 8 }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        (xs, slope, intercept) => {
          const line = leastSquaresLine(
            xs,
            xs.map((x) => intercept + slope * x),
          );
          expect(line?.slope).toBeCloseTo(slope, 6);
          expect(line?.intercept).toBeCloseTo(intercept, 4);
        },
      ),
    );
  });

  it('minimises the squared error of scattered points', () => {
    // y = 1, 2, 6 at x = 0, 1, 2: slope = Σdx·dy / Σdx² = (−1·−2 + 0 + 1·3) / 2 = 2.5, intercept = 3 − 2.5 = 0.5
    expect(leastSquaresLine([0, 1, 2], [1, 2, 6])).toEqual({ slope: 2.5, intercept: 0.5 });
  });

  it('has no line for fewer than two distinct x values', () => {
    expect(leastSquaresLine([1], [5])).toBeNull();
    expect(leastSquaresLine([3, 3], [1, 2])).toBeNull();
    expect(() => leastSquaresLine([1, 2], [1])).toThrow(/2 x values but 1 y values/);
  });
});
