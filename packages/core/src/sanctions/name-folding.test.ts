import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldToken, jaroWinkler, nameTokens, skeletonOf } from './name-folding.ts';

describe('name folding', () => {
  it('cuts names into tokens without case, punctuation or diacritics', () => {
    expect(nameTokens('ZARIF, Mohammad Javad')).toEqual(['zarif', 'mohammad', 'javad']);
    expect(nameTokens("BANK MELLI IRAN ZAO; a.k.a. 'BMI'")).toEqual([
      'bank',
      'melli',
      'iran',
      'zao',
      'a',
      'k',
      'a',
      'bmi',
    ]);
    expect(nameTokens('Ḥosseinī')).toEqual(['hosseini']);
  });

  it('gives common transliterations of one Persian name the same skeleton', () => {
    for (const group of [
      ['MOHAMMAD', 'MUHAMMAD', 'MOHAMED', 'MOHAMMED', 'MUHAMMED'],
      ['HOSSEIN', 'HUSSEIN', 'HUSAYN', 'HOSEIN'],
      ['ROUHANI', 'ROHANI', 'RUHANI'],
      ['ZARIF', 'ZAREEF'],
      ['KHAMENEI', 'XAMENEI', 'KHAMENEY'],
      ['JAVAD', 'JAWAD'],
      ['GHASEMI', 'QASEMI'],
    ]) {
      expect(new Set(group.map((name) => skeletonOf(name.toLowerCase()))).size).toBe(1);
    }
  });

  it('keeps different names apart', () => {
    expect(skeletonOf('zarif')).not.toBe(skeletonOf('zarrabi'));
    expect(foldToken('sepah')).not.toBe(foldToken('saderat'));
  });

  it('scores similarity between 0 and 1, 1 only for equal strings, and symmetrically', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{0,10}$/), fc.stringMatching(/^[a-z]{0,10}$/), (a, b) => {
        const score = jaroWinkler(a, b);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(score === 1).toBe(a === b || (a.length > 0 && a === b));
        expect(jaroWinkler(b, a)).toBeCloseTo(score, 12);
      }),
    );
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
  });
});
