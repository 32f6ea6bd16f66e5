import { type IsoDate, isoDate } from '../units.ts';
import { changeLogDating, type EventDating, listingDateDating, mayHaveHappenedOn } from './event-dating.ts';
import type { OfacEntry } from './ofac-entry.ts';
import { type OfacList, ofacListName } from './ofac-list.ts';
import type { OfacListChange } from './ofac-list-change.ts';
import { type OfacSnapshot, snapshotEarliestDate } from './ofac-snapshot.ts';
import { defaultRelistingThreshold, linkRelistedEntries, type RelistingLink } from './relisting-link.ts';

/**
 * What happened to an entry: it was listed, delisted, moved between the SDN list and the Consolidated List
 * (the E.O. 13599 moves of 2016 and 2018), or a program tag was added, removed or renamed by OFAC.
 */
export const historyEventKinds = [
  'listed',
  'delisted',
  'moved',
  'program-added',
  'program-removed',
  'program-renamed',
] as const;

/** One of {@link historyEventKinds}. */
export type HistoryEventKind = (typeof historyEventKinds)[number];

/** One dated event of an entry's designation history. */
export interface HistoryEvent {
  readonly kind: HistoryEventKind;
  readonly entryNumber: number;
  readonly name: string;
  /** The list the entry is on after the event; for `delisted`, the list it left. */
  readonly list: OfacList;
  /** For `moved`: the list it left. */
  readonly fromList?: OfacList;
  /** The entry's tags after the event; for `delisted`, the tags it had. */
  readonly programs: readonly string[];
  /** For program events: the tag added or removed, or the new tag of a renaming. */
  readonly program?: string;
  /** For `program-renamed`: the tag OFAC printed before. */
  readonly previousProgram?: string;
  readonly dating: EventDating;
}

/** An entry as one snapshot shows it. */
export interface EntryPresence {
  readonly snapshot: string;
  readonly date: IsoDate;
  readonly list: OfacList;
  readonly programs: readonly string[];
}

/** The history of one entry number across the snapshots and the change log. */
export interface EntryHistory {
  readonly entryNumber: number;
  /**
   * The entry as it was last seen. For an entry seen only in the change log (listed and delisted between
   * two snapshots), a stand-in with its number, name and tags; its type is not known and reads `entity`.
   */
  readonly latest: OfacEntry;
  readonly events: readonly HistoryEvent[];
  readonly seen: readonly EntryPresence[];
}

/**
 * The daily change log of the SDN list between two snapshot dates: `from` is the date of the version the
 * first change applies to, `to` the date of the last version read.
 */
export interface ChangeLog {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly changes: readonly OfacListChange[];
}

/**
 * An entry where replaying the change log onto one snapshot did not give the next: the tags after the
 * replay and as the snapshot lists them (absent: not on the list). Its events are then dated by the
 * snapshots.
 */
export interface ReplayDiscrepancy {
  readonly entryNumber: number;
  readonly snapshot: string;
  readonly replayed?: readonly string[];
  readonly listed?: readonly string[];
}

/** A {@link RelistingLink} found when the new entry first appeared in `snapshot`. */
export interface DatedRelistingLink extends RelistingLink {
  readonly snapshot: string;
}

/** Designation histories of all entries seen, the links between re-listed entries, and replay checks. */
export interface DesignationHistory {
  /** The snapshots, oldest first, without their entries. */
  readonly snapshots: readonly Omit<OfacSnapshot, 'entries'>[];
  readonly entries: ReadonlyMap<number, EntryHistory>;
  readonly links: readonly DatedRelistingLink[];
  readonly discrepancies: readonly ReplayDiscrepancy[];
}

/** Options of {@link buildDesignationHistory}. */
export interface DesignationHistoryOptions {
  /**
   * The change log; between two consecutive SDN snapshots within its `from` and `to`, its changes dated
   * after the first copy and on or before the second are replayed (a copy dated inside the log splits it).
   */
  readonly changeLog?: ChangeLog;
  /** Renamed tags, old to new (`ILLICIT-DRUGS-EO` to `ILLICIT-DRUGS-EO14059`): their change is a renaming. */
  readonly renames?: ReadonlyMap<string, string>;
  /** The lowest confidence of a re-listing link; {@link defaultRelistingThreshold} by default. */
  readonly linkThreshold?: number;
}

