import type { IsoDate } from '../units.ts';

/** What happened to an entry between two daily versions of the SDN list. */
export const ofacListChangeKinds = ['added', 'removed', 'programs-changed'] as const;

/** One of {@link ofacListChangeKinds}. */
export type OfacListChangeKind = (typeof ofacListChangeKinds)[number];

/**
 * A change to the SDN list, from the daily change log (ops `ADD`, `DEL`, `PROG`). The date is the day the
 * change was first seen in a daily copy of the list, within about a day of OFAC's action.
 */
export interface OfacListChange {
  readonly kind: OfacListChangeKind;
  readonly date: IsoDate;
  readonly entryNumber: number;
  /** The entry's name in the version that changed. */
  readonly name: string;
  /** Program tags after the change; for a removal, the tags the entry had when removed. */
  readonly programs: readonly string[];
  /** Program tags before the change: only for `programs-changed`. */
  readonly previousPrograms?: readonly string[];
}
