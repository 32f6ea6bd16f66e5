import pg from 'pg';
import { type Database, type SqlExecutor, StoreError } from './database.ts';

/** `host:port/database` of a connection URL, for messages: never the user name or password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new TypeError('protocol');
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname || '/'}`;
  } catch {
    throw new StoreError(
      'DATABASE_URL is not a PostgreSQL connection URL: expected postgres://user:password@host:port/database',
    );
  }
}

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, [...params]);
      return result.rows as Row[]; // pg returns untyped rows; the caller's SQL fixes their shape
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/**
 * Connects to the PostgreSQL server at `url` and checks that it answers. A server that cannot be reached
 * stops here with one sentence naming the host, never the password.
 */
export async function openPostgresDatabase(url: string): Promise<Database> {
  const location = describeDatabaseUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it and the next query reports any failure.
  });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message.split('\n')[0];
    throw new StoreError(`cannot reach the PostgreSQL server at ${location} (${reason})`);
  }
  return {
    kind: 'postgres',
    location,
    ...executor(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