/** A problem with the snapshots given to {@link buildDesignationHistory}. */
export class DesignationHistoryError extends Error {
  override name = 'DesignationHistoryError';
}

interface State {
  list: OfacList;
  programs: readonly string[];
  entry: OfacEntry;
  /** Index of the snapshot that last showed this state, for dating what comes after. */
  lastSeen: number;
}

interface MutableHistory {
  entryNumber: number;
  latest: OfacEntry;
  events: HistoryEvent[];
  seen: EntryPresence[];
}

/**
 * Builds each entry's designation history from dated snapshots (oldest first) and, optionally, the daily
 * change log between two of them.
 * - An event seen between two snapshots is dated by them: after the earliest date of the last copy that
 *   showed the old state, on or before the date of the first that shows the new. An entry first seen with a
 *   number above the highest number of an earlier copy did not exist then (OFAC numbers entries in
 *   order), which narrows when it was listed.
 * - An entry missing from a copy is delisted only if the copy covers its list: the 2018 Consolidated List
 *   says nothing about SDN entries. An SDN entry that shows up on the E.O. 13599 List has `moved`.
 * - Between the snapshots the change log spans, its events are used with their days; where the replay does
 *   not give the next snapshot, the difference is dated by the snapshots and reported as a discrepancy.
 * - An entry whose list gives its own listing date (`designationDate`, from the advanced XML) has its first
 *   listing dated to that day, when the snapshots' interval holds it (basis `listing-date`).
 * - Entries that left and entries that first appear are linked by {@link linkRelistedEntries}.
 */
