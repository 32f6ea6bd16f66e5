import {
  type IsoDate,
  type OfacEntry,
  type OfacListChange,
  ofacListFromName,
  ofacListName,
  type PartialDate,
  type SdnType,
} from '@lockstep/core';
import type { SqlExecutor } from './database.ts';
import { insertRows } from './insert-rows.ts';

/** A stored OFAC list snapshot: its dataset version, list date and entries. */
export interface SanctionsSnapshot {
  /** The dataset the snapshot was loaded as (`ofac-sdn-2019-01`). */
  readonly dataset: string;
  /** The list date, to the precision known. */
  readonly date: PartialDate;
  readonly entryCount: number;
}

type EntryDetails = Omit<OfacEntry, 'entryNumber' | 'name' | 'type' | 'programs' | 'list'>;

interface EntryRow {
  entry_number: number;
  list: string;
  name: string;
  sdn_type: SdnType;
  programs: string[];
  details: EntryDetails;
}

const latestVersions = `SELECT DISTINCT ON (name) id, name, list_date FROM datasets ORDER BY name, loaded_at DESC, id DESC`;

/** OFAC list entries per snapshot, and the daily change log. */
export class SanctionsRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Stores the entries of one list snapshot (one dataset version). */
  async addEntries(datasetId: number, entries: readonly OfacEntry[]): Promise<void> {
    await insertRows(
      this.db,
      'sanctions_entries',
      ['dataset_id', 'entry_number', 'list', 'name', 'sdn_type', 'programs', 'details'],
      entries.map(({ entryNumber, name, type, programs, list, ...details }) => [
        datasetId,
        entryNumber,
        ofacListName(list),
        name,
        type,
        programs,
        JSON.stringify(details),
      ]),
    );
  }

  /** Stores the change log of one dataset version, in its order. */
  async addChanges(datasetId: number, changes: readonly OfacListChange[]): Promise<void> {
    await insertRows(
      this.db,
      'sanctions_changes',
      ['dataset_id', 'position', 'date', 'kind', 'entry_number', 'name', 'programs', 'previous_programs'],
      changes.map((c, position) => [
        datasetId,
        position,
        c.date,
        c.kind,
        c.entryNumber,
        c.name,
        c.programs,
        c.previousPrograms ?? null,
      ]),
    );
  }

  /** The snapshots loaded (newest version of each dataset that has entries), oldest list date first. */
  async snapshots(): Promise<SanctionsSnapshot[]> {
    const rows = await this.db.query<{ dataset: string; date: string; entries: number }>(
      `WITH v AS (${latestVersions})
       SELECT v.name AS dataset, v.list_date AS date, count(*)::int AS entries
       FROM v JOIN sanctions_entries e ON e.dataset_id = v.id
       GROUP BY v.name, v.list_date ORDER BY v.list_date, v.name`,
    );
    // list_date passed the catalogue's CHECK constraint, so it is a partial date.
    return rows.map((r) => ({ dataset: r.dataset, date: r.date as PartialDate, entryCount: r.entries }));
  }

  /** The newest version id of every snapshot dataset, by name, in one query: a key for derived data. */
  async snapshotVersions(): Promise<Map<string, number>> {
    const rows = await this.db.query<{ name: string; id: number }>(
      `WITH v AS (${latestVersions})
       SELECT v.name, v.id FROM v WHERE EXISTS (SELECT 1 FROM sanctions_entries e WHERE e.dataset_id = v.id)
       ORDER BY v.name`,
    );
    return new Map(rows.map((r) => [r.name, r.id]));
  }

  /** The id of the newest version of a dataset: it changes whenever a new version is loaded. */
  async versionId(dataset: string): Promise<number | undefined> {
    const [row] = await this.db.query<{ id: number }>(
      `WITH v AS (${latestVersions}) SELECT id FROM v WHERE name = $1`,
      [dataset],
    );
    return row?.id;
  }

  /** The entries of the newest version of a snapshot dataset, by list and entry number. */
  async entries(dataset: string): Promise<OfacEntry[]> {
    const rows = await this.db.query<EntryRow>(
      `WITH v AS (${latestVersions})
       SELECT e.entry_number, e.list, e.name, e.sdn_type, e.programs, e.details
       FROM sanctions_entries e JOIN v ON v.id = e.dataset_id WHERE v.name = $1
       ORDER BY e.list, e.entry_number`,
      [dataset],
    );
    return rows.map((r) => ({
      ...r.details,
      entryNumber: r.entry_number,
      name: r.name,
      type: r.sdn_type,
      programs: r.programs,
      list: ofacListFromName(r.list) ?? { kind: 'sdn' },
    }));
  }

  /** The newest loaded change log, in its order. */
  async changes(): Promise<OfacListChange[]> {
    const rows = await this.db.query<{
      date: string;
      kind: OfacListChange['kind'];
      entry_number: number;
      name: string;
      programs: string[];
      previous_programs: string[] | null;
    }>(
      `WITH v AS (${latestVersions})
       SELECT c.* FROM sanctions_changes c JOIN v ON v.id = c.dataset_id ORDER BY c.date, c.position`,
    );
    return rows.map((r) => ({
      kind: r.kind,
      date: r.date as IsoDate, // the column's CHECK constraint admits only YYYY-MM-DD
      entryNumber: r.entry_number,
      name: r.name,
      programs: r.programs,
      ...(r.previous_programs && { previousPrograms: r.previous_programs }),
    }));
  }
}
