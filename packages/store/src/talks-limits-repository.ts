import type { Database, SqlExecutor } from './database.ts';

/** The attempts counted on one key within its window: how many, the newest, and the `nth` newest if asked. */
export interface CountedAttempts {
  readonly count: number;
  /** The newest counted attempt (ms since the epoch); undefined when none is counted. */
  readonly lastMs: number | undefined;
  /** The attempt `skip` places behind the newest (see `count`), when there is one. */
  readonly nthNewestMs: number | undefined;
}

/** One key to count on, already hashed (SHA-256 in hex), with the window its attempts count in. */
export interface LimitKey {
  readonly keyHash: string;
  readonly windowMs: number;
}

const pruneEvery = 500;
let sincePrune = 0;

/**
 * The talks' sign-in and refusal counts (migration 0012), shared by every server on the database. Work that
 * must see and change the counts at once runs in `locked`: one transaction holding an advisory lock per key,
 * so two attempts on the same key, through any server, are counted one after the other.
 */
export class TalksLimitsRepository {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * Runs `work` in one transaction holding a transaction-scoped advisory lock on each key (taken in one
   * order, so two callers never wait on each other), after deleting the keys' expired attempts.
   */
  static locked<T>(
    db: Database,
    keyHashes: readonly string[],
    nowMs: number,
    work: (repo: TalksLimitsRepository) => Promise<T>,
  ): Promise<T> {
    const keys = [...new Set(keyHashes)].sort();
    return db.transaction(async (tx) => {
      for (const key of keys) {
        await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('lockstep:limit:' || $1, 0))", [key]);
      }
      const repo = new TalksLimitsRepository(tx);
      await tx.query('DELETE FROM talks_limit_attempts WHERE key_hash = ANY($1) AND expires_ms <= $2', [
        keys,
        nowMs,
      ]);
      if (++sincePrune >= pruneEvery) {
        sincePrune = 0;
        await repo.pruneExpired(nowMs);
      }
      return work(repo);
    });
  }

  /** The attempts on `key` newer than `windowMs` before `nowMs`; `skip` asks for the one that far behind the newest. */
  async count(key: LimitKey, nowMs: number, skip?: number): Promise<CountedAttempts> {
    const since = nowMs - key.windowMs;
    const [row] = await this.db.query<{ count: string; last: string | null; nth: string | null }>(
      `SELECT count(*)::text AS count, max(at_ms)::text AS last,
              (SELECT at_ms::text FROM talks_limit_attempts
                WHERE key_hash = $1 AND at_ms > $2
                ORDER BY at_ms DESC, id DESC OFFSET $3 LIMIT 1) AS nth
         FROM talks_limit_attempts WHERE key_hash = $1 AND at_ms > $2`,
      [key.keyHash, since, skip ?? 0],
    );
    return {
      count: Number(row?.count ?? 0),
      lastMs: row?.last == null ? undefined : Number(row.last),
      nthNewestMs: skip === undefined || row?.nth == null ? undefined : Number(row.nth),
    };
  }

  /** Counts one attempt on each key at `atMs`; returns the rows' ids (to take them back, see `remove`). */
  async add(keys: readonly LimitKey[], atMs: number): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO talks_limit_attempts (key_hash, at_ms, expires_ms)
       SELECT k, $2::bigint, $2::bigint + w FROM unnest($1::text[], $3::bigint[]) AS t (k, w)
       RETURNING id::text AS id`,
      [keys.map((k) => k.keyHash), atMs, keys.map((k) => k.windowMs)],
    );
    return rows.map((r) => r.id);
  }

  /** Dates attempts counted by `add` at `atMs` instead (when they were found to be failures), window kept. */
  async restamp(ids: readonly string[], atMs: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(
      `UPDATE talks_limit_attempts SET expires_ms = expires_ms - at_ms + $2::bigint, at_ms = $2::bigint
        WHERE id = ANY($1::bigint[])`,
      [ids, atMs],
    );
  }

  /** Takes back attempts counted by `add` (one that turned out not to be a failure). */
  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query('DELETE FROM talks_limit_attempts WHERE id = ANY($1::bigint[])', [ids]);
  }

  /** Forgets every attempt on a key (a successful sign-in clears its account's failures). */
  async clear(keyHash: string): Promise<void> {
    await this.db.query('DELETE FROM talks_limit_attempts WHERE key_hash = $1', [keyHash]);
  }

  /** Deletes every attempt past its window, whatever its key. */
  async pruneExpired(nowMs: number): Promise<void> {
    await this.db.query('DELETE FROM talks_limit_attempts WHERE expires_ms <= $1', [nowMs]);
  }
}