export function buildDesignationHistory(
  snapshots: readonly OfacSnapshot[],
  options: DesignationHistoryOptions = {},
): DesignationHistory {
  for (let i = 1; i < snapshots.length; i++) {
    if (snapshots[i]!.date <= snapshots[i - 1]!.date) {
      throw new DesignationHistoryError(
        `snapshot "${snapshots[i]!.label}" (${snapshots[i]!.date}) is not later than "${snapshots[i - 1]!.label}" (${snapshots[i - 1]!.date}); give snapshots oldest first`,
      );
    }
  }
  const renames = options.renames ?? new Map<string, string>();
  const histories = new Map<number, MutableHistory>();
  const states = new Map<number, State>();
  const discrepancies: ReplayDiscrepancy[] = [];
  const links: DatedRelistingLink[] = [];
  const linkedFrom = new Set<number>();
  const firstSeen = new Map<number, number>();
  // Entries known only from the change log: their type is not known, so they are not linked.
  const logOnly = new Set<number>();
  const highestNumbers = snapshots.map((snapshot) =>
    snapshot.entries.reduce((highest, entry) => Math.max(highest, entry.entryNumber), 0),
  );

  const record = (entry: OfacEntry, event: Omit<HistoryEvent, 'entryNumber' | 'name'>) => {
    historyOf(histories, entry).events.push({ entryNumber: entry.entryNumber, name: entry.name, ...event });
  };
  const programEvents = (
    entry: OfacEntry,
    list: OfacList,
    before: readonly string[],
    after: readonly string[],
    dating: EventDating,
  ) => {
    const removed = before.filter((tag) => !after.includes(tag));
    const added = after.filter((tag) => !before.includes(tag));
    for (const tag of removed) {
      const renamed = renames.get(tag);
      if (renamed !== undefined && added.includes(renamed)) {
        added.splice(added.indexOf(renamed), 1);
        record(entry, {
          kind: 'program-renamed',
          list,
          programs: after,
          program: renamed,
          previousProgram: tag,
          dating,
        });
      } else {
        record(entry, { kind: 'program-removed', list, programs: after, program: tag, dating });
      }
    }
    for (const tag of added)
      record(entry, { kind: 'program-added', list, programs: after, program: tag, dating });
  };

  snapshots.forEach((snapshot, index) => {
    const previous = snapshots[index - 1];
    const between = (from: number): EventDating => ({
      after: snapshotEarliestDate(snapshots[from]!),
      by: snapshot.date,
      basis: 'snapshots',
      evidence: `between the ${snapshots[from]!.label} and ${snapshot.label} snapshots`,
    });
    const log = options.changeLog;
    if (
      log &&
      previous &&
      previous.date >= log.from &&
      snapshot.date <= log.to &&
      previous.lists.includes('sdn') &&
      snapshot.lists.includes('sdn')
    ) {
      // The part of the log between these two copies: a change seen on a copy's date is in that copy.
      for (const change of log.changes) {
        if (change.date <= previous.date || change.date > snapshot.date) continue;
        const dating = changeLogDating(change.date);
        const state = states.get(change.entryNumber);
        const entry: OfacEntry = state?.entry ?? placeholderEntry(change);
        if (!state && !histories.has(change.entryNumber)) logOnly.add(change.entryNumber);
        if (change.kind === 'removed') {
          if (state && state.list.kind === 'sdn') {
            record(entry, { kind: 'delisted', list: state.list, programs: state.programs, dating });
            states.delete(change.entryNumber);
          }
          continue;
        }
        if (!state) {
          record(entry, { kind: 'listed', list: { kind: 'sdn' }, programs: change.programs, dating });
          historyOf(histories, entry);
          if (!firstSeen.has(change.entryNumber)) firstSeen.set(change.entryNumber, index);
        } else if (state.list.kind !== 'sdn') {
          record(entry, {
            kind: 'moved',
            list: { kind: 'sdn' },
            fromList: state.list,
            programs: change.programs,
            dating,
          });
        } else {
          programEvents(entry, state.list, state.programs, change.programs, dating);
        }
        states.set(change.entryNumber, {
          list: { kind: 'sdn' },
          programs: change.programs,
          entry,
          lastSeen: index - 1,
        });
      }
      const replayed = new Map<number, readonly string[]>();
      for (const [number, state] of states)
        if (state.list.kind === 'sdn') replayed.set(number, state.programs);
      const listed = new Map(snapshot.entries.map((entry) => [entry.entryNumber, entry.programs] as const));
      for (const number of new Set([...replayed.keys(), ...listed.keys()])) {
        const a = replayed.get(number);
        const b = listed.get(number);
        if (a?.join('|') !== b?.join('|')) {
          discrepancies.push({
            entryNumber: number,
            snapshot: snapshot.label,
            ...(a !== undefined && { replayed: a }),
            ...(b !== undefined && { listed: b }),
          });
        }
      }
    }

    const present = new Set<number>();
    for (const entry of snapshot.entries) {
      present.add(entry.entryNumber);
      logOnly.delete(entry.entryNumber);
      const state = states.get(entry.entryNumber);
      const history = historyOf(histories, entry);
      history.latest = entry;
      history.seen.push({
        snapshot: snapshot.label,
        date: snapshot.date,
        list: entry.list,
        programs: entry.programs,
      });
      if (!state) {
        if (!firstSeen.has(entry.entryNumber)) firstSeen.set(entry.entryNumber, index);
        record(entry, {
          kind: 'listed',
          list: entry.list,
          programs: entry.programs,
          dating: listingDating(snapshots, highestNumbers, index, entry),
        });
      } else {
        const dating = between(state.lastSeen);
        if (!sameList(state.list, entry.list)) {
          record(entry, {
            kind: 'moved',
            list: entry.list,
            fromList: state.list,
            programs: entry.programs,
            dating,
          });
        }
        programEvents(entry, entry.list, state.programs, entry.programs, dating);
      }
      states.set(entry.entryNumber, { list: entry.list, programs: entry.programs, entry, lastSeen: index });
    }
    for (const [number, state] of states) {
      if (present.has(number) || !snapshot.lists.includes(state.list.kind)) continue;
      record(state.entry, {
        kind: 'delisted',
        list: state.list,
        programs: state.programs,
        dating: between(state.lastSeen),
      });
      states.delete(number);
    }

    // A list that gives an entry's own listing date (the advanced XML) dates its first listing to the day,
    // where the snapshots leave that day possible: the day never contradicts what the snapshots show.
    for (const entry of snapshot.entries) {
      if (entry.designationDate === undefined) continue;
      const events = histories.get(entry.entryNumber)!.events;
      const first = events.findIndex((event) => event.kind === 'listed');
      const listed = events[first];
      const day = listed && listingDay(entry, listed.list);
      if (
        listed &&
        day !== undefined &&
        day <= snapshot.date &&
        listed.dating.basis === 'snapshots' &&
        mayHaveHappenedOn(listed.dating, day)
      ) {
        events[first] = { ...listed, dating: listingDateDating(day, snapshot.label) };
      }
    }

    if (index > 0) {
      const newer = snapshot.entries.filter((entry) => firstSeen.get(entry.entryNumber) === index);
      const older = [...histories.values()]
        .filter((history) => !present.has(history.entryNumber) && !linkedFrom.has(history.entryNumber))
        .filter((history) => !logOnly.has(history.entryNumber))
        .filter((history) => (firstSeen.get(history.entryNumber) ?? index) < index)
        .map((history) => history.latest);
      for (const link of linkRelistedEntries(older, newer, options.linkThreshold)) {
        linkedFrom.add(link.from);
        links.push({ ...link, snapshot: snapshot.label });
      }
    }
  });

  const entries = new Map<number, EntryHistory>();
  for (const [number, history] of [...histories].sort((a, b) => a[0] - b[0])) entries.set(number, history);
  return {
    snapshots: snapshots.map(({ entries: _entries, ...rest }) => rest),
    entries,
    links,
    discrepancies,
  };
}

