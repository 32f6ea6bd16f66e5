import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.ts';

describe('seededRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 5 }, () => random());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('draws uniformly in [0, 1)', () => {
    const random = seededRandom(7);
    let sum = 0;
    let outside = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = random();
      if (!(x >= 0 && x < 1)) outside += 1;
      sum += x;
    }
    expect(outside).toBe(0);
    expect(sum / n).toBeCloseTo(0.5, 2);
  });

  it('refuses a seed that is not a 32-bit unsigned integer', () => {
    expect(() => seededRandom(1.5)).toThrow(
      'seed: 1.5 is not accepted: expected an integer from 0 to 4294967295',
    );
    expect(() => seededRandom(-1)).toThrow(/^seed:/);
  });
});
