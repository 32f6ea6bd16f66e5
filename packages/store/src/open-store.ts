import { randomUUID } from 'node:crypto';
import { heldDataDirLock } from './data-dir-lock.ts';
import type { Database } from './database.ts';
import { type MigrationReport, migrate } from './migrate.ts';
import { openPgliteDatabase } from './pglite-database.ts';
import { openPostgresDatabase } from './postgres-database.ts';
import { checkReadReplicaLocation, openReadReplica } from './read-replica.ts';

/** Where the store lives: a PostgreSQL server when `databaseUrl` is set, else PGlite in `dataDir`. */
export interface StoreLocation {
  readonly databaseUrl?: string | undefined;
  /** A read replica of that server (DATABASE_READ_URL) for the operations that only read; only with `databaseUrl`. */
  readonly databaseReadUrl?: string | undefined;
  /** Data directory of the embedded database; undefined means in memory. */
  readonly dataDir?: string | undefined;
}

/**
 * The database's identity and the next transaction id it would give out. PostgreSQL gives a transaction an
 * id when it first writes (reads, and a migration check that finds nothing to do, take none), so while the
 * next id stays the same the data has not changed.
 */
export const dataVersionSql =
  'SELECT system_identifier::text AS system, pg_snapshot_xmax(pg_current_snapshot())::text AS xid FROM pg_control_system()';

async function dataVersionOf(db: Database): Promise<{ system: string; xid: string }> {
  const [row] = await db.query<{ system: string; xid: string }>(dataVersionSql);
  return row!;
}

/**
 * An embedded store in a data directory that publishes its data version as it closes (see `StoreVersion`
 * in data-dir-lock.ts): the version it found if nothing was written since, else a new one.
 */
async function publishingDataVersion(db: Database, dataDir: string): Promise<Database> {
  const lock = heldDataDirLock(dataDir);
  if (!lock) return db;
  const opened = await dataVersionOf(db);
  const previous = lock.previousVersion;
  return {
    kind: db.kind,
    location: db.location,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    transaction: (work) => db.transaction(work),
    async close() {
      try {
        const now = await dataVersionOf(db);
        const unchanged =
          previous?.version.startsWith(`${now.system}:`) === true &&
          previous.xid === opened.xid &&
          now.xid === opened.xid;
        lock.publishOnRelease(
          unchanged
            ? { version: previous.version, xid: previous.xid }
            : { version: `${now.system}:${now.xid}:${randomUUID()}`, xid: now.xid },
        );
      } catch {
        lock.publishOnRelease(undefined); // no version known: nothing is published, caches miss
      }
      await db.close();
    },
  };
}

/**
 * Opens the store's database and brings its schema up to date; with `databaseReadUrl`, opens the read
 * replica's pool too (`readDb`), once the primary is migrated.
 */
export async function openStore(
  location: StoreLocation,
): Promise<{ db: Database; readDb?: Database; migrations: MigrationReport }> {
  checkReadReplicaLocation(location);
  let db = location.databaseUrl
    ? await openPostgresDatabase(location.databaseUrl)
    : await openPgliteDatabase(location.dataDir);
  try {
    if (!location.databaseUrl && location.dataDir !== undefined) {
      db = await publishingDataVersion(db, location.dataDir);
    }
    const migrations = await migrate(db);
    const readDb = location.databaseReadUrl ? await openReadReplica(location.databaseReadUrl) : undefined;
    return { db, ...(readDb ? { readDb } : {}), migrations };
  } catch (error) {
    await db.close();
    throw error;
  }
}
