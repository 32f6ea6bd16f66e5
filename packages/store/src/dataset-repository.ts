import type {
  DatasetDomain,
  DatasetRecord,
  DatasetSpec,
  LoadedDatasetFile,
  PartialDate,
} from '@lockstep/core';
import type { SqlExecutor } from './database.ts';
import { insertRows } from './insert-rows.ts';

/** A dataset version ready to record: the manifest's description plus what loading found in its files. */
export interface NewDataset extends Omit<DatasetSpec, 'files'> {
  readonly sha256: string;
  readonly rowCount: number;
  readonly files: readonly LoadedDatasetFile[];
}

interface DatasetRow {
  id: number;
  name: string;
  title: string;
  domain: DatasetDomain;
  source: string;
  list_date: string;
  date_basis: string;
  provenance: string;
  sha256: string;
  row_count: number;
  loaded_at: Date | string;
}

interface FileRow {
  dataset_id: number;
  path: string;
  format: LoadedDatasetFile['format'];
  role: string;
  sha256: string;
  bytes: string | number;
  row_count: number;
}

/** The catalogue of loaded datasets. */
export class DatasetRepository {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * Waits for, then holds until the transaction ends, the advisory lock on the dataset `name`: two servers
   * importing the same list at once take turns, and the second, checking `has` under the lock, finds the
   * first's version and stores nothing. Only inside a transaction (a lone statement would let it go at once).
   */
  async lockName(name: string): Promise<void> {
    await this.db.query("SELECT pg_advisory_xact_lock(hashtextextended('lockstep:dataset:' || $1, 0))", [
      name,
    ]);
  }

  /**
   * A cheap stamp of the stored data: it changes with every import, by any process (each adds a dataset
   * version; none is deleted, and the count would tell if one were), so a cached answer computed under one
   * stamp is stale once it changes.
   */
  async dataStamp(): Promise<string> {
    const [row] = await this.db.query<{ stamp: string }>(
      "SELECT coalesce(max(id), 0)::text || ':' || count(*)::text AS stamp FROM datasets",
    );
    return row?.stamp ?? '0:0';
  }

  /** Whether this exact version (name and content hash) of a dataset is already loaded. */
  async has(name: string, sha256: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM datasets WHERE name = $1 AND sha256 = $2', [
      name,
      sha256,
    ]);
    return rows.length > 0;
  }

  /** Records a dataset version and its files; returns the version's id, which its imported rows cite. */
  async add(dataset: NewDataset): Promise<number> {
    const [row] = await this.db.query<{ id: number }>(
      `INSERT INTO datasets (name, title, domain, source, list_date, date_basis, provenance, sha256, row_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        dataset.name,
        dataset.title,
        dataset.domain,
        dataset.source,
        dataset.date,
        dataset.dateBasis,
        dataset.provenance,
        dataset.sha256,
        dataset.rowCount,
      ],
    );
    await insertRows(
      this.db,
      'dataset_files',
      ['dataset_id', 'position', 'path', 'format', 'role', 'sha256', 'bytes', 'row_count'],
      dataset.files.map((file, position) => [
        row!.id,
        position,
        file.path,
        file.format,
        file.role,
        file.sha256,
        file.bytes,
        file.rowCount,
      ]),
    );
    return row!.id;
  }

  /**
   * The newest loaded version of each dataset, optionally of one domain, ordered by domain, then date,
   * then name.
   */
  async listLatest(filter: { domain?: DatasetDomain } = {}): Promise<DatasetRecord[]> {
    const rows = await this.db.query<DatasetRow>(
      `SELECT DISTINCT ON (name) * FROM datasets
       WHERE ($1::text IS NULL OR domain = $1)
       ORDER BY name, loaded_at DESC, id DESC`,
      [filter.domain ?? null],
    );
    if (rows.length === 0) return [];
    const files = await this.db.query<FileRow>(
      'SELECT * FROM dataset_files WHERE dataset_id = ANY($1::int[]) ORDER BY dataset_id, position',
      [rows.map((r) => r.id)],
    );
    return rows
      .map((r) => toRecord(r, files))
      .sort(
        (a, b) =>
          a.domain.localeCompare(b.domain) || a.date.localeCompare(b.date) || a.name.localeCompare(b.name),
      );
  }
}

function toRecord(row: DatasetRow, files: readonly FileRow[]): DatasetRecord {
  return {
    name: row.name,
    title: row.title,
    domain: row.domain,
    source: row.source,
    date: row.list_date as PartialDate, // the column's CHECK constraint admits only partial dates
    dateBasis: row.date_basis,
    provenance: row.provenance,
    sha256: row.sha256,
    rowCount: row.row_count,
    loadedAt: new Date(row.loaded_at).toISOString(),
    files: files
      .filter((f) => f.dataset_id === row.id)
      .map((f) => ({
        path: f.path,
        format: f.format,
        role: f.role,
        sha256: f.sha256,
        bytes: Number(f.bytes),
        rowCount: f.row_count,
      })),
  };
}
