import { partialDate } from '@lockstep/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partialDateOfPrinted, printedOfacDate } from './printed-date.ts';

describe('OFAC printed dates', () => {
  it('convert between OFAC print and partial dates', () => {
    expect(printedOfacDate(partialDate('2012-02-05'))).toBe('05 Feb 2012');
    expect(printedOfacDate(partialDate('2012-07'))).toBe('Jul 2012');
    expect(printedOfacDate(partialDate('1983'))).toBe('1983');
    expect(partialDateOfPrinted('10 Jul 1991')).toBe('1991-07-10');
    expect(partialDateOfPrinted('Sep 2006')).toBe('2006-09');
    expect(partialDateOfPrinted('1983')).toBe('1983');
  });

  it('read nothing from other text or impossible days', () => {
    for (const text of ['circa 1990', '5 Feb 2012', '30 Feb 2012', '12 2012', '01 Foo 2012']) {
      expect(partialDateOfPrinted(text)).toBeUndefined();
    }
  });

  it('read back every date they print', () => {
    const day = fc
      .date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10));
    const date = fc
      .oneof(
        day,
        day.map((d) => d.slice(0, 7)),
        day.map((d) => d.slice(0, 4)),
      )
      .map(partialDate);
    fc.assert(
      fc.property(date, (value) => {
        expect(partialDateOfPrinted(printedOfacDate(value))).toBe(value);
      }),
    );
  });
});
