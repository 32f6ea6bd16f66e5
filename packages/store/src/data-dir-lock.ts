import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './database.ts';

/**
 * The data version of an embedded store, published in `<data-dir>/store-version.json` while no process holds
 * the directory, so that a derived cache (the CLI's answers) can tell without opening the database whether
 * what it holds was computed on the data the store holds now.
 *
 * - `version`: names the store's data: the same string only for the same data.
 * - `xid`: the next transaction id PostgreSQL would give a writing transaction when it was published.
 * - `pgControl`: `pgdata/global/pg_control` as it was after the database was shut down (a database replaced
 *   or written by anything but this store changes it).
 *
 * The lock takes the file away before its holder can write, and its release publishes it again: so the
 * file exists only while no process has the directory open, and then it is true. A process that crashes
 * leaves none. The CLI's `bin/answer-cache.js` reads it (it cannot import this package: keep the two equal).
 */
export interface StoreVersion {
  readonly version: string;
  readonly xid: string;
  readonly pgControl: { readonly ino: number; readonly size: number; readonly mtimeMs: number };
}

/** The file the store version is published in, in the data directory. */
export const storeVersionFile = 'store-version.json';

/** A held lock on a data directory. */
export interface DataDirLock {
  /** The store version published when the lock was taken, if there was one (taken away since). */
  readonly previousVersion: StoreVersion | undefined;
  /** Sets what `release` publishes: the version of the data as it will be left (none: publish nothing). */
  publishOnRelease(version: Omit<StoreVersion, 'pgControl'> | undefined): void;
  release(): void;
}

/** The locks this process holds, by data directory. */
const held = new Map<string, DataDirLock>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function pgControlOf(dataDir: string): StoreVersion['pgControl'] | undefined {
  try {
    const stat = statSync(join(dataDir, 'pgdata', 'global', 'pg_control'));
    return { ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return undefined;
  }
}

/** The published store version of `dataDir`, if there is one and it still matches the database's files. */
export function readStoreVersion(dataDir: string): StoreVersion | undefined {
  let published: StoreVersion;
  try {
    published = JSON.parse(readFileSync(join(dataDir, storeVersionFile), 'utf8')) as StoreVersion;
  } catch {
    return undefined;
  }
  const now = pgControlOf(dataDir);
  const then = published.pgControl;
  if (!now || !then || now.ino !== then.ino || now.size !== then.size || now.mtimeMs !== then.mtimeMs) {
    return undefined;
  }
  return published;
}

/** Takes the published store version away (before the holder can write); returns it if it was true. */
function withdrawStoreVersion(dataDir: string): StoreVersion | undefined {
  const previous = readStoreVersion(dataDir);
  rmSync(join(dataDir, storeVersionFile), { force: true });
  return previous;
}

function publishStoreVersion(dataDir: string, version: Omit<StoreVersion, 'pgControl'>): void {
  const pgControl = pgControlOf(dataDir);
  if (!pgControl) return;
  const file = join(dataDir, storeVersionFile);
  const temporary = `${file}.${process.pid}`;
  try {
    writeFileSync(temporary, JSON.stringify({ ...version, pgControl }));
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true }); // only a cache's key: without it, caches miss
  }
}

/**
 * Takes the data directory's lock file (`lockstep.pid`). A lock left by a process that is no longer running
 * is taken over; a live one is refused, naming its pid. The published store version is withdrawn as the lock
 * is taken and published again (if the holder says what it is) as it is released.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, 'lockstep.pid');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
        throw new StoreError(
          `the data directory ${dataDir} is in use by another Lockstep process (pid ${holder}); stop it, use its API, or choose another directory with --data-dir`,
        );
      }
      rmSync(file, { force: true });
      continue;
    }
    let previousVersion: StoreVersion | undefined;
    try {
      previousVersion = withdrawStoreVersion(dataDir);
    } catch (error) {
      rmSync(file, { force: true });
      throw error;
    }
    let toPublish: Omit<StoreVersion, 'pgControl'> | undefined;
    const lock: DataDirLock = {
      previousVersion,
      publishOnRelease(version) {
        toPublish = version;
      },
      release() {
        if (held.get(dataDir) === lock) held.delete(dataDir);
        if (toPublish) publishStoreVersion(dataDir, toPublish);
        rmSync(file, { force: true });
      },
    };
    held.set(dataDir, lock);
    return lock;
  }
  throw new StoreError(`cannot take the lock file ${file}`);
}

/** The lock this process holds on `dataDir`, if any (how `openStore` says what to publish). */
export function heldDataDirLock(dataDir: string): DataDirLock | undefined {
  return held.get(dataDir);
}
