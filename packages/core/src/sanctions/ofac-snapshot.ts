import type { IsoDate } from '../units.ts';
import type { OfacEntry } from './ofac-entry.ts';

/**
 * A dated copy of an OFAC list, as preserved. `lists` says what it covers: the SDN list, the Consolidated
 * (non-SDN) List, or both. An entry missing from a copy says it is off a list only for the lists the copy
 * covers: the 2018 Consolidated List says nothing about the SDN list.
 */
export interface OfacSnapshot {
  /** A short name, e.g. `2019-01` or `2018-04-consolidated`. */
  readonly label: string;
  /** The latest day the copy can be from. */
  readonly date: IsoDate;
  /**
   * The earliest day the copy can be from, when its date is known only to a range (the 2019-01 copy is from
   * 2018-12-19 to 2019-01-04); the same as `date` when absent.
   */
  readonly earliestDate?: IsoDate;
  readonly lists: readonly ('sdn' | 'consolidated')[];
  readonly entries: readonly OfacEntry[];
}

/** The earliest day a snapshot can be from. */
export function snapshotEarliestDate(snapshot: OfacSnapshot): IsoDate {
  return snapshot.earliestDate ?? snapshot.date;
}
