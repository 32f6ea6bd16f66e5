import { describe, expect, it } from 'vitest';
import { NuclearInputError } from './nuclear-input-error.ts';
import {
  assayFromFraction,
  assayFromPercent,
  assayToPercent,
  days,
  daysFromMonths,
  kgU,
  kgUFromKgUf6,
  months,
  monthsFromDays,
  swuPerYear,
} from './units.ts';

describe('nuclear units', () => {
  it('takes assays in percent at the edge and keeps fractions inside', () => {
    expect(assayFromPercent(3.67)).toBeCloseTo(0.0367, 12);
    expect(assayToPercent(assayFromPercent(60))).toBeCloseTo(60, 12);
    expect(assayFromFraction(0.00711)).toBe(0.00711);
  });

  it.each([0, 100, -1, 120, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses the assay %s%%, naming the parameter',
    (value) => {
      const error = (() => {
        try {
          assayFromPercent(value, 'feedAssay');
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(NuclearInputError);
      expect(error).toBeInstanceOf(RangeError);
      expect((error as NuclearInputError).parameter).toBe('feedAssay');
      expect((error as NuclearInputError).message).toMatch(/^feedAssay: .* strictly between 0 and 100/);
    },
  );

  it('refuses negative and non-finite masses and capacities, saying what is accepted', () => {
    expect(() => kgU(-1, 'stocks[0].kgU')).toThrow(
      'stocks[0].kgU: -1 is not accepted: expected a finite number ≥ 0 (kg U)',
    );
    expect(() => kgU(Number.NaN)).toThrow(/NaN is not accepted/);
    expect(() => swuPerYear(Number.POSITIVE_INFINITY)).toThrow(/SWU per year/);
    expect(kgU(0)).toBe(0);
  });

  it('converts the JCPOA cap of 300 kg UF6 to 202.8 kg U', () => {
    expect(kgUFromKgUf6(300)).toBeCloseTo(202.8, 9);
  });

  it('converts months and days at 365.25 / 12 days a month', () => {
    expect(daysFromMonths(months(12))).toBeCloseTo(365.25, 9);
    expect(monthsFromDays(days(30.4375))).toBeCloseTo(1, 12);
  });
});
