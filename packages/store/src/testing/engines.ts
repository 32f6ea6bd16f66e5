import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../database.ts';
import { openPgliteDatabase } from '../pglite-database.ts';
import { openPostgresDatabase } from '../postgres-database.ts';

/** A database engine the store's test suite runs on. */
export interface TestEngine {
  readonly name: 'pglite' | 'postgres';
  /** Opens this file's database: one PGlite instance, or a fresh database on the test cluster. */
  open(): Promise<Database>;
  /** Drops everything in it, so each test starts from an empty schema. */
  reset(db: Database): Promise<void>;
  /** Closes it and drops the test database. */
  dispose(db: Database): Promise<void>;
}

async function resetSchema(db: Database): Promise<void> {
  await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
}

/** The embedded engine: one in-memory PGlite instance per test file. */
export const pgliteEngine: TestEngine = {
  name: 'pglite',
  open: () => openPgliteDatabase(),
  reset: resetSchema,
  dispose: (db) => db.close(),
};

/**
 * The server engine on the throwaway cluster at `clusterUrl` (from the test run's global setup): a database
 * of its own per test file, so files run in parallel.
 */
export function postgresEngine(clusterUrl: string | undefined, setupError: string | undefined): TestEngine {
  let database = '';
  const admin = () => new pg.Client({ connectionString: clusterUrl });
  return {
    name: 'postgres',
    async open() {
      if (!clusterUrl) throw new Error(setupError ?? 'no PostgreSQL test cluster was started');
      database = `lockstep_test_${randomBytes(6).toString('hex')}`;
      const client = admin();
      await client.connect();
      await client.query(`CREATE DATABASE ${database}`);
      await client.end();
      const url = new URL(clusterUrl);
      url.pathname = `/${database}`;
      return openPostgresDatabase(url.toString());
    },
    reset: resetSchema,
    async dispose(db) {
      await db.close();
      const client = admin();
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * A fresh database on the test cluster at `clusterUrl`, for a test that hands its URL to a process of its own
 * (`lockstep serve` with DATABASE_URL); `drop` removes it, closing whatever is still connected.
 */
export async function createTestDatabase(
  clusterUrl: string | undefined,
  setupError?: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!clusterUrl) throw new Error(setupError ?? 'no PostgreSQL test cluster was started');
  const database = `lockstep_test_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: clusterUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${database}`);
  const url = new URL(clusterUrl);
  url.pathname = `/${database}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`) };
}
