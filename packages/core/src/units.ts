/**
 * Branded units. A value of one of these types has passed its constructor's check, so code that receives
 * an `IsoDate` or a `KgU` never re-validates it. Brands exist only at compile time.
 */
declare const brand: unique symbol;

/** A nominal type: `T` tagged with the unit or kind `B`. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A calendar date `YYYY-MM-DD` (UTC, no time of day). */
export type IsoDate = Brand<string, 'IsoDate'>;

/**
 * A date known to a stated precision: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. List dates inferred from
 * preserved copies are often known only to the month, and saying more would be inventing a figure.
 */
export type PartialDate = Brand<string, 'PartialDate'>;

/** Thrown by unit constructors: says which value was wrong and what is accepted. */
export class UnitError extends RangeError {
  override name = 'UnitError';
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const partialDatePattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function isRealDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Validates a `YYYY-MM-DD` calendar date, rejecting impossible days such as 2021-02-30. */
export function isoDate(value: string): IsoDate {
  const match = isoDatePattern.exec(value);
  if (!match || !isRealDay(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new UnitError(`invalid date "${value}": expected a calendar date as YYYY-MM-DD`);
  }
  return value as IsoDate; // checked above
}

/** Validates a date of year, month or day precision (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`). */
export function partialDate(value: string): PartialDate {
  const match = partialDatePattern.exec(value);
  const month = match?.[2] === undefined ? 1 : Number(match[2]);
  const day = match?.[3] === undefined ? 1 : Number(match[3]);
  if (!match || month < 1 || month > 12 || !isRealDay(Number(match[1]), month, day)) {
    throw new UnitError(`invalid date "${value}": expected YYYY, YYYY-MM or YYYY-MM-DD`);
  }
  return value as PartialDate; // checked above
}

/** The precision a partial date states. */
export function datePrecision(value: PartialDate): 'year' | 'month' | 'day' {
  return value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
}
