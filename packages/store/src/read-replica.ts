import { type Database, StoreError } from './database.ts';
import { openPostgresDatabase } from './postgres-database.ts';

/**
 * Opens the pool of a read replica (`DATABASE_READ_URL`): a PostgreSQL server, often a streaming standby of
 * the primary, that answers the operations that only read stored data and may read a moment-old copy (the
 * workbench decides which). Writes, and reads that must see them (the talks, plan jobs), go to the primary.
 * A replica that cannot be reached stops the start with one sentence naming it.
 */
export async function openReadReplica(readUrl: string): Promise<Database> {
  let db: Database;
  try {
    db = await openPostgresDatabase(readUrl);
  } catch (error) {
    if (error instanceof StoreError) {
      throw new StoreError(
        error.message
          .replace(/^DATABASE_URL is not/, 'DATABASE_READ_URL is not')
          .replace(
            /^cannot reach the PostgreSQL server/,
            'cannot reach the read replica (DATABASE_READ_URL)',
          ),
      );
    }
    throw error;
  }
  const { listen: _primaryOnly, ...replica } = db;
  return { ...replica, location: `${db.location} (read replica)` };
}

/** Refuses a read replica without its primary: DATABASE_READ_URL goes with DATABASE_URL. */
export function checkReadReplicaLocation(location: {
  readonly databaseUrl?: string | undefined;
  readonly databaseReadUrl?: string | undefined;
}): void {
  if (location.databaseReadUrl && !location.databaseUrl) {
    throw new StoreError(
      'DATABASE_READ_URL is set without DATABASE_URL: a read replica serves beside a PostgreSQL primary; set DATABASE_URL too, or unset DATABASE_READ_URL',
    );
  }
}
