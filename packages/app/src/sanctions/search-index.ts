import type { SanctionsSnapshot } from '@lockstep/contract';
import {
  buildEntityIndex,
  type CarriedName,
  type EntityIndex,
  linkRelistedEntries,
  type OfacEntry,
  type SearchNameKind,
} from '@lockstep/core';
import { SanctionsRepository } from '@lockstep/store';
import { InputError } from '../input-error.ts';
import type { OperationContext } from '../operation.ts';

/**
 * The snapshot a search or screening runs on: the one named, else the newest SDN list. An unknown name is
 * an InputError naming the loaded ones.
 */
export async function chooseSearchSnapshot(
  context: OperationContext,
  dataset: string | undefined,
  field = 'snapshot',
): Promise<SanctionsSnapshot> {
  const { snapshots } = await storedSnapshots(context);
  const snapshot = dataset
    ? snapshots.find((s) => s.dataset === dataset)
    : (snapshots.filter((s) => s.dataset.startsWith('ofac-sdn')).at(-1) ?? snapshots.at(-1));
  if (!snapshot) {
    throw new InputError(
      `${field}: no snapshot "${dataset}" is loaded; loaded: ${snapshots.map((s) => s.dataset).join(', ') || 'none'}`,
      field,
    );
  }
  return snapshot;
}

/**
 * The stored snapshots with their newest version ids. Counting entries per snapshot takes tens of
 * milliseconds, longer than a search: the list is kept per set of versions, which one cheap query reads.
 */
async function storedSnapshots(
  context: OperationContext,
): Promise<{ snapshots: SanctionsSnapshot[]; versions: Map<string, number> }> {
  const repo = new SanctionsRepository(context.db);
  const versions = await repo.snapshotVersions();
  const key = [...versions].map(([name, id]) => `${name}@${id}`).join(',');
  const snapshots = await context.memo(`sanctions-snapshots:${key}`, () => repo.snapshots());
  return { snapshots, versions };
}

/**
 * The entries of a stored snapshot, read once per version and shared by the search index and the sanctions
 * model (both read every snapshot; reading them twice cost seconds).
 */
export async function storedEntries(context: OperationContext, dataset: string): Promise<OfacEntry[]> {
  const repo = new SanctionsRepository(context.db);
  const version = await repo.versionId(dataset);
  return context.memo(`sanctions-entries:${dataset}@${version}`, () => repo.entries(dataset));
}

/** How a name is described when carried: its kind on the list it comes from. */
function kindWords(kind: SearchNameKind): string {
  return kind === 'primary name'
    ? 'primary name'
    : kind === 'strong alias'
      ? 'alias'
      : 'alias in the remarks';
}

/** Every name of an entry, with its kind, as the index takes them. */
function namesOf(
  entry: OfacEntry,
): { text: string; kind: SearchNameKind; aliasType?: CarriedName['aliasType'] }[] {
  return [
    { text: entry.name, kind: 'primary name' },
    ...entry.aliases.map((alias) => ({
      text: alias.name,
      kind: alias.strength === 'strong' ? ('strong alias' as const) : ('weak alias' as const),
      aliasType: alias.type,
    })),
  ];
}

/**
 * The names a party had on the stored lists older than `target`, for each entry of `target`: carried by
 * entry number, and through re-listing links (OFAC FAQ 638: a party re-listed under a new number) where the
 * old number is not on `target`. The newest older list's wording comes first; the index drops a name the
 * party already has on `target` (compared after folding), so a carried name is one `target` does not carry.
 */
export function carriedNames(
  target: { entries: readonly OfacEntry[] },
  older: readonly { date: string; entries: readonly OfacEntry[] }[],
): Map<number, CarriedName[]> {
  const carried = new Map<number, CarriedName[]>();
  const add = (to: number, entry: OfacEntry, source: (kind: SearchNameKind) => string) => {
    const list = carried.get(to) ?? [];
    for (const name of namesOf(entry)) {
      list.push({
        text: name.text,
        kind: name.kind,
        ...(name.aliasType && { aliasType: name.aliasType }),
        source: source(name.kind),
      });
    }
    carried.set(to, list);
  };
  const targetNumbers = new Set(target.entries.map((e) => e.entryNumber));
  for (const list of [...older].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))) {
    const byNumber = new Map(list.entries.map((e) => [e.entryNumber, e]));
    for (const entry of target.entries) {
      const then = byNumber.get(entry.entryNumber);
      if (then) add(entry.entryNumber, then, (kind) => `${kindWords(kind)} on the ${list.date} list`);
    }
    // Re-listed parties: old numbers gone from the target, new numbers the older list did not have.
    const gone = list.entries.filter((e) => !targetNumbers.has(e.entryNumber));
    const fresh = target.entries.filter((e) => !byNumber.has(e.entryNumber));
    if (gone.length === 0 || fresh.length === 0) continue;
    const oldByNumber = new Map(gone.map((e) => [e.entryNumber, e]));
    for (const link of linkRelistedEntries(gone, fresh)) {
      const then = oldByNumber.get(link.from)!;
      add(
        link.to,
        then,
        (kind) =>
          `${kindWords(kind)} on the ${list.date} list under entry ${link.from} (re-listed: ${link.evidence.join('; ')})`,
      );
    }
  }
  return carried;
}

/**
 * The search index of a stored snapshot, with the names carried from every older stored list, built once per
 * set of stored versions and kept by the workbench.
 */
export async function entityIndexFor(context: OperationContext, dataset: string): Promise<EntityIndex> {
  const { snapshots, versions } = await storedSnapshots(context);
  const target = snapshots.find((s) => s.dataset === dataset);
  if (!target) throw new InputError(`snapshot: no snapshot "${dataset}" is loaded`, 'snapshot');
  const older = snapshots.filter((s) => s.date < target.date && !target.date.startsWith(s.date));
  const key = [dataset, ...older.map((s) => s.dataset)]
    .map((name) => `${name}@${versions.get(name)}`)
    .join(',');
  return context.memo<EntityIndex>(`entity-index:${key}`, async () => {
    const entries = await storedEntries(context, dataset);
    const olderLists = [];
    for (const s of older)
      olderLists.push({ date: s.date, entries: await storedEntries(context, s.dataset) });
    return buildEntityIndex(entries, { carried: carriedNames({ entries }, olderLists) });
  });
}
