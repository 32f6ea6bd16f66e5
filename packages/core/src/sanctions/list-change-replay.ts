import type { OfacListChange } from './ofac-list-change.ts';

/**
 * Applies daily list changes, in the order given, to the program tags of a list's entries (by entry
 * number): `added` sets an entry's tags, `removed` takes the entry off, `programs-changed` sets its new
 * tags. Returns a new map; the input is not changed. Replaying the change log between two snapshots onto
 * the first should give the second.
 */
export function replayListChanges(
  programsByEntry: ReadonlyMap<number, readonly string[]>,
  changes: Iterable<OfacListChange>,
): Map<number, readonly string[]> {
  const result = new Map(programsByEntry);
  for (const change of changes) {
    if (change.kind === 'removed') result.delete(change.entryNumber);
    else result.set(change.entryNumber, change.programs);
  }
  return result;
}
