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
  close(): Promise<void>;
}

/** A store that cannot be opened or used; the message is one sentence a user can act on. */
export class StoreError extends Error {
  override name = 'StoreError';
}
