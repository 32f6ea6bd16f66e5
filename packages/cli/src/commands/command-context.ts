import type { Workbench } from '@lockstep/app';
import type { Io } from '../output.ts';

/** What every command is given. */
export interface CommandContext {
  readonly io: Io;
  /** Sets the exit status for a command that ran but whose answer is negative (a plan that fails its check). */
  setExitCode(code: number): void;
  /**
   * Opens the workbench on the selected store (initialising it on first use), runs `work`, closes it.
   * `keepAnswer`: `work` only reads, and what the command prints depends only on its arguments, the code and
   * the stored data, so the answer may be kept in the answer cache (bin/answer-cache.js).
   */
  withWorkbench<T>(
    work: (workbench: Workbench) => Promise<T>,
    options?: {
      readonly keepAnswer?: boolean;
      /**
       * With `keepAnswer`: after `work`, while the workbench is open, prepares something to keep in the data
       * directory (the entity pack); it is written once the store is closed.
       */
      readonly keep?: (workbench: Workbench) => Promise<KeepAfterClose | undefined>;
    },
  ): Promise<T>;
  /** Opens the workbench for a long-running command; the caller closes it. */
  openWorkbench(): Promise<Workbench>;
}

/**
 * Writes what a read-only command keeps in the data directory, given where its answer was computed: the
 * embedded store's directory and its next transaction id (the store must have published that same version).
 */
export type KeepAfterClose = (point: { readonly dataDir: string; readonly xid: string }) => void;
