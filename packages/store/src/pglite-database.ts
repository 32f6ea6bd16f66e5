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
 * The embedded database's one line of work. PGlite runs every statement on this thread, synchronously under
 * its promises, so left alone one pass of the event loop ran every request that had arrived to its end, and
 * since Node accepts one new connection per pass, a connection opened under load waited seconds to be
 * accepted; and each request queued behind all the others again at each of its steps (authenticate, check
 * the policy, write), so requests with more steps waited twice as long.
 *
 * Here statements outside a transaction, and whole transactions, run one at a time and one per pass of the
 * event loop (`setImmediate`), never in the callback that asked, so that connections are accepted and
 * requests read between them. What a caller asks while the work just done is being answered (its next step,
 * asked from the continuation of its last) goes before what others asked meanwhile: a request under way
 * finishes before newer ones start, so every request waits about as long as the others.
 */
export class FairGate {
  private readonly waiting: (() => void)[] = [];
  /** How many continuations were put at the head of `waiting` during the current turn. */
  private front = 0;
  /** True from the start of a turn until the event loop has run what its answer set going. */
  private inTurn = false;
  private busy = false;
  private scheduled = false;

  /** Runs `work` when its turn comes; nothing else queued here runs until it settles. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        work()
          .then(resolve, reject)
          .finally(() => {
            this.busy = false;
            this.schedule();
          });
      };
      if (this.inTurn) this.waiting.splice(this.front++, 0, start);
      else this.waiting.push(start);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.busy || this.waiting.length === 0) return;
    this.scheduled = true;
    // Both run in the same check phase, with the microtasks of the first between them: the turn is the
    // work and everything its answer sets going before control goes back to the event loop.
    setImmediate(() => {
      this.scheduled = false;
      const start = this.waiting.shift();
      if (!start) return;
      this.busy = true;
      this.inTurn = true;
      this.front = 0;
      start();
    });
    setImmediate(() => {
      this.inTurn = false;
      this.front = 0;
    });
  }
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
  const gate = new FairGate();
  return {
    kind: 'pglite',
    location: dataDir ?? 'memory',
    query: (sql, params) => gate.run(() => base.query(sql, params)),
    exec: (sql) => gate.run(() => base.exec(sql)),
    // Statements inside the transaction go straight to it: it holds the gate until it ends.
    transaction: (work) => gate.run(() => pglite.transaction((tx) => work(executor(tx)))),
    async close() {
      try {
        await gate.run(() => pglite.close());
      } finally {
        lock?.release();
      }
    },
  };
}
