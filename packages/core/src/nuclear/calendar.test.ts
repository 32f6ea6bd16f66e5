import { describe, expect, it } from 'vitest';
import { isoDate } from '../units.ts';
import { addCalendarMonths, dateOfDayNumber, dayNumber, monthsBetween } from './calendar.ts';

describe('calendar', () => {
  it('counts days and months without a clock', () => {
    expect(dayNumber(isoDate('1970-01-02'))).toBe(1);
    expect(dateOfDayNumber(dayNumber(isoDate('2024-02-29')))).toBe('2024-02-29');
    expect(monthsBetween(isoDate('2025-01-01'), isoDate('2026-01-01'))).toBeCloseTo(365 / 30.4375, 12);
    expect(monthsBetween(isoDate('2026-01-01'), isoDate('2025-01-01'))).toBeLessThan(0);
  });

  it('adds calendar months, clamping the day to the month’s end', () => {
    expect(addCalendarMonths(isoDate('2025-01-31'), 1)).toBe('2025-02-28');
    expect(addCalendarMonths(isoDate('2024-01-31'), 1)).toBe('2024-02-29');
    expect(addCalendarMonths(isoDate('2025-11-15'), 3)).toBe('2026-02-15');
    expect(addCalendarMonths(isoDate('2025-05-17'), 0)).toBe('2025-05-17');
  });
});
