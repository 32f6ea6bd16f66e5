import type { IsoDate } from '../units.ts';
import { daysPerMonth } from './units.ts';

const millisecondsPerDay = 86_400_000;

/** Days since 1970-01-01 of a calendar date (UTC; no clock involved). */
export function dayNumber(date: IsoDate): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
    millisecondsPerDay
  );
}

/** The calendar date a day number stands for. */
export function dateOfDayNumber(day: number): IsoDate {
  return new Date(day * millisecondsPerDay).toISOString().slice(0, 10) as IsoDate; // ISO output is YYYY-MM-DD…
}

/** Months from `from` to `to` (negative when `to` is earlier), in months of `daysPerMonth` days. */
export function monthsBetween(from: IsoDate, to: IsoDate): number {
  return (dayNumber(to) - dayNumber(from)) / daysPerMonth;
}

/** The date `count` calendar months after `date`, the day clamped to the month's end (01-31 + 1 → 02-28). */
export function addCalendarMonths(date: IsoDate, count: number): IsoDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + count;
  const day = Number(date.slice(8, 10));
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, lastDay))).toISOString().slice(0, 10) as IsoDate; // YYYY-MM-DD…
}
