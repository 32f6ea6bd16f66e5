import type { IsoDate } from '../units.ts';

/**
 * When a list event happened, as far as the sources tell: after `after` (exclusive) and on or before `by`
 * (inclusive). Snapshots date an event by the interval between the last copy without it and the first
 * with it; the daily change log dates it to within about a day. `after` is absent when nothing earlier is
 * known (an entry already on the oldest snapshot).
 */
export interface EventDating {
  readonly after?: IsoDate;
  readonly by: IsoDate;
  /**
   * What dates it: two snapshots (or an entry number newer than a snapshot's), the daily change log, or
   * the listing date a list gives the entry itself (the advanced XML's `Created` EntryEvent).
   */
  readonly basis: 'snapshots' | 'change-log' | 'listing-date';
  /** The dating in words, e.g. `between the 2015-01 and 2019-01 snapshots`. */
  readonly evidence: string;
}

/** A three-valued answer: the dates decide it either way, or the interval straddles the date. */
export type Determination = 'yes' | 'no' | 'undetermined';

/** The calendar day `days` after (or before, when negative) a date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]; // YYYY-MM-DD
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return shifted.toISOString().slice(0, 10) as IsoDate; // toISOString starts with YYYY-MM-DD
}

/** Whether the event happened on or after `date`: `undetermined` when the interval holds days on both sides. */
export function happenedOnOrAfter(dating: EventDating, date: IsoDate): Determination {
  if (dating.by < date) return 'no';
  if (dating.after !== undefined && dating.after >= addDays(date, -1)) return 'yes';
  return 'undetermined';
}

/** Whether the event happened before `date`. */
export function happenedBefore(dating: EventDating, date: IsoDate): Determination {
  return negate(happenedOnOrAfter(dating, date));
}

/** Whether the interval may hold `date`: the event may have happened that day. */
export function mayHaveHappenedOn(dating: EventDating, date: IsoDate): boolean {
  return dating.by >= date && (dating.after === undefined || dating.after < date);
}

/** Whether event `a` happened before event `b`, as their intervals tell. */
export function happenedBeforeEvent(a: EventDating, b: EventDating): Determination {
  if (b.after !== undefined && a.by <= b.after) return 'yes';
  if (a.after !== undefined && a.after >= b.by) return 'no';
  return 'undetermined';
}

/** The dating of an event seen in a daily change log on `date`: OFAC acted that day or the day before. */
export function changeLogDating(date: IsoDate): EventDating {
  return {
    after: addDays(date, -2),
    by: date,
    basis: 'change-log',
    evidence: `in the change log on ${date}`,
  };
}

/**
 * The dating of a listing on the day a list itself gives (the advanced XML's `Created` EntryEvent);
 * `source` names the list, e.g. `ofac-consolidated-advanced-2020-03-17`.
 */
export function listingDateDating(date: IsoDate, source: string): EventDating {
  return {
    after: addDays(date, -1),
    by: date,
    basis: 'listing-date',
    evidence: `listed on ${date} as the ${source} list gives it (its Created EntryEvent)`,
  };
}

/** The interval in words, e.g. `2015-01-31 < date <= 2019-01-04`. */
export function describeDating(dating: EventDating): string {
  return dating.after === undefined
    ? `on or before ${dating.by} (${dating.evidence})`
    : `after ${dating.after} and on or before ${dating.by} (${dating.evidence})`;
}

function negate(value: Determination): Determination {
  return value === 'yes' ? 'no' : value === 'no' ? 'yes' : 'undetermined';
}
