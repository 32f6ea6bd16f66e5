import type { Database } from './database.ts';
import { type MigrationReport, migrate } from './migrate.ts';
import { openPgliteDatabase } from './pglite-database.ts';
import { openPostgresDatabase } from './postgres-database.ts';

/** Where the store lives: a PostgreSQL server when `databaseUrl` is set, else PGlite in `dataDir`. */
export interface StoreLocation {
  readonly databaseUrl?: string | undefined;
  /** Data directory of the embedded database; undefined means in memory. */
  readonly dataDir?: string | undefined;
}

/** Opens the store's database and brings its schema up to date. */
export async function openStore(
  location: StoreLocation,
): Promise<{ db: Database; migrations: MigrationReport }> {
  const db = location.databaseUrl
    ? await openPostgresDatabase(location.databaseUrl)
    : await openPgliteDatabase(location.dataDir);
  try {
    return { db, migrations: await migrate(db) };
  } catch (error) {
    await db.close();
    throw error;
  }
}
