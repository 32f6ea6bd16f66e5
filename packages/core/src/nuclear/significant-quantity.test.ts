import { describe, expect, it } from 'vitest';
import { type SignificantQuantityConvention, significantQuantity } from './significant-quantity.ts';

describe('significantQuantity', () => {
  it('u235 is the IAEA’s 25 kg U-235, about 27.8 kg of 90 % uranium', () => {
    const sq = significantQuantity('u235');
    expect(sq.convention).toBe('u235');
    expect(sq.productKgU).toBeCloseTo(27.78, 2);
    expect(sq.u235Kg).toBe(25);
    expect(sq.definition).toMatch(/IAEA/);
  });

  it('wgu is 25 kg of 90 % uranium, 22.5 kg U-235', () => {
    const sq = significantQuantity('wgu');
    expect(sq.productKgU).toBe(25);
    expect(sq.u235Kg).toBeCloseTo(22.5, 12);
  });

  it('names the accepted conventions when given another', () => {
    expect(() => significantQuantity('bomb' as SignificantQuantityConvention)).toThrow(
      'significantQuantity: "bomb" is not a convention: expected one of u235, wgu',
    );
  });
});
