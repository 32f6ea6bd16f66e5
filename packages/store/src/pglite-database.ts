import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import { type Database, type SqlExecutor, StoreError } from './database.ts';

interface PgliteLike {
  query<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  exec(sql: string): Promise<unknown>;
}

function executor(db: PgliteLike): SqlExecutor {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await db.query<Row>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

/**
 * Opens the embedded PGlite database in `dataDir` (created if missing), or an in-memory one when `dataDir`
 * is undefined (tests). Only one process may open a data directory at a time: a second one is refused with
 * the first one's pid rather than risk corrupting the files.
 */
export async function openPgliteDatabase(dataDir?: string): Promise<Database> {
  let lock: DataDirLock | undefined;
  if (dataDir !== undefined) {
    mkdirSync(dataDir, { recursive: true });
    lock = lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir === undefined ? undefined : `${dataDir}/pgdata`);
  } catch (error) {
    lock?.release();
    throw new StoreError(`cannot open the embedded database in ${dataDir}: ${(error as Error).message}`);
  }
  const base = executor(pglite);
  return {
    kind: 'pglite',
    location: dataDir ?? 'memory',
    ...base,
    transaction: (work) => pglite.transaction((tx) => work(executor(tx))),
    async close() {
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
