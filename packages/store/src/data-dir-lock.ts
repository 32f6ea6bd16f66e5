import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './database.ts';

/** A held lock on a data directory. */
export interface DataDirLock {
  release(): void;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data directory's lock file (`lockstep.pid`). A lock left by a process that is no longer running
 * is taken over; a live one is refused, naming its pid.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, 'lockstep.pid');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return {
        release() {
          rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
        throw new StoreError(
          `the data directory ${dataDir} is in use by another Lockstep process (pid ${holder}); stop it, use its API, or choose another directory with --data-dir`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new StoreError(`cannot take the lock file ${file}`);
}