/**
 * The entry numbers of one party, oldest first: the entry and the entries it re-lists, followed back
 * through the links.
 */
export function entryLineage(history: DesignationHistory, entryNumber: number): number[] {
  const byTarget = new Map(history.links.map((link) => [link.to, link.from] as const));
  const lineage = [entryNumber];
  let current = byTarget.get(entryNumber);
  while (current !== undefined && !lineage.includes(current)) {
    lineage.unshift(current);
    current = byTarget.get(current);
  }
  return lineage;
}

function historyOf(histories: Map<number, MutableHistory>, entry: OfacEntry): MutableHistory {
  let history = histories.get(entry.entryNumber);
  if (!history) {
    history = { entryNumber: entry.entryNumber, latest: entry, events: [], seen: [] };
    histories.set(entry.entryNumber, history);
  }
  return history;
}

/**
 * When an entry first seen in snapshot `index` was listed: after the last earlier copy that covers its list
 * and, since numbers are given in order, after the last copy whose highest number is below its own.
 */
function listingDating(
  snapshots: readonly OfacSnapshot[],
  highestNumbers: readonly number[],
  index: number,
  entry: OfacEntry,
): EventDating {
  const snapshot = snapshots[index]!;
  let after: IsoDate | undefined;
  let evidence = `first seen in the ${snapshot.label} snapshot`;
  for (let i = index - 1; i >= 0; i--) {
    if (snapshots[i]!.lists.includes(entry.list.kind)) {
      after = snapshotEarliestDate(snapshots[i]!);
      evidence = `between the ${snapshots[i]!.label} and ${snapshot.label} snapshots`;
      break;
    }
  }
  for (let i = index - 1; i >= 0; i--) {
    const earliest = snapshotEarliestDate(snapshots[i]!);
    if (highestNumbers[i]! < entry.entryNumber && (after === undefined || earliest > after)) {
      after = earliest;
      evidence = `${evidence}; entry number ${entry.entryNumber} is above ${highestNumbers[i]}, the highest of ${snapshots[i]!.label}`;
      break;
    }
  }
  return after === undefined
    ? {
        by: snapshot.date,
        basis: 'snapshots',
        evidence: `on the ${snapshot.label} snapshot, the oldest of its list`,
      }
    : { after, by: snapshot.date, basis: 'snapshots', evidence };
}

/**
 * The day the entry's own list data says it was put on `list`: its designation date when `list` is the
 * list the entry stands for, else the date of its listing on the SDN List (the advanced XML's `listings`);
 * undefined when that is not known to the day.
 */
function listingDay(entry: OfacEntry, list: OfacList): IsoDate | undefined {
  const date =
    list.kind === entry.list.kind
      ? entry.designationDate
      : list.kind === 'sdn'
        ? entry.listings?.find((listing) => listing.list === 'SDN List')?.date
        : undefined;
  // A partial date of day precision is a calendar day: its constructor checked it.
  return date?.length === 10 ? isoDate(date) : undefined;
}

function sameList(a: OfacList, b: OfacList): boolean {
  return ofacListName(a) === ofacListName(b);
}

/** An entry known only from the change log until a snapshot shows it: its number, name and tags. */
function placeholderEntry(change: OfacListChange): OfacEntry {
  return {
    entryNumber: change.entryNumber,
    name: change.name,
    type: 'entity',
    programs: change.programs,
    list: { kind: 'sdn' },
    aliases: [],
    addresses: [],
  };
}
