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
  const listeners = new Set<{ stop(): Promise<void> }>();
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
    listen: (channel, onNotify) => {
      const listener = listenOn(url, channel, onNotify);
      listeners.add(listener);
      return listener.started.then(() => async () => {
        listeners.delete(listener);
        await listener.stop();
      });
    },
    async close() {
      await Promise.all([...listeners].map((listener) => listener.stop()));
      listeners.clear();
      await pool.end();
    },
  };
}

/** A channel name as an SQL identifier: letters, digits and `_` only (it cannot be a parameter). */
const channelName = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A connection of its own that `LISTEN`s on `channel` (a pooled one would be handed to other work). When it
 * fails it is made again after a second, and `onNotify(undefined)` says that something may have been missed.
 */
function listenOn(
  url: string,
  channel: string,
  onNotify: (payload: string | undefined) => void,
): { started: Promise<void>; stop(): Promise<void> } {
  if (!channelName.test(channel)) throw new StoreError(`"${channel}" is not a channel name: a-z, 0-9 and _`);
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const reconnectLater = () => {
    if (stopped || retry) return;
    retry = setTimeout(async () => {
      retry = undefined;
      try {
        await connect();
        onNotify(undefined);
      } catch {
        reconnectLater();
      }
    }, 1000);
    retry.unref();
  };
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    const lost = () => {
      if (client !== next || stopped) return;
      client = undefined;
      next.end().catch(() => undefined);
      reconnectLater();
    };
    next.on('error', lost);
    next.on('end', lost);
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload);
    });
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
    } catch (error) {
      if (client === next) client = undefined;
      next.end().catch(() => undefined);
      throw error;
    }
  };
  return {
    started: connect(),
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
