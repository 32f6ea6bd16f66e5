/** Runs SQL. Parameters are positional (`$1`, `$2`...), never spliced into the text. */
export interface SqlExecutor {
  /** Runs one statement and returns its rows. */
  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** Which engine a store runs on: the same SQL and the same tests run on both. */
export type DatabaseKind = 'pglite' | 'postgres';

/** A connection to the store's database, embedded (PGlite) or a PostgreSQL server. */
export interface Database extends SqlExecutor {
  readonly kind: DatabaseKind;
  /** Where the data lives, for messages: a directory, or host:port/database (never a password). */
  readonly location: string;
  /** Runs `work` in one transaction: all of it is committed, or none of it if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` with the payload of each `NOTIFY` on `channel`, from any process on the same database
   * (PostgreSQL only: an embedded store has one process). After the connection was lost and made again, it is
   * called with `undefined`: notifications may have been missed meanwhile. Resolves to the function that stops.
   */
  listen?(channel: string, onNotify: (payload: string | undefined) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** A store that cannot be opened or used; the message is one sentence a user can act on. */
export class StoreError extends Error {
  override name = 'StoreError';
}
